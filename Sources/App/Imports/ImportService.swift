import Domain
import Fluent
import NIOConcurrencyHelpers
import OOXML
import SQLKit
import Vapor

struct ImportErrorItem: Content, Sendable, Equatable {
    let row: Int
    let column: String
    let message: String
    /// True for a warning (the row is imported all the same); absent for an error.
    var warning: Bool? = nil
}

struct ImportJobDTO: Content, Sendable {
    let id: Int
    let filename: String
    let status: String
    let statusLabel: String
    let total: Int
    let processed: Int
    let created: Int
    let errorCount: Int
    let errors: [ImportErrorItem]
    /// Cells imported as they are but worth a look, such as text that a spreadsheet would run as a formula.
    let warnings: [ImportErrorItem]
    let finished: Bool
    init(_ j: ImportJobModel) throws {
        id = j.id ?? 0
        filename = j.filename
        status = j.status.rawValue
        statusLabel = j.status.label
        total = j.total
        processed = j.processed
        created = j.createdCount
        errorCount = j.errorCount
        let items = try j.errorItems()
        errors = items.filter { $0.warning != true }
        warnings = items.filter { $0.warning == true }
        finished = j.status.isFinished
    }
}

/// Import of registrations (and the subjects they need) from XLSX or CSV. The whole file is checked
/// first; a file with any bad row imports nothing and names every bad row and column.
enum ImportService {
    enum Column: String, CaseIterable {
        case year = "Năm", unitCode = "Mã đơn vị", kind = "Loại đối tượng", name = "Tên đối tượng", gender =
            "Giới tính", ethnicity = "Dân tộc",
            position = "Chức vụ", birthDate = "Ngày sinh", idNumber = "Số CCCD", phone = "Điện thoại", address =
            "Địa chỉ",
            typeCode = "Mã loại mô hình / điển hình", fieldCode = "Mã lĩnh vực", movementCodes = "Mã phong trào",
            title = "Tên mô hình / nội dung đăng ký",
            description = "Mô tả", goals = "Mục tiêu", contact = "Liên hệ"
        var required: Bool { [.year, .unitCode, .kind, .name, .typeCode, .title].contains(self) }
        var note: String {
            switch self {
            case .kind: return "Tập thể, Cá nhân hoặc Hộ gia đình"
            case .birthDate: return "dd/mm/yyyy"
            case .movementCodes: return "nhiều mã cách nhau bằng dấu ;"
            case .typeCode: return "ví dụ MH-15, CN-03 (xem Danh mục)"
            default: return required ? "bắt buộc" : ""
            }
        }
    }

    static let maxRows = 50_000
    static let maxErrorsKept = 500

    static func templateRows() -> [[String]] {
        [
            Column.allCases.map { $0.rawValue + ($0.required ? " (*)" : "") },
            [
                "2024", "KR-DAKRUONG", "Hộ gia đình", "Hộ ông A Blơi", "", "Xơ Đăng", "", "", "", "",
                "Thôn 1, xã Đăk Ruồng", "MH-15", "LV-GNASXH", "PT-VNN",
                "Mô hình trồng sâm dây dưới tán rừng", "", "Thu nhập tăng 20%", "",
            ],
        ]
    }

    static func template(format: String) throws -> Response {
        let rows = templateRows()
        let res: Response
        if format == "csv" {
            res = Response(status: .ok, body: .init(string: CSV.utf8BOM + rows.map { CSV.line($0) }.joined()))
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mau-nhap-dang-ky.csv\"")
        } else {
            let guide =
                [[XLSXCell.text("Cột"), .text("Ghi chú")]]
                + Column.allCases.map { [XLSXCell.text($0.rawValue), .text($0.note)] }
            let data = try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "Đăng ký", rows: rows.map { $0.map(XLSXCell.text) },
                    columnWidths: Column.allCases.map { _ in 20 }, boldFirstRow: true),
                XLSXSheet(name: "Hướng dẫn", rows: guide, columnWidths: [36, 50], boldFirstRow: true),
            ])
            res = Response(status: .ok, body: .init(data: data))
            res.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mau-nhap-dang-ky.xlsx\"")
        }
        return res
    }

    /// `readRows` on NIO's thread pool: a file of 50,000 rows is read in one stretch without an `await`, which on an
    /// event loop (`LoopExecutor`) would hold up that loop's other connections meanwhile.
    static func readRowsAside(_ data: Data) async throws -> [[String]] {
        try await NIOThreadPool.singleton.runIfActive { try readRows(data) }
    }

    /// Reads the rows of an XLSX (by content) or a UTF-8 CSV.
    static func readRows(_ data: Data) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do {
                let names = try XLSXReader.sheetNames(data: data)
                return try XLSXReader.rows(data: data, sheet: names.first)
            } catch let e as OOXMLError { throw AppError.badRequest(e.description) }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError.badRequest("Tệp CSV phải được lưu với mã UTF-8 (trong Excel: Lưu thành “CSV UTF-8”).")
        }
        do { return try CSV.parse(text) } catch let e as OOXMLError { throw AppError.badRequest(e.description) }
    }

    /// A validated row, ready to write.
    struct Planned: Sendable {
        let row: Int
        let year: Int
        let unitID: Int
        let unitShortName: String
        /// The unit's path, for the tallies the row adds.
        let unitPath: String
        let subjectKey: String
        var existingSubjectID: Int?
        /// The subject's columns, folded name and sort key computed once (`SubjectRow`).
        let subject: SubjectRow
        let typeID: Int?
        let fieldCode: String
        let movementIDs: [Int]
        let title: String
        let description: String
        let goals: String
        let contact: String
        /// The catalogue version in force for the row's year.
        var catalogueVersion: String = ""
    }

    /// One catalogue version's types and fields, as the rows of one year use them.
    struct YearCatalogue: Sendable {
        let version: String
        let typeByCode: [String: SubjectTypeModel]
        let fieldCodes: Set<String>
    }

    /// The catalogue version in force for a year (`CatalogueService.inForce`), with its types and fields.
    static func catalogue(year: Int, on db: any Database) async throws -> YearCatalogue? {
        guard let version = try await CatalogueService.inForce(year: year, on: db) else { return nil }
        let types = try await SubjectTypeModel.query(on: db).filter(\.$version.$id == version.requireID()).all()
        return YearCatalogue(
            version: version.version,
            typeByCode: Dictionary(types.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }),
            fieldCodes: Set(
                try await CatalogueFieldModel.query(on: db).filter(\.$version.$id == version.requireID()).all()
                    .map(\.code)))
    }

    static func start(data: Data, filename: String, actor: Actor, app: Application, on db: any Database) async throws
        -> ImportJobModel
    {
        try Access.check(actor, .createUnitRecords)
        let rows = try await readRowsAside(data).filter {
            !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard rows.count >= 2 else {
            throw AppError.badRequest("Tệp không có dòng dữ liệu nào (dòng 1 là tiêu đề cột).")
        }
        guard rows.count - 1 <= maxRows else {
            throw AppError.badRequest("Tệp có \(rows.count - 1) dòng; mỗi lần nhập tối đa \(maxRows) dòng.")
        }
        let job = ImportJobModel(
            userID: actor.userID,
            filename: VietnameseText.clean(filename).isEmpty ? "tệp nhập" : VietnameseText.clean(filename),
            total: rows.count - 1)
        try await job.create(on: db)
        let jobID = try job.requireID()
        // The job's database is taken now: `app.db` read after the application has shut down (a stop during a long
        // import) would trap, where this one answers with an error the job records.
        let jobDB = app.jobsDB
        let logger = app.logger
        let running = app.runningImports
        running.withLockedValue { _ = $0.insert(jobID) }
        Task.detached {
            let beating = Task.detached { await keepBeating(jobID, on: jobDB) }
            defer {
                beating.cancel()
                running.withLockedValue { _ = $0.remove(jobID) }
            }
            do { try await run(jobID: jobID, rows: rows, filename: job.filename, actor: actor, db: jobDB) } catch {
                logger.report(error: error)
                try? await finish(
                    jobID, status: .failed, created: 0,
                    errors: [
                        ImportErrorItem(
                            row: 0, column: "", message: "Lỗi hệ thống khi nhập: không có dòng nào được nhập.")
                    ], on: jobDB)
            }
        }
        return job
    }

    static func finish(
        _ id: Int, status: ImportJobStatus, created: Int, errors: [ImportErrorItem],
        warnings: [ImportErrorItem] = [], on db: any Database
    ) async throws {
        guard let job = try await ImportJobModel.find(id, on: db) else { return }
        try job.move(to: status)
        job.createdCount = created
        job.errorCount = errors.count
        // Warnings share the errors column (marked `warning`), after the errors.
        job.errors = try JSONColumn.encode(
            Array(errors.prefix(maxErrorsKept)) + Array(warnings.prefix(maxErrorsKept)))
        job.processed = job.total
        job.finishedAt = Date()
        try await job.save(on: db)
        // The job's connection hands its page cache back (SQLite; `Bootstrap.jobCacheKiB`), then the process its heap.
        if db is SQLiteConnectionsDatabase { try await db.sql().raw("PRAGMA shrink_memory").run() }
        Memory.handBack()
    }

    /// How often a running job says it is alive, and how long a silent one is taken for dead.
    static let heartbeat: Duration = .seconds(15)
    static let silentFor: TimeInterval = 120

    /// Touches the job's heartbeat until the task is cancelled (the run is over).
    static func keepBeating(_ jobID: Int, on db: any Database) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: heartbeat)
            if Task.isCancelled { return }
            try? await ImportJobModel.query(on: db).filter(\.$id == jobID).set(\.$heartbeatAt, to: Date()).update()
        }
    }

    /// A job a stop of the server left validating or importing is failed, with a message, so its page stops
    /// waiting. Its rows were to be written in one transaction: nothing of it was imported. Only a job whose
    /// heartbeat has been silent for `silentFor` counts: another instance's running import is left alone.
    @discardableResult
    static func failInterrupted(now: Date = Date(), except running: Set<Int> = [], on db: any Database) async throws
        -> Int
    {
        let cutoff = now.addingTimeInterval(-silentFor)
        let mine = Array(running)
        var query = ImportJobModel.query(on: db).filter(\.$status ~~ [ImportJobStatus.validating, .importing])
        if !mine.isEmpty { query = query.filter(\.$id !~ mine) }
        let stuck =
            try await query
            .group(.or) { silent in
                silent.filter(\.$heartbeatAt < cutoff)
                silent.group(.and) { old in
                    old.filter(\.$heartbeatAt == nil)
                    old.filter(\.$createdAt < cutoff)
                }
            }
            .all()
        for job in stuck {
            try await finish(
                try job.requireID(), status: .failed, created: 0,
                errors: [ImportErrorItem(row: 0, column: "", message: ImportJobWorkflow.interruptedMessage)], on: db)
        }
        return stuck.count
    }

    static func run(jobID: Int, rows: [[String]], filename: String, actor: Actor, db: any Database) async throws {
        let (plans, errors) = try await validate(rows: rows, actor: actor, jobID: jobID, on: db)
        let warnings = formulaWarnings(rows)
        guard errors.isEmpty else {
            try await finish(jobID, status: .failed, created: 0, errors: errors, warnings: warnings, on: db)
            return
        }
        if let job = try await ImportJobModel.find(jobID, on: db) {
            try job.move(to: .importing)
            job.processed = job.total
            try await job.save(on: db)
        }
        let created = try await write(plans, filename: filename, actor: actor, on: db)
        try await finish(jobID, status: .done, created: created, errors: [], warnings: warnings, on: db)
    }

    /// Cells a spreadsheet program would read as a formula (`=HYPERLINK(…)`, `+1+2`, `@SUM(A1)`, a tab then
    /// `=`): imported as text, since the exports neutralise them, but named so that someone looks.
    static func formulaWarnings(_ rows: [[String]]) -> [ImportErrorItem] {
        let header = rows.first ?? []
        var out: [ImportErrorItem] = []
        for (r, row) in rows.enumerated().dropFirst() {
            for (c, text) in row.enumerated() {
                guard let trigger = FormulaGuard.risk(text) else { continue }
                let cell = XLSXWriter.columnName(c) + String(r + 1)
                let shown = VietnameseText.clean(text)
                let excerpt = shown.count > 40 ? String(shown.prefix(40)) + "…" : shown
                out.append(
                    ImportErrorItem(
                        row: r + 1,
                        column: c < header.count ? VietnameseText.clean(header[c]) : XLSXWriter.columnName(c),
                        message: "Ô \(cell) bắt đầu bằng dấu “\(Character(trigger))”: “\(excerpt)”. Khi mở bằng Excel, "
                            + "nội dung này có thể bị chạy như công thức; hãy kiểm tra lại. Khi xuất tệp, hệ thống "
                            + "thêm dấu ' ở đầu để Excel coi là chữ.",
                        warning: true))
            }
        }
        return out
    }

    // MARK: validation

    static func validate(rows: [[String]], actor: Actor, jobID: Int?, on db: any Database) async throws -> (
        [Planned], [ImportErrorItem]
    ) {
        var errors: [ImportErrorItem] = []
        let header = rows[0].map { VietnameseText.fold($0.replacingOccurrences(of: "(*)", with: "")) }
        var index: [Column: Int] = [:]
        for c in Column.allCases { if let i = header.firstIndex(of: VietnameseText.fold(c.rawValue)) { index[c] = i } }
        for c in Column.allCases where c.required && index[c] == nil {
            errors.append(
                ImportErrorItem(row: 1, column: c.rawValue, message: "Thiếu cột “\(c.rawValue)”. Hãy dùng tệp mẫu."))
        }
        guard errors.isEmpty else { return ([], errors) }

        // Everything a row can refer to, loaded once: the units the rows name, by code.
        let unitByCode = try await UnitQueries.byCode(
            column: index[.unitCode], of: rows, on: db)
        // Each row's year picks the catalogue version in force for it (CatalogueService.inForce), loaded once a year.
        var catalogues: [Int: YearCatalogue?] = [:]
        func catalogue(_ year: Int) async throws -> YearCatalogue? {
            if let c = catalogues[year] { return c }
            let c = try await Self.catalogue(year: year, on: db)
            catalogues[year] = c
            return c
        }
        let movementByCode = Dictionary(
            try await MovementModel.query(on: db).all().map { ($0.code, $0.id!) }, uniquingKeysWith: { a, _ in a })
        let kindByLabel: [String: SubjectKind] = Dictionary(
            uniqueKeysWithValues: SubjectKind.allCases.flatMap {
                [(VietnameseText.fold($0.label), $0), ($0.rawValue, $0)]
            })

        var plans: [Planned] = []
        var seen: [String: Int] = [:]
        for (offset, raw) in rows.dropFirst().enumerated() {
            let rowNumber = offset + 2
            // Each cell is cleaned once: a row reads some of them several times.
            let cells = index.mapValues { $0 < raw.count ? VietnameseText.clean(raw[$0]) : "" }
            func cell(_ c: Column) -> String { cells[c] ?? "" }
            var rowErrors: [ImportErrorItem] = []
            func fail(_ c: Column, _ m: String) {
                rowErrors.append(ImportErrorItem(row: rowNumber, column: c.rawValue, message: m))
            }

            let year = Int(cell(.year))
            if year == nil || !(1945...2100).contains(year!) { fail(.year, "Năm “\(cell(.year))” không hợp lệ.") }
            let unit = unitByCode[cell(.unitCode).uppercased()]
            if cell(.unitCode).isEmpty {
                fail(.unitCode, "Thiếu mã đơn vị.")
            } else if unit == nil {
                fail(.unitCode, "Không có đơn vị mã “\(cell(.unitCode))”.")
            } else if !Policy.decide(actor, .create, .unitRecord(unit!.unitPath, movementIDs: [])).isAllowed {
                fail(.unitCode, "Bạn không được đăng ký cho đơn vị “\(unit!.code)”.")
            }
            let kind = kindByLabel[VietnameseText.fold(cell(.kind))]
            if kind == nil { fail(.kind, "Loại đối tượng “\(cell(.kind))” phải là Tập thể, Cá nhân hoặc Hộ gia đình.") }
            let subject = RegistrationService.cleanSubject(
                SubjectInput(
                    kind: kind?.rawValue ?? "", name: cell(.name), gender: cell(.gender), ethnicity: cell(.ethnicity),
                    position: cell(.position), birthDate: cell(.birthDate), idNumber: cell(.idNumber),
                    phone: cell(.phone),
                    address: cell(.address), headsUnitID: nil, representsUnitID: nil))
            var fe = FieldErrors()
            RegistrationService.validateSubject(subject, prefix: "", into: &fe)
            let columnOf: [String: Column] = [
                "name": .name, "birthDate": .birthDate, "idNumber": .idNumber, "phone": .phone, "address": .address,
                "position": .position, "gender": .gender, "ethnicity": .ethnicity,
            ]
            for item in fe.items where item.field != "kind" { fail(columnOf[item.field] ?? .name, item.message) }
            var cat: YearCatalogue?
            if let year, (1945...2100).contains(year) {
                cat = try await catalogue(year)
                if cat == nil { fail(.year, "Chưa có danh mục tiêu chuẩn có hiệu lực cho năm \(year).") }
            }
            let type = cat?.typeByCode[cell(.typeCode).uppercased()]
            if cell(.typeCode).isEmpty {
                fail(.typeCode, "Thiếu mã loại mô hình / điển hình.")
            } else if let cat, type == nil {
                fail(.typeCode, "Không có loại “\(cell(.typeCode))” trong danh mục \(cat.version).")
            } else if let kind, let type, !type.subjectKinds.split(separator: ",").contains(Substring(kind.rawValue)) {
                fail(.typeCode, "“\(type.code)” không áp dụng cho \(kind.label.lowercased()).")
            }
            var field = cell(.fieldCode).uppercased()
            if field.isEmpty {
                field = type?.fieldCode ?? ""
            } else if let cat, !cat.fieldCodes.contains(field) {
                fail(.fieldCode, "Không có lĩnh vực “\(field)”.")
            }
            var movementIDs: [Int] = []
            for code in cell(.movementCodes).split(separator: ";").map({ VietnameseText.clean(String($0)).uppercased() }
            ).filter({ !$0.isEmpty }) {
                if let id = movementByCode[code] {
                    movementIDs.append(id)
                } else {
                    fail(.movementCodes, "Không có phong trào mã “\(code)”.")
                }
            }
            if cell(.title).isEmpty {
                fail(.title, "Thiếu tên mô hình / nội dung đăng ký.")
            } else if cell(.title).count > 300 {
                fail(.title, "Tên mô hình dài tối đa 300 ký tự.")
            }

            let subjectRow = SubjectRow(subject, unitID: unit?.id ?? 0)
            let key = subjectRow.identity
            if let year, rowErrors.isEmpty {
                if let first = seen["\(key)#\(year)"] {
                    fail(.name, "Trùng với dòng \(first): cùng đối tượng đăng ký hai lần trong năm \(year).")
                } else {
                    seen["\(key)#\(year)"] = rowNumber
                }
            }
            errors += rowErrors
            if rowErrors.isEmpty, let unit, let year {
                plans.append(
                    Planned(
                        row: rowNumber, year: year, unitID: unit.id!, unitShortName: unit.shortName,
                        unitPath: unit.path,
                        subjectKey: key,
                        existingSubjectID: nil,
                        subject: subjectRow, typeID: type?.id, fieldCode: field,
                        movementIDs: Array(Set(movementIDs)).sorted(), title: cell(.title),
                        description: cell(.description), goals: cell(.goals), contact: cell(.contact),
                        catalogueVersion: cat?.version ?? ""))
            }
            if offset % 1000 == 999, let jobID, let job = try await ImportJobModel.find(jobID, on: db) {
                job.processed = offset + 1
                try await job.save(on: db)
            }
        }
        // Subjects that already exist (same unit, kind, name and ID number) are reused; a registration
        // they already have for that year is an error. Looked up by the file's own (unit, folded name) pairs through
        // `subjects_unit_name_idx`, not by reading every subject of the file's units: an import into communes that
        // earlier imports had filled read them all as models (a soak of 50,000-row imports into the same 200
        // communes: 5,463 rows/s at the first, 1,672 at the seventh, 1.5 GB at its peak).
        let existing = try await Self.existingSubjects(
            Set(plans.map { Pair($0.unitID, $0.subject.searchText) }), on: db)
        var out: [Planned] = []
        var taken = Set<String>()
        let sql = try db.sql()
        for chunk in Set(existing.values).sorted().chunked(500) {
            for row in try await sql.select().column("subject_id").column("year").from("registrations")
                .where("subject_id", .in, chunk).all()
            {
                taken.insert(
                    "\(try row.decode(column: "subject_id", as: Int.self))#\(try row.decode(column: "year", as: Int.self))"
                )
            }
        }
        for p in plans {
            if let sid = existing[p.subjectKey] {
                if taken.contains("\(sid)#\(p.year)") {
                    errors.append(
                        ImportErrorItem(
                            row: p.row, column: Column.name.rawValue,
                            message: "“\(p.subject.name)” đã được đăng ký năm \(p.year)."))
                    continue
                }
                var reused = p
                reused.existingSubjectID = sid
                out.append(reused)
            } else {
                out.append(p)
            }
        }
        errors.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        return (errors.isEmpty ? out : [], errors)
    }

    // MARK: writing (one transaction, batched inserts)

    static func write(_ plans: [Planned], filename: String, actor: Actor, on db: any Database) async throws -> Int {
        return try await db.transaction { tx in
            let sql = try tx.sql()
            let now = Date()
            // New subjects, one per identity key.
            var subjectIDs: [String: Int] = [:]
            var newSubjects: [SubjectRow] = []
            var planned = Set<String>()
            for p in plans where p.existingSubjectID == nil && planned.insert(p.subjectKey).inserted {
                newSubjects.append(p.subject)
            }
            for batch in newSubjects.chunked(400) {
                var insert = sql.insert(into: "subjects").columns(
                    "kind", "name", "search_text", "sort_key", "unit_id", "gender", "ethnicity", "position",
                    "birth_date", "id_number", "phone", "address", "created_at", "updated_at")
                for s in batch {
                    insert = insert.values(
                        SQLBind(s.kind), SQLBind(s.name), SQLBind(s.searchText), SQLBind(s.sortKey),
                        SQLBind(s.unitID), SQLBind(s.gender),
                        SQLBind(s.ethnicity), SQLBind(s.position), SQLBind(s.birthDate), SQLBind(s.idNumber),
                        SQLBind(s.phone), SQLBind(s.address),
                        SQLBind(now), SQLBind(now))
                }
                let rows = try await insert.returning("id", "unit_id", "kind", "search_text", "id_number").all()
                for row in rows {
                    let key =
                        "\(try row.decode(column: "unit_id", as: Int.self))|\(try row.decode(column: "kind", as: String.self))|\(try row.decode(column: "search_text", as: String.self))|\(try row.decode(column: "id_number", as: String.self))"
                    subjectIDs[key] = try row.decode(column: "id", as: Int.self)
                }
            }
            // Each registration's tallies are known from its row: stored with it and added to the counts once, with
            // no second pass over the rows written (`RegistrationTallies.sync` reads them back and updates each).
            let tallies = plans.map { p in
                RegistrationTallies.contribution(
                    path: p.unitPath, year: p.year, kind: p.subject.kind,
                    status: RegistrationStatus.registered.rawValue,
                    fieldCode: p.fieldCode, typeID: p.typeID, movements: p.movementIDs, evaluations: 0)
            }
            var regIDs: [String: Int] = [:]
            for (batch, batchTallies) in zip(plans.chunked(300), tallies.chunked(300)) {
                var insert = sql.insert(into: "registrations").columns(
                    "subject_id", "unit_id", "year", "subject_kind", "subject_type_id", "catalogue_version",
                    "field_code",
                    "title", "description", "goals", "contact", "status", "search_text", "sort_key", "tally_key",
                    "created_at", "updated_at")
                for (p, tally) in zip(batch, batchTallies) {
                    let sid = p.existingSubjectID ?? subjectIDs[p.subjectKey] ?? 0
                    insert = insert.values(
                        SQLBind(sid), SQLBind(p.unitID), SQLBind(p.year), SQLBind(p.subject.kind), SQLBind(p.typeID),
                        SQLBind(p.catalogueVersion), SQLBind(p.fieldCode),
                        SQLBind(p.title), SQLBind(p.description), SQLBind(p.goals), SQLBind(p.contact),
                        SQLBind(RegistrationStatus.registered.rawValue),
                        SQLBind(
                            RegistrationService.searchText(
                                subject: p.subject.name, title: p.title, unitName: p.unitShortName)),
                        SQLBind(p.subject.sortKey),
                        SQLBind(RegistrationTallies.encode(tally)), SQLBind(now), SQLBind(now))
                }
                for row in try await insert.returning("id", "subject_id", "year").all() {
                    regIDs[
                        "\(try row.decode(column: "subject_id", as: Int.self))#\(try row.decode(column: "year", as: Int.self))"
                    ] = try row.decode(column: "id", as: Int.self)
                }
            }
            var links: [(Int, Int)] = []
            var transitions: [Int] = []
            for p in plans {
                guard let rid = regIDs["\(p.existingSubjectID ?? subjectIDs[p.subjectKey] ?? 0)#\(p.year)"] else {
                    continue
                }
                transitions.append(rid)
                for m in p.movementIDs { links.append((rid, m)) }
            }
            for batch in links.chunked(500) where !batch.isEmpty {
                var insert = sql.insert(into: "registration_movements").columns("registration_id", "movement_id")
                for (r, m) in batch { insert = insert.values(SQLBind(r), SQLBind(m)) }
                try await insert.run()
            }
            // The bulk INSERTs pass no model middleware: the counts are added here, in the same transaction.
            try await RegistrationTallies.addNew(tallies, on: sql)
            for batch in transitions.chunked(500) where !batch.isEmpty {
                var insert = sql.insert(into: "registration_transitions").columns(
                    "registration_id", "from_status", "to_status", "at", "user_id", "username", "reason")
                for r in batch {
                    insert = insert.values(
                        SQLBind(r), SQLBind(""), SQLBind(RegistrationStatus.registered.rawValue), SQLBind(now),
                        SQLBind(actor.userID), SQLBind(actor.username),
                        SQLBind("Nhập từ tệp \(filename)"))
                }
                try await insert.run()
            }
            /// The registrations made, as runs of consecutive ids (`IDRanges`): one pair for a bulk import.
            struct Summary: Encodable {
                let file: String
                let rows: Int
                let newSubjects: Int
                let registrationIDRanges: [[Int]]
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "import", entityID: nil, unitID: actor.unitID,
                summary: "Nhập \(regIDs.count) đăng ký (\(newSubjects.count) đối tượng mới) từ tệp \(filename)",
                before: Optional<String>.none,
                after: Summary(
                    file: filename, rows: plans.count, newSubjects: newSubjects.count,
                    registrationIDRanges: IDRanges.of(regIDs.values)))
            return regIDs.count
        }
    }

    /// `running`: the jobs this app runs (`Application.runningImports`), never taken for dead.
    static func readable(_ id: Int, actor: Actor?, running: Set<Int> = [], on db: any Database) async throws
        -> ImportJobModel
    {
        guard let actor, let job = try await ImportJobModel.find(id, on: db),
            Policy.importJobScope(actor).includes(ownerID: job.userID)
        else { throw AppError.notFound("Không tìm thấy lần nhập.") }
        // A job whose instance stopped answers "failed" as soon as its heartbeat has been silent long enough,
        // whichever instance is asked (the page that follows it refreshes itself).
        let lastSign = job.heartbeatAt ?? job.createdAt ?? .distantPast
        if [.validating, .importing].contains(job.status), lastSign < Date().addingTimeInterval(-silentFor),
            try await failInterrupted(except: running, on: db) > 0
        {
            return try await ImportJobModel.find(id, on: db) ?? job
        }
        return job
    }
}

extension ImportService {
    /// A unit and a folded name: what `subjects_unit_name_idx` finds.
    struct Pair: Hashable {
        let unitID: Int
        let searchText: String
        init(_ unitID: Int, _ searchText: String) {
            self.unitID = unitID
            self.searchText = searchText
        }
    }

    /// The statement that finds the subjects of `chunk`'s pairs.
    static func lookup(_ chunk: [Pair]) -> SQLQueryString {
        let values = SQLList(chunk.map { SQLGroupExpression([SQLBind($0.unitID), SQLBind($0.searchText)]) })
        return """
            SELECT id, unit_id, kind, search_text, id_number FROM subjects
            WHERE (unit_id, search_text) IN (VALUES \(values))
            """
    }

    /// The subjects of `pairs`' units with `pairs`' names, by identity (`SubjectRow.identity`) → id; 400 pairs a
    /// statement, `(unit_id, search_text) IN (VALUES …)` on both databases.
    static func existingSubjects(_ pairs: Set<Pair>, on db: any Database) async throws -> [String: Int] {
        let sql = try db.sql()
        var found: [String: Int] = [:]
        for chunk in pairs.sorted(by: { ($0.unitID, $0.searchText) < ($1.unitID, $1.searchText) }).chunked(400) {
            for row in try await sql.raw(lookup(chunk)).all() {
                let key = SubjectRow.identity(
                    unitID: try row.decode(column: "unit_id", as: Int.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    searchText: try row.decode(column: "search_text", as: String.self),
                    idNumber: try row.decode(column: "id_number", as: String.self))
                found[key] = try row.decode(column: "id", as: Int.self)
            }
        }
        return found
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

extension Application {
    private struct RunningImportsKey: StorageKey {
        typealias Value = NIOLockedValueBox<Set<Int>>
    }

    /// The import jobs this app is running. On SQLite a heartbeat cannot commit while the job's own write
    /// transaction holds the one writer, so a long write looks silent: the app never takes its own job for dead.
    var runningImports: NIOLockedValueBox<Set<Int>> {
        if let box = storage[RunningImportsKey.self] { return box }
        let box = NIOLockedValueBox<Set<Int>>([])
        storage[RunningImportsKey.self] = box
        return box
    }
}
