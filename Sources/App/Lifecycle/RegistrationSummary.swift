import Domain
import Fluent
import SQLKit

/// What a registration's lists show of its subject, and what the API hands out of it (`SubjectDTO`): plain values,
/// read with the registration's row.
struct SubjectFacts: Sendable {
    let id: Int
    let kind: String
    let name: String
    let unitID: Int
    let position: String
    let headsUnitID: Int?
    let representsUnitID: Int?
    let gender: String
    let ethnicity: String
    let birthDate: String
    let idNumber: String
    let phone: String
    let address: String

    var subjectKind: SubjectKind { SubjectKind(rawValue: kind) ?? .individual }
}

extension SubjectFacts {
    /// From a loaded subject (the memberwise initialiser stays for rows read by SQL).
    init(_ s: SubjectModel) {
        self.init(
            id: s.id ?? 0, kind: s.kind, name: s.name, unitID: s.$unit.id, position: s.position,
            headsUnitID: s.headsUnitID, representsUnitID: s.representsUnitID, gender: s.gender,
            ethnicity: s.ethnicity, birthDate: s.birthDate, idNumber: s.idNumber, phone: s.phone, address: s.address)
    }
}

/// A registration with its subject, unit, type and movements as plain values: a row of the registration list, on the
/// web and in the API (`RegistrationDTO`).
///
/// The list reads a page of them in ONE joined query (`read`). Loading the same rows as Fluent models (a registration,
/// its subject, unit, type and movement links, five queries) spent most of the list's time in the models'
/// reflection: nationally, an API page of 50 took 7.9 ms alone over 0.12 ms of SQL (issue 11).
struct RegistrationSummary: ListedRegistration {
    let id: Int
    let year: Int
    let status: RegistrationStatus
    let subjectKind: String
    let catalogueVersion: String
    let fieldCode: String
    let title: String
    let description: String
    let goals: String
    let contact: String
    let unitID: Int
    let unitName: String
    let unitShortName: String
    /// The unit's materialised path: what the reader may see of the subject depends on it (`FieldAccess`).
    let unitPath: UnitPath
    let subjectTypeID: Int?
    let typeCode: String?
    let typeName: String?
    /// In increasing order.
    let movementIDs: [Int]
    let subject: SubjectFacts

    /// From a registration loaded with its subject, unit, type and movements (`RegistrationQueries.readable`).
    init(_ r: RegistrationModel) {
        id = r.id ?? 0
        year = r.year
        status = r.status
        subjectKind = r.subjectKind
        catalogueVersion = r.catalogueVersion
        fieldCode = r.fieldCode
        title = r.title
        description = r.description
        goals = r.goals
        contact = r.contact
        unitID = r.$unit.id
        unitName = r.unit.name
        unitShortName = r.unit.shortName
        unitPath = r.unit.unitPath
        subjectTypeID = r.$subjectType.id
        typeCode = r.subjectType?.code
        typeName = r.subjectType?.name
        movementIDs = r.movements.compactMap(\.id).sorted()
        subject = SubjectFacts(r.subject)
    }

    /// The registrations of `ids` (any order; those that do not exist are left out), in one query.
    static func read(_ ids: [Int], on db: any Database) async throws -> [RegistrationSummary] {
        guard !ids.isEmpty else { return [] }
        let query: SQLQueryString = """
            \(columns(db)) FROM \(ident: RegistrationModel.schema) r \(joins) WHERE r.id IN (\(binds: ids))
            """
        return try await db.sql().raw(query).all().map(RegistrationSummary.init(listed:))
    }

    /// The columns `init(typed:)` reads, of `r` (registrations) and what `joins` joins to it.
    static func columns(_ db: any Database) -> SQLQueryString {
        let movements =
            db.isPostgres
            ? "string_agg(rm.movement_id::text, ',' ORDER BY rm.movement_id)" : "group_concat(rm.movement_id)"
        return """
            SELECT r.id, r.year, r.status, r.subject_kind, r.catalogue_version, r.field_code, r.title, r.description,
            r.goals, r.contact, r.unit_id, u.name AS unit_name, u.short_name AS unit_short_name, u.path AS unit_path,
            r.subject_type_id, st.code AS type_code, st.name AS type_name,
            (SELECT \(unsafeRaw: movements) FROM \(ident: RegistrationMovementModel.schema) rm
            WHERE rm.registration_id = r.id) AS movement_ids,
            s.id AS s_id, s.kind AS s_kind, s.name AS s_name, s.unit_id AS s_unit_id, s.position AS s_position,
            s.heads_unit_id AS s_heads_unit_id, s.represents_unit_id AS s_represents_unit_id, s.gender AS s_gender,
            s.ethnicity AS s_ethnicity, s.birth_date AS s_birth_date, s.id_number AS s_id_number, s.phone AS s_phone,
            s.address AS s_address
            """
    }

    /// What a row of the list joins to its registration (`r`): its subject (`s`), unit (`u`) and type (`st`).
    static let joins: SQLQueryString = """
        JOIN \(ident: SubjectModel.schema) s ON s.id = r.subject_id JOIN \(ident: UnitModel.schema) u ON u.id = r.unit_id
        LEFT JOIN \(ident: SubjectTypeModel.schema) st ON st.id = r.subject_type_id
        """

    init(typed row: some SQLRow) throws {
        func text(_ c: String) throws -> String { try row.decode(column: c, as: String.self) }
        func int(_ c: String) throws -> Int { try row.decode(column: c, as: Int.self) }
        let id = try int("id")
        self.id = id
        // In the order of `select`'s columns: PostgreSQL's rows find the next column without a lookup by name.
        year = try int("year")
        status = try row.decodeCode(column: "status", as: RegistrationStatus.self)
        subjectKind = try text("subject_kind")
        catalogueVersion = try text("catalogue_version")
        fieldCode = try text("field_code")
        title = try text("title")
        description = try text("description")
        goals = try text("goals")
        contact = try text("contact")
        unitID = try int("unit_id")
        unitName = try text("unit_name")
        unitShortName = try text("unit_short_name")
        unitPath = UnitPath(raw: try text("unit_path"))
        subjectTypeID = try row.decode(column: "subject_type_id", as: Int?.self)
        typeCode = try row.decode(column: "type_code", as: String?.self)
        typeName = try row.decode(column: "type_name", as: String?.self)
        let links = try row.decode(column: "movement_ids", as: String?.self) ?? ""
        movementIDs = try links.split(separator: ",").map { part in
            guard let n = Int(part) else {
                throw AppError.corrupt(table: "registration_movements", column: "movement_id", id: String(id))
            }
            return n
        }.sorted()
        subject = SubjectFacts(
            id: try int("s_id"), kind: try text("s_kind"), name: try text("s_name"), unitID: try int("s_unit_id"),
            position: try text("s_position"), headsUnitID: try row.decode(column: "s_heads_unit_id", as: Int?.self),
            representsUnitID: try row.decode(column: "s_represents_unit_id", as: Int?.self),
            gender: try text("s_gender"), ethnicity: try text("s_ethnicity"), birthDate: try text("s_birth_date"),
            idNumber: try text("s_id_number"), phone: try text("s_phone"), address: try text("s_address"))
    }
}

/// What a page of the registration list is read as (`read(page:order:on:)`): the columns a row needs, of `r`
/// (registrations) and of what `RegistrationSummary.joins` joins (`s` subjects, `u` units, `st` subject types), and
/// the row made from them. The API reads whole summaries (`RegistrationSummary`, 31 columns, the movements' ids
/// among them); the web list only what its table shows (`RegistrationRow`, 8 columns).
protocol ListedRegistration: Sendable {
    var id: Int { get }
    /// `SELECT` and the columns, without `sort_key` (`read(page:)` adds it for the cursor).
    static func columns(_ db: any Database) -> SQLQueryString
    init(typed row: some SQLRow) throws
}

extension ListedRegistration {
    /// Read through the app's own row types where the row is one (`SQLiteTypedRow`, `PostgresTypedRow`): the reads
    /// of `init(typed:)` are then specialised for it, where through `any SQLRow` each of a page's 1,650 values went
    /// through the protocol's generic witness and asked the runtime for its type's metadata (2.5 % of a search
    /// page's CPU).
    init(listed row: any SQLRow) throws {
        if let typed = row as? SQLiteTypedRow {
            try self.init(typed: typed)
        } else if let typed = row as? PostgresTypedRow {
            try self.init(typed: typed)
        } else {
            try self.init(typed: row)
        }
    }

    /// The registrations a page query names (its `id` column; it stops at its limit), each with its list cursor,
    /// in `order`: the page's rows in the statement that finds them. Read as two (the page's ids, then their rows)
    /// a list page paid a second statement, which PostgreSQL plans and answers on its own round trip (issue 11).
    ///
    /// On PostgreSQL a page whose plan depends on a pattern bind (a unit's subtree, a search) is planned with its
    /// values on every run (`PreparedStatements`), and the rows' joins made its planning dear: the national search's
    /// page alone plans in 0.3–0.5 ms, joined to its rows' read in 1.0–1.3. Such a page's ids are read first, then
    /// their rows by a prepared statement, whose plan PostgreSQL keeps.
    static func read(page: any SQLExpression, order: SQLQueryString, on db: any Database) async throws
        -> [(cursor: RegistrationCursor, row: Self)]
    {
        let sql = try db.sql()
        if db.isPostgres, PreparedStatements.bindsPattern(sql.serialize(page).sql) {
            let ids = try await sql.raw("\(page)").all().map { try $0.decode(column: "id", as: Int.self) }
            guard !ids.isEmpty else { return [] }
            let query: SQLQueryString = """
                \(columns(db)), r.sort_key FROM \(ident: RegistrationModel.schema) r \(RegistrationSummary.joins) WHERE r.id = ANY(\(bind: ids))
                """
            // Each row put in its id's place: a sort of the page's rows (large values, moved at every step, two
            // lookups a comparison) was 3.5 % of the national API search's server samples.
            let place = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            var placed = [(cursor: RegistrationCursor, row: Self)?](repeating: nil, count: ids.count)
            for row in try await sql.raw(query).all() {
                let read = try Self.withCursor(row)
                if let at = place[read.row.id] { placed[at] = read }
            }
            return placed.compactMap { $0 }
        }
        let query: SQLQueryString = """
            \(columns(db)), r.sort_key FROM (\(page)) p JOIN \(ident: RegistrationModel.schema) r ON r.id = p.id
            \(RegistrationSummary.joins) ORDER BY \(order)
            """
        return try await sql.raw(query).all().map(Self.withCursor)
    }

    private static func withCursor(_ row: any SQLRow) throws -> (cursor: RegistrationCursor, row: Self) {
        let read = try Self(listed: row)
        return (RegistrationCursor(sortKey: try row.decode(column: "sort_key", as: String.self), id: read.id), read)
    }

}
