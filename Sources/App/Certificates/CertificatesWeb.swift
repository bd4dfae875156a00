import Domain
import Fluent
import Foundation
import Vapor

struct CertificateLayoutsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let href: String
        let name: String
        let paper: String
        let forms: String
        let isDefault: Bool
    }
    let layout: LayoutContext
    let authorityName: String
    let authorityHref: String
    let rows: [Row]
    let canEdit: Bool
    let newHref: String
}

struct CertificateLayoutPage: Encodable, Sendable {
    struct FieldRow: Encodable, Sendable {
        let key: String
        let label: String
        let x: String
        let y: String
        let width: String
        let size: String
        let aligns: [SelectOption]
        let bold: Bool
        let printed: Bool
        let xError: String?
        let yError: String?
        let widthError: String?
        let sizeError: String?
        let alignError: String?
    }
    struct FormOption: Encodable, Sendable {
        let code: String
        let name: String
        let checked: Bool
    }
    let layout: LayoutContext
    let title: String
    let authorityName: String
    let authorityHref: String
    let listHref: String
    /// The form's target: the new layout's (POST to the list) or this one's.
    let action: String
    let canEdit: Bool
    let form: [String: String]
    let errors: [String: String]
    let papers: [SelectOption]
    let orientations: [SelectOption]
    let forms: [FormOption]
    let fields: [FieldRow]
    let isDefault: Bool
    let stylesheet: String
    let preview: CertificateSheet
    let previewNote: String
}

struct CertificatePrintPage: Encodable, Sendable {
    let title: String
    let stylesheet: String
    let decisionHref: String
    let docxHref: String
    let layoutName: String
    let paper: String
    let sheets: [CertificateSheet]
}

/// A typed form's layout, or the problems found in it.
struct TypedLayout {
    let layout: CertificateLayout?
    let errors: FieldErrors

    func get() throws -> CertificateLayout {
        guard let layout else { throw AppError.invalid(errors) }
        return layout
    }
}

struct CertificatesWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(CertificatesPath.layouts(.key), use: list)
        r.post(CertificatesPath.layouts(.key), use: create)
        r.get(CertificatesPath.newLayout(.key), use: newForm)
        r.get(CertificatesPath.layout(.key), use: show)
        r.post(CertificatesPath.layout(.key), use: update)
        r.get(CertificatesPath.print(.key), use: print)
        r.get(CertificatesPath.docx(.key), use: docx)
        r.get(CertificatesPath.stylesheet, use: stylesheet)
    }

    static func formsLabel(_ codes: [String], sets: [RuleSet]) -> String {
        guard !codes.isEmpty else { return "Mọi hình thức" }
        let names = Dictionary(CertificateService.forms(in: sets).map { ($0.code, $0.name) }) { a, _ in a }
        return codes.map { names[$0] ?? $0 }.joined(separator: ", ")
    }

    static func paperLabel(_ l: CertificateLayout) -> String {
        "\(l.paper.label) \(l.orientation.label.lowercased()) (\(CertificateLayout.number(l.width)) × "
            + "\(CertificateLayout.number(l.height)) mm)"
    }

    // MARK: An authority's layouts

    @Sendable func list(req: Request) async throws -> Response {
        let aid = try req.parameters.require("id", as: Int.self)
        let v = try await CertificateService.layouts(authorityID: aid, actor: req.actor, on: req.database)
        return try await req.render(
            "certificates/layouts",
            CertificateLayoutsPage(
                layout: req.layout("Mẫu in giấy khen, bằng khen", active: AuthoritiesPath.list.href),
                authorityName: v.authority.headTitle, authorityHref: AuthoritiesPath.authority(.id(aid)).href,
                rows: try v.layouts.map { m in
                    let l = try m.layout()
                    return .init(
                        href: CertificatesPath.layout(.id(m.id ?? 0)).href, name: m.name, paper: Self.paperLabel(l),
                        forms: Self.formsLabel(l.formCodes, sets: req.ruleSets), isDefault: m.isDefault)
                },
                canEdit: req.can(.create, .certificateLayout(v.scope)),
                newHref: CertificatesPath.newLayout(.id(aid)).href))
    }

    /// The form with its preview. `shown`: the layout the preview draws (the saved one, or the standard one).
    static func page(
        req: Request, authority a: AuthorityModel, scope: CouncilScope, id: Int?, shown: CertificateLayout,
        form: [String: String], forms checked: Set<String>, isDefault: Bool, errors: [String: String],
        version: String = ""
    ) -> CertificateLayoutPage {
        let aid = a.id ?? 0
        let title = id == nil ? "Thêm mẫu in giấy khen, bằng khen" : "Mẫu in: \(form["name"] ?? "")"
        return CertificateLayoutPage(
            layout: req.layout(title, active: AuthoritiesPath.list.href), title: title, authorityName: a.headTitle,
            authorityHref: AuthoritiesPath.authority(.id(aid)).href, listHref: CertificatesPath.layouts(.id(aid)).href,
            action: id.map { CertificatesPath.layout(.id($0)).href } ?? CertificatesPath.layouts(.id(aid)).href,
            canEdit: req.can(.update, .certificateLayout(scope)), form: form, errors: errors,
            papers: PaperSize.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: form["paper"] == $0.rawValue)
            },
            orientations: PaperOrientation.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: form["orientation"] == $0.rawValue)
            },
            forms: CertificateService.forms(in: req.ruleSets).map {
                .init(code: $0.code, name: $0.name, checked: checked.contains($0.code))
            },
            fields: CertificateField.allCases.map { f in
                let k = f.rawValue
                return .init(
                    key: k, label: f.label, x: form[k + "_x"] ?? "", y: form[k + "_y"] ?? "",
                    width: form[k + "_width"] ?? "", size: form[k + "_size"] ?? "",
                    aligns: CertificateAlign.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: form[k + "_align"] == $0.rawValue)
                    }, bold: form[k + "_bold"] != nil, printed: form[k + "_printed"] != nil,
                    xError: errors[k + "_x"], yError: errors[k + "_y"], widthError: errors[k + "_width"],
                    sizeError: errors[k + "_size"], alignError: errors[k + "_align"])
            }, isDefault: isDefault,
            stylesheet: CertificateSheets.stylesheetHref(shown, version: version),
            preview: CertificateSheets.sample(layout: shown, place: a.place, signer: a.signerName),
            previewNote: errors.isEmpty
                ? "Bản xem trước theo mẫu đang lưu, thu nhỏ; mỗi ô đỏ là chỗ in một trường."
                : "Bản xem trước vẫn theo mẫu đang lưu; sửa các trường được đánh dấu rồi bấm “Lưu và xem lại”.")
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let aid = try req.parameters.require("id", as: Int.self)
        let (a, scope) = try await CertificateService.scope(authorityID: aid, actor: req.actor, on: req.database)
        try Access.check(req.actor, .create, .certificateLayout(scope))
        let standard = CertificateLayout.standard()
        return try await req.render(
            "certificates/layout",
            Self.page(
                req: req, authority: a, scope: scope, id: nil, shown: standard, form: standard.formValues, forms: [],
                isDefault: false, errors: [:]))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let (m, a, scope) = try await CertificateService.find(id, actor: req.actor, on: req.database)
        let l = try m.layout()
        return try await req.render(
            "certificates/layout",
            Self.page(
                req: req, authority: a, scope: scope, id: id, shown: l, form: l.formValues,
                forms: Set(l.formCodes), isDefault: m.isDefault, errors: [:],
                version: String(Int(m.updatedAt?.timeIntervalSince1970 ?? 0))))
    }

    /// The typed form: the layout it reads as, or the problems by field.
    static func typed(_ req: Request) throws -> (form: [String: String], forms: [String], parsed: TypedLayout) {
        var form = try req.form([String: String].self)
        form["_csrf"] = nil
        let forms = form.keys.filter { $0.hasPrefix("apply_") }.map { String($0.dropFirst("apply_".count)) }.sorted()
        let known = Set(CertificateService.forms(in: req.ruleSets).map(\.code))
        let p = CertificateLayout.parse(form, forms: forms, knownForms: known)
        return (form, forms, TypedLayout(layout: p.layout, errors: p.errors))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let aid = try req.parameters.require("id", as: Int.self)
        let (a, scope) = try await CertificateService.scope(authorityID: aid, actor: req.actor, on: req.database)
        try Access.check(req.actor, .create, .certificateLayout(scope))
        let t = try Self.typed(req)
        return try await req.submit {
            try await CertificateService.create(
                authorityID: aid, try t.parsed.get(), isDefault: t.form["isDefault"] != nil, actor: req.actor,
                sets: req.ruleSets, on: req.database)
        } redirect: { m in
            (
                CertificatesPath.layout(.id(m.id ?? 0)).href,
                "Đã lưu mẫu in “\(m.name)”; xem lại vị trí các trường bên dưới."
            )
        } orRender: { e in
            try await req.render(
                "certificates/layout",
                Self.page(
                    req: req, authority: a, scope: scope, id: nil, shown: .standard(), form: t.form,
                    forms: Set(t.forms), isDefault: t.form["isDefault"] != nil, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let (m, a, scope) = try await CertificateService.find(id, actor: req.actor, on: req.database)
        try Access.check(req.actor, .update, .certificateLayout(scope))
        let saved = try m.layout()
        let t = try Self.typed(req)
        return try await req.submit {
            try await CertificateService.update(
                id, try t.parsed.get(), isDefault: t.form["isDefault"] != nil, actor: req.actor, sets: req.ruleSets,
                on: req.database)
        } redirect: { m in
            (CertificatesPath.layout(.id(id)).href, "Đã lưu mẫu in “\(m.name)”; xem lại vị trí các trường bên dưới.")
        } orRender: { e in
            try await req.render(
                "certificates/layout",
                Self.page(
                    req: req, authority: a, scope: scope, id: id, shown: saved, form: t.form, forms: Set(t.forms),
                    isDefault: m.isDefault, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    // MARK: Printing a decision's certificates

    static func batch(_ req: Request) async throws -> (
        DecisionModel, CertificateLayoutModel, CertificateLayout, [CertificateSheet]
    ) {
        let id = try req.parameters.require("id", as: Int.self)
        let v = try await DecisionService.view(id, actor: req.actor, on: req.database)
        let m = try await CertificateService.layout(
            for: v.decision, requested: try req.intQuery("layout"), actor: req.actor, on: req.database)
        let l = try m.layout()
        return (v.decision, m, l, try await CertificateSheets.sheets(decision: v.decision, layout: l, on: req.database))
    }

    @Sendable func print(req: Request) async throws -> Response {
        let (d, m, l, sheets) = try await Self.batch(req)
        let lid = [("layout", String(m.id ?? 0))]
        return try await req.render(
            "certificates/print",
            CertificatePrintPage(
                title: "Giấy khen, bằng khen — \(d.citation)",
                stylesheet: CertificateSheets.stylesheetHref(
                    l, version: String(Int(m.updatedAt?.timeIntervalSince1970 ?? 0))),
                decisionHref: DecisionsPath.decision(.id(d.id ?? 0)).href,
                docxHref: CertificatesPath.docx(.id(d.id ?? 0)).href(lid), layoutName: m.name,
                paper: Self.paperLabel(l), sheets: sheets))
    }

    @Sendable func docx(req: Request) async throws -> Response {
        let (d, _, l, sheets) = try await Self.batch(req)
        let data = try CertificateSheets.docx(sheets, layout: l)
        let res = Response(status: .ok, body: .init(data: data))
        res.headers.contentType = HTTPMediaType(
            type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
        res.headers.contentDisposition = .init(.attachment, filename: "giay-khen-\(d.id ?? 0).docx")
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    /// The stylesheet of the layout in the query; a query that is no layout answers 422 with an empty sheet.
    @Sendable func stylesheet(req: Request) async throws -> Response {
        var q = (try? req.query.decode([String: String].self)) ?? [:]
        q["name"] = "Mẫu"
        let p = CertificateLayout.parse(q, forms: [])
        let css =
            p.layout.map(CertificateSheets.css)
            ?? "/* " + p.errors.items.map(\.message).joined(separator: " ").replacingOccurrences(of: "*/", with: "")
            + " */\n"
        let res = Response(status: p.layout == nil ? .unprocessableEntity : .ok, body: .init(string: css))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        res.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return res
    }
}

/// A link on the decision page: print its certificates with one layout, or add the first layout.
struct CertificateLink: Encodable, Sendable {
    let label: String
    let href: String
    let docxHref: String?
}

extension CertificatesWebController {
    /// "In giấy khen, bằng khen" links of a decision's page: one per layout of its authority, the default first;
    /// with none, a link to add one for who may.
    static func links(req: Request, decisionID id: Int) async throws -> [CertificateLink] {
        guard let d = try await DecisionModel.find(id, on: req.database), d.kind == .decision else { return [] }
        let v = try await CertificateService.layouts(authorityID: d.$authority.id, actor: req.actor, on: req.database)
        if v.layouts.isEmpty {
            guard req.can(.create, .certificateLayout(v.scope)) else { return [] }
            return [
                CertificateLink(
                    label: "Thêm mẫu in giấy khen, bằng khen của cấp khen thưởng",
                    href: CertificatesPath.newLayout(.id(d.$authority.id)).href, docxHref: nil)
            ]
        }
        return v.layouts.map { m in
            let q = [("layout", String(m.id ?? 0))]
            return CertificateLink(
                label: "In giấy khen, bằng khen theo mẫu “\(m.name)”" + (m.isDefault ? " (mặc định)" : ""),
                href: CertificatesPath.print(.id(id)).href(q), docxHref: CertificatesPath.docx(.id(id)).href(q))
        }
    }
}
