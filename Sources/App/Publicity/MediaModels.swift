import Domain
import Fluent
import Foundation

/// One coverage of an exemplar (a subject) in the media log.
final class MediaEntryModel: Model, @unchecked Sendable {
    static let schema = "media_entries"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "subject_id") var subjectID: Int
    /// The subject's unit path when recorded (who reads and writes the entry).
    @Field(key: "scope_path") var scopePath: String
    /// The unit that recorded it.
    @Field(key: "unit_id") var unitID: Int
    @Field(key: "outlet_kind") var outletKind: String
    @Field(key: "outlet_name") var outletName: String
    /// ISO date (yyyy-mm-dd).
    @Field(key: "published_on") var publishedOn: String
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    /// http(s) only; "" when the coverage is described by its note.
    @Field(key: "link") var link: String
    @Field(key: "note") var note: String
    @OptionalField(key: "recorded_by") var recordedBy: Int?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [
            $id, $subjectID, $scopePath, $unitID, $outletKind, $outletName, $publishedOn, $year, $title, $link, $note,
            $recordedBy, $createdAt, $updatedAt,
        ]
    }
    init() {}

    var unitPath: UnitPath { UnitPath(raw: scopePath) }
}

/// The outlet kinds (Resources/Catalogues/media-outlets.json), read once per process.
enum MediaCatalogue {
    static let outlets: MediaOutletKinds = {
        let base =
            (try? ResourceLocator.locate(
                environment: ProcessInfo.processInfo.environment,
                executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first ?? "",
                workingDirectory: FileManager.default.currentDirectoryPath))
            ?? FileManager.default.currentDirectoryPath
        let url = URL(fileURLWithPath: base).appendingPathComponent("Resources/Catalogues/media-outlets.json")
        guard let data = try? Data(contentsOf: url), let kinds = try? MediaOutletKinds.decode(data) else {
            return .empty
        }
        return kinds
    }()
}
