import Domain
import Fluent
import Vapor

/// Evidence files: the type is decided from the content, never from the name; files live outside the
/// web root under generated names (SQLite), or in the database when PostgreSQL serves several instances.
enum EvidenceService {
    static let maxBytes = 10 * 1024 * 1024

    enum Kind: String, CaseIterable {
        case pdf, jpeg, png, heic, docx, xlsx
        var contentType: String {
            switch self {
            case .pdf: return "application/pdf"
            case .jpeg: return "image/jpeg"
            case .png: return "image/png"
            case .heic: return "image/heic"
            case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
        var label: String {
            switch self {
            case .pdf: return "PDF"
            case .jpeg: return "Ảnh JPEG"
            case .png: return "Ảnh PNG"
            case .heic: return "Ảnh HEIC"
            case .docx: return "Word"
            case .xlsx: return "Excel"
            }
        }
    }

    /// Sniffs the bytes: PDF, JPEG, PNG, HEIC (phone cameras), or an OOXML package that is a Word or Excel file.
    static func detect(_ bytes: [UInt8]) -> Kind? {
        func starts(_ sig: [UInt8]) -> Bool { bytes.count >= sig.count && Array(bytes.prefix(sig.count)) == sig }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count > 12, Array(bytes[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1", "hevc"].contains(brand) { return .heic }
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // Entry names are stored as plain bytes in the local headers and the central directory.
            let text = String(decoding: bytes, as: UTF8.self)
            if text.contains("word/document.xml") { return .docx }
            if text.contains("xl/workbook.xml") { return .xlsx }
        }
        return nil
    }

    /// The checks every upload gets: present, at most 10 MB, a type known from its content.
    static func check(_ bytes: [UInt8], missing: String, into e: inout FieldErrors) -> Kind? {
        if bytes.isEmpty {
            e.add("file", missing)
        } else if bytes.count > maxBytes {
            e.add("file", "Tệp lớn hơn 10 MB. Vui lòng nén hoặc chụp lại với dung lượng nhỏ hơn.")
        }
        let kind = detect(bytes)
        if !bytes.isEmpty && kind == nil {
            e.add(
                "file",
                "Chỉ nhận tệp PDF, ảnh JPEG/PNG/HEIC, Word (.docx) hoặc Excel (.xlsx); nội dung tệp này không thuộc các loại đó."
            )
        }
        // The bytes must hold together as that type: not truncated, nothing hidden after its end.
        if let kind, bytes.count <= maxBytes, let problem = EvidenceStructure.problem(kind, bytes) {
            e.add("file", problem)
            return nil
        }
        return kind
    }

    static func store(
        registrationID: Int, evaluationID: Int?, filename: String, bytes: [UInt8], description: String,
        actor: Actor?, app: Application, on db: any Database
    ) async throws -> EvidenceFileModel {
        let r = try await RegistrationQueries.readable(registrationID, actor: actor, on: db)
        try Access.check(actor, .update, RegistrationQueries.resource(r))
        var e = FieldErrors()
        let kind = check(bytes, missing: "Vui lòng chọn tệp minh chứng.", into: &e)
        Check.optional(description, "description", "Mô tả", max: 500, into: &e)
        if let evaluationID,
            try await EvaluationModel.query(on: db).filter(\.$id == evaluationID).filter(
                \.$registration.$id == registrationID
            ).count() == 0
        {
            e.add("evaluationID", "Lần đánh giá không thuộc đăng ký này.")
        }
        guard e.isEmpty, let kind else { throw AppError.invalid(e) }
        let m = EvidenceFileModel()
        m.$registration.id = registrationID
        m.evaluationID = evaluationID
        m.originalName = safeName(filename, kind: kind)
        m.contentType = kind.contentType
        m.size = bytes.count
        m.sha256 = FileStore.sha256(bytes)
        m.description = VietnameseText.clean(description)
        m.uploadedBy = actor?.userID
        return try await FileStore.put(bytes, app: app, db: db) { stored in
            m.storage = stored.storage
            m.storageKey = stored.key
            m.data = stored.data
            try await db.transaction { tx in
                try await m.create(on: tx)
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "evidence", entityID: m.id, unitID: r.$unit.id,
                    summary: "Thêm minh chứng \(m.originalName) (\(kind.label), \(m.size) byte) cho \(r.subject.name)",
                    before: Optional<String>.none, after: m.sha256)
            }
            return m
        }
    }

    /// Keeps a readable name (NFC) without path parts or control characters; the extension follows the real type.
    static func safeName(_ name: String, kind: Kind) -> String {
        let base = (VietnameseText.clean(name) as NSString).lastPathComponent.filter {
            !$0.isNewline && $0 != "\"" && $0 != "\\" && $0 != "/"
        }
        let stem = (base as NSString).deletingPathExtension
        let ext = kind == .jpeg ? "jpg" : kind.rawValue
        return String((stem.isEmpty ? "minh-chung" : stem).prefix(120)) + "." + ext
    }

    static func download(_ id: Int, actor: Actor?, req: Request) async throws -> Response {
        guard let f = try await EvidenceFileModel.find(id, on: req.database) else {
            throw AppError.notFound("Không tìm thấy tệp.")
        }
        _ = try await RegistrationQueries.readable(f.$registration.id, actor: actor, on: req.database)
        let data = try await FileStore.get(storage: f.storage, key: f.storageKey, data: f.data, app: req.application)
        try await AuditLog.record(
            on: req.database, actor: actor, action: "download", entity: "evidence", entityID: f.id, unitID: nil,
            summary: "Tải minh chứng \(f.originalName) (\(data.count) byte)", before: Optional<String>.none,
            after: f.sha256)
        return FileStore.attachment(data, name: f.originalName, contentType: f.contentType)
    }
}

struct EvidenceDTO: Content, Sendable {
    let id: Int
    let registrationID: Int
    let evaluationID: Int?
    let name: String
    let contentType: String
    let size: Int
    let sha256: String
    let description: String
    let uploadedAt: Date?
    let href: String
    init(_ f: EvidenceFileModel) {
        id = f.id ?? 0
        registrationID = f.$registration.id
        evaluationID = f.evaluationID
        name = f.originalName
        contentType = f.contentType
        size = f.size
        sha256 = f.sha256
        description = f.description
        uploadedAt = f.createdAt
        href = "/api/v1/evidence/\(f.id ?? 0)"
    }
}
