/// Signing in and out in the browser.
enum AuthPath: SitePath {
    case login
    case logout

    var segments: [PathSegment] {
        switch self {
        case .login: ["dang-nhap"]
        case .logout: ["dang-xuat"]
        }
    }
}
