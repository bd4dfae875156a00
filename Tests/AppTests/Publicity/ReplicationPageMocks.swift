import Domain
import Foundation
import Testing
import Vapor

@testable import App

extension ReplicationsPage {
    static let mock = ReplicationsPage(
        layout: .mock(), canCreate: true, newHref: "/app/replications/new", action: "/app/replications",
        years: [SelectOption(value: "2025", label: "2025", selected: true)],
        unit: .mockSelect,
        types: [SelectOption(value: "MH-01", label: "MH-01 Mô hình kinh tế", selected: false)],
        rows: [], nextHref: "/app/replications?before=3", firstHref: nil)
}

extension ReplicationFormPage {
    static let mock = ReplicationFormPage(
        layout: .mock(), heading: "Ghi nhận đơn vị nhân rộng mô hình, điển hình", action: "/app/replications",
        creating: true, modelLabel: "", form: ["adoptedOn": "31/02/2025", "adaptation": "Dùng lồng tre"],
        errors: ["adoptedOn": ReplicationService.dateMessage],
        models: [SelectOption(value: "1", label: "Nuôi cá lồng — Tổ hợp tác Đăk Ruồng (2024)", selected: true)],
        unitField: UnitField(
            name: "adoptingUnitID", textName: "adoptingUnit", label: "Đơn vị áp dụng", required: true,
            picker: UnitPicker(
                options: [SelectOption(value: "", label: "— Chọn đơn vị áp dụng —", selected: true)], text: "",
                unitID: "", message: ""),
            error: nil),
        cancelHref: "/app/replications")
}

extension ReplicationPage {
    static let mock = ReplicationPage(
        layout: .mock(), heading: "Nhân rộng “Nuôi cá lồng” tại xã Tân Lập", status: "assessed",
        statusLabel: "Đã đánh giá kết quả",
        facts: [.init(label: "Đơn vị áp dụng", value: "Ủy ban nhân dân xã Tân Lập")],
        modelHref: "/app/registrations/1", canEdit: true, editHref: "/app/replications/1/edit", canAssess: true,
        assessHref: "/app/replications/1/assessments/new", moveAction: "/app/replications/1/move",
        targets: [SelectOption(value: "running", label: "Đang thực hiện", selected: false)], errors: [:],
        assessments: [
            .init(
                year: 2025, assessedOn: "15/12/2025", assessor: "Đoàn kiểm tra huyện", met: 3, unmet: 1, missing: 2,
                summary: "Ổn định",
                results: [
                    .init(
                        code: "TC01", text: "Có quy chế hoạt động", kind: "boolean", source: "general", outcome: "met",
                        outcomeLabel: "Đạt", reason: "", input: CriterionInput(met: true))
                ])
        ])
}

extension ReplicationAssessmentFormPage {
    static let mock = ReplicationAssessmentFormPage(
        layout: .mock(), heading: "Đánh giá kết quả nhân rộng", action: "/app/replications/1/assessments",
        form: ["year": "2025", "assessedOn": "15/12/2025", "assessor": "Đoàn kiểm tra"], errors: [:],
        criteria: [
            CriterionField(
                code: "TC01", text: "Tỷ lệ hộ tham gia", sourceLabel: "Tiêu chuẩn của loại", kindLabel: "Tỷ lệ",
                isBoolean: false, isShare: true, hasSub: false, isCount: false, isTrend: false, isRank: false,
                isFromRecords: false, population: "hộ", subGroup: "", measure: "", hint: "Ngưỡng trên 80%",
                values: [:], error: nil)
        ], cancelHref: "/app/replications/1")
}

@Suite("Replication views")
struct ReplicationViewTests {
    @Test("Every replication view renders from its mock")
    func render() async throws {
        try await withTestApp(demo: false) { app in
            func render<C: Encodable & Sendable>(_ name: String, _ ctx: C, mustContain: String) async throws {
                let html = String(buffer: try await app.view.render(name, ctx).get().data)
                #expect(html.contains("<html lang=\"vi\">"), "\(name)")
                #expect(html.contains(mustContain), "\(name) lacks \(mustContain)")
                #expect(!html.contains("#("), "\(name) has an unrendered tag")
                #expect(!html.contains("style="), "\(name) has an inline style")
            }
            try await render("publicity/replications", ReplicationsPage.mock, mustContain: "Cũ hơn")
            try await render("publicity/replication-form", ReplicationFormPage.mock, mustContain: "Dùng lồng tre")
            try await render(
                "publicity/replication", ReplicationPage.mock, mustContain: "3 đạt, 1 chưa đạt, 2 thiếu dữ liệu")
            try await render(
                "publicity/replication-assessment", ReplicationAssessmentFormPage.mock, mustContain: "Số hộ đạt")
            var page = RegistrationPage.mock
            page.replication = ReplicationSection(
                count: 2, unitCount: 2, areaName: "Huyện Kon Rẫy",
                byCommune: [
                    .init(unitID: 1, name: "Xã Tân Lập", count: 2), .init(unitID: 2, name: "Xã Đăk Pne", count: 0),
                ],
                elsewhere: 0, adoptions: [], newHref: "/app/replications/new?model=1",
                offerAction: "/app/registrations/1/transitions", offerStatus: "replicated")
            try await render("lifecycle/registration", page, mustContain: "Đã có 2 lượt nhân rộng")
        }
    }
}
