import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// Clusters and blocks (issue 16, item 3) in the read and write matrices. Every case works on the demo's
// "Cụm thi đua các xã, thị trấn" for 2025; "own" is its member Đăk Ruồng (dakruong's unit), "other" its member Tân Lập.
// Policy .groupWork: the standing office does everything, a council member reads (403 on writes), a member writes
// its own submission and pledge and is refused the board and the office's writes (403), the year's head reads its
// members; a unit outside the group (Giáo dục) and the editor get 404.
// The board, scores and ranking rows run on two other years: "own" is 2024, headed by Đăk Ruồng (dakruong's unit:
// the head reads), "other" is 2023, headed by Tân Lập (dakruong is a member, not the head: 403).

extension MatrixFixture {
    func cumXa() async throws -> Int {
        try #require(try await UnitGroupModel.query(on: app.db).filter(\.$code == "CUM-XA").first()?.id)
    }

    func groupMember(_ scope: MatrixScope) async throws -> Int {
        try await unitID(code: scope == .other ? "KR-TANLAP" : "KR-DAKRUONG")
    }

    /// A fresh 2025 registration of the scope's member, to list as an exemplar.
    func groupExemplar(_ scope: MatrixScope) async throws -> Int {
        let n = next()
        let res = try await admin.registerIndividual(
            "Người cụm \(n)", unit: try await groupMember(scope), title: "Điển hình cụm \(n)", movementIDs: [])
        guard let id = try res.jsonObject()["id"] as? Int else { throw MatrixFixtureError("registration: \(res.text)") }
        return id
    }

    /// The scope's member has a submission waiting (made by the system account): its plan file's id. An accepted
    /// one (from an earlier accept case) is returned first, as the office would, so it can be submitted again.
    func groupSubmission(_ scope: MatrixScope) async throws -> (unit: Int, fileID: Int) {
        let unit = try await groupSubmittable(scope)
        let sub = try await GroupWorkService.submit(
            try await cumXa(), year: 2025, unitID: unit,
            GroupSubmissionInput(
                filename: "ke-hoach.pdf", bytes: Fields.pdf, exemplarIDs: [try await groupExemplar(scope)]),
            actor: system, app: app, on: app.db)
        return (unit, sub.planFileID)
    }

    /// The scope's member, its 2025 submission (if an earlier accept case accepted it) returned by the office so
    /// that it may be submitted again.
    func groupSubmittable(_ scope: MatrixScope) async throws -> Int {
        let unit = try await groupMember(scope)
        let existing = try await GroupSubmissionModel.query(on: app.db).filter(\.$unit.$id == unit)
            .filter(\.$year == 2025).first()
        if existing?.status == .accepted {
            _ = try await GroupWorkService.returnSubmission(
                try await cumXa(), year: 2025, unitID: unit, reason: "Trả lại để thử nộp lại.", actor: system,
                on: app.db)
        }
        return unit
    }

    func groupYearPath() async throws -> String { "/app/groups/\(try await cumXa())/year/2025" }

    /// The year of the head cases: "own" 2024, headed by Đăk Ruồng; "other" 2023, headed by Tân Lập (set by the
    /// system account, so no role's own write is involved).
    func groupHeadYear(_ scope: MatrixScope) async throws -> Int {
        let year = scope == .other ? 2023 : 2024
        _ = try await GroupWorkService.setHead(
            try await cumXa(), year: year,
            unitID: try await unitID(code: scope == .other ? "KR-TANLAP" : "KR-DAKRUONG"), actor: system, on: app.db)
        return year
    }
    func groupHeadPath(_ scope: MatrixScope) async throws -> String {
        "/app/groups/\(try await cumXa())/year/\(try await groupHeadYear(scope))"
    }
    func groupHeadAPI(_ scope: MatrixScope) async throws -> String {
        "/api/v1/groups/\(try await cumXa())/years/\(try await groupHeadYear(scope))"
    }
    func groupYearAPI() async throws -> String { "/api/v1/groups/\(try await cumXa())/years/2025" }
}

extension WriteMatrix {
    /// The office's writes of a group's year (deadline, head, returns, scores).
    static let groupOffice = "A A F N F N"
    /// A member's own submission and pledge.
    static let groupMemberWrite = Expect(own: "A A F N A N", other: "A A F N N N")
    static let groupReturn = Expect(own: "A A F N F N", other: "A A F N N N")

    static let groupWorkWrites: [WriteRow] = [
        WriteRow(.POST, "/app/groups/:id/year/:year/deadline", any: groupOffice) { fx, _ in
            .form("\(try await fx.groupYearPath())/deadline", [("deadline", "31/03/2025")])
        },
        WriteRow(.POST, "/app/groups/:id/year/:year/head", any: groupOffice) { fx, _ in
            .form(
                "\(try await fx.groupYearPath())/head", [("headUnitID", String(try await fx.unitID(code: "KR-DAKRVE")))]
            )
        },
        WriteRow(.POST, "/app/groups/:id/year/:year/members/:unitID/submit", groupMemberWrite) { fx, s in
            MatrixCall(
                path: "\(try await fx.groupYearPath())/members/\(try await fx.groupSubmittable(s))/submit",
                body: .upload(
                    fields: [("exemplarIDs[]", String(try await fx.groupExemplar(s)))], filename: "ke-hoach.pdf",
                    type: "application/pdf", bytes: Fields.pdf))
        },
        WriteRow(.POST, "/app/groups/:id/year/:year/members/:unitID/pledge", groupMemberWrite) { fx, s in
            .pdf(
                "\(try await fx.groupYearPath())/members/\(try await fx.groupMember(s))/pledge",
                [("signedOn", "15/01/2025"), ("signer", "Người ký thử")])
        },
        WriteRow(.POST, "/app/groups/:id/year/:year/members/:unitID/return", groupReturn) { fx, s in
            .form(
                "\(try await fx.groupYearPath())/members/\(try await fx.groupSubmission(s).unit)/return",
                [("reason", "Thiếu chữ ký.")])
        },
        WriteRow(.POST, "/app/groups/:id/year/:year/members/:unitID/accept", groupReturn) { fx, s in
            .form("\(try await fx.groupYearPath())/members/\(try await fx.groupSubmission(s).unit)/accept", [])
        },
        WriteRow(.POST, "/app/groups/:id/year/:year/scores", any: groupOffice) { fx, _ in
            .form(
                "\(try await fx.groupYearPath())/scores",
                [(GroupWorkService.field(unit: try await fx.groupMember(.own), criterion: "nhiem-vu"), "40")])
        },
        WriteRow(.PUT, "/api/v1/groups/:id/years/:year/deadline", any: groupOffice) { fx, _ in
            .json("\(try await fx.groupYearAPI())/deadline", ["deadline": "31/03/2025"])
        },
        WriteRow(.PUT, "/api/v1/groups/:id/years/:year/head", any: groupOffice) { fx, _ in
            .json("\(try await fx.groupYearAPI())/head", ["headUnitID": try await fx.unitID(code: "KR-DAKRVE")])
        },
        WriteRow(.POST, "/api/v1/groups/:id/years/:year/members/:unitID/submission", groupMemberWrite) { fx, s in
            .pdf(
                "\(try await fx.groupYearAPI())/members/\(try await fx.groupSubmittable(s))/submission",
                [("exemplarIDs", String(try await fx.groupExemplar(s)))])
        },
        WriteRow(.POST, "/api/v1/groups/:id/years/:year/members/:unitID/return", groupReturn) { fx, s in
            .json(
                "\(try await fx.groupYearAPI())/members/\(try await fx.groupSubmission(s).unit)/return",
                ["reason": "Thiếu chữ ký."])
        },
        WriteRow(.POST, "/api/v1/groups/:id/years/:year/members/:unitID/accept", groupReturn) { fx, s in
            .json("\(try await fx.groupYearAPI())/members/\(try await fx.groupSubmission(s).unit)/accept", [:])
        },
        WriteRow(.POST, "/api/v1/groups/:id/years/:year/members/:unitID/pledge", groupMemberWrite) { fx, s in
            .pdf(
                "\(try await fx.groupYearAPI())/members/\(try await fx.groupMember(s))/pledge",
                [("signedOn", "15/01/2025"), ("signer", "Người ký thử")])
        },
        WriteRow(.PUT, "/api/v1/groups/:id/years/:year/scores", any: groupOffice) { fx, _ in
            .json(
                "\(try await fx.groupYearAPI())/scores",
                ["scores": [["unitID": try await fx.groupMember(.own), "criterion": "nhiem-vu", "points": "40"]]])
        },
    ]
}

extension ReadMatrix {
    /// The board, the scores and the ranking: the office, the council, the year's head (own: dakruong's unit heads
    /// 2024); a member not heading the group that year 403 (other: Tân Lập heads 2023); a unit outside it 404.
    static let groupBoard = Expect(own: "A A A N A N", other: "A A A N F N")
    /// A member's own record (its page, its files): the member itself too; another member's is 404 to it.
    static let groupMemberRead = Expect(own: "A A A N A N", other: "A A A N N N")

    static let groupWorkReads: [ReadRow] = [
        ReadRow("/app/group-work", any: everyone) { _, _ in .page("/app/group-work?year=2025") },
        ReadRow("/app/groups/:id/year/:year", groupBoard) { fx, s in .page(try await fx.groupHeadPath(s)) },
        ReadRow("/app/groups/:id/year/:year/members/:unitID", groupMemberRead) { fx, s in
            .page("\(try await fx.groupYearPath())/members/\(try await fx.groupMember(s))")
        },
        ReadRow("/app/groups/:id/year/:year/scores", groupBoard) { fx, s in
            .page("\(try await fx.groupHeadPath(s))/scores")
        },
        ReadRow("/app/group-files/:id", groupMemberRead) { fx, s in
            .page("/app/group-files/\(try await fx.groupSubmission(s).fileID)")
        },
        ReadRow("/api/v1/groups/:id/years/:year", groupBoard) { fx, s in .page(try await fx.groupHeadAPI(s)) },
        ReadRow("/api/v1/groups/:id/years/:year/members/:unitID", groupMemberRead) { fx, s in
            .page("\(try await fx.groupYearAPI())/members/\(try await fx.groupMember(s))")
        },
        ReadRow("/api/v1/groups/:id/years/:year/ranking", groupBoard) { fx, s in
            .page("\(try await fx.groupHeadAPI(s))/ranking")
        },
        ReadRow("/api/v1/group-files/:id", groupMemberRead) { fx, s in
            .page("/api/v1/group-files/\(try await fx.groupSubmission(s).fileID)")
        },
    ]
}
