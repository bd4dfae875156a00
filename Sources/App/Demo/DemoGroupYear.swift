import Domain
import Fluent
import Foundation

/// The demo's cluster years (issue 16, item 3) and the district's last periodic report (item 4), typed through the
/// services as the office would have: "Cụm thi đua các xã, thị trấn" in 2024 and 2025 — a deadline, the head
/// rotating by year (Đăk Ruồng heads 2025, so the demo account `dakruong` sees its members), pledges signed by all
/// but one member, submissions on time, one late, one returned with a reason and submitted again, some accepted,
/// and the 2024 scores whose ranking proposes the cluster's leading unit; then a saved draft of the district's
/// final report (01/01–30/06/2025, before the 2025 reform) with its narrative.
///
/// Deterministic: members in path order, exemplars the lowest registration ids, fixed days (`Today.fixed`, read by
/// the services for the moment of each step); a step dated after the load's today is left out. About forty service
/// calls. In 2025 Đăk Ruồng itself has not submitted (the browser suite submits it).
extension DemoDistrictRun {
    static let demoGroupCode = "CUM-XA"

    /// One year's script: days as yyyy-MM-dd.
    private struct GroupYearScript {
        let year: Int
        let deadline: String
        let pledgeDay: String
        let onTimeDay: String
        let lateDay: String
        let returnDay: String
        let resubmitDay: String
        let acceptDay: String
    }

    func groupYear() async throws {
        guard let group = try await UnitGroupModel.query(on: db).filter(\.$code == Self.demoGroupCode).first(),
            let gid = group.id
        else { return }
        let scripts = [
            GroupYearScript(
                year: 2024, deadline: "2024-03-31", pledgeDay: "2024-01-15", onTimeDay: "2024-03-20",
                lateDay: "2024-04-08", returnDay: "2024-03-25", resubmitDay: "2024-03-29", acceptDay: "2024-04-10"),
            GroupYearScript(
                year: 2025, deadline: "2025-03-31", pledgeDay: "2025-01-16", onTimeDay: "2025-03-24",
                lateDay: "2025-04-07", returnDay: "2025-03-27", resubmitDay: "2025-03-31", acceptDay: "2025-04-09"),
        ]
        let dakRuong = try await UnitModel.query(on: db).filter(\.$code == "KR-DAKRUONG").first()?.id
        for s in scripts where past(s.pledgeDay) {
            try await groupYear(gid, s, dakRuong: dakRuong)
        }
        if past("2024-12-15") { try await groupScores(gid, year: 2024) }
        if past("2025-07-10") { try await districtReportDraft() }
    }

    private func on<T>(_ iso: String, _ body: () async throws -> T) async throws -> T {
        try await Today.$fixed.withValue(iso) { try await body() }
    }

    private func groupYear(_ gid: Int, _ s: GroupYearScript, dakRuong: Int?) async throws {
        let year = s.year
        var ctx = try await GroupWorkService.load(gid, year: year, on: db)
        let members = ctx.memberIDs
        guard members.count >= 5 else { return }
        _ = try await on(s.pledgeDay) {
            try await GroupWorkService.setDeadline(
                gid, year: year, text: VietnameseDate.isoToDisplay(s.deadline), actor: actor, on: db)
        }
        // The head: in 2024 the member before Đăk Ruồng, so that the rotation hands 2025 to Đăk Ruồng.
        let head: Int?
        if year == 2024, let dakRuong, let i = members.firstIndex(of: dakRuong) {
            head = members[(i + members.count - 1) % members.count]
        } else {
            head = try await GroupWorkService.suggestedHead(ctx, on: db)
        }
        _ = try await on(s.pledgeDay) {
            try await GroupWorkService.setHead(gid, year: year, unitID: head, actor: actor, on: db)
        }
        ctx = try await GroupWorkService.load(gid, year: year, on: db)
        // Pledges: every member but the last one in the list.
        if past(s.pledgeDay) {
            for (i, unit) in members.dropLast().enumerated() {
                let name = ctx.member(unit)?.name ?? ""
                _ = try await GroupWorkService.pledge(
                    gid, year: year, unitID: unit,
                    GroupPledgeInput(
                        signedOn: VietnameseDate.isoToDisplay(s.pledgeDay),
                        signer: "Chủ tịch " + name.replacingOccurrences(of: "Ủy ban nhân dân ", with: "UBND ")
                            + (i == 0 ? " (ký thay mặt cụm)" : ""),
                        filename: nil, bytes: []),
                    actor: actor, app: app, on: db)
            }
        }
        // Who submits: in 2025 not Đăk Ruồng (left for the browser suite); the last member never submits.
        let submitting = members.dropLast().filter { year == 2024 || $0 != dakRuong }
        guard submitting.count >= 3 else { return }
        let late = submitting[submitting.count - 1]
        let returned = submitting[submitting.count - 2]
        func submit(_ unit: Int, on day: String, note: String) async throws {
            guard past(day) else { return }
            let regs = try await RegistrationModel.query(on: db).filter(\.$unit.$id == unit).filter(\.$year == year)
                .sort(\.$id).limit(2).all().compactMap(\.id)
            guard !regs.isEmpty else { return }
            _ = try await on(day) {
                try await GroupWorkService.submit(
                    gid, year: year, unitID: unit,
                    GroupSubmissionInput(
                        filename: "ke-hoach-thi-dua-\(year)\(note).pdf",
                        bytes: Self.pdf("Ke hoach thi dua nam \(year) - don vi \(unit)\(note)"), exemplarIDs: regs),
                    actor: actor, app: app, on: db)
            }
        }
        for unit in submitting where unit != late {
            try await submit(unit, on: s.onTimeDay, note: "")
        }
        if past(s.returnDay) {
            _ = try await on(s.returnDay) {
                try await GroupWorkService.returnSubmission(
                    gid, year: year, unitID: returned,
                    reason: "Kế hoạch chưa có chữ ký, đóng dấu của Chủ tịch UBND xã; danh sách điển hình thiếu "
                        + "tóm tắt thành tích. Đề nghị bổ sung và nộp lại trước hạn.",
                    actor: actor, on: db)
            }
        }
        try await submit(returned, on: s.resubmitDay, note: "-bo-sung")
        try await submit(late, on: s.lateDay, note: "")
        // The office accepts the first half of the on-time submissions and the resubmitted one; the rest wait.
        if past(s.acceptDay) {
            let onTime = submitting.filter { $0 != late && $0 != returned }
            for unit in onTime.prefix((onTime.count + 1) / 2) + [returned] {
                _ = try await on(s.acceptDay) {
                    try await GroupWorkService.accept(gid, year: year, unitID: unit, actor: actor, on: db)
                }
            }
        }
    }

    /// The year-end scores: complete for every member, so the ranking proposes the leading unit.
    private func groupScores(_ gid: Int, year: Int) async throws {
        let ctx = try await GroupWorkService.load(gid, year: year, on: db)
        let rule = try GroupWorkService.rule(year: year, app: app)
        // Each member's points as a share of every criterion's maximum, spread over the member list (3 is prime to
        // the cluster's 7): the best reaches the Cờ thi đua's share, the second the Bằng khen's.
        let shares: [Double] = [0.94, 0.86, 0.78, 0.74, 0.7, 0.66, 0.62, 0.6]
        let order = ctx.memberIDs
        var entries: [String: String] = [:]
        for (i, unit) in order.enumerated() {
            let share = shares[min(i * 3 % order.count, shares.count - 1)]
            for c in rule.criteria {
                let points = (c.maxPoints * share * 2).rounded() / 2
                entries[GroupWorkService.field(unit: unit, criterion: c.code)] = GroupScoring.format(points)
            }
        }
        try await on("\(year)-12-15") {
            try await GroupWorkService.saveScores(gid, year: year, entries: entries, actor: actor, app: app, on: db)
        }
    }

    /// A saved draft of the district's last report before the 2025 reform, with its narrative.
    private func districtReportDraft() async throws {
        guard let kr = try await UnitModel.query(on: db).filter(\.$code == "KR").first(),
            let authority = try await AuthorityModel.query(on: db).filter(\.$unit.$id == kr.requireID()).first()
        else { return }
        var input = PeriodicReportInput()
        input.authorityID = try authority.requireID()
        input.kind = PeriodicReportKind.annual.rawValue
        input.periodFrom = "01/01/2025"
        input.periodTo = "30/06/2025"
        input.summary =
            "Tổng kết công tác xây dựng, nhân rộng điển hình tiên tiến của huyện Kon Rẫy đến ngày 30/06/2025"
        input.situation =
            "Thực hiện Kế hoạch của Ủy ban nhân dân huyện về phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển "
            + "hình tiên tiến giai đoạn 2023–2025, các cơ quan, đơn vị, xã, thị trấn đã đăng ký, theo dõi và báo cáo "
            + "điển hình hằng năm. Từ ngày 01/07/2025 cấp huyện kết thúc hoạt động; hồ sơ được bàn giao cho các xã."
        input.results =
            "Các cụm, khối thi đua đã ký giao ước, nộp kế hoạch và danh sách điển hình về Phòng Nội vụ; Phòng Nội vụ "
            + "tiếp nhận, trả lại hồ sơ chưa đạt để bổ sung. Số liệu điển hình theo từng lĩnh vực tại phụ lục."
        input.shortcomings =
            "Một số đơn vị nộp kế hoạch chậm so với thời hạn; một số xã chưa đạt chỉ tiêu tối thiểu 2 điển hình."
        input.directions =
            "Bàn giao danh sách điển hình cho Ủy ban nhân dân các xã sau sắp xếp để tiếp tục theo dõi, nhân rộng."
        _ = try await on("2025-07-10") { try await PeriodicReportService.create(input, actor: actor, on: db) }
    }
}
