import Domain
import Fluent
import Vapor

/// A consent as the web form or the API sends it (the scanned form travels separately).
struct ConsentInput: Content, Sendable {
    var givenBy: String
    /// dd/mm/yyyy
    var givenOn: String
    var method: String
    var scopeNote: String?
}

/// The scanned form of a consent, as uploaded.
struct ConsentScan: Sendable {
    let filename: String
    let bytes: [UInt8]
}

/// Writes to consents: authorize (Policy .consent, by the subject's unit) → validate → write → audit.
enum ConsentService {
    /// The subject (with its unit) if the actor may do `action` on its consents; 404 when it may not see them.
    static func subject(_ id: Int, actor: Actor?, action: Action, on db: any Database) async throws -> SubjectModel {
        guard let s = try await SubjectModel.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound("Không tìm thấy đối tượng.")
        }
        try Access.check(actor, .read, .consent(s.unit.unitPath))
        if action != .read { try Access.check(actor, action, .consent(s.unit.unitPath)) }
        return s
    }

    /// A subject's consents, newest first (404 for who may not read them).
    static func list(subjectID: Int, actor: Actor?, on db: any Database) async throws -> [ConsentModel] {
        _ = try await subject(subjectID, actor: actor, action: .read, on: db)
        return try await ConsentModel.query(on: db).filter(\.$subjectID == subjectID)
            .sort(\.$givenOn, .descending).sort(\.$id, .descending).all()
    }

    /// One consent if the actor may read it (404 otherwise), with its subject.
    static func readable(_ id: Int, actor: Actor?, action: Action = .read, on db: any Database) async throws
        -> (ConsentModel, SubjectModel)
    {
        guard let c = try await ConsentModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy bản ghi đồng ý công khai.")
        }
        let s = try await subject(c.subjectID, actor: actor, action: action, on: db)
        return (c, s)
    }

    /// Records a consent. `requireScanForWrittenForm`: the web form asks for the scan of a written form; the API
    /// records without a file (the scan is then uploaded from the web page).
    static func record(
        subjectID: Int, _ input: ConsentInput, scan: ConsentScan?, requireScanForWrittenForm: Bool, actor: Actor?,
        app: Application, on db: any Database
    ) async throws -> ConsentModel {
        let s = try await subject(subjectID, actor: actor, action: .create, on: db)
        var e = FieldErrors()
        if s.subjectKind == .collective {
            e.add("givenBy", "Tập thể không cần ghi nhận sự đồng ý công khai; chỉ cá nhân và hộ gia đình.")
        }
        let givenBy = VietnameseText.clean(input.givenBy)
        Check.required(givenBy, "givenBy", "Người đồng ý", max: 200, into: &e)
        let dateText = VietnameseText.clean(input.givenOn)
        var iso: String?
        if dateText.isEmpty {
            e.add("givenOn", "Ngày đồng ý không được để trống (dd/mm/yyyy).")
        } else if let d = VietnameseDate.displayToISO(dateText) {
            if d > Today.iso { e.add("givenOn", "Ngày đồng ý không được sau hôm nay.") } else { iso = d }
        } else {
            e.add("givenOn", "Ngày đồng ý phải có dạng dd/mm/yyyy, ví dụ 15/03/2025.")
        }
        let method = ConsentMethod(rawValue: VietnameseText.clean(input.method))
        if method == nil { e.add("method", "Vui lòng chọn cách thể hiện sự đồng ý.") }
        let scopeNote = VietnameseText.cleanMultiline(input.scopeNote ?? "")
        Check.optional(scopeNote, "scopeNote", "Phạm vi đồng ý", max: 1000, into: &e)
        var kind: EvidenceService.Kind?
        if let scan, !scan.bytes.isEmpty {
            var fe = FieldErrors()
            kind = EvidenceService.check(scan.bytes, missing: "", into: &fe)
            if let k = kind, ![.pdf, .jpeg, .png].contains(k) {
                e.add("file", "Bản quét phiếu đồng ý chỉ nhận tệp PDF hoặc ảnh JPEG, PNG.")
                kind = nil
            } else if let message = fe.items.first?.message {
                e.add(
                    "file",
                    message.contains("Chỉ nhận")
                        ? "Bản quét phiếu đồng ý chỉ nhận tệp PDF hoặc ảnh JPEG, PNG." : message)
            }
        } else if method == .writtenForm && requireScanForWrittenForm {
            e.add("file", "Vui lòng tải lên bản quét phiếu đồng ý có chữ ký (PDF, JPEG hoặc PNG, tối đa 10 MB).")
        }
        guard e.isEmpty, let iso, let method else { throw AppError.invalid(e) }
        let c = ConsentModel()
        c.subjectID = try s.requireID()
        c.givenBy = givenBy
        c.givenOn = iso
        c.method = method
        c.scopeNote = scopeNote
        c.recordedBy = actor?.userID
        c.recordedAt = Date()
        let summary = "Ghi nhận \(givenBy) đồng ý công khai \(s.name) ngày \(dateText) (\(method.label))"
        guard let scan, let kind else {
            return try await save(c, summary: summary, unitID: s.$unit.id, actor: actor, on: db)
        }
        c.originalName = EvidenceService.safeName(scan.filename, kind: kind)
        c.contentType = kind.contentType
        c.size = scan.bytes.count
        c.sha256 = FileStore.sha256(scan.bytes)
        return try await FileStore.put(scan.bytes, app: app, db: db) { stored in
            c.storage = stored.storage
            c.storageKey = stored.key
            c.data = stored.data
            return try await save(c, summary: summary, unitID: s.$unit.id, actor: actor, on: db)
        }
    }

    private static func save(_ c: ConsentModel, summary: String, unitID: Int, actor: Actor?, on db: any Database)
        async throws -> ConsentModel
    {
        try await db.transaction { tx in
            try await c.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "consent", entityID: c.id, unitID: unitID,
                summary: summary, before: Optional<String>.none, after: ConsentDTO(c))
            return c
        }
    }

    /// Withdraws a consent: the subject and its stories leave the public site at once (PublicConsent).
    static func withdraw(_ id: Int, reason: String?, actor: Actor?, on db: any Database) async throws -> ConsentModel {
        let (c, s) = try await readable(id, actor: actor, action: .update, on: db)
        var e = FieldErrors()
        let why = VietnameseText.cleanMultiline(reason ?? "")
        Check.required(why, "reason", "Lý do rút lại", max: 1000, into: &e)
        if c.withdrawnAt != nil { e.add("reason", "Sự đồng ý này đã được rút lại trước đó.") }
        guard e.isEmpty else { throw AppError.invalid(e) }
        let before = ConsentDTO(c)
        c.withdrawnAt = Date()
        c.withdrawnBy = actor?.userID
        c.withdrawReason = why
        return try await db.transaction { tx in
            try await c.update(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "withdraw", entity: "consent", entityID: c.id, unitID: s.$unit.id,
                summary: "Rút lại sự đồng ý công khai của \(c.givenBy) cho \(s.name): \(why)", before: before,
                after: ConsentDTO(c))
            return c
        }
    }

    /// The scanned form, for who may read the consent; audited.
    static func download(_ id: Int, actor: Actor?, req: Request) async throws -> Response {
        let (c, _) = try await readable(id, actor: actor, on: req.database)
        guard let storage = c.storage, let key = c.storageKey, let name = c.originalName, let type = c.contentType
        else { throw AppError.notFound("Bản ghi này không có bản quét phiếu đồng ý.") }
        let data = try await FileStore.get(storage: storage, key: key, data: c.data, app: req.application)
        try await AuditLog.record(
            on: req.database, actor: actor, action: "download", entity: "consent", entityID: c.id, unitID: nil,
            summary: "Tải bản quét phiếu đồng ý \(name) (\(data.count) byte)", before: Optional<String>.none,
            after: c.sha256)
        return FileStore.attachment(data, name: name, contentType: type)
    }
}

/// A consent as the API returns it (and as the audit log keeps it).
struct ConsentDTO: Content, Sendable {
    let id: Int
    let subjectID: Int
    let givenBy: String
    /// dd/mm/yyyy
    let givenOn: String
    let method: String
    let methodLabel: String
    let scopeNote: String
    let hasFile: Bool
    let fileName: String?
    let recordedBy: Int?
    let recordedAt: Date
    let inForce: Bool
    let withdrawnAt: Date?
    let withdrawnBy: Int?
    let withdrawReason: String?
    init(_ c: ConsentModel) {
        id = c.id ?? 0
        subjectID = c.subjectID
        givenBy = c.givenBy
        givenOn = c.givenOn.isoToVietnamese
        method = c.method.rawValue
        methodLabel = c.method.label
        scopeNote = c.scopeNote
        hasFile = c.storageKey != nil
        fileName = c.originalName
        recordedBy = c.recordedBy
        recordedAt = c.recordedAt
        inForce = c.withdrawnAt == nil
        withdrawnAt = c.withdrawnAt
        withdrawnBy = c.withdrawnBy
        withdrawReason = c.withdrawReason
    }
}
