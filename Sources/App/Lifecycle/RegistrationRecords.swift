import Domain
import Fluent
import Foundation
import SQLKit

/// What a registration's page lists under it (its status history, nurturing actions, evaluations and evidence
/// files), read as plain values: only the columns the page shows, in one statement each.
///
/// Read as Fluent models they cost the page more than their SQL: each query built and written out with every column
/// aliased, each row a model of ten to twenty property wrappers; and an evidence file's model carries its stored
/// content (`data`, for files kept in the database), which the page never shows (issue 11).
enum RegistrationRecords {
    struct Transition: Sendable {
        let at: Date
        let username: String
        let toStatus: RegistrationStatus
        let reason: String
    }

    struct Action: Sendable {
        let id: Int
        let title: String
        let responsible: String
        /// ISO yyyy-mm-dd.
        let dueDate: String
        let status: ActionStatus
        let note: String
    }

    struct Evaluation: Sendable {
        let id: Int
        /// ISO yyyy-mm-dd.
        let date: String
        let period: String
        let evaluator: String
        let conclusion: EvaluationConclusion
        let met: Int
        let unmet: Int
        let missing: Int
        let summary: String
        let difficulties: String
        let helpGiven: String
    }

    struct Evidence: Sendable {
        let id: Int
        let originalName: String
        let size: Int
        let description: String
    }

    /// The names of a registration's movements (`RegistrationSummary.movementIDs`), by id; no statement for none.
    static func movementNames(_ ids: [Int], on db: any Database) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await db.sql().raw(
            "SELECT name FROM \(ident: MovementModel.schema) WHERE id IN (\(binds: ids)) ORDER BY id"
        ).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// Status changes, oldest first.
    static func transitions(_ registrationID: Int, on db: any Database) async throws -> [Transition] {
        try await db.sql().raw(
            """
            SELECT "at", username, to_status, reason FROM \(ident: RegistrationTransitionModel.schema)
            WHERE registration_id = \(bind: registrationID) ORDER BY id
            """
        ).all().map { row in
            Transition(
                at: try row.decode(column: "at", as: Date.self),
                username: try row.decode(column: "username", as: String.self),
                toStatus: try row.decodeCode(column: "to_status", as: RegistrationStatus.self),
                reason: try row.decode(column: "reason", as: String.self))
        }
    }

    /// Nurturing actions by due date (ties by id, so the order is the same on both databases).
    static func actions(_ registrationID: Int, on db: any Database) async throws -> [Action] {
        try await db.sql().raw(
            """
            SELECT id, title, responsible, due_date, status, note FROM \(ident: NurturingActionModel.schema)
            WHERE registration_id = \(bind: registrationID) ORDER BY due_date, id
            """
        ).all().map { row in
            Action(
                id: try row.decode(column: "id", as: Int.self),
                title: try row.decode(column: "title", as: String.self),
                responsible: try row.decode(column: "responsible", as: String.self),
                dueDate: try row.decode(column: "due_date", as: String.self),
                status: try row.decodeCode(column: "status", as: ActionStatus.self),
                note: try row.decode(column: "note", as: String.self))
        }
    }

    /// Evaluations by date, then id.
    static func evaluations(_ registrationID: Int, on db: any Database) async throws -> [Evaluation] {
        try await db.sql().raw(
            """
            SELECT id, "date", period, evaluator, conclusion, met_count, unmet_count, missing_count, summary,
            difficulties, help_given FROM \(ident: EvaluationModel.schema)
            WHERE registration_id = \(bind: registrationID) ORDER BY "date", id
            """
        ).all().map { row in
            Evaluation(
                id: try row.decode(column: "id", as: Int.self),
                date: try row.decode(column: "date", as: String.self),
                period: try row.decode(column: "period", as: String.self),
                evaluator: try row.decode(column: "evaluator", as: String.self),
                conclusion: try row.decode(column: "conclusion", as: EvaluationConclusion.self),
                met: try row.decode(column: "met_count", as: Int.self),
                unmet: try row.decode(column: "unmet_count", as: Int.self),
                missing: try row.decode(column: "missing_count", as: Int.self),
                summary: try row.decode(column: "summary", as: String.self),
                difficulties: try row.decode(column: "difficulties", as: String.self),
                helpGiven: try row.decode(column: "help_given", as: String.self))
        }
    }

    /// Evidence files in the order they were added; never their content.
    static func evidence(_ registrationID: Int, on db: any Database) async throws -> [Evidence] {
        try await db.sql().raw(
            """
            SELECT id, original_name, size, description FROM \(ident: EvidenceFileModel.schema)
            WHERE registration_id = \(bind: registrationID) ORDER BY id
            """
        ).all().map { row in
            Evidence(
                id: try row.decode(column: "id", as: Int.self),
                originalName: try row.decode(column: "original_name", as: String.self),
                size: try row.decode(column: "size", as: Int.self),
                description: try row.decode(column: "description", as: String.self))
        }
    }
}
