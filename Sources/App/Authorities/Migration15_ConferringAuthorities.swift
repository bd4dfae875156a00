import Fluent
import SQLKit

/// Issue 13: conferring authorities, each with its own council; council members, meetings and dossiers belong to
/// one; a nominee records who decides it and where it was forwarded. Data kept from before (one council) is given
/// to one authority made for the top district or province unit.
struct ConferringAuthorities: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("authorities")
            .field("id", .int, .identifier(auto: true))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("level", .string, .required)
            .field("name", .string, .required)
            .field("head_title", .string, .required)
            .field("council_name", .string, .required)
            .field("standing_unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("valid_from", .string)
            .field("valid_to", .string)
            .field("signing_mode", .string, .required)
            .field("chief_title", .string, .required)
            .field("signer_title", .string, .required)
            .field("signer_name", .string, .required)
            .field("place", .string, .required)
            .field("decision_format", .string, .required)
            .field("minutes_format", .string, .required)
            .field("executors", .string, .required)
            .field("recipients", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "unit_id")
            .create()
        // SQLite adds one column per ALTER TABLE.
        try await db.schema("council_members").field("authority_id", .int, .references("authorities", "id")).update()
        try await db.schema("council_members").field(
            "council_role", .string, .required, .sql(.default("member"))
        ).update()
        try await db.schema("council_meetings").field("authority_id", .int, .references("authorities", "id")).update()
        try await db.schema("dossiers").field("authority_id", .int, .references("authorities", "id")).update()
        try await db.schema("dossiers").field("parent_id", .int, .references("dossiers", "id")).update()
        try await db.schema("dossier_nominees").field("decider_id", .int, .references("authorities", "id")).update()
        try await db.schema("dossier_nominees").field("forwarded_from_id", .int).update()
        try await db.schema("dossier_nominees").field("forwarded_to_id", .int).update()
        let sql = db as! any SQLDatabase
        for (table, column) in [
            ("council_members", "authority_id"), ("council_meetings", "authority_id"), ("dossiers", "authority_id"),
            ("dossiers", "parent_id"),
        ] {
            try await sql.raw("CREATE INDEX \(ident: "\(table)_\(column)_idx") ON \(ident: table) (\(ident: column))")
                .run()
        }
        try await adoptEarlierData(sql)
    }

    /// Rows from the one-council days belong to the council of the highest district (else province) unit.
    func adoptEarlierData(_ sql: any SQLDatabase) async throws {
        struct Count: Decodable { let n: Int }
        let counts = try await sql.raw(
            "SELECT (SELECT COUNT(*) FROM council_members) + (SELECT COUNT(*) FROM council_meetings) + (SELECT COUNT(*) FROM dossiers) AS n"
        ).first(decoding: Count.self)
        guard (counts?.n ?? 0) > 0 else { return }
        let existing = try await sql.raw("SELECT COUNT(*) AS n FROM authorities").first(decoding: Count.self)
        guard (existing?.n ?? 0) == 0 else { return }
        struct Unit: Decodable { let id: Int, name: String, place: String }
        var host = try await sql.raw(
            "SELECT id, name, place FROM units WHERE kind = 'huyen' ORDER BY LENGTH(path), id LIMIT 1"
        ).first(decoding: Unit.self)
        if host == nil {
            host = try await sql.raw("SELECT id, name, place FROM units ORDER BY LENGTH(path), id LIMIT 1").first(
                decoding: Unit.self)
        }
        guard let host else { return }
        try await sql.raw(
            """
            INSERT INTO authorities (unit_id, level, name, head_title, council_name, standing_unit_id, signing_mode,
              chief_title, signer_title, signer_name, place, decision_format, minutes_format, executors, recipients)
            VALUES (\(bind: host.id), 'huyen', \(bind: host.name), \(bind: "Chủ tịch " + host.name),
              'Hội đồng Thi đua - Khen thưởng', \(bind: host.id), 'kt', 'Chủ tịch', 'Phó Chủ tịch', '',
              \(bind: host.place), '{n}/QĐ-UBND', '{n}/BB-HĐTĐKT', '', '')
            """
        ).run()
        struct ID: Decodable { let id: Int }
        guard
            let a = try await sql.raw("SELECT id FROM authorities WHERE unit_id = \(bind: host.id)").first(
                decoding: ID.self)
        else { return }
        for table in ["council_members", "council_meetings"] {
            try await sql.raw("UPDATE \(ident: table) SET authority_id = \(bind: a.id) WHERE authority_id IS NULL")
                .run()
        }
        // A draft has not been sent anywhere yet: its submission routes it.
        try await sql.raw(
            "UPDATE dossiers SET authority_id = \(bind: a.id) WHERE authority_id IS NULL AND status <> 'draft'"
        ).run()
    }

    func revert(on db: any Database) async throws {
        for (table, column) in [
            ("dossier_nominees", "forwarded_to_id"), ("dossier_nominees", "forwarded_from_id"),
            ("dossier_nominees", "decider_id"), ("dossiers", "parent_id"), ("dossiers", "authority_id"),
            ("council_meetings", "authority_id"), ("council_members", "council_role"),
            ("council_members", "authority_id"),
        ] {
            try await db.schema(table).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await db.schema("authorities").delete()
    }
}
