import Domain
import FluentKit
import Foundation
import Testing

@testable import App

/// Every model lists its properties (`var properties: [any AnyProperty] { [$id, …] }`): Fluent's default finds
/// them by reflection (`Mirror`) each time it needs them — to read each row, to write, to list a query's columns, to
/// find the timestamps and the soft-delete field of every query (a tenth of the national dashboard's CPU went to
/// reading units that way, and a fifth of a public exemplar page's to building its queries). A list that misses a
/// property would silently neither read nor write it: each list must hold exactly the properties reflection finds.
@Suite("Models list their properties, exactly those reflection finds")
struct ModelPropertiesTests {
    static let models: [any Model.Type] = [
        AnnualRecordModel.self,
        AuditEntryModel.self,
        AuthTokenModel.self,
        AuthorityModel.self,
        AwardModel.self,
        CalendarDayModel.self,
        CalendarFileModel.self,
        CatalogueCriterionModel.self,
        CatalogueFieldModel.self,
        CatalogueVersionModel.self,
        CertificateLayoutModel.self,
        ConsentModel.self,
        CouncilAttendanceModel.self,
        CouncilMeetingModel.self,
        CouncilMemberModel.self,
        CouncilTallyModel.self,
        CouncilVoteCastModel.self,
        DecisionModel.self,
        DossierDocumentModel.self,
        DossierEventModel.self,
        DossierModel.self,
        DossierNomineeModel.self,
        EvaluationModel.self,
        EvaluationResultModel.self,
        EventFileModel.self,
        EventModel.self,
        EventPersonModel.self,
        EventSubjectModel.self,
        EventUnitModel.self,
        EvidenceFileModel.self,
        FundEntryModel.self,
        GroupFileModel.self,
        GroupPledgeModel.self,
        GroupScoreModel.self,
        GroupSubmissionModel.self,
        GroupYearModel.self,
        ImportJobModel.self,
        InitiativeModel.self,
        InitiativeUseModel.self,
        JudgementAnswerModel.self,
        LoginFailureModel.self,
        MediaEntryModel.self,
        MovementAgencyModel.self,
        MovementModel.self,
        NoticeMailModel.self,
        NoticeModel.self,
        NoticeReadModel.self,
        NurturingActionModel.self,
        PeriodicReportModel.self,
        ProposalHitModel.self,
        ProposalModel.self,
        RegistrationModel.self,
        RegistrationMovementModel.self,
        RegistrationTransitionModel.self,
        ReplicationAssessmentModel.self,
        ReplicationModel.self,
        SettingModel.self,
        StateDecisionModel.self,
        StateProposalModel.self,
        StoryModel.self,
        StoryPhotoModel.self,
        StorySubjectModel.self,
        SubjectModel.self,
        SubjectTypeModel.self,
        UnitCriterionModel.self,
        UnitGroupMemberModel.self,
        UnitGroupModel.self,
        UnitModel.self,
        UnitSuccessionModel.self,
        UserModel.self,
    ]

    /// The property wrappers of a model instance as Fluent's default finds them (by reflection).
    static func reflected(_ model: Any) -> [any AnyProperty] {
        Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
    }

    @Test("Each model's list holds the very property objects reflection finds, each once, and nothing else")
    func listsMatchReflection() throws {
        for type in Self.models {
            let model = type.init()
            let listed = model.properties.map { ObjectIdentifier($0) }
            let found = Self.reflected(model).map { ObjectIdentifier($0) }
            #expect(Set(listed).count == listed.count, "\(type) lists a property twice")
            #expect(Set(listed) == Set(found), "\(type): listed \(listed.count), reflected \(found.count)")
            #expect(!found.isEmpty, "\(type)")
        }
    }

    @Test("Every model of the app is in the list above (a new model must list its properties and be checked)")
    func everyModelIsChecked() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/App")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var declared: Set<String> = []
        let pattern = /final class (\w+): Model\b/
        for case let url as URL in files where url.pathExtension == "swift" {
            for match in try String(contentsOf: url, encoding: .utf8).matches(of: pattern) {
                declared.insert(String(match.1))
            }
        }
        let checked = Set(Self.models.map { String(describing: $0) })
        #expect(declared.count >= 70)
        #expect(declared.subtracting(checked).isEmpty, "not checked: \(declared.subtracting(checked).sorted())")
        for type in Self.models {
            let text = String(describing: type)
            #expect(declared.contains(text), "\(text)")
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
