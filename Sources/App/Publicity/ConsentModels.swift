import Domain
import Fluent
import Foundation
import SQLKit

/// How a consent to publication was given.
enum ConsentMethod: String, Codable, Sendable, CaseIterable {
    /// A signed form, scanned.
    case writtenForm = "written-form"
    /// Said before witnesses and recorded in minutes.
    case recordedMinutes = "recorded-minutes"
    /// Sent electronically (e-mail, the public service portal).
    case electronic

    var label: String {
        switch self {
        case .writtenForm: return "Phiếu đồng ý có chữ ký (bản quét)"
        case .recordedMinutes: return "Ghi vào biên bản, có người làm chứng"
        case .electronic: return "Gửi bằng phương tiện điện tử"
        }
    }
}

/// An individual's or a household's consent to be published; in force while `withdrawnAt` is nil.
final class ConsentModel: Model, @unchecked Sendable {
    static let schema = "consents"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "subject_id") var subjectID: Int
    /// The person who gave it (the individual, or the household's representative).
    @Field(key: "given_by") var givenBy: String
    /// ISO date (yyyy-mm-dd).
    @Field(key: "given_on") var givenOn: String
    @Field(key: "method") var method: ConsentMethod
    /// What the consent covers, in the giver's words ("ảnh, tên, thành tích; không nêu địa chỉ").
    @Field(key: "scope_note") var scopeNote: String
    // The scanned form, stored like evidence files (FileStore).
    @OptionalField(key: "original_name") var originalName: String?
    @OptionalField(key: "content_type") var contentType: String?
    @OptionalField(key: "size") var size: Int?
    @OptionalField(key: "sha256") var sha256: String?
    @OptionalField(key: "storage") var storage: String?
    @OptionalField(key: "storage_key") var storageKey: String?
    @OptionalField(key: "data") var data: Data?
    @OptionalField(key: "recorded_by") var recordedBy: Int?
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "withdrawn_by") var withdrawnBy: Int?
    @OptionalField(key: "withdraw_reason") var withdrawReason: String?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $subjectID, $givenBy, $givenOn, $method, $scopeNote, $originalName, $contentType, $size, $sha256,
            $storage, $storageKey, $data, $recordedBy, $recordedAt, $withdrawnAt, $withdrawnBy, $withdrawReason,
        ]
    }
    init() {}
}

/// Which subjects may be named on a public page, in a feed or in the sitemap: a collective always; an individual
/// or a household only while it has a consent in force (issue 10 §2). Every public read goes through here.
enum PublicConsent {
    /// The rule as SQL over the table `subjects`, for queries that must not load the subjects first (the public
    /// directory, its facets, the sitemap) and for `withheld`: one rule, one place.
    static var allows: SQLQueryString {
        """
        ("subjects"."kind" = \(bind: SubjectKind.collective.rawValue) OR EXISTS (SELECT 1 FROM "consents" "pc" \
        WHERE "pc"."subject_id" = "subjects"."id" AND "pc"."withdrawn_at" IS NULL))
        """
    }

    /// The subjects among `subjectIDs` that may NOT be published (individuals and households without a consent
    /// in force, and ids that name no subject).
    static func withheld(_ subjectIDs: [Int], on db: any Database) async throws -> Set<Int> {
        let ids = Set(subjectIDs)
        guard !ids.isEmpty else { return [] }
        let allowed = try await SubjectModel.query(on: db).filter(\.$id ~~ Array(ids)).filter(.sql(allows))
            .field(\.$id).all().compactMap(\.id)
        return ids.subtracting(allowed)
    }

    /// Whether one subject may be published.
    static func isPublishable(_ subjectID: Int, on db: any Database) async throws -> Bool {
        try await withheld([subjectID], on: db).isEmpty
    }
}
