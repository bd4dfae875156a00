import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension HomePage {
    static let mock = HomePage(
        layout: .mock("Tổng quan"), greeting: "Xin chào, Nguyễn Thị Hằng", roleLabel: Role.standingOffice.label,
        unitName: "Phòng Nội vụ", stats: [Stat(label: "Đơn vị", value: "73", href: UnitsPath.list.href)],
        tasks: [Task(text: "Rà soát phong trào", href: MovementsPath.list.href)],
        myMovements: [
            MovementLink(name: "Dạy tốt - Học tốt", href: MovementsPath.movement(.id(1)).href, period: "2023–2025")
        ],
        catalogueVersion: "2023.1",
        overdue: [
            Overdue(
                title: "Tập huấn kỹ thuật", subject: "Hộ ông A Blơi", unitName: "Xã Đăk Ruồng", dueDate: "30/06/2024",
                href: "/app/registrations/1")
        ])
}
