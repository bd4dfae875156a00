import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension CouncilPage {
    static let mock = CouncilPage(
        layout: .mock("Hội đồng Thi đua - Khen thưởng"), authorityID: 2, authorityHref: "/app/authorities/2",
        councilName: "Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng", headTitle: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng",
        councils: [
            Council(
                name: "Hội đồng Thi đua - Khen thưởng xã Đăk Ruồng", href: "/app/council?authority=2", active: true),
            Council(
                name: "Hội đồng Thi đua - Khen thưởng tỉnh Kon Tum", href: "/app/council?authority=1", active: false),
        ],
        members: [
            Member(
                id: 1, name: "Nguyễn Văn An", position: "Chủ tịch UBND xã", roleLabel: CouncilRole.chair.label,
                unitName: "UBND xã", username: "", active: true)
        ],
        meetings: [
            Meeting(
                href: "/app/council/meetings/1", title: "Họp xét khen thưởng năm 2024", date: "10/12/2024",
                statusLabel: MeetingStatus.voting.label)
        ],
        ready: [
            Ready(id: 1, title: "Đề nghị khen thưởng năm 2024", unitName: "Xã Đăk Ruồng", nominees: 3, checked: true)
        ], canManage: true,
        unitField: .mockSelect, form: [:], memberForm: [:], errors: [:])
}

extension MeetingPage {
    static let mock = MeetingPage(
        layout: .mock("Họp Hội đồng"), id: 1, title: "Họp xét khen thưởng năm 2024", date: "10/12/2024",
        location: "Phòng họp UBND huyện",
        chair: "Nguyễn Văn An", secretary: "Trần Thị Bình", status: MeetingStatus.voting.rawValue,
        statusLabel: MeetingStatus.voting.label,
        quorum: "7/9 thành viên có mặt (cần ít nhất 6)", quorumMet: true,
        thresholdNote: "Tỷ lệ tính trên tổng số thành viên",
        seats: [
            Seat(
                id: 1, name: "Nguyễn Văn An", position: "Chủ tịch", present: true, written: false, voted: false,
                online: true)
        ],
        nominees: [
            Nominee(
                id: 1, name: "Y Hoa", unitName: "Xã Đăk Ruồng", formName: "Chiến sĩ thi đua cơ sở", threshold: "≥ 80%",
                cast: 3,
                tally: "8/9 đồng ý", passed: true, conflicted: true,
                choices: BallotChoice.allCases.map { Choice(value: $0.rawValue, label: $0.label) }, ownDone: false,
                dossierHref: "/app/dossiers/1")
        ],
        canManage: true, preparing: false, voting: true, closed: false, canVote: true, ownName: "Nguyễn Văn An",
        proxySeats: [SelectOption(value: "2", label: "Lê Văn C (vắng, có phiếu gửi)", selected: false)], notes: "",
        minutesHref: nil, errors: [:])
}

extension EligibilityPage {
    static let mock = EligibilityPage(
        layout: .mock("Điều kiện khen thưởng"), subjectName: "Y Hoa", subjectHref: "/app/subjects/1", year: 2024,
        judgedOn: "31/12/2024",
        result: EligibilityDTO(
            subjectID: 1, year: 2024, judgedOn: "2024-12-31", ruleSetID: "rules-2024-nd98",
            ruleSetTitle: "Từ 01/01/2024",
            legalBasis: "Luật 2022", jurisdiction: "VN", highest: "lao-dong-tien-tien",
            forms: [
                .init(
                    code: "lao-dong-tien-tien", name: "Lao động tiên tiến", rank: 10, eligible: true,
                    statusLabel: "Đủ điều kiện",
                    conferredBy: "Chủ tịch UBND cấp huyện", voteThreshold: nil, alreadyRewarded: nil,
                    conditions: [
                        .init(
                            code: "LDTT-1", text: "Hoàn thành tốt nhiệm vụ", article: "Luật TĐKT 2022 art. 24",
                            verified: false,
                            verification: "cần xác minh", outcome: "met", outcomeLabel: "Đạt",
                            reason: "Năm 2024 xếp loại hoàn thành tốt nhiệm vụ.",
                            routes: [
                                .init(outcome: "unmet", outcomeLabel: "Chưa đạt", reason: "Có 1 sáng kiến; yêu cầu 2.")
                            ])
                    ])
            ],
            judgements: [
                JudgementDTO(
                    key: "tu-luc-doan-ket", question: "Có tinh thần tự lực, tự cường?",
                    articles: ["Luật TĐKT 2022 art. 24"],
                    forms: ["lao-dong-tien-tien"], answeredBy: ["unitHead", "council"],
                    answeredByLabel: "Thủ trưởng đơn vị hoặc Hội đồng Thi đua - Khen thưởng", state: "open",
                    stateLabel: "Cần đánh giá", answer: nil, capacity: nil, answerer: nil, answeredOn: nil, note: nil,
                    meetingID: nil, evidenceFileID: nil, canAnswer: true)
            ]),
        years: [SelectOption(value: "2024", label: "2024", selected: true)],
        answerAction: "/app/subjects/1/eligibility/answers")
}

extension DossiersPage {
    static let mock = DossiersPage(
        layout: .mock("Hồ sơ đề nghị khen thưởng"),
        rows: [
            Row(
                href: "/app/dossiers/1", title: "Đề nghị khen thưởng năm 2024", unitName: "Xã Đăk Ruồng", year: 2024,
                status: DossierStatus.submitted.rawValue,
                statusLabel: DossierStatus.submitted.label, nominees: 3, due: "20/12/2024", overdue: false)
        ],
        pager: .mock, q: "", year: "", statuses: [SelectOption(value: "", label: "Mọi trạng thái", selected: true)],
        canCreate: true,
        unitField: .mockSelect, form: ["year": "2024"],
        errors: ["title": "Trích yếu không được để trống."])
}

extension DossierPage {
    static let mock = DossierPage(
        layout: .mock("Hồ sơ đề nghị"), id: 1, title: "Đề nghị khen thưởng năm 2024",
        unitName: "Ủy ban nhân dân xã Đăk Ruồng", year: 2024, number: "15/TTr-UBND",
        status: DossierStatus.submitted.rawValue, statusLabel: DossierStatus.submitted.label,
        ruleSetTitle: "Quy định từ 01/01/2024", legalBasis: "Luật Thi đua, khen thưởng 2022",
        submittedDay: "02/12/2024",
        appraisalDue: "30/12/2024", dueNote: "còn 20 ngày", overdue: false, decision: nil, meetingHref: nil,
        readOnly: false, canEdit: true, canAppraise: true, canDecide: false,
        nominees: [
            Nominee(
                id: 1, name: "Y Hoa", subjectHref: "/app/subjects/1", kindLabel: "Cá nhân",
                formName: "Chiến sĩ thi đua cơ sở", eligibility: NomineeEligibility.notEligible.rawValue,
                eligibilityLabel: "Chưa đủ điều kiện", eligibilityHref: "/app/subjects/1/eligibility?year=2024",
                warnings: ["Thiếu sáng kiến"], appraisal: NomineeAppraisal.pending.rawValue,
                appraisalLabel: "Chờ thẩm định", appraisalNote: "", vote: "8/9 (88,9%) — Đạt", passed: true,
                awarded: false, achievement: "Dạy giỏi cấp huyện")
        ],
        subjects: [SelectOption(value: "1", label: "Y Hoa", selected: false)],
        forms: [SelectOption(value: "cstd-co-so", label: "Chiến sĩ thi đua cơ sở", selected: false)],
        nomineeForm: [:],
        warning: Warning(
            formName: "Chiến sĩ thi đua cơ sở", status: "Chưa đủ điều kiện", reasons: ["Chưa có sáng kiến"]),
        requirements: [
            Requirement(
                code: "to-trinh", name: "Tờ trình", article: "Luật TĐKT 2022 art. 84", verification: nil, present: true,
                generated: true)
        ],
        documents: [
            Document(
                name: "to-trinh.docx", kindLabel: "Tờ trình", href: "/app/dossier-documents/1", size: "12 KB",
                generated: true)
        ],
        docKinds: [SelectOption(value: "bien-ban-binh-xet", label: "Biên bản bình xét thi đua", selected: true)],
        drafts: [Link(label: "Tờ trình (DOCX)", href: "/app/dossiers/1/docx/to-trinh")],
        events: [
            Event(
                at: "02/12/2024 08:00", username: "dakruong", note: "Gửi Phòng Nội vụ thẩm định",
                statusLabel: DossierStatus.submitted.label)
        ],
        levels: [SelectOption(value: "huyen", label: "Cấp huyện", selected: true)], decisionForm: [:], errors: [:])
}

extension AwardsPage.Row {
    static let mock = AwardsPage.Row(
        subjectName: "Y Hoa", subjectHref: "/app/subjects/1", unitName: "Xã Đăk Ruồng", year: 2024,
        formName: "Lao động tiên tiến",
        levelLabel: "Cấp huyện", decision: "Số 120/QĐ-UBND ngày 20/12/2024 của UBND huyện Kon Rẫy")
}

extension AwardsPage {
    static let mock = AwardsPage(
        layout: .mock("Tra cứu khen thưởng"),
        rows: .mock([Row.mock]),
        pager: .mock, q: "", year: "", forms: [],
        orderNote: "Kết quả tìm kiếm xếp người, tập thể ghi nhận sau cùng trước.")
}
