import Domain
import Fluent
import Vapor

/// One coverage as the pages show it.
struct MediaRow: Encodable, Sendable {
    let id: Int
    let date: String
    let kindLabel: String
    let outletName: String
    let title: String
    let link: String
    let note: String
    let subjectName: String
    let subjectHref: String
    let href: String

    init(_ m: MediaEntryModel, subjectName: String) {
        id = m.id ?? 0
        date = m.publishedOn.isoToVietnamese
        kindLabel = MediaCatalogue.outlets.label(m.outletKind)
        outletName = m.outletName
        title = m.title
        link = m.link
        note = m.note
        self.subjectName = subjectName
        subjectHref = SubjectsPath.subject(.id(m.subjectID)).href
        href = MediaPath.entry(.id(id)).href
    }

    init(
        id: Int, date: String, kindLabel: String, outletName: String, title: String, link: String, note: String,
        subjectName: String, subjectID: Int
    ) {
        self.id = id
        self.date = date
        self.kindLabel = kindLabel
        self.outletName = outletName
        self.title = title
        self.link = link
        self.note = note
        self.subjectName = subjectName
        subjectHref = SubjectsPath.subject(.id(subjectID)).href
        href = MediaPath.entry(.id(id)).href
    }
}

/// The "Tuyên truyền" section of a subject's page: its coverage and their count.
struct MediaSection: Encodable, Sendable {
    let count: Int
    let items: [MediaRow]
    let allHref: String
    /// The form to record a new coverage, when the actor may.
    let addHref: String?

    static func of(subject s: SubjectModel, actor: Actor?, on db: any Database) async throws -> MediaSection? {
        guard Policy.decide(actor, .read, .mediaEntry(s.unit.unitPath)).isAllowed, let id = s.id else { return nil }
        let all = try await MediaEntryModel.query(on: db).filter(\.$subjectID == id).count()
        let latest = try await MediaEntryModel.query(on: db).filter(\.$subjectID == id)
            .sort(\.$publishedOn, .descending).sort(\.$id, .descending).limit(20).all()
        let list = MediaPath.list.href([("subject", String(id))])
        return MediaSection(
            count: all, items: latest.map { MediaRow($0, subjectName: s.name) }, allHref: list,
            addHref: Policy.decide(actor, .create, .mediaEntry(s.unit.unitPath)).isAllowed ? list + "#ghi-moi" : nil)
    }
}

/// The form for one coverage.
struct MediaFormContext: Encodable, Sendable {
    let action: String
    let subjectID: Int
    let subjectName: String
    let kinds: [SelectOption]
    let values: [String: String]
}

struct MediaListPage: Encodable, Sendable {
    let layout: LayoutContext
    let items: [MediaRow]
    let subjectID: String
    let subjectName: String?
    /// The exemplar's unit: a select while the actor's units are few, else typed by code or name (`UnitPicker`).
    let unit: UnitPicker
    let kinds: [SelectOption]
    let year: String
    let nextHref: String?
    let firstHref: String?
    /// The form to record a coverage of the filtered subject, when the actor may.
    let form: MediaFormContext?
    let errors: [String: String]
    let legalBasis: String
}

struct MediaEntryPage: Encodable, Sendable {
    let layout: LayoutContext
    let entry: MediaRow
    let unitName: String
    let form: MediaFormContext?
    let deleteAction: String?
    let errors: [String: String]
}

struct MediaDeleteForm: Content, Sendable {}

struct MediaWebController {
    static let perPage = 50

    func register(_ r: any RoutesBuilder) {
        r.get(MediaPath.list, use: list)
        r.post(MediaPath.list, use: create)
        r.get(MediaPath.entry(.key), use: entry)
        r.post(MediaPath.entry(.key), use: update)
        r.post(MediaPath.delete(.key), use: delete)
    }

    static func kindOptions(_ selected: String, empty: String) -> [SelectOption] {
        [SelectOption(value: "", label: empty, selected: selected.isEmpty)]
            + MediaCatalogue.outlets.kinds.map {
                SelectOption(value: $0.code, label: $0.label, selected: $0.code == selected)
            }
    }

    static func filter(_ req: Request) throws -> (MediaQuery.Filter, MediaQuery.Cursor?) {
        var f = MediaQuery.Filter()
        f.subjectID = try req.intQuery("subject")
        f.unitID = try req.intQuery("unit")
        f.year = try req.intQuery("year")
        let kind = req.queryText("kind") ?? ""
        if !kind.isEmpty {
            guard MediaCatalogue.outlets.kind(kind) != nil else {
                throw AppError.badRequest("Loại kênh “\(kind)” không có trong danh mục.")
            }
            f.outletKind = kind
        }
        var cursor: MediaQuery.Cursor?
        if let raw = req.queryText("after"), !raw.isEmpty {
            guard let c = MediaQuery.Cursor(token: raw) else {
                throw AppError.badRequest("Tham số “after” không hợp lệ: hãy mở lại trang đầu của danh sách.")
            }
            cursor = c
        }
        return (f, cursor)
    }

    static func subjectNames(_ ids: [Int], on db: any Database) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await SubjectModel.query(on: db).filter(\.$id ~~ Array(Set(ids))).field(\.$id).field(\.$name)
            .all()
        return Dictionary(rows.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
    }

    static func listPage(
        _ req: Request, values: [String: String] = [:], errors: [String: String] = [:], subjectID: Int? = nil
    ) async throws -> MediaListPage {
        let actor = req.actor
        var (f, cursor) = try filter(req)
        // A refused form post comes back to its subject's form, with what was typed.
        if let subjectID { f.subjectID = subjectID }
        var subjectName: String?
        var form: MediaFormContext?
        if let sid = f.subjectID,
            let s = try await SubjectModel.query(on: req.database).filter(\.$id == sid).with(\.$unit).first(),
            req.can(.read, .mediaEntry(s.unit.unitPath))
        {
            subjectName = s.name
            if req.can(.create, .mediaEntry(s.unit.unitPath)) {
                var v = values
                if v["date"] == nil { v["date"] = VietnameseDate.format(Date()) }
                form = MediaFormContext(
                    action: MediaPath.list.href, subjectID: sid, subjectName: s.name,
                    kinds: kindOptions(v["outletKind"] ?? "", empty: "— Chọn loại kênh —"), values: v)
            }
        }
        let others: [(String, String)] = [
            ("subject", f.subjectID.map(String.init) ?? ""), ("year", f.year.map(String.init) ?? ""),
            ("kind", f.outletKind ?? ""),
        ]
        var unit = UnitPicker(options: [], text: "", unitID: "", message: "")
        if let actor {
            (unit, f.unitID) = try await UnitPicker.filter(
                req, scope: Policy.unitScope(actor), idName: "unit", textName: "unitText",
                label: "Đơn vị của điển hình (gồm trực thuộc)",
                textLabel: "Đơn vị của điển hình (mã hoặc tên, gồm trực thuộc)"
            ) { MediaPath.list.href(others + [("unit", String($0))]) }
        }
        let page = try await MediaQuery.list(f, actor: actor, after: cursor, limit: perPage, on: req.database)
        let names = try await subjectNames(page.items.map(\.subjectID), on: req.database)
        let query = others + [("unit", f.unitID.map(String.init) ?? "")]
        return MediaListPage(
            layout: req.layout("Sổ theo dõi tuyên truyền", active: MediaPath.list.href),
            items: page.items.map { MediaRow($0, subjectName: names[$0.subjectID] ?? "") },
            subjectID: f.subjectID.map(String.init) ?? "", subjectName: subjectName,
            unit: unit,
            kinds: kindOptions(f.outletKind ?? "", empty: "Tất cả loại kênh"), year: f.year.map(String.init) ?? "",
            nextHref: page.next.map { MediaPath.list.href(query + [("after", $0.token)]) },
            firstHref: cursor == nil ? nil : MediaPath.list.href(query), form: form, errors: errors,
            legalBasis: MediaCatalogue.outlets.legalBasis)
    }

    @Sendable func list(req: Request) async throws -> Response {
        _ = try req.requireActor()
        return try await req.render("publicity/media-list", try await Self.listPage(req))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.form(MediaInput.self)
        return try await req.submit {
            try await MediaService.create(input, actor: req.actor, on: req.database)
        } redirect: { m in
            (
                MediaPath.list.href([("subject", String(m.subjectID))]),
                "Đã ghi tin, bài tuyên truyền ngày \(input.date)."
            )
        } orRender: { e in
            try await req.render(
                "publicity/media-list",
                try await Self.listPage(
                    req, values: Self.values(input), errors: e.formErrors, subjectID: input.subjectID),
                status: e.status)
        }
    }

    static func values(_ i: MediaInput) -> [String: String] {
        [
            "outletKind": i.outletKind, "outletName": i.outletName, "date": i.date, "link": i.link ?? "",
            "note": i.note ?? "", "title": i.title,
        ]
    }

    static func entryPage(_ req: Request, id: Int, values: [String: String]? = nil, errors: [String: String] = [:])
        async throws -> MediaEntryPage
    {
        let m = try await MediaQuery.readable(id, actor: req.actor, on: req.database)
        let name = try await subjectNames([m.subjectID], on: req.database)[m.subjectID] ?? ""
        let unit = try await UnitModel.find(m.unitID, on: req.database)
        let canEdit = req.can(.update, .mediaEntry(m.unitPath))
        let v =
            values ?? [
                "outletKind": m.outletKind, "outletName": m.outletName, "date": m.publishedOn.isoToVietnamese,
                "link": m.link, "note": m.note, "title": m.title,
            ]
        return MediaEntryPage(
            layout: req.layout("Tin, bài tuyên truyền", active: MediaPath.list.href),
            entry: MediaRow(m, subjectName: name), unitName: unit?.name ?? "",
            form: canEdit
                ? MediaFormContext(
                    action: MediaPath.entry(.id(id)).href, subjectID: m.subjectID, subjectName: name,
                    kinds: kindOptions(v["outletKind"] ?? "", empty: "— Chọn loại kênh —"), values: v) : nil,
            deleteAction: req.can(.delete, .mediaEntry(m.unitPath)) ? MediaPath.delete(.id(id)).href : nil,
            errors: errors)
    }

    @Sendable func entry(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.render("publicity/media-entry", try await Self.entryPage(req, id: id))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(MediaInput.self)
        return try await req.submit {
            try await MediaService.update(id, input, actor: req.actor, on: req.database)
        } redirect: { _ in
            (MediaPath.entry(.id(id)).href, "Đã lưu thay đổi.")
        } orRender: { e in
            try await req.render(
                "publicity/media-entry",
                try await Self.entryPage(req, id: id, values: Self.values(input), errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let m = try await MediaService.delete(id, actor: req.actor, on: req.database)
        return Flash.redirect(
            req, to: MediaPath.list.href([("subject", String(m.subjectID))]), "Đã xóa tin, bài tuyên truyền.")
    }
}
