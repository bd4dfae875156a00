/// The signed-in person's own account: their password and their sessions.
enum AccountPath: SitePath {
    case account
    case password
    case endSession(Param)
    case endOthers

    var segments: [PathSegment] {
        switch self {
        case .account: ["app", "tai-khoan"]
        case .password: ["app", "tai-khoan", "mat-khau"]
        case .endSession(let id): ["app", "tai-khoan", "phien", .param("id", id), "ket-thuc"]
        case .endOthers: ["app", "tai-khoan", "phien", "ket-thuc-khac"]
        }
    }
}

/// What the administrator and the standing office do to someone else's account beyond editing it.
enum UserAdminPath: SitePath {
    case resetPassword(Param)

    var segments: [PathSegment] {
        switch self {
        case .resetPassword(let id): ["app", "users", .param("id", id), "reset-password"]
        }
    }
}
