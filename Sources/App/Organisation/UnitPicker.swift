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

    init(options: [SelectOption], text: String, unitID: String, message: String) {
        self.options = options
        self.text = text
        self.unitID = unitID
        self.message = message.isEmpty ? nil : message
        isSelect = !options.isEmpty
    }

    static let selectLimit = 300
    static let maxMatches = 10

    /// The picker for a scope, and the unit the filter uses (nil: none). `selectedID`: the hidden or selected id;
    /// `text`: what was typed. `link`: a match's value — the list's address filtered by it, or in a form the id
    /// itself (a radio button beside the field). `activeOnly`: abolished units are left out (a form that creates).
    static func make(
        scope: UnitScope, selectedID: Int?, text rawText: String, allLabel: String, activeOnly: Bool = false,
        noMatch: String = "; danh sách chưa lọc theo đơn vị.", on db: any Database, link: (Int) -> String
    ) async throws -> (picker: UnitPicker, unitID: Int?) {
        func units() -> QueryBuilder<UnitModel> {
            let q = UnitQueries.scoped(UnitModel.query(on: db), scope)
            return activeOnly ? q.filter(\.$abolishedOn == nil) : q
        }
        // Whether the scope holds more than a select carries: one id looked up past the limit (loading the 301 units
        // to count them took 38 % of a national list page's time, issue 11).
        let many = try await units().sort(\.$path).offset(selectLimit).field(\.$id).first() != nil
        if !many {
            let few = try await units().sort(\.$path).all()
            // The id filters as given (the listing keeps to the actor's scope); the select marks it when it lists it.
            let options =
                [SelectOption(value: "", label: allLabel, selected: !few.contains { $0.id == selectedID })]
                + few.map { RegistrationOptions.option($0, selected: $0.id == selectedID) }
            return (UnitPicker(options: options, text: "", unitID: "", message: ""), selectedID)
        }
        let text = String(VietnameseText.clean(rawText).prefix(100))
        // The chosen unit stands while the text still shows its name (or nothing was typed), or still describes it
        // (one of the matches offered for what was typed was chosen).
        if let id = selectedID, let unit = try await units().filter(\.$id == id).first() {
            var describes = text.isEmpty || text == unit.name
            if !describes {
                describes =
                    try await UnitQueries.filtered(UnitFilter(q: text), scope: scope, on: db).filter(\.$id == id)
                    .count() > 0
            }
            if describes { return (UnitPicker(options: [], text: unit.name, unitID: String(id), message: ""), id) }
        }
        guard !text.isEmpty else {
            return (UnitPicker(options: [], text: "", unitID: "", message: ""), nil)
        }
        if let exact = try await units().filter(\.$code == text.uppercased()).first(), let id = exact.id {
            return (UnitPicker(options: [], text: exact.name, unitID: String(id), message: ""), id)
        }
        var matching = UnitQueries.filtered(UnitFilter(q: text), scope: scope, on: db)
        if activeOnly { matching = matching.filter(\.$abolishedOn == nil) }
        let found = try await matching.sort(\.$path).limit(maxMatches + 1).all()
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
