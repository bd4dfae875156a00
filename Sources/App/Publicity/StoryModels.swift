import Domain
import Fluent
import Foundation

/// A story about one or more exemplars, in one of the plan's columns (issue 10 §1). `bodyHTML` is stored only
/// after the server's allow-list sanitiser has passed it.
final class StoryModel: Model, @unchecked Sendable {
    static let schema = "stories"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// The unit whose editors keep the story (access follows it, like any unit record).
    @Field(key: "unit_id") var unitID: Int
    /// A column code of the columns catalogue (Resources data file).
    @Field(key: "column_code") var columnCode: String
    @Field(key: "title") var title: String
    /// The URL word of the title (ASCII, folded), unique enough with the id: /bai-viet/{id}-{slug}.
    @Field(key: "slug") var slug: String
    /// The plain-text lead paragraph (also the feed's summary and the Open Graph description).
    @Field(key: "lead") var lead: String
    @Field(key: "body_html") var bodyHTML: String
    @Field(key: "status") private(set) var status: StoryStatus
    /// The lead translated into a minority language of the area; empty when there is none.
    @Field(key: "minority_summary") var minoritySummary: String
    /// Its BCP 47 language code (e.g. "sed" Xơ Đăng, "bdq" Ba Na), for the `lang` attribute.
    @Field(key: "minority_lang") var minorityLang: String
    /// Who translated it.
    @Field(key: "minority_translator") var minorityTranslator: String
    /// Folded title and lead, for the public and internal search.
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "author_id") var authorID: Int?
    @OptionalField(key: "approved_by") var approvedBy: Int?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdraw_reason") var withdrawReason: String?
    /// Why the approver sent it back to draft, until it is sent again (migration 39).
    @OptionalField(key: "return_reason") var returnReason: String?
    @OptionalField(key: "returned_at") var returnedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $unitID, $columnCode, $title, $slug, $lead, $bodyHTML, $status, $minoritySummary, $minorityLang,
            $minorityTranslator, $searchText, $authorID, $approvedBy, $publishedAt, $withdrawnAt, $withdrawReason,
            $returnReason, $returnedAt, $createdAt, $updatedAt,
        ]
    }
    init() {}

    /// A new story: a draft kept by the unit.
    init(draftOf unitID: Int) {
        self.unitID = unitID
        self.status = .draft
    }

    /// The only way a story's status changes: a move the editorial workflow allows.
    func move(to next: StoryStatus) throws {
        try StoryWorkflow.requireMove(of: "Bài viết", from: status, to: next)
        status = next
    }
}

/// An exemplar a story is about.
final class StorySubjectModel: Model, @unchecked Sendable {
    static let schema = "story_subjects"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "story_id") var storyID: Int
    @Field(key: "subject_id") var subjectID: Int
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $storyID, $subjectID] }
    init() {}
}

/// A photo of a story, resized on upload; stored like evidence files (FileStore). Alt text is required.
final class StoryPhotoModel: Model, @unchecked Sendable {
    static let schema = "story_photos"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "story_id") var storyID: Int
    @Field(key: "position") var position: Int
    @Field(key: "alt") var alt: String
    @Field(key: "caption") var caption: String
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage") var storage: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "data") var data: Data?
    @Field(key: "created_at") var createdAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $storyID, $position, $alt, $caption, $width, $height, $contentType, $size, $sha256, $storage,
            $storageKey, $data, $createdAt,
        ]
    }
    init() {}
}
