import Foundation
import Testing

@testable import Domain

/// The shipped rule files, found from this file's path.
private enum ConferrerRules {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
    static let all: [RuleSet] = (try? RuleLibrary.load(directory: directory)) ?? []

    static func rules(_ id: String) throws -> [ConferrerRule] {
        let set = try #require(all.first { $0.id == id })
        return try #require(set.conferrers)
    }
}

@Suite("Conferring authority from the person's unit and the date (Luật TĐKT 2022 art. 80)")
struct ConferrerTests {
    // Kon Tum province, Kon Rẫy district (abolished 01/07/2025), Đăk Ruồng commune, its village, a Sở, a district
    // phòng and a school that the commune took over.
    static let province = ConferrerUnit(id: 1, name: "Ủy ban nhân dân tỉnh Kon Tum", kind: .tinh)
    static let district = ConferrerUnit(
        id: 2, name: "Ủy ban nhân dân huyện Kon Rẫy", kind: .huyen, abolishedOn: "2025-07-01")
    static let commune = ConferrerUnit(id: 3, name: "Ủy ban nhân dân xã Đăk Ruồng", kind: .xa)
    static let village = ConferrerUnit(id: 4, name: "Thôn 10, xã Đăk Ruồng", kind: .thon)
    static let department = ConferrerUnit(id: 5, name: "Sở Nội vụ tỉnh Kon Tum", kind: .so)
    static let office = ConferrerUnit(
        id: 6, name: "Phòng Giáo dục và Đào tạo huyện Kon Rẫy", kind: .phong, abolishedOn: "2025-07-01")
    static let school = ConferrerUnit(id: 7, name: "Trường Tiểu học Đăk Ruồng", kind: .truong)

    static let communeStaff = [commune, district, province]
    static let communeStaff2025 = [commune, province]
    static let departmentStaff = [department, province]
    static let officeStaff = [office, district, province]

    static func name(_ form: String, _ chain: [ConferrerUnit], _ day: String, _ set: String) throws -> String? {
        ConferrerResolver.resolve(form: form, chain: chain, day: day, rules: try ConferrerRules.rules(set))?.title
    }

    @Test("Art. 80(3), 2024: a commune civil servant's LĐTT and Giấy khen are conferred by the commune chairman")
    func art80CommuneCivilServant2024() throws {
        for form in ["lao-dong-tien-tien", "giay-khen"] {
            let n = try #require(
                ConferrerResolver.resolve(
                    form: form, chain: Self.communeStaff, day: "2024-12-31",
                    rules: try ConferrerRules.rules("rules-2024-nd98")))
            #expect(n.title == "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng")
            #expect(n.kind == .chuTichXa)
            #expect(n.unitID == 3)
            #expect(n.article == "Luật TĐKT 2022 art. 80(3)")
            #expect(n.verified)
        }
    }

    @Test("Art. 80(2), 2024: a commune civil servant's CSTĐ cơ sở is conferred by the district chairman")
    func art80CommuneCivilServantCSTD2024() throws {
        #expect(
            try Self.name("cstd-co-so", Self.communeStaff, "2024-12-31", "rules-2024-nd98")
                == "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy")
        // A household of the commune's village: Gia đình văn hóa by the commune chairman (art. 80(3)).
        #expect(
            try Self.name("gia-dinh-van-hoa", [Self.village] + Self.communeStaff, "2024-12-31", "rules-2024-nd98")
                == "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng")
    }

    @Test(
        "Art. 80(1), 2024: an agency's staff — the head of the Sở confers LĐTT; a district phòng's staff go to the district chairman"
    )
    func art80AgencyStaff2024() throws {
        #expect(
            try Self.name("lao-dong-tien-tien", Self.departmentStaff, "2024-12-31", "rules-2024-nd98")
                == "Giám đốc Sở Nội vụ tỉnh Kon Tum")
        #expect(
            try Self.name("lao-dong-tien-tien", Self.officeStaff, "2024-12-31", "rules-2024-nd98")
                == "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy")
    }

    @Test("Art. 80 after 01/07/2025 (NĐ 129/2025): the commune chairman takes the district chairman's forms")
    func art80CommuneCivilServant2025() throws {
        for form in ["lao-dong-tien-tien", "cstd-co-so", "giay-khen"] {
            #expect(
                try Self.name(form, Self.communeStaff, "2025-12-31", "rules-2025-nd152")
                    == "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng", "\(form)")
        }
        // A school the commune took over: its staff too.
        #expect(
            try Self.name(
                "lao-dong-tien-tien", [Self.school, Self.commune, Self.province], "2025-12-31", "rules-2025-nd152")
                == "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng")
    }

    @Test("Art. 80(1), 2025: an agency's staff — still the head of the Sở; an abolished district phòng names nobody")
    func art80AgencyStaff2025() throws {
        #expect(
            try Self.name("lao-dong-tien-tien", Self.departmentStaff, "2025-12-31", "rules-2025-nd152")
                == "Giám đốc Sở Nội vụ tỉnh Kon Tum")
        #expect(try Self.name("lao-dong-tien-tien", Self.officeStaff, "2025-12-31", "rules-2025-nd152") == nil)
    }

    @Test("A declared authority lends its head's title; the province and the State are named for every subject")
    func declaredAndHigher() throws {
        var commune = Self.commune
        commune.headTitle = "Chủ tịch UBND xã Đăk Ruồng"
        #expect(
            try Self.name("lao-dong-tien-tien", [commune, Self.province], "2025-12-31", "rules-2025-nd152")
                == "Chủ tịch UBND xã Đăk Ruồng")
        #expect(
            try Self.name("bang-khen-ubnd-tinh", Self.communeStaff, "2024-12-31", "rules-2024-nd98")
                == "Chủ tịch Ủy ban nhân dân tỉnh Kon Tum")
        #expect(
            try Self.name("bang-khen-thu-tuong", Self.communeStaff, "2024-12-31", "rules-2024-nd98")
                == "Thủ tướng Chính phủ")
    }

    @Test(
        "Art. 80(5): the armed forces' staff are left to their own ministries; staff the table does not cover get no name"
    )
    func armedForcesAndUncovered() throws {
        let police = ConferrerUnit(id: 8, name: "Công an huyện Kon Rẫy", kind: .lucLuongVuTrang)
        let n = try #require(
            ConferrerResolver.resolve(
                form: "lao-dong-tien-tien", chain: [police, Self.district, Self.province], day: "2024-12-31",
                rules: try ConferrerRules.rules("rules-2024-nd98")))
        #expect(n.kind == .theoNganh && n.title.contains("Bộ Quốc phòng") && n.unitID == nil)
        let other = ConferrerUnit(id: 9, name: "Tổ chức khác", kind: .khac)
        #expect(try Self.name("lao-dong-tien-tien", [other], "2024-12-31", "rules-2024-nd98") == nil)
    }

    @Test("Every conferrer row names forms and unit kinds that exist")
    func tableIsConsistent() throws {
        #expect(ConferrerRules.all.count >= 3)
        for set in ConferrerRules.all {
            let rows = try #require(set.conferrers, "\(set.id)")
            for row in rows {
                for f in row.forms { #expect(set.form(f) != nil, "\(set.id): \(f)") }
                for k in row.staffOf ?? [] { #expect(UnitKind(rawValue: k) != nil, "\(set.id): \(k)") }
                if row.verified { #expect(!(row.source ?? "").isEmpty, "\(set.id): \(row.article)") }
            }
        }
    }

    @Test("The count of unverified conditions per rule file (issue 9, closing note)")
    func unverifiedCounts() throws {
        for set in ConferrerRules.all {
            let (unverified, total) = set.verificationCount
            #expect(unverified <= total)
            #expect(unverified == set.unverifiedConditionCodes.count)
        }
        let set = RuleSet(
            id: "x", title: "x", legalBasis: "x", effectiveFrom: "2024-01-01", effectiveTo: nil, jurisdiction: "VN",
            forms: [
                RuleForm(
                    code: "f", name: "f", kind: "title", subject: "individual", rank: 1, conferredBy: "x",
                    conferredAt: nil, voteThreshold: nil,
                    conditions: [
                        RuleCondition(code: "A", text: "a", article: "1", verified: true, check: .allMembersComplete),
                        RuleCondition(code: "B", text: "b", article: "1", verified: false, check: .allMembersComplete),
                    ])
            ], procedure: nil)
        #expect(set.unverifiedConditionCodes == ["B"])
        #expect(set.verificationCount.total == 2)
    }
}
