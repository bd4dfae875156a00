import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Typed persistence: English status codes on both databases, JSON columns that fail loudly")
struct TypedPersistenceTests {
    /// Every (table, column) the migration rewrites, as "id=code" rows.
    static func snapshot(_ sql: any SQLDatabase) async throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for r in EnglishStatusCodes.renames {
            let rows = try await sql.raw("SELECT id, \(ident: r.column) AS code FROM \(ident: r.table) ORDER BY id")
                .all()
            out["\(r.table).\(r.column)"] = try rows.map {
                "\(try $0.decode(column: "id", as: Int.self))=\(try $0.decode(column: "code", as: String.self))"
            }
        }
        return out
    }

    @Test("Migration 11 rewrites the Vietnamese codes, in the records and in their history (SQLite and PostgreSQL)")
    func migrationRewritesStoredCodes() async throws {
        try await withTestApp { app in
            let sql = try app.db.sql()
            // The demo data went through the whole procedure: dossiers, nominees, events and a closed meeting.
            let english = try await Self.snapshot(sql)
            #expect((english["dossier_events.action"] ?? []).count > 5)

            // Rows as a database before this issue holds them: inserted with raw SQL in the old codes ...
            let unitID = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first()?.requireID())
            let subjectID = try #require(try await SubjectModel.query(on: app.db).first()?.requireID())
            var dossiers: [String: Int] = [:]
            for (old, _) in EnglishStatusCodes.dossierStatuses {
                dossiers[old] = try await sql.insert(into: "dossiers")
                    .columns(
                        "unit_id", "year", "title", "number", "status", "rule_set_id", "decision_number",
                        "decision_date",
                        "decision_authority", "decision_signer", "search_text"
                    )
                    .values(
                        SQLBind(unitID), SQLBind(2023), SQLBind("Hồ sơ cũ \(old)"), SQLBind(""), SQLBind(old),
                        SQLBind("r"), SQLBind(""),
                        SQLBind(""), SQLBind(""), SQLBind(""), SQLBind("ho so cu")
                    )
                    .returning("id").first(decodingColumn: "id", as: Int.self)
            }
            let oldDossier = try #require(dossiers["tra-lai"])
            let actions = try #require(EnglishStatusCodes.renames.first { $0.column == "action" }).codes
            for (i, (old, _)) in actions.enumerated() {
                try await sql.insert(into: "dossier_events")
                    .columns("dossier_id", "at", "username", "action", "from_status", "to_status", "note")
                    .values(
                        SQLBind(oldDossier), SQLBind(Date()), SQLBind("cu"), SQLBind(old),
                        SQLBind(i == 0 ? "" : "da-gui"), SQLBind("tra-lai"), SQLBind("")
                    )
                    .run()
            }
            for (i, (appraisal, eligibility)) in [("cho", "dat"), ("dat", "chua-dat"), ("tra-lai", "thieu-du-lieu")]
                .enumerated()
            {
                try await sql.insert(into: "dossier_nominees")
                    .columns(
                        "dossier_id", "subject_id", "form_code", "form_name", "achievement", "eligibility", "warning",
                        "appraisal", "appraisal_note"
                    )
                    .values(
                        SQLBind(oldDossier), SQLBind(subjectID), SQLBind("form-\(i)"), SQLBind(""), SQLBind(""),
                        SQLBind(eligibility), SQLBind(""),
                        SQLBind(appraisal), SQLBind("")
                    )
                    .run()
            }
            for old in ["chuan-bi", "bo-phieu", "ket-thuc"] {
                try await sql.insert(into: "council_meetings")
                    .columns(
                        "title", "meeting_date", "location", "chair", "secretary", "status", "rule_set_id", "notes"
                    )
                    .values(
                        SQLBind("Họp cũ"), SQLBind("2023-12-15"), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(old),
                        SQLBind("r"), SQLBind("")
                    )
                    .run()
            }
            // ... and the demo's rows put back in the old codes (the migration's revert).
            try await EnglishStatusCodes().revert(on: app.db)
            let vietnamese = try await Self.snapshot(sql)
            for r in EnglishStatusCodes.renames {
                let old = Set(r.codes.map(\.old) + (r.column == "from_status" ? [""] : []))
                let stored = (vietnamese["\(r.table).\(r.column)"] ?? []).map {
                    String($0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).last ?? "")
                }
                #expect(stored.allSatisfy(old.contains), "\(r.table).\(r.column): \(Set(stored).subtracting(old))")
            }
            // The old codes do not read as statuses.
            await #expect(throws: (any Error).self) { _ = try await DossierModel.query(on: app.db).all() }

            try await EnglishStatusCodes().prepare(on: app.db)

            let after = try await Self.snapshot(sql)
            for (key, rows) in english { #expect(Array((after[key] ?? []).prefix(rows.count)) == rows, "\(key)") }
            for (old, new) in EnglishStatusCodes.dossierStatuses {
                #expect(try await DossierModel.find(dossiers[old], on: app.db)?.status.rawValue == new)
            }
            let events = try await DossierEventModel.query(on: app.db).filter(\.$dossier.$id == oldDossier).sort(\.$id)
                .all()
            #expect(events.map(\.action.rawValue) == actions.map(\.new))
            #expect(
                events.map(\.fromStatus.status) == [nil]
                    + Array(repeating: DossierStatus.submitted, count: actions.count - 1))
            #expect(events.allSatisfy { $0.toStatus == .returned })
            let nominees = try await DossierNomineeModel.query(on: app.db).filter(\.$dossier.$id == oldDossier).sort(
                \.$id
            ).all()
            #expect(nominees.map(\.appraisal) == [.pending, .passed, .returned])
            #expect(nominees.map(\.eligibility) == [.eligible, .notEligible, .missingData])
            let meetings = try await CouncilMeetingModel.query(on: app.db).filter(\.$title == "Họp cũ").sort(\.$id)
                .all()
            #expect(meetings.map(\.status) == [.preparing, .voting, .closed])
            // Nothing is left in the old codes.
            for r in EnglishStatusCodes.renames {
                let left = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
                    r.table
                )
                .where(SQLIdentifier(r.column), .in, r.codes.map(\.old)).first(decodingColumn: "n", as: Int.self)
                #expect(left == 0, "\(r.table).\(r.column)")
            }
        }
    }

    @Test("A corrupt JSON column is a 500 naming the table and column, not a default")
    func corruptJSONIsAnError() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let unit = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG").first()?.requireID())
            let made = try await api.send(
                .POST, "/api/v1/unit-criteria",
                json: [
                    "unitID": unit, "year": 2024, "code": "TC-HONG", "text": "Tiêu chí sẽ bị hỏng",
                    "kind": "share", "threshold": 80,
                ])
            #expect(made.status == .created, "\(made.text)")
            let criterion = try #require(
                try await UnitCriterionModel.query(on: app.db).filter(\.$code == "TC-HONG").first())
            #expect(try criterion.criterionSpec().kind == .share)

            // Corrupt the stored spec: it used to read back as a yes/no criterion.
            try await app.db.sql().raw(
                "UPDATE unit_criteria SET spec = \(bind: "{\"kind\": 12") WHERE id = \(bind: try criterion.requireID())"
            ).run()
            let stored = try #require(try await UnitCriterionModel.find(criterion.id, on: app.db))
            let row = try criterion.requireID()
            do {
                _ = try stored.criterionSpec()
                Issue.record("a corrupt spec decoded")
            } catch let e as AppError {
                #expect(e.status == .internalServerError && e.code == .internalError)
                #expect(e.message.contains("unit_criteria.spec") && e.message.contains("dòng \(row)"), "\(e.message)")
            }
            let listed = try await api.send(.GET, "/api/v1/unit-criteria?unitID=\(unit)&year=2024")
            #expect(listed.status == .internalServerError)
            #expect(listed.text.contains("unit_criteria.spec"), "\(listed.text)")

            // The same for an import job's errors and an evaluation's inputs.
            let job = ImportJobModel(userID: 1, filename: "x.csv", total: 1)
            job.errors = "[{\"row\": \"một\"}]"
            #expect(throws: AppError.self) { _ = try ImportJobDTO(job) }
            let result = EvaluationResultModel()
            result.input = "không phải JSON"
            #expect(throws: AppError.self) { _ = try result.criterionInput() }
            result.input = try JSONColumn.encode(CriterionInput(met: true))
            #expect(try result.criterionInput() == CriterionInput(met: true))
        }
    }
}
