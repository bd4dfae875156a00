@testable import App

// The dashboards in the read matrix: a unit's dashboard reads like that unit's records without movements (Policy
// .statsDecision): its own unit for everyone but the editor, another commune (Tân Lập) for the standing office, the
// council and the administrator only. The page, one table's download and the API answer alike.
extension ReadMatrix {
    static let dashboardReads: [ReadRow] = [
        ReadRow("/app/dashboard", recordReadNoLed) { fx, s in
            .page("/app/dashboard?scope=unit-\(try await fx.unit(s))&year=2025")
        },
        ReadRow("/app/dashboard/export", recordReadNoLed) { fx, s in
            .page("/app/dashboard/export?scope=unit-\(try await fx.unit(s))&year=2025&table=don-vi&format=csv")
        },
        ReadRow("/api/v1/dashboard", recordReadNoLed) { fx, s in
            .page("/api/v1/dashboard?scope=unit-\(try await fx.unit(s))&year=2025")
        },
    ]
}

extension DashboardPage {
    static var mock: DashboardPage {
        let table = DashboardTable(
            key: "viec-can-lam", title: "Việc cần theo dõi", columns: ["Số lượng"],
            rows: [("Việc bồi dưỡng quá hạn", [2]), ("Hồ sơ chờ thẩm định", [1])], chart: .bar)
        return DashboardPage(
            layout: .mock("Số liệu theo dõi điển hình"), scopeLabel: "Toàn bộ đơn vị", yearLabel: "năm 2025",
            action: "/app/dashboard",
            scopes: [
                .init(label: "Toàn bộ", options: [.init(value: "all", label: "Toàn bộ đơn vị", selected: true)]),
                .init(
                    label: "Đơn vị",
                    options: [.init(value: "unit-14", label: "Ủy ban nhân dân xã Đăk Ruồng", selected: false)]),
            ],
            years: [
                .init(value: "2025", label: "Năm 2025", selected: true),
                .init(value: "2023-2025", label: "Cả giai đoạn 2023–2025", selected: false),
            ],
            counters: [.init(label: "Tổng số đăng ký", value: "1.234")],
            toc: [.init(anchor: "#viec-can-lam", title: table.title)],
            sections: [
                .init(
                    key: table.key, title: table.title,
                    svg: table.svg(scopeLabel: "Toàn bộ đơn vị", yearLabel: "năm 2025"),
                    columns: table.columns,
                    rows: table.rows.map { .init(label: $0.label, values: $0.values.map(String.init)) },
                    note: "Bảng trên trang có 40 mục lớn nhất trong 102; tải bảng để xem đủ.",
                    csvHref: "/app/dashboard/export?table=viec-can-lam&format=csv",
                    xlsxHref: "/app/dashboard/export?table=viec-can-lam&format=xlsx")
            ],
            quotasHref: "/app/quotas?year=2025")
    }
}
