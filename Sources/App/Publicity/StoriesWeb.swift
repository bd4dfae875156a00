import Domain
import Fluent
import Vapor

/// The editors' list of stories, filtered by status and column, paged by key.
struct StoryListPage: Encodable, Sendable {
    let layout: LayoutContext
    let newHref: String?
    let statusOptions: [SelectOption]
    let columnOptions: [SelectOption]
    let rows: [Row]
    let nextHref: String?
    let firstHref: String?
    struct Row: Encodable, Sendable {
        let href: String
        let title: String
        let column: String
        let unit: String
        let status: String
        let statusCode: String
        let updated: String
    }
}

/// The new/edit form of a story; `form` holds what was typed, `errors` the messages by field.
struct StoryFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let cancelHref: String
    let form: [String: String]
    let errors: [String: String]
    let columnOptions: [SelectOption]
    let languageOptions: [SelectOption]
    /// The story's unit when writing a new one (`platform/unit-field`); an edited story keeps its unit.
    let unitField: UnitField?
    let subjects: [Choice]
    let allowedTags: String
    struct Choice: Encodable, Sendable {
        let id: Int
        let label: String
        let checked: Bool
    }
}

/// One story as its editors and approvers see it: a preview of what the public page will show, the moves, photos.
struct StoryPage: Encodable, Sendable {
    let layout: LayoutContext
    let id: Int
    let title: String
    let column: String
    let unit: String
    let status: String
    let statusCode: String
    let author: String
    let lead: String
    /// Sanitised on the way in (`HTMLSanitizer`); rendered unescaped.
    let bodyHTML: String
    let summary: String
    let summaryLang: String
    let summaryLanguage: String
    let translator: String
    let subjects: [String]
    let publishedAt: String?
    let returnReason: String?
    let withdrawReason: String?
    let photos: [Photo]
    let editHref: String?
    let moves: [Move]
    let moveAction: String
    let photosAction: String?
    let publicHref: String?
    let listHref: String
    let form: [String: String]
    let errors: [String: String]
    struct Photo: Encodable, Sendable {
        let href: String
        let alt: String
        let caption: String
        let size: String
        /// What to paste into the body to place this photo.
        let snippet: String
    }
    struct Move: Encodable, Sendable {
        let code: String
        let label: String
        let needsReason: Bool
    }
}

struct StoryForm: Content, Sendable {
    var unitID: String?
    /// The unit as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String?
    var columnCode: String?
    var title: String?
    var lead: String?
    var body: String?
    var subjectIDs: [String]?
    var minoritySummary: String?
    var minorityLang: String?
    var minorityTranslator: String?
}
struct StoryMoveForm: Content, Sendable {
    var step: String?
    var reason: String?
}
struct StoryPhotoForm: Content, Sendable {
    var file: File?
    var alt: String?
    var caption: String?
}

struct StoriesWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(StoriesPath.list, use: list)
        r.get(StoriesPath.new, use: newForm)
        r.post(StoriesPath.list, use: create)
        r.get(StoriesPath.story(.key), use: show)
        r.get(StoriesPath.edit(.key), use: editForm)
        r.post(StoriesPath.story(.key), use: update)
        r.post(StoriesPath.move(.key), use: move)
        r.post(StoriesPath.photos(.key), body: .collect(maxSize: "11mb"), use: upload)
        r.get(StoriesPath.photo(.key, .key), use: photo)
    }

    static func id(_ req: Request) throws -> Int { try req.parameters.require("id", as: Int.self) }

    static let allowedTags =
        "Được dùng các thẻ: " + HTMLSanitizer.allowedElements.map { "<\($0)>" }.joined(separator: ", ")
        + ". Liên kết chỉ http, https, mailto hoặc đường dẫn trong trang; ảnh chỉ là ảnh đã tải lên của bài (phải có alt)."
        + " Các thẻ và thuộc tính khác bị loại bỏ khi lưu."

    // MARK: List

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let columns = try StoriesService.columns(req.application)
        let statusText = req.queryText("status") ?? ""
        let columnText = req.queryText("column") ?? ""
        guard statusText.isEmpty || StoryStatus(rawValue: statusText) != nil else {
            throw AppError.badRequest("Tham số “status” chỉ nhận draft, awaiting-approval, published hoặc withdrawn.")
        }
        var f = StoryFilter(
            status: StoryStatus(rawValue: statusText), columnCode: columnText.isEmpty ? nil : columnText,
            after: try StoryFilter.cursor(req.queryText("after")))
        f.perPage = 30
        let page = try await StoriesService.list(f, actor: actor, on: req.database)
        let unitIDs = Set(page.items.map(\.unitID))
        let units = try await UnitModel.query(on: req.database).filter(\.$id ~~ unitIDs).all()
        let unitName = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u.name) } })
        let query = [("status", statusText), ("column", columnText)]
        let canCreate =
            actor.unitPath.map { req.can(.create, .story(StoryScope(unitPath: $0, authorID: actor.userID))) } ?? false
        return try await req.render(
            "publicity/stories",
            StoryListPage(
                layout: req.layout("Bài viết tuyên truyền", active: StoriesPath.list.href),
                newHref: canCreate ? StoriesPath.new.href : nil,
                statusOptions: [SelectOption(value: "", label: "Mọi trạng thái", selected: statusText.isEmpty)]
                    + StoryStatus.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == statusText)
                    },
                columnOptions: [SelectOption(value: "", label: "Mọi chuyên mục", selected: columnText.isEmpty)]
                    + columns.columns.map {
                        SelectOption(value: $0.code, label: $0.name, selected: $0.code == columnText)
                    },
                rows: page.items.map { s in
                    StoryListPage.Row(
                        href: StoriesPath.story(.id(s.id ?? 0)).href, title: s.title,
                        column: columns.name(of: s.columnCode),
                        unit: unitName[s.unitID] ?? "", status: s.status.label, statusCode: s.status.rawValue,
                        updated: VietnameseDate.formatDateTime(s.updatedAt))
                },
                nextHref: page.next.map { StoriesPath.list.href(query + [("after", $0)]) },
                firstHref: f.after == nil ? nil : StoriesPath.list.href(query)))
    }

    // MARK: Form

    static func read(_ req: Request) throws -> (StoryInput, [String: String], Set<Int>) {
        let f = try req.form(StoryForm.self)
        let ids = (f.subjectIDs ?? []).compactMap { Int($0) }
        let input = StoryInput(
            unitID: f.unitID.flatMap { Int($0) }, columnCode: f.columnCode ?? "", title: f.title ?? "",
            lead: f.lead ?? "", body: f.body ?? "", subjectIDs: ids, minoritySummary: f.minoritySummary ?? "",
            minorityLang: f.minorityLang ?? "", minorityTranslator: f.minorityTranslator ?? "")
        let typed: [String: String] = [
            "unitID": f.unitID ?? "", "unit": f.unit ?? "", "columnCode": input.columnCode, "title": input.title,
            "lead": input.lead, "body": input.body, "minoritySummary": input.minoritySummary,
            "minorityLang": input.minorityLang, "minorityTranslator": input.minorityTranslator,
        ]
        return (input, typed, Set(ids))
    }

    /// A new story's unit: one the actor writes stories for (`Policy.storyScope`), not abolished.
    static func unitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(
            label: "Đơn vị của bài viết", required: true, emptyLabel: "— Chọn đơn vị —",
            scope: Policy.writesStories(actor) ? Policy.storyScope(actor) : .none)
    }

    static func formPage(
        _ req: Request, id: Int?, form: [String: String], checked: Set<Int>, errors: [String: String]
    ) async throws -> StoryFormPage {
        let actor = try req.requireActor()
        let columns = try StoriesService.columns(req.application)
        // The unit whose exemplars the story may name: the story's own when editing; else the one chosen or typed,
        // or the actor's.
        let unitField =
            id == nil
            ? try await UnitField.make(
                Self.unitSpec(actor), selectedID: form["unitID"], text: form["unit"], error: errors["unitID"],
                on: req.database) : nil
        let chosenID =
            unitField.map { Int($0.picker.isSelect ? form["unitID"] ?? "" : $0.picker.unitID) }
            ?? Int(form["unitID"] ?? "")
        var candidates: [SubjectModel] = []
        if let unitID = chosenID ?? actor.unitID, let unit = try await UnitModel.find(unitID, on: req.database),
            id != nil || Policy.storyScope(actor).contains(unit.unitPath)
        {
            candidates = try await StoriesService.candidates(unit: unit, on: req.database)
        }
        let lang = form["minorityLang"] ?? ""
        let column = form["columnCode"] ?? ""
        return StoryFormPage(
            layout: req.layout(id == nil ? "Viết bài mới" : "Sửa bài viết", active: StoriesPath.list.href),
            heading: id == nil ? "Viết bài mới" : "Sửa bài viết",
            action: id.map { StoriesPath.story(.id($0)).href } ?? StoriesPath.list.href,
            cancelHref: id.map { StoriesPath.story(.id($0)).href } ?? StoriesPath.list.href,
            form: form, errors: errors,
            columnOptions: [SelectOption(value: "", label: "— Chọn chuyên mục —", selected: column.isEmpty)]
                + columns.columns.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == column) },
            languageOptions: [SelectOption(value: "", label: "— Không có bản tóm tắt —", selected: lang.isEmpty)]
                + columns.languages.map { SelectOption(value: $0.code, label: $0.label, selected: $0.code == lang) },
            unitField: unitField,
            subjects: candidates.map {
                StoryFormPage.Choice(
                    id: $0.id ?? 0, label: "\($0.name) (\($0.subjectKind.label.lowercased()))",
                    checked: checked.contains($0.id ?? 0))
            },
            allowedTags: allowedTags)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard let path = actor.unitPath ?? (Policy.writesStories(actor) ? UnitPath.root : nil),
            req.can(.create, .story(StoryScope(unitPath: path, authorID: actor.userID)))
        else { throw AppError.forbidden(Policy.storyEditorOnly) }
        return try await req.render(
            "publicity/story-form",
            try await Self.formPage(
                req, id: nil, form: ["unitID": actor.unitID.map(String.init) ?? ""], checked: [], errors: [:]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (input, typed, checked) = try Self.read(req)
        let columns = try StoriesService.columns(req.application)
        return try await req.submit { () async throws -> StoryModel in
            var input = input
            input.unitID = Int(
                try await UnitField.resolve(
                    Self.unitSpec(req.actor), selectedID: typed["unitID"], text: typed["unit"], on: req.database) ?? "")
            return try await StoriesService.create(input, actor: req.actor, columns: columns, on: req.database)
        } redirect: { s in
            (StoriesPath.story(.id(s.id ?? 0)).href, "Đã lưu bản nháp bài viết.")
        } orRender: { e in
            try await req.render(
                "publicity/story-form",
                try await Self.formPage(req, id: nil, form: typed, checked: checked, errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try Self.id(req)
        _ = try await StoriesService.find(id, actor: req.actor, .update, on: req.database)
        let d = try await StoriesService.detail(id, actor: req.actor, on: req.database)
        let s = d.story
        let form: [String: String] = [
            "unitID": String(s.unitID), "columnCode": s.columnCode, "title": s.title, "lead": s.lead,
            "body": s.bodyHTML, "minoritySummary": s.minoritySummary, "minorityLang": s.minorityLang,
            "minorityTranslator": s.minorityTranslator,
        ]
        return try await req.render(
            "publicity/story-form",
            try await Self.formPage(
                req, id: id, form: form, checked: Set(d.subjects.compactMap(\.id)), errors: [:]))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let (s, _) = try await StoriesService.find(id, actor: req.actor, .update, on: req.database)
        var (input, typed, checked) = try Self.read(req)
        typed["unitID"] = String(s.unitID)
        let columns = try StoriesService.columns(req.application)
        return try await req.submit {
            try await StoriesService.update(id, input, actor: req.actor, columns: columns, on: req.database)
        } redirect: { _ in
            (StoriesPath.story(.id(id)).href, "Đã lưu bài viết.")
        } orRender: { e in
            input.unitID = s.unitID
            return try await req.render(
                "publicity/story-form",
                try await Self.formPage(req, id: id, form: typed, checked: checked, errors: e.formErrors),
                status: e.status)
        }
    }

    // MARK: One story

    static func page(_ req: Request, _ id: Int, form: [String: String] = [:], errors: [String: String] = [:])
        async throws -> StoryPage
    {
        let d = try await StoriesService.detail(id, actor: req.actor, on: req.database)
        let s = d.story
        let columns = try StoriesService.columns(req.application)
        let canEdit =
            (s.status == .draft || s.status == .awaitingApproval)
            && req.can(.update, StoriesService.resource(s, d.unit))
        let moves = StoryWorkflow.targets(from: s.status).compactMap { StoryMove.of(from: s.status, to: $0) }
            .filter { req.can(.update, StoriesService.resource(s, d.unit, approval: $0.isApproval)) }
        return StoryPage(
            layout: req.layout(s.title, active: StoriesPath.list.href), id: id, title: s.title,
            column: columns.name(of: s.columnCode), unit: d.unit.name, status: s.status.label,
            statusCode: s.status.rawValue, author: d.authorName ?? "", lead: s.lead, bodyHTML: s.bodyHTML,
            summary: s.minoritySummary, summaryLang: s.minorityLang,
            summaryLanguage: columns.language(s.minorityLang)?.name ?? s.minorityLang,
            translator: s.minorityTranslator, subjects: d.subjects.map(\.name),
            publishedAt: s.publishedAt.map(VietnameseDate.formatDateTime),
            returnReason: s.status == .draft ? s.returnReason : nil,
            withdrawReason: s.status == .withdrawn ? s.withdrawReason : nil,
            photos: d.photos.map { p in
                let href = StoriesPath.photo(.id(id), .id(p.id ?? 0)).href
                return StoryPage.Photo(
                    href: href, alt: p.alt, caption: p.caption, size: "\(p.width)×\(p.height)",
                    snippet:
                        "<figure><img src=\"\(href)\" alt=\"\(p.alt)\"><figcaption>\(p.caption)</figcaption></figure>")
            },
            editHref: canEdit ? StoriesPath.edit(.id(id)).href : nil,
            moves: moves.map { StoryPage.Move(code: $0.rawValue, label: $0.label, needsReason: $0.needsReason) },
            moveAction: StoriesPath.move(.id(id)).href,
            photosAction: canEdit ? StoriesPath.photos(.id(id)).href : nil,
            publicHref: s.status == .published ? "/bai-viet/\(id)-\(s.slug)" : nil,
            listHref: StoriesPath.list.href, form: form, errors: errors)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render("publicity/story", try await Self.page(req, try Self.id(req)))
    }

    @Sendable func move(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let f = try req.form(StoryMoveForm.self)
        guard let step = StoryMove(rawValue: f.step ?? "") else {
            throw AppError.badRequest(
                "Thao tác không hợp lệ: chọn gửi duyệt, duyệt đăng, trả lại, gỡ bài hoặc sửa lại.")
        }
        return try await req.submit {
            try await StoriesService.move(id, step, reason: f.reason ?? "", actor: req.actor, on: req.database)
        } redirect: { _ in
            (StoriesPath.story(.id(id)).href, step.done)
        } orRender: { e in
            try await req.render(
                "publicity/story",
                try await Self.page(req, id, form: ["reason": f.reason ?? ""], errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let id = try Self.id(req)
        _ = try await StoriesService.find(id, actor: req.actor, .update, on: req.database)
        let f = try req.form(StoryPhotoForm.self)
        return try await req.submit {
            try await StoriesService.addPhoto(
                id, bytes: f.file.map { Array(buffer: $0.data) } ?? [], alt: f.alt ?? "", caption: f.caption ?? "",
                actor: req.actor, app: req.application, on: req.database)
        } redirect: { p in
            (StoriesPath.story(.id(id)).href, "Đã thêm ảnh (\(p.width)×\(p.height)).")
        } orRender: { e in
            try await req.render(
                "publicity/story",
                try await Self.page(
                    req, id, form: ["alt": f.alt ?? "", "caption": f.caption ?? ""], errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func photo(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let pid = try req.parameters.require("pid", as: Int.self)
        let (p, data) = try await StoriesService.photo(
            id, photo: pid, actor: req.actor, app: req.application, on: req.database)
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.replaceOrAdd(name: .contentType, value: p.contentType)
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return res
    }
}
