import Foundation
import Testing

@testable import App

// The fund of an authority in the read and write matrices (Policy .fund): the standing office of the district's
// council (noivu) and the administrator write; the council's seat (hoidong) reads; nobody else sees it.

extension WriteMatrix {
    static let income = [
        ("kind", "ngan-sach"), ("amount", "50.000.000"), ("date", "15/01/2025"), ("description", "Dự toán 2025"),
    ]

    static let rewards: [WriteRow] = [
        WriteRow(.POST, "/app/authorities/:id/fund", any: "A A F N N N") { fx, _ in
            .form("/app/authorities/\(fx.district)/fund", income)
        },
        WriteRow(.POST, "/api/v1/authorities/:id/fund", any: "A A F N N N") { fx, _ in
            .json("/api/v1/authorities/\(fx.district)/fund", form: income)
        },
    ]
}

extension ReadMatrix {
    static let rewardReads: [ReadRow] = [
        ReadRow("/app/authorities/:id/fund", any: councilRead) { fx, _ in
            .page("/app/authorities/\(fx.district)/fund")
        },
        ReadRow("/app/authorities/:id/fund/:year", any: councilRead) { fx, _ in
            .page("/app/authorities/\(fx.district)/fund/2025")
        },
        ReadRow("/app/authorities/:id/fund/:year/xlsx", any: councilRead) { fx, _ in
            .page("/app/authorities/\(fx.district)/fund/2025/xlsx")
        },
        ReadRow("/api/v1/authorities/:id/fund", any: councilRead) { fx, _ in
            .page("/api/v1/authorities/\(fx.district)/fund")
        },
        ReadRow("/api/v1/authorities/:id/fund/:year", any: councilRead) { fx, _ in
            .page("/api/v1/authorities/\(fx.district)/fund/2025")
        },
    ]
}
