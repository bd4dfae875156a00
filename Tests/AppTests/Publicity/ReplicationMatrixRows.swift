import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

// Replication (issue 10 §5) in the read and write matrices. The model is a fresh registration of Đăk Rve (no demo
// account's unit); "own" is an adoption by the role's own unit, "other" by Tân Lập, "led" by Tân Lập of a model in a
// movement the lead agency's unit leads. Policy .replication: a unit record of the adopting unit, except that the
// lead agency of the model's movement also records adoptions elsewhere (create like update); the council reads.

extension MatrixFixture {
    /// A fresh model (registration of Đăk Rve; in the led movement for "led"), its title holding `marker`.
    func replicationModel(_ scope: MatrixScope, marker: String = "") async throws -> Int {
        let rel = try await registration(scope, unitID: try await unitID(code: "KR-DAKRVE"))
        if !marker.isEmpty, let r = try await RegistrationModel.find(rel.id, on: app.db) {
            r.title = "Mô hình nhân rộng \(marker)"
            try await r.save(on: app.db)
        }
        return rel.id
    }

    /// The unit adopting in a scope: the role's own unit, or Tân Lập.
    func replicationUnit(_ scope: MatrixScope) async throws -> Int {
        try await unitID(code: scope == .own ? role.ownUnitCode : MatrixRole.otherUnitCode)
    }

    /// A fresh adoption of the scope (made by the system account), in 2049; `running`: moved so it can be assessed.
    func replication(_ scope: MatrixScope, marker: String = "", running: Bool = false) async throws -> Int {
        let r = try await ReplicationService.create(
            ReplicationInput(
                registrationID: try await replicationModel(scope, marker: marker),
                adoptingUnitID: try await replicationUnit(scope), adoptedOn: "15/03/2049",
                adaptation: "Điều chỉnh thử", responsible: "Người phụ trách thử"),
            actor: system, on: app.db)
        let id = try r.requireID()
        if running { _ = try await ReplicationService.move(id, to: "running", actor: system, on: app.db) }
        return id
    }

    func replicationFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        [
            ("registrationID", String(try await replicationModel(scope))),
            ("adoptingUnitID", String(try await replicationUnit(scope))), ("adoptedOn", "15/03/2049"),
            ("adaptation", "Điều chỉnh cho phù hợp"), ("responsible", "Chủ tịch Hội Nông dân"),
        ]
    }

    func replicationJSON(_ scope: MatrixScope) async throws -> [String: Any] {
        [
            "registrationID": try await replicationModel(scope),
            "adoptingUnitID": try await replicationUnit(scope), "adoptedOn": "15/03/2049",
            "adaptation": "Điều chỉnh cho phù hợp", "responsible": "Chủ tịch Hội Nông dân",
        ]
    }

    func replicationUpdateFields(_ scope: MatrixScope) async throws -> [(String, String)] {
        [
            ("adoptingUnitID", String(try await replicationUnit(scope))), ("adoptedOn", "16/03/2049"),
            ("adaptation", "Điều chỉnh lại"), ("responsible", "Phó Chủ tịch UBND xã"),
        ]
    }
}

extension WriteMatrix {
    /// Creating an adoption is the adopting unit's write, and the lead agency's across units for its movement.
    static let replicationWrite = Expect(own: "A A F A A N", other: "A A F N N N", led: "A A F A N N")

    static let replicationWrites: [WriteRow] = [
        WriteRow(.POST, "/app/replications", replicationWrite) { fx, s in
            .form("/app/replications", try await fx.replicationFields(s))
        },
        WriteRow(.POST, "/app/replications/:id", replicationWrite) { fx, s in
            .form("/app/replications/\(try await fx.replication(s))", try await fx.replicationUpdateFields(s))
        },
        WriteRow(.POST, "/app/replications/:id/move", replicationWrite) { fx, s in
            .form("/app/replications/\(try await fx.replication(s))/move", [("to", "running")])
        },
        WriteRow(.POST, "/app/replications/:id/assessments", replicationWrite) { fx, s in
            .form(
                "/app/replications/\(try await fx.replication(s, running: true))/assessments",
                [("year", "2049"), ("assessedOn", "15/12/2049"), ("assessor", "Đoàn kiểm tra thử")])
        },
        WriteRow(.POST, "/api/v1/replications", replicationWrite) { fx, s in
            .json("/api/v1/replications", try await fx.replicationJSON(s))
        },
        WriteRow(.PUT, "/api/v1/replications/:id", replicationWrite) { fx, s in
            .json(
                "/api/v1/replications/\(try await fx.replication(s))",
                [
                    "adoptingUnitID": try await fx.replicationUnit(s), "adoptedOn": "16/03/2049",
                    "adaptation": "Điều chỉnh lại", "responsible": "Phó Chủ tịch UBND xã",
                ])
        },
        WriteRow(.POST, "/api/v1/replications/:id/move", replicationWrite) { fx, s in
            .json("/api/v1/replications/\(try await fx.replication(s))/move", ["to": "running"])
        },
        WriteRow(.POST, "/api/v1/replications/:id/assessments", replicationWrite) { fx, s in
            .json(
                "/api/v1/replications/\(try await fx.replication(s, running: true))/assessments",
                ["year": 2049, "assessedOn": "15/12/2049", "assessor": "Đoàn kiểm tra thử"])
        },
    ]
}

extension ReadMatrix {
    static let replicationReads: [ReadRow] = [
        ReadRow("/app/replications", recordList) { fx, s in
            let m = fx.marker()
            _ = try await fx.replication(s, marker: m)
            return .list("/app/replications?year=2049", m)
        },
        ReadRow("/app/replications/new", any: createRecordsForm) { _, _ in .page("/app/replications/new") },
        ReadRow("/app/replications/:id", recordRead) { fx, s in
            .page("/app/replications/\(try await fx.replication(s))")
        },
        ReadRow("/app/replications/:id/edit", WriteMatrix.replicationWrite) { fx, s in
            .page("/app/replications/\(try await fx.replication(s))/edit")
        },
        ReadRow("/app/replications/:id/assessments/new", WriteMatrix.replicationWrite) { fx, s in
            .page("/app/replications/\(try await fx.replication(s, running: true))/assessments/new")
        },
        ReadRow("/api/v1/replications", recordList) { fx, s in
            let m = fx.marker()
            _ = try await fx.replication(s, marker: m)
            return .list("/api/v1/replications?year=2049", m)
        },
        ReadRow("/api/v1/replications/:id", recordRead) { fx, s in
            .page("/api/v1/replications/\(try await fx.replication(s))")
        },
        // A model's spread is read like the model (the registration).
        ReadRow("/api/v1/registrations/:id/spread", recordRead) { fx, s in
            .page("/api/v1/registrations/\(try await fx.markedRegistration(s).id)/spread")
        },
    ]
}
