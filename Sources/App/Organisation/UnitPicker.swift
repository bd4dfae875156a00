import Domain
import Fluent
import Foundation
import Vapor

/// Choosing a unit in a filter without sending every unit to the page (issue 11: at national scale the registration
/// list's select held 2,000 of 100,000 units — 144 KB — and still not all of them). Up to `selectLimit` units in the
/// actor's scope: a select, as before. More: a text field that takes a code or words of a name; one match filters
/// by it, several are offered as links (no script needed), none says so and filters nothing.
struct UnitPicker: Encodable, Sendable {
    /// The select's options; empty when the picker is a text field.
    let options: [SelectOption]
    /// What the text field shows: what was typed, or the chosen unit's name.
    let text: String
    /// The chosen unit, kept in a hidden field beside the text.
    let unitID: String
    /// Units that match what was typed, each a link to the list filtered by it (value: the link).
    var matches: [SelectOption] = []
    /// What the field says about what was typed; nil when nothing (a template's `#if` takes "" for true).
    let message: String?
    let isSelect: Bool
    /// A list filter's names (`platform/unit-filter`): the query items of the chosen id and of the typed text, and
    /// the labels of the select and of the text field. A form's field has its own (`UnitField`).
    var idName = "unitID"
    var textName = "unit"
    var label = "Đơn vị (gồm trực thuộc)"
    var textLabel = "Đơn vị (mã hoặc tên, gồm trực thuộc)"

    init(options: [SelectOption], text: String, unitID: String, message: String) {
        self.options = options
        self.text = text
        self.unitID = unitID
        self.message = message.isEmpty ? nil : message
        isSelect = !options.isEmpty
    }

    /// A list's unit filter read from the request: the id in `idName`, what was typed in `textName`. Returns the
    /// picker, named and labelled for `platform/unit-filter`, and the unit the list is filtered by. `link` makes the
    /// list's address filtered by a unit (the other filters kept).
    static func filter(
        _ req: Request, scope: UnitScope, idName: String = "unitID", textName: String = "unit",
        label: String, textLabel: String, allLabel: String = "Tất cả đơn vị", link: (Int) -> String
    ) async throws -> (picker: UnitPicker, unitID: Int?) {
        var (picker, unitID) = try await make(
            scope: scope, selectedID: try req.intQuery(idName), text: req.queryText(textName) ?? "",
            allLabel: allLabel, on: req.database, keptFor: req, link: link)
        picker.idName = idName
        picker.textName = textName
        picker.label = label
        picker.textLabel = textLabel
        return (picker, unitID)
    }

    static let selectLimit = 300
    static let maxMatches = 10

    /// The picker for a scope, and the unit the filter uses (nil: none). `selectedID`: the hidden or selected id;
    /// `text`: what was typed. `link`: a match's value — the list's address filtered by it, or in a form the id
    /// itself (a radio button beside the field). `activeOnly`: abolished units are left out (a form that creates).
    /// `keptFor`: a list's request, whose answer to "more than a select carries?" is kept as reference data until
    /// the next audited write (a statement fewer on every view of the list).
    static func make(
        scope: UnitScope, selectedID: Int?, text rawText: String, allLabel: String, activeOnly: Bool = false,
        kinds: [UnitKind] = [], excluding: Set<Int> = [], noMatch: String = "; danh sách chưa lọc theo đơn vị.",
        on db: any Database, keptFor req: Request? = nil,
        link: (Int) -> String
    ) async throws -> (picker: UnitPicker, unitID: Int?) {
        let q = UnitChoices(scope: scope, activeOnly: activeOnly, kinds: kinds, excluding: excluding, db: db)
        // Whether the scope holds more than a select carries (loading the 301 units to count them took 38 % of a
        // national list page's time, issue 11).
        if !(try await req.reference("unit-picker.many \(q.key)") { try await q.many() }) {
            let few = try await q.units().sort(\.$path).all()
            // The id filters as given (the listing keeps to the actor's scope); the select marks it when it lists it.
            let options =
                [SelectOption(value: "", label: allLabel, selected: !few.contains { $0.id == selectedID })]
                + few.map { RegistrationOptions.option($0, selected: $0.id == selectedID) }
            return (UnitPicker(options: options, text: "", unitID: "", message: ""), selectedID)
        }
        let text = String(VietnameseText.clean(rawText).prefix(100))
        // The chosen unit stands while the text still shows its name (or nothing was typed), or still describes it
        // (one of the matches offered for what was typed was chosen).
        if let id = selectedID,
            let name = try await req.reference(
                "unit-picker.name \(q.key) \(id)",
                make: {
                    try await q.units().filter(\.$id == id).field(\.$name).first()?.name
                })
        {
            var describes = text.isEmpty || text == name
            if !describes {
                describes = try await q.matching(text).filter(\.$id == id).count() > 0
            }
            if describes { return (UnitPicker(options: [], text: name, unitID: String(id), message: ""), id) }
        }
        // Nothing typed: an id outside the units offered filters as given, as the select does (the listing keeps
        // to the actor's scope; a unit's own report answers 404).
        guard !text.isEmpty else {
            return (UnitPicker(options: [], text: "", unitID: "", message: ""), selectedID)
        }
        let found = try await q.named(text)
        if found.count == 1, let only = found.first, let id = only.id {
            return (UnitPicker(options: [], text: only.name, unitID: String(id), message: ""), id)
        }
        let message: String
        switch found.count {
        case 0: message = "Không có đơn vị nào khớp “\(text)” trong phạm vi của bạn" + noMatch
        case ...maxMatches: message = "Có \(found.count) đơn vị khớp “\(text)”; chọn một:"
        default:
            message = "Có hơn \(maxMatches) đơn vị khớp “\(text)”; gõ mã đơn vị hoặc thêm chữ trong tên. Ví dụ:"
        }
        var picker = UnitPicker(options: [], text: text, unitID: "", message: message)
        picker.matches = found.prefix(maxMatches).compactMap { u in
            u.id.map { SelectOption(value: link($0), label: "\(u.name) (\(u.code))", selected: false) }
        }
        return (picker, nil)
    }
}

/// The units a picker offers (`UnitPicker`, `UnitField`, `UnitsField`): those of a scope, maybe only active ones and
/// of some kinds, less some; and among them the ones a typed text names.
struct UnitChoices: Sendable {
    let scope: UnitScope
    var activeOnly = false
    var kinds: [UnitKind] = []
    var excluding: Set<Int> = []
    let db: any Database

    func units() -> QueryBuilder<UnitModel> { restricted(UnitQueries.scoped(UnitModel.query(on: db), scope)) }

    func restricted(_ q: QueryBuilder<UnitModel>) -> QueryBuilder<UnitModel> {
        var q = excluding.isEmpty ? q : q.filter(\.$id !~ Array(excluding))
        if !kinds.isEmpty { q = q.filter(\.$kind ~~ kinds.map(\.rawValue)) }
        return activeOnly ? q.filter(\.$abolishedOn == nil).filter(\.$active == true) : q
    }

    /// What the choices depend on, for keeping an answer about them (`UnitPicker.make`'s `keptFor`).
    /// Written field by field: the scope through string interpolation went through reflection (`_print_unlocked`), 1.1 %
    /// of the SQLite web list's samples (session 47). One subtree and a list of that one subtree are the same units.
    var key: String {
        let roots: String
        switch scope {
        case .all: roots = "all"
        case .none: roots = "none"
        case .subtree(let path): roots = path.raw
        case .subtrees(let paths): roots = paths.map(\.raw).joined(separator: ",")
        }
        return roots + (activeOnly ? " active " : " any ") + kinds.map(\.rawValue).joined(separator: ",") + " "
            + excluding.sorted().map(String.init).joined(separator: ",")
    }

    /// Whether they are more than a select carries (one id looked up past `UnitPicker.selectLimit`).
    func many() async throws -> Bool {
        try await units().sort(\.$path).offset(UnitPicker.selectLimit).field(\.$id).first() != nil
    }

    /// The units whose code or name hold the words of `text`.
    func matching(_ text: String) async throws -> QueryBuilder<UnitModel> {
        let filter = UnitFilter(q: text)
        return restricted(
            UnitQueries.filtered(filter, scope: scope, on: db, walk: try await UnitQueries.walks(filter, on: db)))
    }

    /// The units `text` names: the one whose code it is, else up to `UnitPicker.maxMatches + 1` in tree order.
    func named(_ text: String) async throws -> [UnitModel] {
        if let exact = try await units().filter(\.$code == text.uppercased()).first() { return [exact] }
        return try await matching(text).sort(\.$path).limit(UnitPicker.maxMatches + 1).all()
    }
}

/// A form's unit field (issue 11: at national scale a select of units held the first 2,000 of 100,000, 120 KB, and
/// the rest could not be chosen): a select while the actor's units are few, past `UnitPicker.selectLimit` a text
/// field for a code or words of a name, several matches offered as radio buttons beside it. Drawn by
/// `platform/unit-field`; the posted form is read back through `resolve`.
struct UnitField: Encodable, Sendable {
    /// The posted id's name, and the typed text's.
    let name: String
    let textName: String
    let label: String
    let required: Bool
    let picker: UnitPicker
    let error: String?

    /// What a form's field is: its names, its label, the units it offers.
    struct Spec: Sendable {
        var name = "unitID"
        var textName = "unit"
        var label = "Đơn vị"
        var required = false
        /// The select's first option (none chosen).
        var emptyLabel = "— Chọn đơn vị —"
        var scope: UnitScope
        /// Abolished units are left out (a form that creates).
        var activeOnly = true
        /// Units not offered (a group's members already in it).
        var excluding: Set<Int> = []
        /// Only units of these kinds (none: every kind).
        var kinds: [UnitKind] = []

        func choices(_ db: any Database) -> UnitChoices {
            UnitChoices(scope: scope, activeOnly: activeOnly, kinds: kinds, excluding: excluding, db: db)
        }
    }

    /// The field for a form showing `selectedID` and what was typed.
    static func make(_ spec: Spec, selectedID: String?, text: String?, error: String?, on db: any Database)
        async throws -> UnitField
    {
        let picker = try await UnitPicker.make(
            scope: spec.scope, selectedID: Int(selectedID ?? ""), text: text ?? "", allLabel: spec.emptyLabel,
            activeOnly: spec.activeOnly, kinds: spec.kinds, excluding: spec.excluding, noMatch: ".", on: db
        ) { String($0) }.picker
        return UnitField(
            name: spec.name, textName: spec.textName, label: spec.label, required: spec.required, picker: picker,
            error: error)
    }

    /// The unit a posted form names: the id as posted, or when a text was typed, the unit it names. A text that
    /// names none or several is an error on the field (a field that may stay empty would otherwise be saved empty).
    static func resolve(_ spec: Spec, selectedID: String?, text: String?, on db: any Database) async throws
        -> String?
    {
        let typed = VietnameseText.clean(text ?? "")
        guard !typed.isEmpty else { return selectedID }
        let id = try await UnitPicker.make(
            scope: spec.scope, selectedID: Int(selectedID ?? ""), text: typed, allLabel: spec.emptyLabel,
            activeOnly: spec.activeOnly, kinds: spec.kinds, excluding: spec.excluding, noMatch: ".", on: db
        ) { String($0) }.unitID
        guard let id else {
            var e = FieldErrors()
            e.add(
                spec.name,
                "Chưa xác định được đơn vị từ “\(typed)”: chọn một đơn vị trong danh sách khớp, hoặc gõ mã đơn vị.")
            throw AppError.invalid(e)
        }
        return String(id)
    }
}

/// A form's field of several units (issue 11: an event's participants were every unit as a checkbox, the first 2,000
/// of a province's): every unit as a checkbox while the actor's units are few; past `UnitPicker.selectLimit` the
/// chosen units as ticked checkboxes and a text field that adds one by its code or words of its name. A text naming
/// several offers them as checkboxes to tick (no script needed). Drawn by `platform/units-field`; the posted form is
/// read back through `resolve`.
struct UnitsField: Encodable, Sendable {
    /// The posted ids' name (`name[]`), and the typed text's.
    let name: String
    let textName: String
    let label: String
    /// Every unit of the scope is a choice (few units); else the choices are the chosen units.
    let isChecklist: Bool
    let choices: [Choice]
    /// What was typed, and the units it names, offered to tick.
    let text: String
    let matches: [Choice]
    let message: String?
    let error: String?
    /// At least one is needed (the legend's mark); the choices are shown but not changed (`locked`, with its note).
    var required = false
    var locked = false
    var lockedNote = ""

    struct Choice: Encodable, Sendable {
        let id: Int
        let label: String
        let checked: Bool
    }

    struct Spec: Sendable {
        var name = "unitIDs"
        var textName = "unitIDsText"
        var label = "Đơn vị"
        var scope: UnitScope
        var activeOnly = false
        /// Only units of these kinds (none: every kind).
        var kinds: [UnitKind] = []

        func choices(_ db: any Database) -> UnitChoices {
            UnitChoices(scope: scope, activeOnly: activeOnly, kinds: kinds, db: db)
        }
    }

    static func make(_ spec: Spec, chosen: Set<Int>, text rawText: String, error: String?, on db: any Database)
        async throws -> UnitsField
    {
        let q = spec.choices(db)
        // A checklist of a district's units reads by short names ("Phòng Nội vụ"); a few units out of many by full
        // names with their codes.
        func choice(_ u: UnitModel, checked: Bool, short: Bool = false) -> Choice? {
            u.id.map { Choice(id: $0, label: short ? u.shortName : "\(u.name) (\(u.code))", checked: checked) }
        }
        guard try await q.many() else {
            let all = try await q.units().sort(\.$path).all()
            return UnitsField(
                name: spec.name, textName: spec.textName, label: spec.label, isChecklist: true,
                choices: all.compactMap { choice($0, checked: chosen.contains($0.id ?? 0), short: true) }, text: "",
                matches: [], message: nil, error: error)
        }
        // The chosen ones as the record keeps them (a unit since abolished stays until unticked).
        let kept = try await UnitQueries.names(Array(chosen), on: db).values.sorted { $0.path < $1.path }
        let text = String(VietnameseText.clean(rawText).prefix(100))
        var matches: [Choice] = []
        var message: String?
        if !text.isEmpty {
            let found = try await q.named(text).filter { !chosen.contains($0.id ?? 0) }
            matches = found.prefix(UnitPicker.maxMatches).compactMap { choice($0, checked: false) }
            switch found.count {
            case 0: message = "Không có đơn vị nào khớp “\(text)” (ngoài các đơn vị đã chọn)."
            case ...UnitPicker.maxMatches: message = "Các đơn vị khớp “\(text)”: đánh dấu đơn vị cần thêm."
            default:
                message = "Có hơn \(UnitPicker.maxMatches) đơn vị khớp “\(text)”; gõ mã đơn vị hoặc thêm chữ trong tên."
            }
        }
        return UnitsField(
            name: spec.name, textName: spec.textName, label: spec.label, isChecklist: false,
            choices: kept.compactMap { choice($0, checked: true) }, text: text, matches: matches, message: message,
            error: error)
    }

    /// The units a posted form names: the ticked ones, and the one the text names. A text naming none or several is
    /// an error on the field (its matches are then offered to tick), unless one of its matches was ticked.
    static func resolve(_ spec: Spec, chosen: [Int], text: String?, on db: any Database) async throws -> [Int] {
        let typed = String(VietnameseText.clean(text ?? "").prefix(100))
        guard !typed.isEmpty else { return chosen }
        let found = try await spec.choices(db).named(typed).compactMap(\.id)
        if found.contains(where: chosen.contains) { return chosen }
        guard found.count == 1 else {
            var e = FieldErrors()
            e.add(
                spec.name,
                found.isEmpty
                    ? "Không có đơn vị nào khớp “\(typed)”: gõ mã đơn vị hoặc tên khác."
                    : "“\(typed)” khớp nhiều đơn vị: đánh dấu đơn vị cần thêm trong danh sách khớp, hoặc gõ mã đơn vị.")
            throw AppError.invalid(e)
        }
        return chosen + found
    }
}
