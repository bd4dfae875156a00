import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension StatisticsFormSet {
    /// The shipped form file.
    static var shipped: StatisticsFormSet {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Rules/\(StatisticsService.fileName)")
        // The shipped file is checked by StatisticsFormsTests; a mock that cannot load it fails the render test.
        return (try? StatisticsFormSet.load(Data(contentsOf: url)))!
    }
}

extension StatisticsListPage {
    static var mock: StatisticsListPage {
        let set = StatisticsFormSet.shipped
        return StatisticsListPage(
            layout: .mock("Biểu mẫu thống kê thi đua, khen thưởng"), title: set.title, legalBasis: set.legalBasis,
            verified: false, verification: set.verification, sources: set.sources,
            forms: set.forms.map {
                .init(
                    code: $0.code, symbol: $0.symbol, title: $0.title, href: "/app/statistics/\($0.code)",
                    fromData: $0.source != .none, note: $0.note)
            })
    }
}

extension StatisticsFormPage {
    static var mock: StatisticsFormPage {
        let set = StatisticsFormSet.shipped
        let form = set.forms[0]
        let unit = UnitModel()
        unit.id = 14
        unit.name = "Ủy ban nhân dân xã Đăk Ruồng"
        let facts = [
            StatisticsFact(["level": "tinh", "duration": "1-nam", "kind": "phong-trao"], count: 2),
            StatisticsFact(["level": "xa", "duration": "3-5-nam", "kind": "phong-trao"], count: 1),
        ]
        let period = set.periods[0]
        let range = period.range(year: 2025)!
        let report = StatisticsReport(
            set: set, filled: form.fill(facts), unit: unit, receiver: "Ủy ban nhân dân huyện Kon Rẫy", year: 2025,
            period: period, from: range.from, to: range.to)
        return StatisticsFormPage(
            layout: .mock("Biểu \(form.symbol)"), table: StatisticsTable(report),
            unit: {
                var p = UnitPicker(
                    options: [
                        SelectOption(value: "", label: "— Đơn vị của bạn —", selected: false),
                        SelectOption(value: "14", label: unit.name, selected: true),
                    ], text: "", unitID: "", message: "")
                p.idName = "unit"
                p.textName = "unitText"
                p.label = "Đơn vị báo cáo"
                return p
            }(),
            periods: set.periods.map { .init(value: $0.code, label: $0.label, selected: $0.code == "nam") })
    }
}
