import Domain
import Fluent
import SQLKit
import Vapor

/// A row of the registration list page.
struct RegistrationRow: Encodable, Sendable {
    let id: Int
    let href: String
    let year: Int
    let subjectName: String
    let subjectKindLabel: String
    let title: String
    let unitName: String
    let typeName: String
    let statusLabel: String
    let status: String
}

/// The web list reads only the columns its table shows (`ListedRegistration`): 8 of the API's 31, and not the
/// movements' subquery. Read as whole summaries, a national district's page of 50 rows spent a tenth of the server's
/// samples decoding cells it never showed (descriptions, goals, the subject's contacts; `perf`, session 38).
extension RegistrationRow: ListedRegistration {
    static func columns(_ db: any Database) -> SQLQueryString {
        """
        SELECT r.id, r.year, r.status, r.title, u.short_name AS unit_short_name, st.name AS type_name, s.name AS s_name,
        s.kind AS s_kind
        """
    }

    /// The rows' links (`IDLink`).
    static let link = IDLink(RegistrationsPath.registration)

    init(typed row: some SQLRow) throws {
        // In the order of `columns`: PostgreSQL's rows find the next column without a lookup by name.
        id = try row.decode(column: "id", as: Int.self)
        href = Self.link.href(id)
        year = try row.decode(column: "year", as: Int.self)
        let status = try row.decodeCode(column: "status", as: RegistrationStatus.self)
        statusLabel = status.label
        self.status = status.rawValue
        title = try row.decode(column: "title", as: String.self)
        unitName = try row.decode(column: "unit_short_name", as: String.self)
        typeName = try row.decode(column: "type_name", as: String?.self) ?? "—"
        subjectName = try row.decode(column: "s_name", as: String.self)
        subjectKindLabel = try row.decodeCode(column: "s_kind", as: SubjectKind.self).label
    }
}

extension RegistrationRow: TemplatedRow {
    static let rowView = "lifecycle/registration-row"
    static let rowFields: [String: @Sendable (Self) -> String] = [
        "year": { String($0.year) }, "href": { $0.href }, "subjectName": { $0.subjectName },
        "subjectKindLabel": { $0.subjectKindLabel }, "title": { $0.title }, "typeName": { $0.typeName },
        "unitName": { $0.unitName },
        "status": { $0.status }, "statusLabel": { $0.statusLabel },
    ]
}

struct RegistrationsPage: Encodable, Sendable {
    let layout: LayoutContext
    let q: String
    let unit: UnitPicker
    /// The selects' options as HTML (`Request.keptOptions`).
    let yearsHTML: String
    let groupsHTML: String
    let fieldsHTML: String
    let typesHTML: String
    let movementsHTML: String
    let kindsHTML: String
    let statusesHTML: String
    /// The rows, written by `lifecycle/registration-row` (`RowTemplate`).
    let rows: WrittenRows
    let pager: Pager
    /// Said when the rows are not in name order (a search lists the newest first).
    var orderNote: String? = nil
    let canCreate: Bool
    let csvHref: String
    let xlsxHref: String
}

extension Pager {
    /// Links around a keyset page of the registration list.
    init(_ p: RegistrationListPage<some Sendable>, base: some SitePath, query: [(String, String)]) {
        self.init(
            totalLabel: p.totalLabel, page: p.page, previous: p.previous?.token, next: p.next?.token,
            perPage: p.perPage, base: base, query: query)
    }
}

/// The registration form as typed.
struct RegistrationForm: Content, Sendable {
    var year: String
    var unitID: String
    var subjectID: String?
    var subjectKind: String?
    var subjectName: String?
    var gender: String?
    var ethnicity: String?
    var position: String?
    var birthDate: String?
    var idNumber: String?
    var phone: String?
    var address: String?
    var headsUnitID: String?
    var typeCode: String?
    var fieldCode: String?
    var movementIDs: [String]?
    var title: String
    var description: String?
    var goals: String?
    var contact: String?
    /// The unit as typed (a code or words of its name) where the actor's units are too many for a select
    /// (`UnitPicker`); `unitID` is then the unit it names, or one of the matches offered.
    var unit: String? = nil

    var input: RegistrationInput {
        let subjectID = Int(subjectID ?? "")
        let subject =
            subjectID == nil || !(subjectName ?? "").isEmpty
            ? SubjectInput(
                kind: subjectKind ?? "", name: subjectName ?? "", gender: gender, ethnicity: ethnicity,
                position: position, birthDate: birthDate, idNumber: idNumber, phone: phone, address: address,
                headsUnitID: Int(headsUnitID ?? ""), representsUnitID: nil) : nil
        return RegistrationInput(
            year: Int(year) ?? 0, unitID: Int(unitID) ?? 0, subjectID: subjectID, subject: subject, typeCode: typeCode,
            fieldCode: fieldCode,
            movementIDs: (movementIDs ?? []).compactMap { Int($0) }, title: title, description: description,
            goals: goals, contact: contact)
    }

    /// The unit field: the units the actor may register in, not abolished (`UnitField`).
    static func unitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(required: true, scope: Policy.createScope(actor))
    }

    /// The input, its unit resolved from what was typed (an error on the field when it names none or several).
    func input(_ req: Request) async throws -> RegistrationInput {
        var f = self
        f.unitID =
            try await UnitField.resolve(Self.unitSpec(req.actor), selectedID: unitID, text: unit, on: req.database)
            ?? ""
        return f.input
    }

    static func empty(year: Int, unitID: Int?) -> RegistrationForm {
        RegistrationForm(
            year: String(year), unitID: unitID.map(String.init) ?? "", subjectID: "", subjectKind: "", subjectName: "",
            gender: "", ethnicity: "", position: "",
            birthDate: "", idNumber: "", phone: "", address: "", headsUnitID: "", typeCode: "", fieldCode: "",
            movementIDs: [], title: "",
            description: "", goals: "", contact: "")
    }

    /// Service field names → this form's field names.
    static func formErrors(_ e: AppError) -> [String: String] {
        var out: [String: String] = ["form": e.message]
        for item in e.fields.items {
            let key =
                item.field.hasPrefix("subject.")
                ? "subject" + String(item.field.dropFirst(8)).capitalizedFirst : item.field
            out[
                [
                    "subjectBirthDate": "birthDate", "subjectIdNumber": "idNumber", "subjectPhone": "phone",
                    "subjectAddress": "address", "subjectPosition": "position", "subjectGender": "gender",
                    "subjectEthnicity": "ethnicity",
                ][key] ?? key] = item.message
        }
        return out
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

struct RegistrationFormPage: Encodable, Sendable {
    let layout: LayoutContext
    let heading: String
    let action: String
    let creating: Bool
    let form: RegistrationForm
    let errors: [String: String]
    /// A select while the actor's units are few, else a text field with the matches offered as choices.
    var unitField: UnitField
    let kinds: [SelectOption]
    let types: [SelectOption]
    let fields: [SelectOption]
    let movements: [SelectOption]
    /// Gender and ethnicity are choices from their lists (SubjectCatalogues).
    let genders: [SelectOption]
    let ethnicities: [SelectOption]
    /// Personal facts (gender, date of birth, ID number, phone, address) are offered only to their readers.
    let showPersonal: Bool
    /// Sensitive facts (ethnicity).
    let showSensitive: Bool
    let existingSubjectName: String?
    let cancelHref: String
}

struct RegistrationPage: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let label: String
        let value: String
    }
    struct Transition: Encodable, Sendable {
        let at: String
        let username: String
        let toLabel: String
        let reason: String
    }
    struct Action: Encodable, Sendable {
        let id: Int
        let title: String
        let responsible: String
        let dueDate: String
        let statusLabel: String
        let overdue: Bool
        let open: Bool
        let note: String
        let updateAction: String
        let statuses: [SelectOption]
    }
    struct Evaluation: Encodable, Sendable {
        let date: String
        let period: String
        let evaluator: String
        let conclusionLabel: String
        let met: Int
        let unmet: Int
        let missing: Int
        let summary: String
        let difficulties: String
        let helpGiven: String
        /// The printable record of this evaluation (issue 15).
        var printHref: String = ""
    }
    struct Evidence: Encodable, Sendable {
        let name: String
        let href: String
        let size: String
        let description: String
    }
    let layout: LayoutContext
    let id: Int
    let heading: String
    let statusLabel: String
    let subjectHref: String
    let facts: [Item]
    let personal: [Item]
    let movements: [String]
    let criteria: [CriterionStatusDTO]
    let targets: [SelectOption]
    let transitions: [Transition]
    let actions: [Action]
    let evaluations: [Evaluation]
    let evidence: [Evidence]
    let canEdit: Bool
    let editHref: String
    let evaluateHref: String
    let actionStatuses: [SelectOption]
    let errors: [String: String]
    let actionForm: [String: String]
    /// The printable registration form (issue 15).
    var printHref: String = ""
    /// Where the model has spread (nhân rộng, issue 10 §5).
    var replication: ReplicationSection? = nil
}

enum RegistrationOptions {
    /// A unit in a select: its short name, indented by its depth in the tree.
    static func option(_ u: UnitModel, selected: Bool) -> SelectOption {
        SelectOption(
            value: String(u.id ?? 0), label: String(repeating: "— ", count: max(0, u.unitPath.depth - 1)) + u.shortName,
            selected: selected)
    }

    /// The catalogue version whose types and fields a page offers: the one in force for `year` (a form), or the
    /// newest (a filter). A page that offers both reads it once.
    static func catalogue(year: Int? = nil, on db: any Database) async throws -> CatalogueVersionModel? {
        if let year, let v = try await CatalogueService.inForce(year: year, on: db) { return v }
        return try await CatalogueService.current(on: db)
    }

    /// The types of a catalogue version (`catalogue(year:on:)`).
    static func types(selected: String, in version: CatalogueVersionModel?, all: Bool, on db: any Database)
        async throws -> [SelectOption]
    {
        guard let v = version else { return [] }
        return types(selected: selected, try await typeEntries(of: v.requireID(), on: db), all: all)
    }

    static func types(selected: String, _ types: [CodeName]?, all: Bool) -> [SelectOption] {
        guard let types else { return [] }
        return [
            SelectOption(
                value: "", label: all ? "Tất cả loại" : "— Chọn loại mô hình / điển hình —", selected: selected.isEmpty)
        ]
            + types.map { SelectOption(value: $0.code, label: "\($0.code) \($0.name)", selected: $0.code == selected) }
    }

    /// The fields of a catalogue version (`catalogue(year:on:)`).
    static func fields(selected: String, in version: CatalogueVersionModel?, emptyLabel: String, on db: any Database)
        async throws -> [SelectOption]
    {
        guard let v = version else { return [] }
        return fields(selected: selected, try await fieldEntries(of: v.requireID(), on: db), emptyLabel: emptyLabel)
    }

    static func fields(selected: String, _ fields: [CodeName]?, emptyLabel: String) -> [SelectOption] {
        guard let fields else { return [] }
        return [SelectOption(value: "", label: emptyLabel, selected: selected.isEmpty)]
            + fields.map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == selected) }
    }

    static func typeEntries(of versionID: Int, on db: any Database) async throws -> [CodeName] {
        try await (db as! any SQLDatabase).select().column("code").column("name")
            .from(SubjectTypeModel.schema).where("version_id", .equal, versionID).orderBy("category")
            .orderBy("position").all(decoding: CodeName.self)
    }

    static func fieldEntries(of versionID: Int, on db: any Database) async throws -> [CodeName] {
        try await (db as! any SQLDatabase).select().column("code").column("name")
            .from(CatalogueFieldModel.schema).where("version_id", .equal, versionID).orderBy("name")
            .all(decoding: CodeName.self)
    }

    static func idNames(_ schema: String, on db: any Database) async throws -> [IDName] {
        try await (db as! any SQLDatabase).select().column("id").column("name").from(schema).orderBy("code")
            .all(decoding: IDName.self)
    }

    /// A filter's select of id-named rows (unit groups, movements): "all" first, then each row, `selected` marked.
    static func idNames(selected: Int?, _ rows: [IDName], emptyLabel: String) -> [SelectOption] {
        [SelectOption(value: "", label: emptyLabel, selected: selected == nil)]
            + rows.map { SelectOption(value: String($0.id), label: $0.name, selected: selected == $0.id) }
    }

    static func movements(selected: [String], on db: any Database) async throws -> [SelectOption] {
        try await idNames(MovementModel.schema, on: db).map {
            SelectOption(value: String($0.id), label: $0.name, selected: selected.contains(String($0.id)))
        }
    }

    /// The registration list's filter choices: unit groups, movements, and the newest catalogue's fields and types
    /// (nil without a catalogue). Read through `ReferenceCache` (`Request.reference`).
    struct FilterChoices: Sendable {
        let groups: [IDName]
        let movements: [IDName]
        let fields: [CodeName]?
        let types: [CodeName]?

        static func read(on db: any Database) async throws -> FilterChoices {
            let version = try await catalogue(on: db)?.requireID()
            return FilterChoices(
                groups: try await idNames(UnitGroupModel.schema, on: db),
                movements: try await idNames(MovementModel.schema, on: db),
                fields: try await version.asyncMap { try await fieldEntries(of: $0, on: db) },
                types: try await version.asyncMap { try await typeEntries(of: $0, on: db) })
        }
    }

    /// A catalogue entry's code and name read as values: a page's select of types or fields decoded every entry as
    /// a Fluent model, whose reflection cost more than the query (a sixth of the national list page, `perf`).
    struct CodeName: Decodable, Sendable {
        let code: String
        let name: String
    }
    struct IDName: Decodable, Sendable {
        let id: Int
        let name: String
    }

    static func kinds(selected: String, emptyLabel: String) -> [SelectOption] {
        [SelectOption(value: "", label: emptyLabel, selected: selected.isEmpty)]
            + SubjectKind.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
            }
    }
}

struct RegistrationsWebController {
    func register(_ r: any RoutesBuilder) {
        r.heavy.get(RegistrationsPath.list, use: list)
        r.get(RegistrationsPath.new, use: newForm)
        r.post(RegistrationsPath.list, use: create)
        r.get(RegistrationsPath.export, use: export)
        r.get(RegistrationsPath.registration(.key), use: show)
        r.get(RegistrationsPath.edit(.key), use: editForm)
        r.post(RegistrationsPath.registration(.key), use: update)
        r.post(RegistrationsPath.transitions(.key), use: transition)
        r.post(RegistrationsPath.actions(.key), use: addAction)
        r.post(RegistrationsPath.evidence(.key), body: .collect(maxSize: "12mb"), use: upload)
        r.post(RegistrationsPath.action(.key), use: updateAction)
        r.get(RegistrationsPath.evidenceFile(.key), use: download)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        var f = try RegistrationFilter(query: req)
        let others = f.queryItems.filter { $0.0 != "unitID" && !$0.1.isEmpty }
        let (unit, unitID) = try await UnitPicker.make(
            scope: Policy.unitScope(actor), selectedID: f.unitID, text: f.unitText, allLabel: "Tất cả đơn vị",
            on: req.database, keptFor: req
        ) { RegistrationsPath.list.href(others + [("unitID", String($0))]) }
        f.unitID = unitID
        if let back = Pager.tooDeep(
            req, page: f.page, byCursor: f.after != nil || f.before != nil, perPage: f.perPage,
            base: RegistrationsPath.list, query: f.queryItems)
        {
            return back // a deep page number would read and skip every row before it
        }
        let page = try await RegistrationListing.list(
            f, as: RegistrationRow.self, actor: actor, on: req.database, keptFor: req)
        let thisYear = Today.year
        let choices = try await req.reference("registrations.filter") {
            try await RegistrationOptions.FilterChoices.read(on: req.database)
        }
        let query = f.queryItems
        func href(_ format: String) -> String { RegistrationsPath.export.href(query + [("format", format)]) }
        let ctx = RegistrationsPage(
            layout: req.layout("Đăng ký điển hình", active: RegistrationsPath.list.href), q: f.q, unit: unit,
            yearsHTML: try await req.keptOptions(
                "registrations.year.\(thisYear)", selected: f.year.map(String.init) ?? ""
            ) {
                [SelectOption(value: "", label: "Tất cả năm", selected: f.year == nil)]
                    + (2023...max(thisYear + 1, 2026)).reversed().map {
                        SelectOption(value: String($0), label: String($0), selected: f.year == $0)
                    }
            },
            groupsHTML: try await req.keptOptions("registrations.groupID", selected: f.groupID.map(String.init) ?? "") {
                RegistrationOptions.idNames(selected: f.groupID, choices.groups, emptyLabel: "Tất cả cụm, khối")
            },
            fieldsHTML: try await req.keptOptions("registrations.fieldCode", selected: f.fieldCode) {
                RegistrationOptions.fields(selected: f.fieldCode, choices.fields, emptyLabel: "Tất cả lĩnh vực")
            },
            typesHTML: try await req.keptOptions("registrations.typeCode", selected: f.typeCode) {
                RegistrationOptions.types(selected: f.typeCode, choices.types, all: true)
            },
            movementsHTML: try await req.keptOptions(
                "registrations.movementID", selected: f.movementID.map(String.init) ?? ""
            ) {
                RegistrationOptions.idNames(selected: f.movementID, choices.movements, emptyLabel: "Tất cả phong trào")
            },
            kindsHTML: try await req.keptOptions("registrations.subjectKind", selected: f.subjectKind) {
                RegistrationOptions.kinds(selected: f.subjectKind, emptyLabel: "Tất cả đối tượng")
            },
            statusesHTML: try await req.keptOptions("registrations.status", selected: f.status) {
                [SelectOption(value: "", label: "Tất cả trạng thái", selected: f.status.isEmpty)]
                    + RegistrationStatus.allCases.map {
                        SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == f.status)
                    }
            },
            rows: try await req.written(page.items),
            pager: Pager(page, base: RegistrationsPath.list, query: query),
            orderNote: page.order == .newest ? "Kết quả tìm kiếm xếp đăng ký mới nhất trước." : nil,
            canCreate: req.can(.createUnitRecords), csvHref: href("csv"), xlsxHref: href("xlsx"))
        return try await req.render("lifecycle/registrations", ctx)
    }

    private func formPage(
        req: Request, heading: String, action: String, creating: Bool, form: RegistrationForm, errors: [String: String],
        existing: RegistrationModel?
    ) async throws -> RegistrationFormPage {
        let actor = try req.requireActor()
        var access = FieldAccess.everything
        if let existing {
            access = req.fieldAccess(existing.unit.unitPath)
        } else if let unitID = Int(form.unitID), let unit = try await UnitModel.find(unitID, on: req.database) {
            access = req.fieldAccess(unit.unitPath)
        }
        let catalogue = try await RegistrationOptions.catalogue(year: Int(form.year), on: req.database)
        return RegistrationFormPage(
            layout: req.layout(heading, active: RegistrationsPath.list.href), heading: heading, action: action,
            creating: creating, form: form, errors: errors,
            unitField: try await UnitField.make(
                RegistrationForm.unitSpec(actor), selectedID: form.unitID, text: form.unit, error: errors["unitID"],
                on: req.database),
            kinds: RegistrationOptions.kinds(selected: form.subjectKind ?? "", emptyLabel: "— Chọn loại đối tượng —"),
            types: try await RegistrationOptions.types(
                selected: form.typeCode ?? "", in: catalogue, all: false, on: req.database),
            fields: try await RegistrationOptions.fields(
                selected: form.fieldCode ?? "", in: catalogue, emptyLabel: "— Theo loại mô hình —", on: req.database),
            movements: try await RegistrationOptions.movements(selected: form.movementIDs ?? [], on: req.database),
            genders: SubjectCatalogues.genderOptions(selected: SubjectCatalogues.genderCode(form.gender ?? "")),
            ethnicities: SubjectCatalogues.ethnicityOptions(
                selected: SubjectCatalogues.ethnicityCode(form.ethnicity ?? "")),
            showPersonal: access.personal, showSensitive: access.sensitive, existingSubjectName: existing?.subject.name,
            cancelHref: existing.map { RegistrationsPath.registration(.id($0.id!)).href } ?? RegistrationsPath.list.href
        )
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try Access.check(actor, .createUnitRecords)
        var form = RegistrationForm.empty(year: Today.year, unitID: Policy.defaultUnit(actor))
        if let sid = try req.intQuery("subjectID") {
            let s = try await SubjectService.readable(sid, actor: actor, on: req.database)
            form.subjectID = String(sid)
            form.unitID = String(s.$unit.id)
            if let y = try req.intQuery("year") { form.year = String(y) }
        }
        return try await req.render(
            "lifecycle/registration-form",
            try await formPage(
                req: req, heading: "Đăng ký mô hình, điển hình", action: RegistrationsPath.list.href, creating: true,
                form: form, errors: [:], existing: nil))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(RegistrationForm.self)
        return try await req.submit {
            try await RegistrationService.create(try await form.input(req), actor: req.actor, on: req.database)
        } redirect: { r in
            (RegistrationsPath.registration(.id(r.id!)).href, "Đã đăng ký \(r.title).")
        } orRender: { e in
            return try await req.render(
                "lifecycle/registration-form",
                try await formPage(
                    req: req, heading: "Đăng ký mô hình, điển hình", action: RegistrationsPath.list.href,
                    creating: true,
                    form: form, errors: RegistrationForm.formErrors(e), existing: nil), status: e.status)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let r = try await RegistrationQueries.readable(id, actor: req.actor, on: req.database)
        try req.authorize(.update, RegistrationQueries.resource(r))
        let s = r.subject
        let access = req.fieldAccess(r.unit.unitPath)
        let form = RegistrationForm(
            year: String(r.year), unitID: String(r.$unit.id), subjectID: String(s.id!), subjectKind: s.kind,
            subjectName: s.name, gender: access.value(.subjectGender, s.gender) ?? "",
            ethnicity: access.value(.subjectEthnicity, s.ethnicity) ?? "", position: s.position,
            birthDate: access.value(.subjectBirthDate, VietnameseDate.isoToDisplay(s.birthDate)) ?? "",
            idNumber: access.value(.subjectIDNumber, s.idNumber) ?? "",
            phone: access.value(.subjectPhone, s.phone) ?? "", address: access.value(.subjectAddress, s.address) ?? "",
            headsUnitID: s.headsUnitID.map(String.init) ?? "", typeCode: r.subjectType?.code ?? "",
            fieldCode: r.fieldCode,
            movementIDs: r.movements.map { String($0.id!) }, title: r.title, description: r.description, goals: r.goals,
            contact: r.contact)
        return try await req.render(
            "lifecycle/registration-form",
            try await formPage(
                req: req, heading: "Sửa đăng ký", action: RegistrationsPath.registration(.id(id)).href, creating: false,
                form: form, errors: [:], existing: r))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let form = try req.form(RegistrationForm.self)
        let existing = try await RegistrationQueries.readable(id, actor: req.actor, on: req.database)
        // The form offers only the facts the reader sees; the service refuses any other (Policy.decideField).
        return try await req.submit {
            try await RegistrationService.update(id, try await form.input(req), actor: req.actor, on: req.database)
        } redirect: { r in
            (RegistrationsPath.registration(.id(id)).href, "Đã lưu đăng ký \(r.title).")
        } orRender: { e in
            return try await req.render(
                "lifecycle/registration-form",
                try await formPage(
                    req: req, heading: "Sửa đăng ký", action: RegistrationsPath.registration(.id(id)).href,
                    creating: false,
                    form: form, errors: RegistrationForm.formErrors(e), existing: existing), status: e.status)
        }
    }

    static func page(req: Request, id: Int, errors: [String: String] = [:], actionForm: [String: String] = [:])
        async throws -> RegistrationPage
    {
        let r = try await RegistrationQueries.readableSummary(id, actor: req.actor, on: req.database)
        let s = r.subject
        let canEdit = req.can(.update, RegistrationQueries.resource(r))
        let access = req.fieldAccess(r.unitPath)
        let field = try await req.reference("catalogue.field \(r.fieldCode)") {
            try await CatalogueFieldModel.query(on: req.database).filter(\.$code == r.fieldCode).first()?.name
        }
        var facts: [RegistrationPage.Item] = [
            .init(label: "Năm", value: String(r.year)),
            .init(label: "Đối tượng", value: "\(s.name) (\(s.subjectKind.label.lowercased()))"),
            .init(label: "Đơn vị", value: r.unitName),
            .init(label: "Loại", value: r.typeCode.map { "\($0) \(r.typeName ?? "")" } ?? "—"),
            .init(label: "Lĩnh vực", value: field ?? "—"),
            .init(label: "Danh mục", value: "phiên bản \(r.catalogueVersion)"),
        ]
        if !s.position.isEmpty { facts.append(.init(label: "Chức vụ", value: s.position)) }
        if let e = access.value(.subjectEthnicity, s.ethnicity), !e.isEmpty {
            facts.append(.init(label: "Dân tộc", value: SubjectCatalogues.ethnicityName(e)))
        }
        if !r.description.isEmpty { facts.append(.init(label: "Mô tả", value: r.description)) }
        if !r.goals.isEmpty { facts.append(.init(label: "Mục tiêu", value: r.goals)) }
        if !r.contact.isEmpty { facts.append(.init(label: "Liên hệ", value: r.contact)) }
        var personalItems: [RegistrationPage.Item] = []
        for (f, value) in [
            (DataField.subjectGender, SubjectCatalogues.genderLabel(s.gender)),
            (.subjectBirthDate, VietnameseDate.isoToDisplay(s.birthDate)),
            (.subjectIDNumber, s.idNumber), (.subjectPhone, s.phone), (.subjectAddress, s.address),
        ] where access.shows(f) && !value.isEmpty {
            personalItems.append(.init(label: f.label, value: value))
        }
        let transitions = try await RegistrationRecords.transitions(id, on: req.database)
        let today = Today.iso
        let actions = try await RegistrationRecords.actions(id, on: req.database)
        let evals = try await RegistrationRecords.evaluations(id, on: req.database)
        let files = try await RegistrationRecords.evidence(id, on: req.database)
        func statuses(_ current: String) -> [SelectOption] {
            ActionStatus.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == current)
            }
        }
        var page = RegistrationPage(
            layout: req.layout("\(s.name) — \(r.year)", active: RegistrationsPath.list.href), id: id,
            heading: "\(s.name) — \(r.title)", statusLabel: r.status.label,
            subjectHref: SubjectsPath.subject(.id(s.id)).href, facts: facts, personal: personalItems,
            movements: try await RegistrationRecords.movementNames(r.movementIDs, on: req.database),
            criteria: try await CriteriaStatus.list(
                try await req.criteria(for: CriteriaScope(r)), latestEvaluationID: evals.map(\.id).max(),
                on: req.database),
            targets: [SelectOption(value: "", label: "— Chọn trạng thái mới —", selected: true)]
                + RegistrationWorkflow.targets(from: r.status).filter { $0 != .awarded }.map {
                    SelectOption(value: $0.rawValue, label: $0.label, selected: false)
                },
            transitions: transitions.map {
                .init(
                    at: VietnameseDate.formatDateTime($0.at), username: $0.username, toLabel: $0.toStatus.label,
                    reason: $0.reason)
            },
            actions: actions.map { a in
                .init(
                    id: a.id, title: a.title, responsible: a.responsible, dueDate: a.dueDate.isoToVietnamese,
                    statusLabel: a.status.label, overdue: a.status.isOverdue(due: a.dueDate, today: today),
                    open: a.status.isOpen, note: a.note, updateAction: RegistrationsPath.action(.id(a.id)).href,
                    statuses: statuses(a.status.rawValue))
            },
            evaluations: evals.map {
                .init(
                    date: $0.date.isoToVietnamese, period: $0.period, evaluator: $0.evaluator,
                    conclusionLabel: $0.conclusion.label,
                    met: $0.met, unmet: $0.unmet, missing: $0.missing, summary: $0.summary,
                    difficulties: $0.difficulties, helpGiven: $0.helpGiven,
                    printHref: EvaluationsPath.print(.id($0.id)).href)
            },
            evidence: files.map {
                .init(
                    name: $0.originalName, href: RegistrationsPath.evidenceFile(.id($0.id)).href,
                    size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
                    description: $0.description)
            },
            canEdit: canEdit, editHref: RegistrationsPath.edit(.id(id)).href,
            evaluateHref: RegistrationsPath.newEvaluation(.id(id)).href,
            actionStatuses: statuses(ActionStatus.planned.rawValue),
            errors: errors, actionForm: actionForm, printHref: RegistrationsPath.print(.id(id)).href)
        page.replication = try await ReplicationWebController.section(req: req, model: r)
        return page
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.render(
            "lifecycle/registration", try await Self.page(req: req, id: try req.parameters.require("id", as: Int.self)))
    }

    @Sendable func transition(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(TransitionInput.self)
        return try await req.submit {
            try await RegistrationService.transition(id, input, actor: req.actor, on: req.database)
        } redirect: { r in
            (RegistrationsPath.registration(.id(id)).href, "Đã chuyển sang “\(r.status.label)”.")
        } orRender: { e in
            var errors = e.formErrors
            errors["reasonValue"] = input.reason ?? ""
            return try await req.render(
                "lifecycle/registration", try await Self.page(req: req, id: id, errors: errors), status: e.status)
        }
    }

    @Sendable func addAction(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(ActionInput.self)
        return try await req.submit {
            try await NurturingService.create(registrationID: id, input, actor: req.actor, on: req.database)
        } redirect: { a in
            (RegistrationsPath.registration(.id(id)).href + "#boi-duong", "Đã thêm việc bồi dưỡng “\(a.title)”.")
        } orRender: { e in
            let typed = [
                "title": input.title, "responsible": input.responsible, "dueDate": input.dueDate,
                "note": input.note ?? "",
            ]
            return try await req.render(
                "lifecycle/registration",
                try await Self.page(
                    req: req, id: id, errors: e.fields.dictionary.mapKeys { "action" + $0.capitalizedFirst },
                    actionForm: typed), status: e.status)
        }
    }

    @Sendable func updateAction(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let input = try req.form(ActionInput.self)
        guard let a = try await NurturingActionModel.find(id, on: req.database) else {
            throw AppError.notFound("Không tìm thấy việc bồi dưỡng.")
        }
        return try await req.submit {
            try await NurturingService.update(id, input, actor: req.actor, on: req.database)
        } redirect: { a in
            (RegistrationsPath.registration(.id(a.$registration.id)).href + "#boi-duong", "Đã cập nhật “\(a.title)”.")
        } orRender: { e in
            Flash.redirect(
                req, to: RegistrationsPath.registration(.id(a.$registration.id)).href + "#boi-duong",
                e.fields.items.first?.message ?? e.message)
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        guard let upload = try? req.content.decode(EvidenceUpload.self) else {
            return try await req.render(
                "lifecycle/registration",
                try await Self.page(req: req, id: id, errors: ["evidenceFile": "Vui lòng chọn tệp minh chứng."]),
                status: .unprocessableEntity)
        }
        return try await req.submit {
            try await EvidenceService.store(
                registrationID: id, evaluationID: upload.evaluationID.flatMap { Int($0) },
                filename: upload.file.filename,
                bytes: Array(buffer: upload.file.data), description: upload.description ?? "", actor: req.actor,
                app: req.application, on: req.database)
        } redirect: { f in
            (RegistrationsPath.registration(.id(id)).href + "#minh-chung", "Đã tải lên \(f.originalName).")
        } orRender: { e in
            try await req.render(
                "lifecycle/registration",
                try await Self.page(
                    req: req, id: id, errors: e.fields.dictionary.mapKeys { "evidence" + $0.capitalizedFirst }),
                status: e.status)
        }
    }

    @Sendable func download(req: Request) async throws -> Response {
        try await EvidenceService.download(try req.parameters.require("id", as: Int.self), actor: req.actor, req: req)
    }

    @Sendable func export(req: Request) async throws -> Response {
        try await RegistrationExport.response(req: req, format: req.queryText("format") ?? "csv")
    }
}

extension Dictionary where Key == String {
    func mapKeys(_ f: (String) -> String) -> [String: Value] {
        Dictionary(uniqueKeysWithValues: map { (f($0.key), $0.value) })
    }
}
