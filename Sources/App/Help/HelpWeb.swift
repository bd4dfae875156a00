import Domain
import Fluent
import Vapor

/// A topic as the help index lists it.
struct HelpLink: Encodable, Sendable {
    let title: String
    let href: String
    /// Written for the reader's own role.
    let mine: Bool
}

/// The support contact as a page shows it (empty fields left out by the view).
struct SupportCard: Encodable, Sendable {
    let name: String
    let phone: String
    let phoneHref: String
    let email: String
    let hours: String
    let note: String
    let isEmpty: Bool

    init(_ c: SupportContact) {
        name = c.name
        phone = c.phone
        phoneHref = "tel:" + c.phone.filter { $0.isNumber || $0 == "+" }
        email = c.email
        hours = c.hours
        note = c.note
        isEmpty = c.isEmpty
    }
}

struct HelpIndexPage: Encodable, Sendable {
    let layout: LayoutContext
    let screens: [HelpLink]
    let roles: [HelpLink]
    let support: SupportCard
    let supportHref: String
    let source: String
}

struct HelpTopicPage: Encodable, Sendable {
    let layout: LayoutContext
    let title: String
    let blocks: [HelpDocument.Block]
    let indexHref: String
    let supportHref: String
}

struct SupportPage: Encodable, Sendable {
    let layout: LayoutContext
    let support: SupportCard
    let editHref: String?
    let helpHref: String
}

struct SupportFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let form: SupportContact
    let errors: [String: String]
    let action: String
    let cancelHref: String
}

struct HelpWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(HelpPath.index, use: index)
        r.get(HelpPath.topic(.key), use: topic)
        r.get(SupportPath.support, use: support)
        r.get(SupportPath.edit, use: editForm)
        r.post(SupportPath.support, use: save)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let help = try req.application.help
        func link(_ t: HelpCatalogue.Topic) -> HelpLink {
            HelpLink(
                title: t.title, href: HelpPath.topic(.text(t.slug)).href,
                mine: (t.roles ?? []).contains(actor.role.rawValue))
        }
        let ctx = HelpIndexPage(
            layout: req.layout("Hướng dẫn", active: HelpPath.index.href),
            screens: help.file.topics.filter { $0.group == .screen }.map(link),
            roles: help.file.topics.filter { $0.group == .role }.map(link).sorted { $0.mine && !$1.mine },
            support: SupportCard(try await SettingsService.supportContact(on: req.database)),
            supportHref: SupportPath.support.href, source: help.file.source)
        return try await req.render("help/index", ctx)
    }

    @Sendable func topic(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let slug = try req.parameters.require("topic")
        guard let (topic, doc) = try req.application.help.topic(slug) else {
            throw AppError.notFound("Không có hướng dẫn này. Xem danh sách tại trang Hướng dẫn.")
        }
        let ctx = HelpTopicPage(
            layout: req.layout("Hướng dẫn: \(topic.title)", active: HelpPath.index.href),
            title: doc.title.isEmpty ? topic.title : doc.title, blocks: doc.blocks, indexHref: HelpPath.index.href,
            supportHref: SupportPath.support.href)
        return try await req.render("help/topic", ctx)
    }

    @Sendable func support(req: Request) async throws -> Response {
        _ = try req.requireActor()
        let ctx = SupportPage(
            layout: req.layout("Liên hệ hỗ trợ", active: SupportPath.support.href),
            support: SupportCard(try await SettingsService.supportContact(on: req.database)),
            editHref: req.can(.update, .settings) ? SupportPath.edit.href : nil, helpHref: HelpPath.index.href)
        return try await req.render("help/support", ctx)
    }

    private func formPage(_ req: Request, _ form: SupportContact, errors: [String: String]) -> SupportFormPage {
        SupportFormPage(
            layout: req.layout("Sửa thông tin liên hệ hỗ trợ", active: SupportPath.support.href), form: form,
            errors: errors, action: SupportPath.support.href, cancelHref: SupportPath.support.href)
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        try req.authorize(.update, .settings)
        let current = try await SettingsService.supportContact(on: req.database)
        return try await req.render("help/support-form", formPage(req, current, errors: [:]))
    }

    @Sendable func save(req: Request) async throws -> Response {
        try req.authorize(.update, .settings)
        let form = try req.form(SupportContact.self)
        return try await req.submit {
            try await SettingsService.saveSupportContact(form, actor: req.actor, on: req.database)
        } redirect: { _ in
            (SupportPath.support.href, "Đã lưu thông tin liên hệ hỗ trợ.")
        } orRender: { e in
            try await req.render("help/support-form", formPage(req, form, errors: e.formErrors), status: e.status)
        }
    }
}
