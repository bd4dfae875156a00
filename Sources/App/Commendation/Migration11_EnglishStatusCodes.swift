import Fluent
import SQLKit

/// Issue 12: one code language. Every stored status is an English kebab-case code. The commendation tables used
/// Vietnamese codes ("da-gui", "chuan-bi"); registrations, nurturing actions, evaluations and import jobs were
/// already English. The dossier history's action codes move with them. Plain UPDATEs, the same on SQLite and
/// PostgreSQL; the column types do not change. (The audit log keeps its before/after text as it was written.)
struct EnglishStatusCodes: AsyncMigration {
    typealias Rename = (table: String, column: String, codes: [(old: String, new: String)])

    static let dossierStatuses: [(old: String, new: String)] = [
        ("nhap", "draft"), ("da-gui", "submitted"), ("tra-lai", "returned"), ("da-tham-dinh", "appraised"),
        ("da-xet", "reviewed"), ("da-quyet-dinh", "decided"),
    ]

    static let renames: [Rename] = [
        ("dossiers", "status", dossierStatuses),
        ("dossier_events", "from_status", dossierStatuses),
        ("dossier_events", "to_status", dossierStatuses),
        (
            "dossier_events", "action",
            [
                ("tao", "created"), ("them", "nominee-added"), ("bo", "nominee-removed"),
                ("tai-lieu", "document-added"),
                ("gui", "submitted"), ("tham-dinh", "nominee-appraised"), ("tra-lai", "returned"),
                ("dat-tham-dinh", "appraised"),
                ("hop", "scheduled"), ("hoi-dong", "reviewed"), ("quyet-dinh", "decided"),
            ]
        ),
        ("dossier_nominees", "appraisal", [("cho", "pending"), ("dat", "passed"), ("tra-lai", "returned")]),
        (
            "dossier_nominees", "eligibility",
            [("dat", "eligible"), ("chua-dat", "not-eligible"), ("thieu-du-lieu", "missing-data")]
        ),
        ("council_meetings", "status", [("chuan-bi", "preparing"), ("bo-phieu", "voting"), ("ket-thuc", "closed")]),
    ]

    func prepare(on db: any Database) async throws {
        try await Self.rewrite(db, Self.renames)
    }

    func revert(on db: any Database) async throws {
        try await Self.rewrite(
            db, Self.renames.map { ($0.table, $0.column, $0.codes.map { (old: $0.new, new: $0.old) }) })
    }

    /// Within one column the old and the new codes are disjoint, so the order of the UPDATEs does not matter.
    static func rewrite(_ db: any Database, _ renames: [Rename]) async throws {
        try await db.transaction { tx in
            let sql = try tx.sql()
            for r in renames {
                for (old, new) in r.codes {
                    try await sql.raw(
                        "UPDATE \(ident: r.table) SET \(ident: r.column) = \(bind: new) WHERE \(ident: r.column) = \(bind: old)"
                    ).run()
                }
            }
        }
    }
}
