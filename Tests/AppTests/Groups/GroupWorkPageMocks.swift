import Domain
import Foundation

@testable import App

// The page mocks of clusters and blocks: each view's render test draws one (SurfaceTests.everyViewRenders).

extension GroupCounts {
    static var mock: GroupCounts {
        var c = GroupCounts()
        c.submitted = 2
        c.accepted = 3
        c.returned = 1
        c.onTime = 4
        c.late = 1
        c.missing = 1
        return c
    }
}

extension GroupWorkListPage {
    static let mock = GroupWorkListPage(
        layout: .mock("Cụm, khối thi đua năm 2025"), year: 2025,
        groups: [
            Item(
                name: "Cụm thi đua các xã, thị trấn", kindLabel: "Cụm thi đua",
                boardHref: "/app/groups/1/year/2025", memberHref: "/app/groups/1/year/2025/members/14",
                dashboardHref: "/app/dashboard?scope=group-1&year=2025", counts: .mock, isHead: true)
        ])
}

extension GroupBoardPage {
    static let mock = GroupBoardPage(
        layout: .mock("Cụm thi đua các xã, thị trấn — năm 2025"), groupName: "Cụm thi đua các xã, thị trấn",
        year: 2025, deadline: "31/03/2025", head: "", suggestedHead: "Ủy ban nhân dân xã Đăk Ruồng", canManage: true,
        deadlineAction: "/app/groups/1/year/2025/deadline", headAction: "/app/groups/1/year/2025/head",
        headOptions: [SelectOption(value: "14", label: "Ủy ban nhân dân xã Đăk Ruồng", selected: true)],
        scoresHref: "/app/groups/1/year/2025/scores", counts: .mock,
        rows: [
            Row(
                unitID: 14, unitName: "Ủy ban nhân dân xã Đăk Ruồng", standing: "Bị trả lại, chờ nộp lại",
                standingCode: "returned", submittedAt: "20/03/2025 09:15", exemplars: 2,
                planHref: "/app/group-files/3", reason: "Thiếu chữ ký của Chủ tịch UBND xã.",
                pledge: "15/01/2025 — Nguyễn Văn Ký", pledgeHref: nil,
                memberHref: "/app/groups/1/year/2025/members/14", returnAction: nil, typedReason: "",
                reasonError: nil),
            Row(
                unitID: 15, unitName: "Ủy ban nhân dân xã Tân Lập", standing: "Đã nộp đúng hạn",
                standingCode: "on-time", submittedAt: "21/03/2025 10:00", exemplars: 3,
                planHref: "/app/group-files/4", reason: "", pledge: "", pledgeHref: nil,
                memberHref: "/app/groups/1/year/2025/members/15",
                returnAction: "/app/groups/1/year/2025/members/15/return", typedReason: " ",
                reasonError: "Lý do trả lại không được để trống.",
                acceptAction: "/app/groups/1/year/2025/members/15/accept"),
            Row(
                unitID: 16, unitName: "Ủy ban nhân dân xã Đăk Kôi", standing: "Nộp muộn",
                standingCode: "late", submittedAt: "07/04/2025 09:00", exemplars: 1,
                planHref: "/app/group-files/5", reason: "", pledge: "", pledgeHref: nil,
                memberHref: "/app/groups/1/year/2025/members/16",
                returnAction: "/app/groups/1/year/2025/members/16/return", typedReason: "", reasonError: nil,
                accepted: "Đã tiếp nhận 09/04/2025"),
        ], form: ["deadline": "31/02/2025"], errors: ["deadline": "Hạn nộp “31/02/2025” không phải ngày hợp lệ."],
        dashboardHref: "/app/dashboard?scope=group-1&year=2025")
}

extension GroupMemberPage {
    static let mock = GroupMemberPage(
        layout: .mock("Hồ sơ Cụm thi đua các xã, thị trấn năm 2025"), groupName: "Cụm thi đua các xã, thị trấn",
        unitName: "Ủy ban nhân dân xã Đăk Ruồng", year: 2025, deadline: "31/03/2025",
        status: "Bị trả lại, chờ nộp lại", statusCode: "returned", submittedAt: "20/03/2025 09:15",
        returnReason: "Thiếu chữ ký của Chủ tịch UBND xã.", planHref: "/app/group-files/3", canSubmit: true,
        submitAction: "/app/groups/1/year/2025/members/14/submit",
        pledgeAction: "/app/groups/1/year/2025/members/14/pledge",
        registrations: [.init(id: 7, label: "Y Blưm — Mô hình trồng sâm dây", checked: true)],
        pledgeSignedOn: "32/01/2025", pledgeSigner: "Nguyễn Văn Ký", pledgeHref: nil,
        boardHref: nil, errors: ["signedOn": "Vui lòng nhập ngày ký theo dạng ngày/tháng/năm, ví dụ 15/01/2025."])
}

extension GroupScoresPage {
    static let mock = GroupScoresPage(
        layout: .mock("Chấm điểm Cụm thi đua các xã, thị trấn năm 2025"), groupName: "Cụm thi đua các xã, thị trấn",
        year: 2025, ruleName: "Thang điểm chấm thi đua cụm, khối",
        legalBasis: "Luật Thi đua, khen thưởng 2022, Điều 26",
        note: "", maxTotal: "100",
        criteria: [
            .init(
                code: "nhiem-vu", label: "Kết quả thực hiện nhiệm vụ", maxPoints: "50", source: "Giả định",
                verified: false)
        ],
        proposals: [
            .init(
                code: "co-thi-dua", label: "Cờ thi đua của UBND tỉnh", maxPoints: "1", source: "Điều 26",
                verified: false)
        ],
        canManage: true, action: "/app/groups/1/year/2025/scores", boardHref: "/app/groups/1/year/2025",
        rows: [
            .init(
                unitName: "Ủy ban nhân dân xã Đăk Ruồng",
                cells: [
                    .init(
                        name: "s-14-nhiem-vu", value: "mười", label: "Đăk Ruồng: Kết quả thực hiện nhiệm vụ",
                        error: "Điểm là số từ 0 đến 50.")
                ])
        ],
        ranking: [
            .init(
                rank: "1", unitName: "Ủy ban nhân dân xã Đăk Ruồng", total: "91", proposal: "Cờ thi đua của UBND tỉnh")
        ],
        errors: ["s-14-nhiem-vu": "Điểm là số từ 0 đến 50."])
}
