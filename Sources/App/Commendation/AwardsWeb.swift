import Domain
import Fluent
import Vapor

struct AwardsPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let subjectName: String
        let subjectHref: String
        let unitName: String
        let year: Int
        let formName: String
        let levelLabel: String
        let decision: String
    }
    let layout: LayoutContext
    /// The rows, written by `commendation/award-row` (`RowTemplate`).
    let rows: WrittenRows
    let pager: Pager
    let q: String
    let year: String
    let forms: [SelectOption]
    /// The lookup's CSV and XLSX downloads, with the page's filter.
    var exports: ExportLinks? = nil
    /// Said when the rows are not in name order (a search lists the people recorded last first).
    var orderNote: String? = nil
}

extension AwardsPage.Row: TemplatedRow {
    static let rowView = "commendation/award-row"
    static let rowFields: [String: @Sendable (Self) -> String] = [
        "subjectHref": { $0.subjectHref }, "subjectName": { $0.subjectName }, "unitName": { $0.unitName },
        "year": { String($0.year) },
        "formName": { $0.formName }, "levelLabel": { $0.levelLabel }, "decision": { $0.decision },
    ]
}

struct AwardsWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(AwardsPath.awards, use: awards)
    }

    @Sendable func awards(req: Request) async throws -> Response {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        let q = list.q
        let year = try req.intQuery("year")
        let form = req.queryText("formCode") ?? ""
        let filter = [("q", q), ("year", year.map(String.init) ?? ""), ("formCode", form)]
        if let back = Pager.tooDeep(req, list, perPage: list.perPage, base: AwardsPath.awards, query: filter) {
            return back
        }
        let page = try await AwardService.search(
            q: q, year: year, formCode: form, actor: actor, list, on: req.database, keptFor: req)
        let forms = req.ruleSets.distinctForms().map { ($0.code, $0.name) }
        return try await req.render(
            "commendation/awards",
            AwardsPage(
                layout: req.layout("Tra cứu khen thưởng", active: AwardsPath.awards.href),
                rows: try await req.written(
                    page.items.map { (a, s, u) in
                        AwardsPage.Row(
                            subjectName: s.name, subjectHref: SubjectsPath.subject(.id(s.id ?? 0)).href,
                            unitName: u.shortName, year: a.year, formName: a.formName,
                            levelLabel: AwardLevel(rawValue: a.level)?.label ?? a.level,
                            decision: "Số \(a.decisionNumber) ngày \(a.decisionDate.isoToVietnamese) của \(a.authority)"
                                + (a.status == .withdrawn ? " — \(a.statusNote)" : ""))
                    }),
                pager: Pager(page, base: AwardsPath.awards, query: filter), q: q,
                year: year.map(String.init) ?? "",
                forms: [SelectOption(value: "", label: "Mọi hình thức", selected: form.isEmpty)]
                    + forms.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == form) },
                exports: TableExport.links(ExportPath.awards, query: filter),
                orderNote: FoldedTextSearch.words(q).isEmpty
                    ? nil : "Kết quả tìm kiếm xếp người, tập thể ghi nhận sau cùng trước."))
    }
}
