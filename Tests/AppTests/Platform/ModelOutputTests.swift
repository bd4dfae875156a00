import Domain
import FluentKit
import Foundation
import Testing

@testable import App

/// Models read on every page or many rows a page list their stored properties in `output(from:)` by hand: Fluent's
/// default finds them by reflection for every row (a tenth of the national dashboard's CPU went to reading 68 units
/// that way). Each hand-written list must read exactly the fields Fluent reflects, or a field added later would
/// silently stay unread.
@Suite("Models whose rows are read by a hand-written list of fields")
struct ModelOutputTests {
    static let handListed: [any Model.Type] = [
        UnitModel.self, UserModel.self, AuthTokenModel.self, SubjectModel.self, CatalogueCriterionModel.self,
    ]

    /// Records the keys a model asks for and decodes nothing.
    final class RecordingOutput: DatabaseOutput, @unchecked Sendable {
        var keys: [String] = []
        func schema(_ schema: String) -> any DatabaseOutput { self }
        func contains(_ key: FieldKey) -> Bool {
            keys.append(key.description)
            return false
        }
        func decodeNil(_ key: FieldKey) throws -> Bool { true }
        func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
            throw FluentError.missingField(name: key.description)
        }
        var description: String { "keys asked: \(keys)" }
    }

    @Test("Each hand-written list reads every field Fluent reflects, once, and nothing else")
    func listsMatchReflection() throws {
        for model in Self.handListed {
            let recording = RecordingOutput()
            try model.init().output(from: recording)
            let reflected = model.keys.map(\.description)
            #expect(recording.keys.sorted() == reflected.sorted(), "\(model)")
            #expect(Set(recording.keys).count == recording.keys.count, "\(model) reads a field twice")
        }
    }

    @Test("A row read through the hand-written list has every value, the parent's id and the timestamps included")
    func valuesRoundTrip() async throws {
        try await withTestApp(demo: false) { app in
            let db = app.db
            let parent = UnitModel(
                code: "T-CHA", name: "Huyện Thử", shortName: "Thử", kind: .huyen, parentID: nil, place: "Thử",
                abbreviation: "HT")
            try await parent.create(on: db)
            let unit = UnitModel(
                code: "T-CON", name: "Xã Đồng Tâm", shortName: "Đồng Tâm", kind: .xa, parentID: parent.id,
                place: "Đồng Tâm", abbreviation: "ĐT")
            unit.abolishedOn = "2025-07-01"
            try await unit.create(on: db)
            let read = try #require(try await UnitModel.find(unit.id, on: db))
            #expect(read.code == "T-CON" && read.name == "Xã Đồng Tâm" && read.shortName == "Đồng Tâm")
            #expect(read.kind == UnitKind.xa.rawValue && read.$parent.id == parent.id && read.place == "Đồng Tâm")
            #expect(read.abbreviation == "ĐT" && read.searchText == unit.searchText && read.active)
            #expect(read.abolishedOn == "2025-07-01" && read.path == unit.path)
            #expect(read.createdAt != nil && read.updatedAt != nil && read.$id.exists)
            // Joined rows come through the same list, under the join's prefix.
            let subject = SubjectModel()
            subject.kind = SubjectKind.individual.rawValue
            subject.name = "Lê Thị Hoa"
            subject.refreshSearch()
            subject.$unit.id = try unit.requireID()
            subject.gender = "nu"
            subject.ethnicity = "Kinh"
            subject.position = "Giáo viên"
            subject.birthDate = "1980-02-03"
            subject.idNumber = "001180000001"
            subject.phone = "0912345678"
            subject.address = "Thôn 1"
            subject.headsUnitID = parent.id
            try await subject.create(on: db)
            let joined = try #require(
                try await SubjectModel.query(on: db).join(UnitModel.self, on: \SubjectModel.$unit.$id == \UnitModel.$id)
                    .filter(\.$id == subject.requireID()).first())
            let joinedUnit = try joined.joined(UnitModel.self)
            #expect(joined.name == "Lê Thị Hoa" && joined.sortKey == subject.sortKey && joined.phone == "0912345678")
            #expect(joined.headsUnitID == parent.id && joined.representsUnitID == nil && joined.address == "Thôn 1")
            #expect(joinedUnit.name == "Xã Đồng Tâm" && joinedUnit.abolishedOn == "2025-07-01")
        }
    }
}
