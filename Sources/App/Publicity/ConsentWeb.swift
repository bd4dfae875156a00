import Domain
import Fluent
import Vapor

/// The "Đồng ý công khai" section of an individual's or a household's page (issue 10 §2).
struct ConsentSection: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let id: Int
        let givenBy: String
        let givenOn: String
        let methodLabel: String
        let scopeNote: String
        let fileName: String?
        let fileHref: String?
        let recordedBy: String
        let recordedAt: String
        let inForce: Bool
        let withdrawnAt: String
        let withdrawnBy: String
        let withdrawReason: String
        /// The withdraw form, when the actor may withdraw it.
        let withdrawAction: String?
        /// Why the last withdraw was refused, with what was typed.
        var withdrawError: String? = nil
        var withdrawReasonTyped: String = ""
    }
    let items: [Item]
    let inForce: Bool
    /// The form to record a consent, when the actor may.
    let action: String?
    let methods: [SelectOption]
    let values: [String: String]
    let errors: [String: String]

    static func methodOptions(_ selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "— Chọn cách đồng ý —", selected: selected.isEmpty)]
            + ConsentMethod.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
            }
    }

    /// Nil for a collective, or when the actor may not read the subject's consents.
    static func of(
        subject s: SubjectModel, req: Request, values: [String: String] = [:], errors: [String: String] = [:],
        withdrawn: (id: Int, reason: String, error: String)? = nil
    ) async throws -> ConsentSection? {
        guard s.subjectKind != .collective, let sid = s.id, req.can(.read, .consent(s.unit.unitPath)) else {
            return nil
        }
        let rows = try await ConsentModel.query(on: req.database).filter(\.$subjectID == sid)
            .sort(\.$givenOn, .descending).sort(\.$id, .descending).all()
        let userIDs = Set(rows.flatMap { [$0.recordedBy, $0.withdrawnBy].compactMap { $0 } })
        var names: [Int: String] = [:]
        if !userIDs.isEmpty {
            for u in try await UserModel.query(on: req.database).filter(\.$id ~~ Array(userIDs)).all() {
                if let id = u.id { names[id] = u.fullName }
            }
        }
        let canWrite = req.can(.update, .consent(s.unit.unitPath))
        let items = rows.map { c -> Item in
            let id = c.id ?? 0
            var item = Item(
                id: id, givenBy: c.givenBy, givenOn: c.givenOn.isoToVietnamese, methodLabel: c.method.label,
                scopeNote: c.scopeNote, fileName: c.originalName,
                fileHref: c.storageKey == nil ? nil : ConsentPath.file(.id(id)).href,
                recordedBy: c.recordedBy.flatMap { names[$0] } ?? "—",
                recordedAt: VietnameseDate.formatDateTime(c.recordedAt), inForce: c.withdrawnAt == nil,
                withdrawnAt: c.withdrawnAt.map(VietnameseDate.format) ?? "",
                withdrawnBy: c.withdrawnBy.flatMap { names[$0] } ?? "", withdrawReason: c.withdrawReason ?? "",
                withdrawAction: canWrite && c.withdrawnAt == nil ? ConsentPath.withdraw(.id(id)).href : nil)
            if let w = withdrawn, w.id == id {
                item.withdrawError = w.error
                item.withdrawReasonTyped = w.reason
            }
            return item
        }
        var v = values
        if v["givenOn"] == nil { v["givenOn"] = VietnameseDate.format(Date()) }
        return ConsentSection(
            items: items, inForce: items.contains(where: \.inForce),
            action: req.can(.create, .consent(s.unit.unitPath)) ? ConsentPath.record(.id(sid)).href : nil,
            methods: methodOptions(v["method"] ?? ""), values: v, errors: errors)
    }
}

/// The web form's fields; the scanned form comes as a multipart file (`file`).
struct ConsentForm: Content, Sendable {
    var givenBy: String?
    var givenOn: String?
    var method: String?
    var scopeNote: String?
    var file: File?

    var input: ConsentInput {
        ConsentInput(givenBy: givenBy ?? "", givenOn: givenOn ?? "", method: method ?? "", scopeNote: scopeNote)
    }
    var values: [String: String] {
        ["givenBy": givenBy ?? "", "givenOn": givenOn ?? "", "method": method ?? "", "scopeNote": scopeNote ?? ""]
    }
}

struct ConsentWithdrawForm: Content, Sendable {
    var reason: String?
}

struct ConsentWebController {
    func register(_ r: any RoutesBuilder) {
        r.post(ConsentPath.record(.key), body: .collect(maxSize: "12mb"), use: record)
        r.post(ConsentPath.withdraw(.key), use: withdraw)
        r.get(ConsentPath.file(.key), use: file)
    }

    /// The subject page with the consent section as given.
    static func render(_ req: Request, subjectID: Int, section: ConsentSection?, status: HTTPStatus) async throws
        -> Response
    {
        var page = try await SubjectsCriteriaWebController.subjectPage(req: req, id: subjectID, errors: [:])
        page.consents = section
        return try await req.render("lifecycle/subject", page, status: status)
    }

    static let anchor = "#dong-y-cong-khai"

    @Sendable func record(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        // Who may not record learns that first (404 outside its scope, 403 for readers).
        let s = try await ConsentService.subject(id, actor: req.actor, action: .create, on: req.database)
        let f = try req.form(ConsentForm.self)
        let scan = f.file.map { ConsentScan(filename: $0.filename, bytes: Array(buffer: $0.data)) }
        return try await req.submit {
            try await ConsentService.record(
                subjectID: id, f.input, scan: scan, requireScanForWrittenForm: true, actor: req.actor,
                app: req.application, on: req.database)
        } redirect: { c in
            (SubjectsPath.subject(.id(id)).href + Self.anchor, "Đã ghi nhận sự đồng ý công khai của \(c.givenBy).")
        } orRender: { e in
            try await Self.render(
                req, subjectID: id,
                section: try await ConsentSection.of(subject: s, req: req, values: f.values, errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func withdraw(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let (c, s) = try await ConsentService.readable(id, actor: req.actor, action: .update, on: req.database)
        let f = try req.form(ConsentWithdrawForm.self)
        return try await req.submit {
            try await ConsentService.withdraw(id, reason: f.reason, actor: req.actor, on: req.database)
        } redirect: { c in
            (
                SubjectsPath.subject(.id(c.subjectID)).href + Self.anchor,
                "Đã rút lại sự đồng ý công khai của \(c.givenBy); đối tượng không còn hiện trên trang công khai."
            )
        } orRender: { e in
            try await Self.render(
                req, subjectID: c.subjectID,
                section: try await ConsentSection.of(
                    subject: s, req: req,
                    withdrawn: (id, f.reason ?? "", e.formErrors["reason"] ?? e.message)),
                status: e.status)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        try await ConsentService.download(try req.parameters.require("id", as: Int.self), actor: req.actor, req: req)
    }
}
