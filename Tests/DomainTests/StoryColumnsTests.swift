import Foundation
import Testing

@testable import Domain

@Suite struct StoryColumnsTests {
    static func shipped() throws -> StoryColumns {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/Catalogue/columns.json")
        return try StoryColumns.load(Data(contentsOf: url))
    }

    @Test func theShippedFileHasThePlansFiveColumns() throws {
        let c = try Self.shipped()
        #expect(
            c.columns.map(\.name) == [
                "Người tốt việc tốt", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Sống đẹp",
                "Chuyện thường ngày", "Cuộc sống muôn màu",
            ])
        #expect(c.column("song-dep")?.slug == "song-dep")
        #expect(c.legalBasis.contains("II.6"))
        #expect(c.name(of: "khong-co") == "khong-co")
        #expect(c.language("bdq")?.name == "Ba Na")
        #expect(c.language("sed")?.label.contains("cần xác minh") == true)
    }

    @Test func refusesBadCodes() {
        let bad = #"{"version":"1","legalBasis":"x","columns":[{"code":"Sống đẹp","name":"x"}],"languages":[]}"#
        #expect(throws: StoryColumnsError.self) { try StoryColumns.load(Data(bad.utf8)) }
        let dup =
            #"{"version":"1","legalBasis":"x","columns":[{"code":"a","name":"x"},{"code":"a","name":"y"}],"languages":[]}"#
        #expect(throws: StoryColumnsError.self) { try StoryColumns.load(Data(dup.utf8)) }
    }
}
