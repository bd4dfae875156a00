import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// Inboxes in the read and write matrices: a notice is read and marked read by whom it is addressed to, whatever
// the role (the administrator included); anyone else gets 404, and a listing leaves it out.

extension MatrixFixture {
    /// A fresh notice: "own" is addressed to the case's account, "other" to Tân Lập (a unit nobody here belongs to).
    func notice(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        let marker = "Thông báo ma trận \(next())"
        let recipient: NoticeRecipient
        if scope == .other {
            recipient = .unit(try await unit(.other))
        } else {
            let user = try await UserModel.query(on: app.db).filter(\.$username == role.rawValue).first()
            recipient = .user(try #require(user?.id))
        }
        try await Notices.emit(
            .dossierReturned, to: [recipient], title: marker, body: "Nội dung thử.", link: DossiersPath.list,
            on: app.db)
        let n = try await NoticeModel.query(on: app.db).filter(\.$title == marker).first()
        return (try #require(n?.id), marker)
    }
}

extension WriteMatrix {
    /// Marking a notice read: its addressee only (404 for everybody else).
    static let noticeRead = Expect(own: "A A A A A A", other: "N N N N N N")

    static let notices: [WriteRow] = [
        WriteRow(.POST, "/app/notices/:id/read", noticeRead) { fx, s in
            .form("/app/notices/\(try await fx.notice(s).id)/read")
        },
        WriteRow(.POST, "/app/notices/read-all", any: "A A A A A A") { _, _ in .form("/app/notices/read-all") },
        WriteRow(.POST, "/api/v1/notices/:id/read", noticeRead) { fx, s in
            .bare("/api/v1/notices/\(try await fx.notice(s).id)/read")
        },
    ]
}

extension ReadMatrix {
    /// An inbox lists its addressee's notices and leaves out everybody else's.
    static let noticeList = Expect(own: everyone, other: "H H H H H H")

    static let noticeReads: [ReadRow] = [
        ReadRow("/app/notices", noticeList) { fx, s in
            let n = try await fx.notice(s)
            return .list("/app/notices", n.marker)
        },
        ReadRow("/api/v1/notices", noticeList) { fx, s in
            let n = try await fx.notice(s)
            return .list("/api/v1/notices", n.marker)
        },
    ]
}
