import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// The media log and citizens' proposals in the read and write matrices (issue 10 §3, §6).
// Media (Policy .mediaEntry, by the subject's unit): unit-record rules, and the editor reads and writes the coverage
// of the subjects in its own subtree. Proposals (Policy .proposal, by the unit concerned): that unit's officers
// (and lead agencies of it), the standing office; the council and the editor do not see the queue (404).

extension MatrixFixture {
    /// A fresh coverage of the scope's marked subject; its title holds the marker.
    func mediaEntry(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        let subject = try await markedRegistration(scope).subjectID
        let m = "Tin ma trận \(marker())"
        let e = try await MediaService.create(
            MediaInput(
                subjectID: subject, outletKind: "radio", outletName: "Đài Phát thanh huyện", date: "12/05/2025",
                link: nil, note: "Bản tin 18 giờ", title: m),
            actor: system, on: app.db)
        return (try e.requireID(), m)
    }

    /// The fields of a new coverage of the scope's marked subject.
    func mediaFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        [
            ("subjectID", String(try await markedRegistration(scope).subjectID)), ("outletKind", "print"),
            ("outletName", "Báo Kon Tum"), ("date", "03/04/2025"), ("title", "Tin ghi \(next())"),
            ("link", "https://baokontum.com.vn/tin"), ("note", ""),
        ]
    }

    /// A fresh new proposal for the scope's unit; its subject's name holds the marker.
    func proposal(_ scope: MatrixScope) async throws -> (id: Int, marker: String) {
        let unitID = try await unit(scope)
        let u = try #require(try await UnitModel.find(unitID, on: app.db))
        let p = ProposalModel(newFor: unitID, unitPath: u.path)
        p.subjectName = "Giới thiệu \(marker())"
        p.subjectKind = SubjectKind.household.rawValue
        p.achievements = "Nuôi cá lồng."
        p.proposerName = "Y Hoa"
        p.proposerPhone = "0905123456"
        p.proposerEmail = ""
        p.consentContact = true
        p.decisionReason = ""
        p.submittedAt = Date()
        try await p.create(on: app.db)
        return (try p.requireID(), p.subjectName)
    }
}

extension WriteMatrix {
    static let mediaWrite = Expect(own: "A A F A A A", other: "A A F N N N")
    static let proposalMove = Expect(own: "A A N A A N", other: "A A N N N N")

    static let mediaProposalWrites: [WriteRow] = [
        WriteRow(.POST, "/app/media", mediaWrite) { fx, s in .form("/app/media", try await fx.mediaFields(s)) },
        WriteRow(.POST, "/app/media/:id", mediaWrite) { fx, s in
            .form("/app/media/\(try await fx.mediaEntry(s).id)", try await fx.mediaFields(s))
        },
        WriteRow(.POST, "/app/media/:id/delete", mediaWrite) { fx, s in
            .form("/app/media/\(try await fx.mediaEntry(s).id)/delete")
        },
        WriteRow(.POST, "/api/v1/media", mediaWrite) { fx, s in
            .json("/api/v1/media", form: try await fx.mediaFields(s))
        },
        WriteRow(.PUT, "/api/v1/media/:id", mediaWrite) { fx, s in
            .json("/api/v1/media/\(try await fx.mediaEntry(s).id)", form: try await fx.mediaFields(s))
        },
        WriteRow(.DELETE, "/api/v1/media/:id", mediaWrite) { fx, s in
            .bare("/api/v1/media/\(try await fx.mediaEntry(s).id)")
        },
        WriteRow(.POST, "/app/proposals/:id/move", proposalMove) { fx, s in
            .form("/app/proposals/\(try await fx.proposal(s).id)/move", [("status", "accepted"), ("reason", "")])
        },
        WriteRow(.POST, "/api/v1/proposals/:id/move", proposalMove) { fx, s in
            .json("/api/v1/proposals/\(try await fx.proposal(s).id)/move", ["status": "accepted"])
        },
    ]
}

extension ReadMatrix {
    static let mediaRead = Expect(own: "A A A A A A", other: "A A A N N N")
    static let mediaList = Expect(own: "A A A A A A", other: "A A A H H H")
    static let proposalRead = Expect(own: "A A N A A N", other: "A A N N N N")
    static let proposalList = Expect(own: "A A H A A H", other: "A A H H H H")

    static let mediaProposalReads: [ReadRow] = [
        ReadRow("/app/media", mediaList) { fx, s in
            let e = try await fx.mediaEntry(s)
            return .list("/app/media?year=2025", e.marker)
        },
        ReadRow("/app/media/:id", mediaRead) { fx, s in .page("/app/media/\(try await fx.mediaEntry(s).id)") },
        ReadRow("/api/v1/media", mediaList) { fx, s in
            let e = try await fx.mediaEntry(s)
            return .list("/api/v1/media?year=2025", e.marker)
        },
        ReadRow("/api/v1/media/:id", mediaRead) { fx, s in .page("/api/v1/media/\(try await fx.mediaEntry(s).id)") },
        ReadRow("/app/proposals", proposalList) { fx, s in
            let p = try await fx.proposal(s)
            return .list("/app/proposals", p.marker)
        },
        ReadRow("/app/proposals/:id", proposalRead) { fx, s in .page("/app/proposals/\(try await fx.proposal(s).id)") },
        ReadRow("/api/v1/proposals", proposalList) { fx, s in
            let p = try await fx.proposal(s)
            return .list("/api/v1/proposals", p.marker)
        },
        ReadRow("/api/v1/proposals/:id", proposalRead) { fx, s in
            .page("/api/v1/proposals/\(try await fx.proposal(s).id)")
        },
    ]
}
