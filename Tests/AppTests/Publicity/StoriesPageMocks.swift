import Domain
import Foundation

@testable import App

// The page mocks of the stories' views: each view's render test draws one (SurfaceTests.everyViewRenders).

extension StoryListPage {
    static let mock = StoryListPage(
        layout: .mock("Bài viết tuyên truyền"), newHref: StoriesPath.new.href,
        statusOptions: [SelectOption(value: "", label: "Mọi trạng thái", selected: true)],
        columnOptions: [SelectOption(value: "song-dep", label: "Sống đẹp", selected: false)],
        rows: [
            Row(
                href: StoriesPath.story(.id(3)).href, title: "Người giữ rừng Kon Rẫy", column: "Sống đẹp",
                unit: "Trung tâm Văn hóa - Thể thao huyện", status: StoryStatus.awaitingApproval.label,
                statusCode: StoryStatus.awaitingApproval.rawValue, updated: "02/12/2025 08:30")
        ], nextHref: StoriesPath.list.href([("after", "1764664200000_3")]), firstHref: nil)
}

extension StoryFormPage {
    static let mock = StoryFormPage(
        layout: .mock("Viết bài mới"), heading: "Viết bài mới", action: StoriesPath.list.href,
        cancelHref: StoriesPath.list.href,
        form: ["title": "Người giữ rừng", "minoritySummary": "Đei pơ-lei.", "minorityLang": "bdq"],
        errors: [
            "minorityTranslator": "Có bản tóm tắt tiếng dân tộc: vui lòng ghi người dịch.",
            "form": "Dữ liệu chưa hợp lệ.",
        ],
        columnOptions: [SelectOption(value: "song-dep", label: "Sống đẹp", selected: true)],
        languageOptions: [SelectOption(value: "bdq", label: "Ba Na (bdq, mã cần xác minh)", selected: true)],
        unitField: UnitField(
            name: "unitID", textName: "unit", label: "Đơn vị của bài viết", required: true,
            picker: UnitPicker(
                options: [SelectOption(value: "5", label: "Trung tâm Văn hóa - Thể thao huyện", selected: true)],
                text: "", unitID: "", message: ""),
            error: nil),
        subjects: [Choice(id: 9, label: "Thôn Kon Rế", checked: true)], allowedTags: StoriesWebController.allowedTags)
}

extension StoryPage {
    static let mock = StoryPage(
        layout: .mock("Người giữ rừng"), id: 3, title: "Người giữ rừng", column: "Sống đẹp",
        unit: "Trung tâm Văn hóa - Thể thao huyện", status: StoryStatus.draft.label,
        statusCode: StoryStatus.draft.rawValue, author: "Lê Thị Ánh", lead: "Một gương sáng ở Đăk Ruồng.",
        bodyHTML: "<p>Gương <strong>sáng</strong></p>", summary: "Đei pơ-lei Đăk Ruồng.", summaryLang: "bdq",
        summaryLanguage: "Ba Na", translator: "A Thuận", subjects: ["Thôn Kon Rế"], publishedAt: nil,
        returnReason: "Thiếu ảnh", withdrawReason: nil,
        photos: [
            Photo(
                href: StoriesPath.photo(.id(3), .id(4)).href, alt: "Già làng", caption: "Lễ tuyên dương",
                size: "1600×1067", snippet: "<figure><img src=\"/app/stories/3/photos/4\" alt=\"Già làng\"></figure>")
        ], editHref: StoriesPath.edit(.id(3)).href,
        moves: [Move(code: "submit", label: "Gửi duyệt", needsReason: false)],
        moveAction: StoriesPath.move(.id(3)).href,
        photosAction: StoriesPath.photos(.id(3)).href, publicHref: nil, listHref: StoriesPath.list.href,
        form: [:], errors: ["alt": "Mô tả ảnh không được để trống."])
}
