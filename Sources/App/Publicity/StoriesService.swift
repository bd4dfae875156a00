import Domain
import Fluent
import Foundation
import Imaging
import Vapor

extension Application {
    private struct StoryColumnsKey: StorageKey { typealias Value = StoryColumns }
    /// The columns and minority languages of `Resources/Catalogue/columns.json`, read once at start.
    var storyColumns: StoryColumns? {
        get { storage[StoryColumnsKey.self] }
        set { storage[StoryColumnsKey.self] = newValue }
    }
}

/// What a new or edited story carries, as typed (web form or API).
struct StoryInput: Sendable {
    var unitID: Int?
    var columnCode: String = ""
    var title: String = ""
    var lead: String = ""
    var body: String = ""
    var subjectIDs: [Int] = []
    var minoritySummary: String = ""
    var minorityLang: String = ""
    var minorityTranslator: String = ""
}

/// The editors' list filter: status, column, and the key of the last row shown (updated_at descending, id descending).
struct StoryFilter: Sendable {
    var status: StoryStatus?
    var columnCode: String?
    var after: (updatedAt: Date, id: Int)?
    var perPage: Int = 30

    /// "{unix milliseconds}_{id}" of the last row of the page before.
    static func cursor(_ text: String?) throws -> (updatedAt: Date, id: Int)? {
        guard let text, !text.isEmpty else { return nil }
        let parts = text.split(separator: "_")
        guard parts.count == 2, let ms = Int64(parts[0]), let id = Int(parts[1]) else {
            throw AppError.badRequest("Tham số “after” không đúng dạng (mốc thời gian_mã).")
        }
        return (Date(timeIntervalSince1970: Double(ms) / 1000), id)
    }

    static func cursor(of story: StoryModel) -> String {
        "\(Int64((story.updatedAt.timeIntervalSince1970 * 1000).rounded(.down)))_\(story.id ?? 0)"
    }
}

/// A story with what its pages need.
struct StoryDetail: Sendable {
    let story: StoryModel
    let unit: UnitModel
    let subjects: [SubjectModel]
    let photos: [StoryPhotoModel]
    let authorName: String?
    var id: Int { story.id ?? 0 }
}

/// A move of the editorial workflow as the buttons name it.
enum StoryMove: String, CaseIterable, Sendable {
    case submit, approve, `return`, withdraw, rework

    var target: StoryStatus {
        switch self {
        case .submit: return .awaitingApproval
        case .approve: return .published
        case .return, .rework: return .draft
        case .withdraw: return .withdrawn
        }
    }
    /// The approver's moves; the others are the editor's.
    var isApproval: Bool { self == .approve || self == .return || self == .withdraw }
    var needsReason: Bool { self == .return || self == .withdraw }
    var label: String {
        switch self {
        case .submit: return "Gửi duyệt"
        case .approve: return "Duyệt đăng"
        case .return: return "Trả lại để sửa"
        case .withdraw: return "Gỡ bài"
        case .rework: return "Sửa lại thành bản nháp"
        }
    }
    var done: String {
        switch self {
        case .submit: return "Đã gửi bài viết để duyệt."
        case .approve: return "Đã duyệt đăng bài viết."
        case .return: return "Đã trả lại bài viết cho người viết."
        case .withdraw: return "Đã gỡ bài viết."
        case .rework: return "Bài viết đã trở lại bản nháp."
        }
    }
    /// The move that takes a story from `from` to `to`.
    static func of(from: StoryStatus, to: StoryStatus) -> StoryMove? {
        switch (from, to) {
        case (.draft, .awaitingApproval): return .submit
        case (.awaitingApproval, .published): return .approve
        case (.awaitingApproval, .draft): return .return
        case (.published, .withdrawn): return .withdraw
        case (.withdrawn, .draft): return .rework
        default: return nil
        }
    }
}

/// Stories: validate → authorize (Policy) → transaction → audit.
enum StoriesService {
    static let audited = "story"
    static let fileName = "columns.json"
    static let maxPhotoBytes = 10 * 1024 * 1024
    static let photoLongest = 1600

    static func field(_ name: String, _ message: String) -> FieldErrors {
        var e = FieldErrors()
        e.add(name, message)
        return e
    }

    static func loadColumns(workingDirectory: String) throws -> StoryColumns {
        let url = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Catalogue/\(fileName)")
        do { return try StoryColumns.load(Data(contentsOf: url)) } catch let e as StoryColumnsError {
            throw ConfigError(variable: "DIENHINH_RESOURCES", message: "\(fileName): \(e.description)")
        } catch {
            throw ConfigError(variable: "DIENHINH_RESOURCES", message: "không đọc được \(fileName): \(error)")
        }
    }

    static func columns(_ app: Application) throws -> StoryColumns {
        guard let c = app.storyColumns else { throw AppError.notFound("Chưa nạp danh mục chuyên mục.") }
        return c
    }

    static func resource(_ story: StoryModel, _ unit: UnitModel, approval: Bool = false) -> Resource {
        .story(StoryScope(unitPath: unit.unitPath, authorID: story.authorID, approval: approval))
    }

    /// A story the actor may read (404 otherwise), and may do `action` on (403 when it reads but may not).
    static func find(_ id: Int, actor: Actor?, _ action: Action = .read, approval: Bool = false, on db: any Database)
        async throws -> (StoryModel, UnitModel)
    {
        guard let s = try await StoryModel.find(id, on: db), let unit = try await UnitModel.find(s.unitID, on: db)
        else { throw AppError.notFound("Không tìm thấy bài viết.") }
        try Access.check(actor, .read, resource(s, unit))
        if action != .read { try Access.check(actor, action, resource(s, unit, approval: approval)) }
        return (s, unit)
    }

    static func detail(_ id: Int, actor: Actor?, on db: any Database) async throws -> StoryDetail {
        let (s, unit) = try await find(id, actor: actor, on: db)
        let links = try await StorySubjectModel.query(on: db).filter(\.$storyID == id).sort(\.$id).all()
        let subjects = try await SubjectModel.query(on: db).filter(\.$id ~~ links.map(\.subjectID)).all()
        let byID = Dictionary(uniqueKeysWithValues: subjects.compactMap { x in x.id.map { ($0, x) } })
        let photos = try await StoryPhotoModel.query(on: db).filter(\.$storyID == id).sort(\.$position)
            .field(\.$id).field(\.$storyID).field(\.$position).field(\.$alt).field(\.$caption).field(\.$width)
            .field(\.$height).field(\.$contentType).field(\.$size).all()
        var author: String?
        if let a = s.authorID { author = try await UserModel.find(a, on: db)?.fullName }
        return StoryDetail(
            story: s, unit: unit, subjects: links.compactMap { byID[$0.subjectID] }, photos: photos,
            authorName: author)
    }

    /// The editors' list, newest change first, paged by key; `next` is the cursor of the following page.
    static func list(_ f: StoryFilter, actor: Actor?, on db: any Database) async throws
        -> (items: [StoryModel], next: String?)
    {
        let scope = Policy.storyScope(actor)
        var q = StoryModel.query(on: db)
        if scope == .none { return ([], nil) }
        if scope != .all { q = q.join(UnitModel.self, on: \StoryModel.$unitID == \UnitModel.$id).within(scope) }
        if let s = f.status { q = q.filter(\.$status == s) }
        if let c = f.columnCode { q = q.filter(\.$columnCode == c) }
        if let (t, id) = f.after {
            q = q.group(.or) { g in
                g.filter(\.$updatedAt < t)
                g.group(.and) { $0.filter(\.$updatedAt == t).filter(\.$id < id) }
            }
        }
        let rows = try await q.sort(\.$updatedAt, .descending).sort(\.$id, .descending).limit(f.perPage + 1).all()
        let items = Array(rows.prefix(f.perPage))
        return (items, rows.count > f.perPage ? items.last.map(StoryFilter.cursor(of:)) : nil)
    }

    /// The area a unit's stories cover: the nearest administrative level at or above it (a district's culture
    /// centre writes about the district's exemplars, a commune's editor about the commune's).
    static func area(of unit: UnitModel, on db: any Database) async throws -> UnitModel {
        let areaKinds: Set<UnitKind> = [.tinh, .huyen, .xa, .phuong, .thiTran]
        if areaKinds.contains(unit.unitKind) { return unit }
        let above = try await UnitModel.query(on: db).filter(\.$id ~~ unit.unitPath.ids).all()
        return above.filter { areaKinds.contains($0.unitKind) }.max { $0.path.count < $1.path.count } ?? unit
    }

    /// The exemplars a story of this unit may be about (their names only): those of the unit's area.
    static func candidates(unit story: UnitModel, on db: any Database) async throws -> [SubjectModel] {
        let unit = try await area(of: story, on: db)
        return try await SubjectModel.query(on: db).join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id)
            .within(.subtree(unit.unitPath))
            .sort(\.$sortKey).field(\.$id).field(\.$name).field(\.$kind).field(\.$sortKey).field(\.$unit.$id)
            .limit(1000).all()
    }

    /// The unit a new story belongs to: the one chosen, else the actor's own.
    static func unitFor(_ input: StoryInput, actor: Actor?, on db: any Database) async throws -> UnitModel {
        guard let id = input.unitID ?? actor?.unitID, let unit = try await UnitModel.find(id, on: db) else {
            throw AppError.invalid(StoriesService.field("unitID", "Vui lòng chọn đơn vị của bài viết."))
        }
        return unit
    }

    /// An ASCII URL word of the title: "Người giữ rừng Đăk Ruồng" → "nguoi-giu-rung-dak-ruong".
    static func slug(_ title: String) -> String {
        var out = ""
        var dash = false
        for u in VietnameseText.fold(title).unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(u)
                dash = false
            } else {
                dash = true
            }
            if out.count >= 80 { break }
        }
        return out
    }

    /// Checks everything typed; the errors name the form's fields. Returns the cleaned values.
    static func validate(_ input: StoryInput, unit: UnitModel, columns: StoryColumns, on db: any Database)
        async throws -> StoryInput
    {
        var e = FieldErrors()
        var out = input
        out.columnCode = VietnameseText.clean(input.columnCode)
        if columns.column(out.columnCode) == nil { e.add("columnCode", "Vui lòng chọn chuyên mục của bài viết.") }
        out.title = VietnameseText.clean(input.title)
        Check.required(out.title, "title", "Tiêu đề", max: 300, into: &e)
        out.lead = VietnameseText.clean(input.lead)
        Check.required(out.lead, "lead", "Sa-pô (đoạn mở đầu)", max: 1000, into: &e)
        out.body = HTMLSanitizer.sanitize(VietnameseText.cleanMultiline(input.body))
        if out.body.isEmpty {
            e.add("body", "Nội dung bài viết không được để trống.")
        } else if out.body.count > 200_000 {
            e.add("body", "Nội dung bài viết dài tối đa 200.000 ký tự.")
        }
        out.subjectIDs = Array(Set(input.subjectIDs)).sorted()
        if out.subjectIDs.isEmpty {
            e.add("subjectIDs", "Vui lòng chọn ít nhất một điển hình mà bài viết nói về.")
        } else {
            let area = try await area(of: unit, on: db)
            let found = try await SubjectModel.query(on: db).join(
                UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id
            )
            .filter(\.$id ~~ out.subjectIDs).within(.subtree(area.unitPath)).field(\.$id).all()
            if found.count != out.subjectIDs.count {
                e.add("subjectIDs", "Chỉ chọn điển hình thuộc địa bàn của đơn vị viết bài (\(area.name)).")
            }
        }
        out.minoritySummary = VietnameseText.cleanMultiline(input.minoritySummary)
        out.minorityLang = VietnameseText.clean(input.minorityLang)
        out.minorityTranslator = VietnameseText.clean(input.minorityTranslator)
        Check.optional(out.minoritySummary, "minoritySummary", "Bản tóm tắt tiếng dân tộc", max: 3000, into: &e)
        Check.optional(out.minorityTranslator, "minorityTranslator", "Người dịch", max: 200, into: &e)
        if out.minoritySummary.isEmpty {
            if !out.minorityLang.isEmpty || !out.minorityTranslator.isEmpty {
                e.add("minoritySummary", "Đã chọn ngôn ngữ hoặc người dịch: hãy nhập bản tóm tắt, hoặc bỏ trống cả ba.")
            }
        } else {
            if columns.language(out.minorityLang) == nil {
                e.add("minorityLang", "Có bản tóm tắt tiếng dân tộc: vui lòng chọn ngôn ngữ của bản tóm tắt.")
            }
            if out.minorityTranslator.isEmpty {
                e.add("minorityTranslator", "Có bản tóm tắt tiếng dân tộc: vui lòng ghi người dịch.")
            }
        }
        if !e.isEmpty { throw AppError.invalid(e) }
        return out
    }

    static func apply(_ v: StoryInput, to s: StoryModel) {
        s.columnCode = v.columnCode
        s.title = v.title
        s.slug = slug(v.title)
        s.lead = v.lead
        s.bodyHTML = v.body
        s.minoritySummary = v.minoritySummary
        s.minorityLang = v.minoritySummary.isEmpty ? "" : v.minorityLang
        s.minorityTranslator = v.minoritySummary.isEmpty ? "" : v.minorityTranslator
        s.searchText = VietnameseText.fold(v.title + " " + v.lead)
    }

    static func setSubjects(_ ids: [Int], story: Int, on db: any Database) async throws {
        try await StorySubjectModel.query(on: db).filter(\.$storyID == story).delete()
        for id in ids {
            let link = StorySubjectModel()
            link.storyID = story
            link.subjectID = id
            try await link.create(on: db)
        }
    }

    struct Audited: Encodable {
        let title: String
        let columnCode: String
        let status: String
        let subjectIDs: [Int]
        let minorityLang: String
        init(_ s: StoryModel, subjects: [Int]) {
            title = s.title
            columnCode = s.columnCode
            status = s.status.rawValue
            subjectIDs = subjects
            minorityLang = s.minorityLang
        }
    }

    static func create(_ input: StoryInput, actor: Actor?, columns: StoryColumns, on db: any Database) async throws
        -> StoryModel
    {
        let unit = try await unitFor(input, actor: actor, on: db)
        try Access.check(actor, .create, .story(StoryScope(unitPath: unit.unitPath, authorID: actor?.userID)))
        let v = try await validate(input, unit: unit, columns: columns, on: db)
        return try await db.transaction { tx in
            let s = StoryModel(draftOf: try unit.requireID())
            apply(v, to: s)
            s.authorID = actor?.userID
            s.createdAt = Date()
            s.updatedAt = s.createdAt
            try await s.create(on: tx)
            let id = try s.requireID()
            try await setSubjects(v.subjectIDs, story: id, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: audited, entityID: id, unitID: s.unitID,
                summary: "Viết bài “\(s.title)”", before: Optional<Audited>.none,
                after: Audited(s, subjects: v.subjectIDs))
            return s
        }
    }

    static func update(_ id: Int, _ input: StoryInput, actor: Actor?, columns: StoryColumns, on db: any Database)
        async throws -> StoryModel
    {
        let (s, unit) = try await find(id, actor: actor, .update, on: db)
        guard s.status == .draft || s.status == .awaitingApproval else {
            throw AppError.conflict(
                "Bài viết \(s.status.label.lowercased()) không sửa được; gỡ bài rồi sửa lại thành bản nháp.")
        }
        let v = try await validate(input, unit: unit, columns: columns, on: db)
        let before = Audited(
            s, subjects: try await StorySubjectModel.query(on: db).filter(\.$storyID == id).all().map(\.subjectID))
        return try await db.transaction { tx in
            apply(v, to: s)
            s.updatedAt = Date()
            try await s.save(on: tx)
            try await setSubjects(v.subjectIDs, story: id, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: audited, entityID: id, unitID: s.unitID,
                summary: "Sửa bài “\(s.title)”", before: before, after: Audited(s, subjects: v.subjectIDs))
            return s
        }
    }

    /// One step of the editorial workflow, through `move(to:)`; returning and withdrawing need a reason.
    static func move(_ id: Int, _ step: StoryMove, reason: String, actor: Actor?, on db: any Database) async throws
        -> StoryModel
    {
        let (s, _) = try await find(id, actor: actor, .update, approval: step.isApproval, on: db)
        let why = VietnameseText.clean(reason)
        if step.needsReason {
            var e = FieldErrors()
            Check.required(why, "reason", step == .return ? "Lý do trả lại" : "Lý do gỡ bài", max: 1000, into: &e)
            if !e.isEmpty { throw AppError.invalid(e, e.items.first?.message ?? "Vui lòng ghi lý do.") }
        }
        let from = s.status
        try s.move(to: step.target)
        let now = Date()
        switch step {
        case .submit:
            s.returnReason = nil
            s.returnedAt = nil
        case .approve:
            s.publishedAt = now
            s.approvedBy = actor?.userID
            s.withdrawnAt = nil
            s.withdrawReason = nil
        case .return:
            s.returnReason = why
            s.returnedAt = now
        case .withdraw:
            s.withdrawnAt = now
            s.withdrawReason = why
        case .rework:
            break
        }
        s.updatedAt = now
        return try await db.transaction { tx in
            try await s.save(on: tx)
            struct Step: Encodable {
                let status: String
                let reason: String?
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "status", entity: audited, entityID: id, unitID: s.unitID,
                summary: "Bài “\(s.title)”: \(from.label) → \(s.status.label)" + (why.isEmpty ? "" : " (\(why))"),
                before: Step(status: from.rawValue, reason: nil),
                after: Step(status: s.status.rawValue, reason: why.isEmpty ? nil : why))
            return s
        }
    }

    // MARK: Photos

    /// Checks, resizes (longest side 1600 px) and re-encodes a photo, then stores it after the story's others.
    static func addPhoto(
        _ id: Int, bytes: [UInt8], alt: String, caption: String, actor: Actor?, app: Application, on db: any Database
    ) async throws -> StoryPhotoModel {
        let (s, _) = try await find(id, actor: actor, .update, on: db)
        var e = FieldErrors()
        let altText = VietnameseText.clean(alt)
        let captionText = VietnameseText.clean(caption)
        Check.required(altText, "alt", "Mô tả ảnh (cho người không xem được ảnh)", max: 300, into: &e)
        Check.optional(captionText, "caption", "Chú thích", max: 500, into: &e)
        if bytes.isEmpty {
            e.add("file", "Vui lòng chọn ảnh (JPEG hoặc PNG, tối đa 10 MB).")
        } else if bytes.count > maxPhotoBytes {
            e.add("file", "Ảnh lớn hơn 10 MB; hãy thu nhỏ ảnh rồi tải lên lại.")
        } else if ImageFormat.sniff(bytes) == nil {
            e.add("file", ImagingError.notAnImage.description)
        }
        if !e.isEmpty { throw AppError.invalid(e, e.items.map(\.message).joined(separator: " ")) }
        let image: EncodedImage
        do {
            image = try await app.threadPool.runIfActive { try Imaging.resize(bytes, longest: photoLongest) }
        } catch let err as ImagingError {
            throw AppError.invalid(StoriesService.field("file", err.description), err.description)
        }
        let last = try await StoryPhotoModel.query(on: db).filter(\.$storyID == id).sort(\.$position, .descending)
            .field(\.$id).field(\.$position).first()
        return try await FileStore.put(image.bytes, app: app, db: db) { stored in
            try await db.transaction { tx in
                let p = StoryPhotoModel()
                p.storyID = id
                p.position = (last?.position ?? 0) + 1
                p.alt = altText
                p.caption = captionText
                p.width = image.width
                p.height = image.height
                p.contentType = image.format.contentType
                p.size = image.bytes.count
                p.sha256 = FileStore.sha256(image.bytes)
                p.storage = stored.storage
                p.storageKey = stored.key
                p.data = stored.data
                p.createdAt = Date()
                try await p.create(on: tx)
                s.updatedAt = Date()
                try await s.save(on: tx)
                struct Photo: Encodable {
                    let alt: String
                    let width: Int
                    let height: Int
                }
                try await AuditLog.record(
                    on: tx, actor: actor, action: "create", entity: "story_photo", entityID: p.id, unitID: s.unitID,
                    summary: "Thêm ảnh vào bài “\(s.title)”", before: Optional<Photo>.none,
                    after: Photo(alt: altText, width: image.width, height: image.height))
                return p
            }
        }
    }

    /// A photo's bytes, for whoever may read its story.
    static func photo(_ id: Int, photo pid: Int, actor: Actor?, app: Application, on db: any Database) async throws
        -> (StoryPhotoModel, Data)
    {
        _ = try await find(id, actor: actor, on: db)
        guard let p = try await StoryPhotoModel.find(pid, on: db), p.storyID == id else {
            throw AppError.notFound("Không tìm thấy ảnh.")
        }
        return (p, try await FileStore.get(storage: p.storage, key: p.storageKey, data: p.data, app: app))
    }

    /// The editor's home: their drafts, the stories sent back to them, and what waits for approval.
    static func desk(actor: Actor?, on db: any Database) async throws -> [StoryModel] {
        guard let actor, Policy.writesStories(actor) else { return [] }
        var q = StoryModel.query(on: db)
        if Policy.approvesStories(actor) {
            q = q.filter(\.$status == .awaitingApproval)
        } else {
            q = q.filter(\.$authorID == actor.userID).filter(\.$status == .draft)
        }
        return try await q.sort(\.$updatedAt, .descending).limit(10).all()
    }
}
