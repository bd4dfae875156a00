import Domain
import Fluent
import Foundation
import OOXML
import Vapor

/// What a set-up import brings in: the unit tree, clusters and blocks, or accounts.
enum SetupImportKind: String, CaseIterable, Sendable, Codable {
    case units, groups, users

    var label: String {
        switch self {
        case .units: return "Cây đơn vị"
        case .groups: return "Cụm, khối thi đua"
        case .users: return "Tài khoản người dùng"
        }
    }

    /// The columns of the template, in order; the required ones carry "(*)" in the template's header.
    var columns: [SetupImport.Column] {
        switch self {
        case .units:
            return [
                .init("Mã đơn vị", required: true, note: "chữ in hoa không dấu, số, dấu gạch ngang; ví dụ KR-DAKRUONG"),
                .init("Tên đơn vị", required: true, note: "tên đầy đủ"),
                .init("Tên ngắn", note: "để trống: dùng tên đơn vị"),
                .init("Loại đơn vị", required: true, note: UnitKind.allCases.map(\.label).joined(separator: "; ")),
                .init("Mã đơn vị cấp trên", note: "mã một đơn vị trong tệp này hoặc đã có; để trống: cấp cao nhất"),
                .init("Địa danh", note: "dùng trong văn bản, ví dụ Kon Rẫy"),
                .init("Ký hiệu viết tắt", note: "dùng trong số văn bản, ví dụ UBND"),
            ]
        case .groups:
            return [
                .init("Mã cụm, khối", required: true, note: "chữ in hoa không dấu, số, dấu gạch ngang"),
                .init("Tên cụm, khối", required: true, note: "tên đầy đủ"),
                .init("Loại", required: true, note: "Cụm thi đua hoặc Khối thi đua"),
                .init("Mã các đơn vị thành viên", note: "nhiều mã cách nhau bằng dấu ;"),
            ]
        case .users:
            return [
                .init("Tên đăng nhập", required: true, note: "chữ thường không dấu, số, dấu chấm, gạch dưới"),
                .init("Họ và tên", required: true, note: ""),
                .init("Vai trò", required: true, note: Role.allCases.map(\.label).joined(separator: "; ")),
                .init("Mã đơn vị", note: "bắt buộc với cán bộ đơn vị, đơn vị chủ trì, biên tập viên"),
                .init("E-mail", note: "để trống nếu không nhận thông báo qua thư"),
            ]
        }
    }

    var example: [String] {
        switch self {
        case .units:
            return ["KR-THONMOI", "Thôn Kon Bring, xã Đăk Ruồng", "Thôn Kon Bring", "Thôn", "KR-DAKRUONG", "", ""]
        case .groups: return ["CUM-MOI", "Cụm thi đua số 3", "Cụm thi đua", "KR-DAKRUONG; KR-TANLAP"]
        case .users: return ["dakruong.vanhoa", "Y Thương", "Cán bộ đơn vị", "KR-DAKRUONG", "ythuong@konray.gov.vn"]
        }
    }

    var templateName: String {
        switch self {
        case .units: return "mau-nhap-don-vi.xlsx"
        case .groups: return "mau-nhap-cum-khoi.xlsx"
        case .users: return "mau-nhap-tai-khoan.xlsx"
        }
    }
}

/// An account made by an import, with the one-time password to hand over (shown once, never stored in clear).
struct OneTimeAccount: Content, Sendable, Equatable {
    let username: String
    let fullName: String
    let password: String
}

struct SetupImportResult: Content, Sendable {
    let kind: String
    let created: Int
    let errors: [ImportErrorItem]
    /// Cells that would run as a formula in a spreadsheet (imported all the same).
    var warnings: [ImportErrorItem] = []
    /// Accounts only: each new account's one-time password, to be changed at first sign-in.
    var accounts: [OneTimeAccount] = []
}

/// Setting up a district from spreadsheets (issue 15, item 3): units, clusters and blocks, accounts, from XLSX or
/// CSV. The whole file is checked first; one bad row writes nothing, and every error names its row and column.
enum SetupImport {
    struct Column: Sendable {
        let name: String
        let required: Bool
        let note: String
        init(_ name: String, required: Bool = false, note: String) {
            self.name = name
            self.required = required
            self.note = note
        }
    }

    static let maxRows = 5_000

    static func templateRows(_ kind: SetupImportKind) -> [[String]] {
        [kind.columns.map { $0.name + ($0.required ? " (*)" : "") }, kind.example]
    }

    static func templateData(_ kind: SetupImportKind) throws -> Data {
        let guide =
            [[XLSXCell.text("Cột"), .text("Ghi chú")]]
            + kind.columns.map { [XLSXCell.text($0.name), .text(($0.required ? "bắt buộc; " : "") + $0.note)] }
        return try XLSXWriter.data(sheets: [
            XLSXSheet(
                name: kind.label.replacingOccurrences(of: ",", with: ""),
                rows: templateRows(kind).map { $0.map(XLSXCell.text) },
                columnWidths: kind.columns.map { _ in 24 }, boldFirstRow: true),
            XLSXSheet(name: "Hướng dẫn", rows: guide, columnWidths: [30, 70], boldFirstRow: true),
        ])
    }

    static func template(_ kind: SetupImportKind) throws -> Response {
        FileStore.attachment(
            try templateData(kind), name: kind.templateName, contentType: EvidenceService.Kind.xlsx.contentType)
    }

    /// A one-time password: 14 letters and digits without look-alikes (0/O, 1/l/I), from the system's random source.
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<14).map { _ in alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))] })
    }

    /// The rows of a file, with the header found; or the errors that stop before any row is read.
    struct Sheet {
        let rows: [[String]]
        let index: [String: Int]
        func cell(_ raw: [String], _ column: String) -> String {
            index[column].flatMap { $0 < raw.count ? VietnameseText.clean(raw[$0]) : nil } ?? ""
        }
    }

    static func read(_ kind: SetupImportKind, _ data: Data) throws -> (Sheet, [ImportErrorItem]) {
        let rows = try ImportService.readRows(data).filter {
            !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard rows.count >= 2 else {
            throw AppError.badRequest("Tệp không có dòng dữ liệu nào (dòng 1 là tiêu đề cột).")
        }
        guard rows.count - 1 <= maxRows else {
            throw AppError.badRequest("Tệp có \(rows.count - 1) dòng; mỗi lần nhập tối đa \(maxRows) dòng.")
        }
        let header = rows[0].map { VietnameseText.fold($0.replacingOccurrences(of: "(*)", with: "")) }
        var index: [String: Int] = [:]
        for c in kind.columns { if let i = header.firstIndex(of: VietnameseText.fold(c.name)) { index[c.name] = i } }
        let missing = kind.columns.filter { $0.required && index[$0.name] == nil }.map {
            ImportErrorItem(
                row: 1, column: $0.name,
                message: "Thiếu cột “\($0.name)”. Hãy dùng tệp mẫu của mục “\(kind.label)”.")
        }
        return (Sheet(rows: rows, index: index), missing)
    }

    /// Checks and imports a file of the given kind. Access to set-up is checked before the file is read.
    static func run(
        _ kind: SetupImportKind, data: Data, filename: String, actor: Actor, hasher: AsyncPasswordHasher,
        on db: any Database
    ) async throws -> SetupImportResult {
        try Access.check(actor, .create, .setupImport)
        let (sheet, missing) = try read(kind, data)
        guard missing.isEmpty else { return SetupImportResult(kind: kind.rawValue, created: 0, errors: missing) }
        let file = VietnameseText.clean(filename).isEmpty ? "tệp nhập" : VietnameseText.clean(filename)
        var result: SetupImportResult
        switch kind {
        case .units: result = try await units(sheet, filename: file, actor: actor, on: db)
        case .groups: result = try await groups(sheet, filename: file, actor: actor, on: db)
        case .users: result = try await users(sheet, filename: file, actor: actor, hasher: hasher, on: db)
        }
        if result.errors.isEmpty { result.warnings = ImportService.formulaWarnings(sheet.rows) }
        return result
    }

    /// A row's field errors (from the shared `Check`s) as errors naming the row and column.
    static func items(_ e: FieldErrors, row: Int, columns: [String: String]) -> [ImportErrorItem] {
        e.items.map { ImportErrorItem(row: row, column: columns[$0.field] ?? $0.field, message: $0.message) }
    }

    static func forbiddenMessage(_ d: Decision, _ fallback: String) -> String? {
        switch d {
        case .allow: return nil
        case .forbidden(let m): return m
        case .notFound: return fallback
        }
    }

    // MARK: Units

    struct PlannedUnit {
        let row: Int
        let code: String
        let name: String
        let shortName: String
        let kind: UnitKind
        let parentCode: String
        let place: String
        let abbreviation: String
    }

    static func units(_ sheet: Sheet, filename: String, actor: Actor, on db: any Database) async throws
        -> SetupImportResult
    {
        let existing = try await UnitModel.query(on: db).all()
        let byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var errors: [ImportErrorItem] = []
        var planned: [PlannedUnit] = []
        let columnOf = [
            "code": "Mã đơn vị", "name": "Tên đơn vị", "shortName": "Tên ngắn", "kind": "Loại đơn vị",
            "parentID": "Mã đơn vị cấp trên", "place": "Địa danh", "abbreviation": "Ký hiệu viết tắt",
        ]
        for (offset, raw) in sheet.rows.dropFirst().enumerated() {
            let row = offset + 2
            func cell(_ c: String) -> String { sheet.cell(raw, c) }
            var e = FieldErrors()
            let code = cell("Mã đơn vị").uppercased()
            Check.code(code, "code", into: &e)
            Check.required(cell("Tên đơn vị"), "name", "Tên đơn vị", into: &e)
            Check.optional(cell("Tên ngắn"), "shortName", "Tên ngắn", max: 120, into: &e)
            Check.optional(cell("Địa danh"), "place", "Địa danh", max: 120, into: &e)
            Check.optional(cell("Ký hiệu viết tắt"), "abbreviation", "Ký hiệu viết tắt", max: 30, into: &e)
            let kind = UnitKind(text: cell("Loại đơn vị"))
            if kind == nil {
                e.add(
                    "kind",
                    cell("Loại đơn vị").isEmpty
                        ? "Thiếu loại đơn vị."
                        : "Loại đơn vị “\(cell("Loại đơn vị"))” không có trong danh sách "
                            + "(xem trang Hướng dẫn của tệp mẫu)."
                )
            }
            let parentCode = cell("Mã đơn vị cấp trên").uppercased()
            if parentCode == code && !code.isEmpty {
                e.add("parentID", "Một đơn vị không thể là cấp trên của chính nó.")
            }
            errors += items(e, row: row, columns: columnOf)
            if e.isEmpty, let kind {
                planned.append(
                    PlannedUnit(
                        row: row, code: code, name: cell("Tên đơn vị"), shortName: cell("Tên ngắn"), kind: kind,
                        parentCode: parentCode, place: cell("Địa danh"), abbreviation: cell("Ký hiệu viết tắt")))
            }
        }
        let (order, problems) = UnitTreeOrder.order(
            planned.map { .init(row: $0.row, code: $0.code, parentCode: $0.parentCode) }, existing: Set(byCode.keys))
        let rowCode = Dictionary(planned.map { ($0.row, $0.code) }, uniquingKeysWith: { a, _ in a })
        let rowParent = Dictionary(planned.map { ($0.row, $0.parentCode) }, uniquingKeysWith: { a, _ in a })
        for p in problems {
            switch p {
            case .duplicate(let row, let first):
                errors.append(
                    ImportErrorItem(
                        row: row, column: "Mã đơn vị",
                        message: "Mã “\(rowCode[row] ?? "")” trùng với dòng \(first) của tệp."))
            case .exists(let row):
                let u = byCode[rowCode[row] ?? ""]
                errors.append(
                    ImportErrorItem(
                        row: row, column: "Mã đơn vị",
                        message: "Mã “\(rowCode[row] ?? "")” đã có trong hệ thống (\(u?.name ?? "")). "
                            + "Hãy bỏ dòng này hoặc đổi mã."))
            case .unknownParent(let row):
                errors.append(
                    ImportErrorItem(
                        row: row, column: "Mã đơn vị cấp trên",
                        message: "Không có đơn vị cấp trên mã “\(rowParent[row] ?? "")” trong tệp hay trong hệ thống."))
            case .cycle(let row, let codes):
                errors.append(
                    ImportErrorItem(
                        row: row, column: "Mã đơn vị cấp trên",
                        message: "Cấp trên lặp vòng: \(codes.joined(separator: " → ")). Một đơn vị không thể nằm "
                            + "dưới chính nó."))
            }
        }
        // Who may add a unit under the existing unit each new branch hangs from.
        let plannedByCode = Dictionary(planned.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        if errors.isEmpty {
            for i in order {
                var p = planned[i]
                while let up = plannedByCode[p.parentCode] { p = up }
                let anchor = byCode[p.parentCode]?.unitPath ?? .root
                if let m = forbiddenMessage(
                    Policy.decide(actor, .create, .newUnit(parent: anchor)),
                    "Bạn không được thêm đơn vị dưới “\(p.parentCode)”.")
                {
                    errors.append(ImportErrorItem(row: planned[i].row, column: "Mã đơn vị cấp trên", message: m))
                }
            }
        }
        errors.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        guard errors.isEmpty else { return SetupImportResult(kind: "units", created: 0, errors: errors) }

        let ordered = order.map { planned[$0] }
        let codes = try await db.transaction { tx -> [String] in
            var made: [String: UnitModel] = [:]
            for p in ordered {
                let parent = made[p.parentCode] ?? byCode[p.parentCode]
                let unit = UnitModel(
                    code: p.code, name: p.name, shortName: p.shortName.isEmpty ? p.name : p.shortName, kind: p.kind,
                    parentID: parent?.id, place: p.place, abbreviation: p.abbreviation)
                try await unit.create(on: tx)
                unit.path = (parent?.unitPath ?? .root).child(try unit.requireID()).raw
                try await unit.save(on: tx)
                made[p.code] = unit
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "import", entityID: nil, unitID: actor.unitID,
                summary: "Nhập \(made.count) đơn vị từ tệp \(filename)", before: Optional<String>.none,
                after: Audited(file: filename, kind: "units", codes: ordered.map(\.code)))
            return ordered.map(\.code)
        }
        return SetupImportResult(kind: "units", created: codes.count, errors: [])
    }

    struct Audited: Encodable {
        let file: String
        let kind: String
        let codes: [String]
    }

    // MARK: Clusters and blocks

    static func groups(_ sheet: Sheet, filename: String, actor: Actor, on db: any Database) async throws
        -> SetupImportResult
    {
        if let m = forbiddenMessage(Policy.decide(actor, .create, .unitGroups), Policy.setupOnly) {
            throw AppError.forbidden(m)
        }
        let units = Dictionary(
            try await UnitModel.query(on: db).all().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let existing = Set(try await UnitGroupModel.query(on: db).all().map(\.code))
        let columnOf = ["code": "Mã cụm, khối", "name": "Tên cụm, khối", "kind": "Loại"]
        var errors: [ImportErrorItem] = []
        var seen: [String: Int] = [:]
        var planned: [(code: String, name: String, kind: UnitGroupKind, members: [Int])] = []
        for (offset, raw) in sheet.rows.dropFirst().enumerated() {
            let row = offset + 2
            func cell(_ c: String) -> String { sheet.cell(raw, c) }
            let input = GroupInput(
                code: cell("Mã cụm, khối"), name: cell("Tên cụm, khối"),
                kind: UnitGroupKind(text: cell("Loại"))?.rawValue ?? "")
            var e = FieldErrors()
            if input.kind.isEmpty {
                e.add(
                    "kind",
                    cell("Loại").isEmpty
                        ? "Thiếu loại: Cụm thi đua hoặc Khối thi đua."
                        : "Loại “\(cell("Loại"))” phải là Cụm thi đua hoặc Khối thi đua.")
            }
            for item in GroupService.check(input.cleaned()).items { e.add(item.field, item.message) }
            let code = input.cleaned().code
            var rowErrors = items(e, row: row, columns: columnOf)
            if e["code"] == nil {
                if let first = seen[code] {
                    rowErrors.append(
                        ImportErrorItem(
                            row: row, column: "Mã cụm, khối", message: "Mã “\(code)” trùng với dòng \(first) của tệp."))
                } else if existing.contains(code) {
                    rowErrors.append(
                        ImportErrorItem(
                            row: row, column: "Mã cụm, khối",
                            message: "Mã “\(code)” đã có trong hệ thống. Hãy bỏ dòng này hoặc đổi mã; thành viên của "
                                + "cụm, khối đã có được sửa trên trang Cụm, khối thi đua."))
                }
                seen[code] = seen[code] ?? row
            }
            var memberIDs: [Int] = []
            let memberCodes = cell("Mã các đơn vị thành viên")
                .split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" })
                .map { VietnameseText.clean(String($0)).uppercased() }.filter { !$0.isEmpty }
            for m in memberCodes {
                if let u = units[m], let id = u.id {
                    if !memberIDs.contains(id) { memberIDs.append(id) }
                } else {
                    rowErrors.append(
                        ImportErrorItem(
                            row: row, column: "Mã các đơn vị thành viên", message: "Không có đơn vị mã “\(m)”."))
                }
            }
            errors += rowErrors
            if rowErrors.isEmpty, let kind = UnitGroupKind(rawValue: input.kind) {
                planned.append((code, input.cleaned().name, kind, memberIDs))
            }
        }
        guard errors.isEmpty else { return SetupImportResult(kind: "groups", created: 0, errors: errors) }
        let ready = planned
        try await db.transaction { tx in
            for p in ready {
                let g = UnitGroupModel(code: p.code, name: p.name, kind: p.kind)
                try await g.create(on: tx)
                for id in p.members {
                    let m = UnitGroupMemberModel()
                    m.$group.id = try g.requireID()
                    m.$unit.id = id
                    try await m.create(on: tx)
                }
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "import", entityID: nil, unitID: actor.unitID,
                summary: "Nhập \(ready.count) cụm, khối thi đua từ tệp \(filename)", before: Optional<String>.none,
                after: Audited(file: filename, kind: "groups", codes: ready.map(\.code)))
        }
        return SetupImportResult(kind: "groups", created: ready.count, errors: [])
    }

    // MARK: Accounts

    static func users(
        _ sheet: Sheet, filename: String, actor: Actor, hasher: AsyncPasswordHasher, on db: any Database
    ) async throws -> SetupImportResult {
        let units = try await UnitQueries.byCode(sheet.rows.dropFirst().map { sheet.cell($0, "Mã đơn vị") }, on: db)
        let existing = Set(try await UserModel.query(on: db).all().map(\.username))
        let columnOf = [
            "username": "Tên đăng nhập", "fullName": "Họ và tên", "role": "Vai trò", "unitID": "Mã đơn vị",
            "email": "E-mail",
        ]
        var errors: [ImportErrorItem] = []
        var seen: [String: Int] = [:]
        var planned: [(username: String, fullName: String, role: Role, unitID: Int?, email: String)] = []
        for (offset, raw) in sheet.rows.dropFirst().enumerated() {
            let row = offset + 2
            func cell(_ c: String) -> String { sheet.cell(raw, c) }
            var e = FieldErrors()
            let username = cell("Tên đăng nhập").lowercased()
            Check.username(username, "username", into: &e)
            Check.required(cell("Họ và tên"), "fullName", "Họ và tên", max: 120, into: &e)
            let role = Role(text: cell("Vai trò"))
            if role == nil {
                e.add(
                    "role",
                    cell("Vai trò").isEmpty
                        ? "Thiếu vai trò."
                        : "Vai trò “\(cell("Vai trò"))” không có. Chọn một trong: "
                            + Role.allCases.map(\.label).joined(separator: "; ") + ".")
            }
            let unitCode = cell("Mã đơn vị").uppercased()
            let unit = units[unitCode]
            if !unitCode.isEmpty && unit == nil {
                e.add("unitID", "Không có đơn vị mã “\(cell("Mã đơn vị"))”.")
            } else if let role, role.requiresUnit, unit == nil {
                e.add("unitID", "Vai trò “\(role.label)” phải thuộc một đơn vị: hãy ghi mã đơn vị.")
            }
            let email = cell("E-mail")
            if !email.isEmpty, !SMTPClient.isAddress(email) {
                e.add("email", "Địa chỉ e-mail phải có dạng ten@donvi.gov.vn, hoặc để trống.")
            }
            if e["username"] == nil {
                if let first = seen[username] {
                    e.add("username", "Tên đăng nhập “\(username)” trùng với dòng \(first) của tệp.")
                } else if existing.contains(username) {
                    e.add("username", "Tên đăng nhập “\(username)” đã có người dùng.")
                }
                seen[username] = seen[username] ?? row
            }
            if e.isEmpty, let role,
                let m = forbiddenMessage(
                    Policy.decide(actor, .create, .user(unitPath: unit?.unitPath, role: role)),
                    "Bạn không được tạo tài khoản cho đơn vị “\(unitCode)”.")
            {
                e.add("role", m)
            }
            errors += items(e, row: row, columns: columnOf)
            if e.isEmpty, let role {
                planned.append((username, cell("Họ và tên"), role, unit?.id, email))
            }
        }
        guard errors.isEmpty else { return SetupImportResult(kind: "users", created: 0, errors: errors) }
        // Hashing is slow by design: done before the transaction, on the bounded password pool.
        var made: [(UserModel, OneTimeAccount)] = []
        for p in planned {
            let password = oneTimePassword()
            let hash = try await hasher.hash(password).get()
            let user = UserModel(
                username: p.username, fullName: p.fullName, passwordHash: hash, role: p.role, unitID: p.unitID)
            user.email = p.email.isEmpty ? nil : p.email
            user.mustChangePassword = true
            made.append((user, OneTimeAccount(username: p.username, fullName: p.fullName, password: password)))
        }
        let ready = made
        try await db.transaction { tx in
            for (user, _) in ready { try await user.create(on: tx) }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "import", entityID: nil, unitID: actor.unitID,
                summary: "Nhập \(ready.count) tài khoản từ tệp \(filename) (mật khẩu dùng một lần, phải đổi khi "
                    + "đăng nhập lần đầu)", before: Optional<String>.none,
                after: ready.map { UserDTO($0.0) })
        }
        return SetupImportResult(kind: "users", created: ready.count, errors: [], accounts: ready.map(\.1))
    }
}
