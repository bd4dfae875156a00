import Domain
import Fluent
import Foundation

/// One day of the holiday calendar: a day off, a holiday, or a make-up working day.
final class CalendarDayModel: Model, @unchecked Sendable {
    static let schema = "calendar_days"
    /// Where the row came from: the shipped file (a newer file version never overwrites a manual row).
    enum Source: String, Codable, Sendable { case file, manual }
    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// "yyyy-MM-dd", unique.
    @Field(key: "day") var day: String
    @Field(key: "year") var year: Int
    @Field(key: "kind") var kind: CalendarDayKind
    @Field(key: "name") var name: String
    @Field(key: "basis") var basis: String
    @Field(key: "verified") var verified: Bool
    @Field(key: "source") var source: Source
    /// The file version that added the row (nil for manual rows).
    @OptionalField(key: "file_version") var fileVersion: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] {
        [$id, $day, $year, $kind, $name, $basis, $verified, $source, $fileVersion, $updatedAt]
    }
    init() {}

    var domain: CalendarDay { CalendarDay(day: day, kind: kind, name: name, basis: basis, verified: verified) }
}

/// Which calendar file versions were loaded (so a restart does not re-add days an administrator deleted).
final class CalendarFileModel: Model, @unchecked Sendable {
    static let schema = "calendar_files"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "version") var version: String
    @Field(key: "title") var title: String
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "method") var method: String
    @Field(key: "notes") var notes: String
    @Timestamp(key: "loaded_at", on: .create) var loadedAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $version, $title, $legalBasis, $method, $notes, $loadedAt] }
    init() {}
}
