import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// The own account (password, sessions), one-time passwords and the support contact in the read and write matrices.
// A password change ends the actor's other sessions, the matrix's own API token among them: the rows prove access
// with a mismatched confirmation (422), and AccountTests checks the change itself. Ending all other sessions has no
// row for the same reason (`WriteMatrix.excluded`).

extension MatrixFixture {
    /// A fresh API token: "own" belongs to the case's account, "other" to Tân Lập's officer (nobody here).
    func sessionToken(_ scope: MatrixScope) async throws -> Int {
        let username = scope == .other ? "tanlap" : role.rawValue
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == username).first())
        let token = AuthTokenModel(
            kind: .api, tokenHash: Secrets.sha256(Secrets.token()), userID: try user.requireID(), csrfToken: nil,
            expiresAt: Date().addingTimeInterval(3600))
        try await token.create(on: app.db)
        return try token.requireID()
    }
}

extension WriteMatrix {
    static let ownSession = Expect(own: "A A A A A A", other: "N N N N N N")
    static let passwordMismatch = [
        ("currentPassword", "khong-quan-trong"), ("newPassword", "mat-khau-moi-ma-tran"),
        ("confirmPassword", "mat-khau-khac-ma-tran"),
    ]

    static let accounts: [WriteRow] = [
        WriteRow(.POST, "/app/tai-khoan/mat-khau", any: ReadMatrix.everyone) { _, _ in
            .form("/app/tai-khoan/mat-khau", passwordMismatch)
        }.also(422),
        WriteRow(.POST, "/api/v1/me/password", any: ReadMatrix.everyone) { _, _ in
            .json("/api/v1/me/password", form: passwordMismatch)
        }.also(422),
        WriteRow(.POST, "/app/tai-khoan/phien/:id/ket-thuc", ownSession) { fx, s in
            .form("/app/tai-khoan/phien/\(try await fx.sessionToken(s))/ket-thuc")
        },
        WriteRow(.DELETE, "/api/v1/me/sessions/:id", ownSession) { fx, s in
            .bare("/api/v1/me/sessions/\(try await fx.sessionToken(s))")
        },
        // A one-time password (Policy .user, update): the accounts a role may update.
        WriteRow(.POST, "/app/users/:id/reset-password", account) { fx, s in
            .form("/app/users/\(try await fx.user(s).id)/reset-password")
        },
        WriteRow(.POST, "/api/v1/users/:id/password-reset", account) { fx, s in
            .bare("/api/v1/users/\(try await fx.user(s).id)/password-reset")
        },
        // The support contact (Policy .settings): the administrator only.
        WriteRow(.POST, "/app/ho-tro", any: "A F F F F F") { fx, _ in
            .form(
                "/app/ho-tro",
                [
                    ("name", "Bộ phận một cửa \(fx.next())"), ("phone", "0260 3820 123"),
                    ("email", "hotro@konray.gov.vn"), ("hours", "7:30–17:00"), ("note", ""),
                ])
        },
    ]
}

extension ReadMatrix {
    static let accountReads: [ReadRow] = [
        ReadRow("/app/tai-khoan", any: everyone) { _, _ in .page("/app/tai-khoan") },
        ReadRow("/app/tai-khoan/mat-khau", any: everyone) { _, _ in .page("/app/tai-khoan/mat-khau") },
        ReadRow("/api/v1/me/sessions", any: everyone) { _, _ in .page("/api/v1/me/sessions") },
        ReadRow("/app/huong-dan", any: everyone) { _, _ in .page("/app/huong-dan") },
        ReadRow("/app/huong-dan/:topic", any: everyone) { _, _ in .page("/app/huong-dan/dang-ky") },
        ReadRow("/app/ho-tro", any: everyone) { _, _ in .page("/app/ho-tro") },
        ReadRow("/app/ho-tro/sua", any: "A F F F F F") { _, _ in .page("/app/ho-tro/sua") },
    ]
}
