import Foundation
import Testing

@testable import Domain

/// The shipped rule files, found from this file's path.
private enum RoutingRules {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules")
    static let all: [RuleSet] = (try? RuleLibrary.load(directory: directory)) ?? []
}

@Suite("Conferring authorities: who decides which form, where a dossier goes, what goes up")
struct AuthorityRoutingTests {
    // Province /1/, district /1/2/ until 30/06/2025, commune /1/2/3/, an agency /1/2/4/ until 30/06/2025.
    static let province = AuthorityInfo(
        id: 1, unitPath: UnitPath(ids: [1]), level: .tinh, name: "UBND tỉnh", validFrom: nil, validTo: nil)
    static let district = AuthorityInfo(
        id: 2, unitPath: UnitPath(ids: [1, 2]), level: .huyen, name: "UBND huyện", validFrom: nil,
        validTo: "2025-06-30")
    static let commune = AuthorityInfo(
        id: 3, unitPath: UnitPath(ids: [1, 2, 3]), level: .xa, name: "UBND xã", validFrom: nil, validTo: nil)
    static let all = [province, district, commune]
    static let village = UnitPath(ids: [1, 2, 3, 9])

    static func form(_ code: String, in setID: String) throws -> RuleForm {
        let set = try #require(RoutingRules.all.first { $0.id == setID })
        return try #require(set.form(code))
    }

    @Test("Every form of every rule file says which levels confer it")
    func everyFormHasLevels() throws {
        #expect(!RoutingRules.all.isEmpty)
        for set in RoutingRules.all {
            for f in set.forms { #expect(!(f.conferredAt ?? []).isEmpty, "\(set.id) \(f.code)") }
        }
    }

    @Test("The chain: at and above the unit, nearest first, only those in office that day")
    func chain() {
        #expect(AuthorityRouting.chain(for: Self.village, on: "2024-12-10", among: Self.all).map(\.id) == [3, 2, 1])
        #expect(AuthorityRouting.chain(for: Self.village, on: "2025-07-01", among: Self.all).map(\.id) == [3, 1])
        #expect(AuthorityRouting.chain(for: UnitPath(ids: [1, 5]), on: "2025-07-01", among: Self.all).map(\.id) == [1])
    }

    @Test(
        "Before the reform the district decides CSTĐ cơ sở for a commune; from 01/07/2025 the commune; the province always decides its Bằng khen"
    )
    func deciders() throws {
        let before = AuthorityRouting.chain(for: Self.village, on: "2024-12-10", among: Self.all)
        let after = AuthorityRouting.chain(for: Self.village, on: "2025-12-10", among: Self.all)
        #expect(
            AuthorityRouting.decider(of: try Self.form("cstd-co-so", in: "rules-2024-nd98"), chain: before)?.id == 2)
        #expect(
            AuthorityRouting.decider(of: try Self.form("cstd-co-so", in: "rules-2025-nd152"), chain: after)?.id == 3)
        #expect(AuthorityRouting.decider(of: try Self.form("giay-khen", in: "rules-2024-nd98"), chain: before)?.id == 3)
        #expect(
            AuthorityRouting.decider(of: try Self.form("bang-khen-ubnd-tinh", in: "rules-2025-nd152"), chain: after)?.id
                == 1)
        #expect(AuthorityRouting.next(above: Self.commune, chain: after)?.id == 1, "commune → province after 07/2025")
        #expect(AuthorityRouting.next(above: Self.commune, chain: before)?.id == 2, "commune → district before")
    }

    @Test("A form nobody in the chain confers is named; an empty chain says so")
    func problems() throws {
        let after = AuthorityRouting.chain(for: UnitPath(ids: [1, 2, 4]), on: "2025-12-10", among: [Self.province])
        let p = AuthorityRouting.problems(
            forms: [try Self.form("giay-khen", in: "rules-2025-nd152")], chain: after, unitName: "Phòng Nội vụ",
            day: "2025-12-10")
        #expect(p.count == 1 && p[0].contains("“Giấy khen”"))
        let none = AuthorityRouting.problems(forms: [], chain: [], unitName: "Thôn 1", day: "2025-12-10")
        #expect(none.first?.contains("10/12/2025") == true)
    }

    @Test(
        "State forms (Bằng khen của Thủ tướng, CSTĐ toàn quốc, Huân chương): nobody of ours decides them; the province in the chain carries them upward"
    )
    func stateForms() throws {
        let after = AuthorityRouting.chain(for: Self.village, on: "2025-12-10", among: Self.all)
        for setID in ["rules-2023-luat2003", "rules-2024-nd98", "rules-2025-nd152"] {
            for code in [
                "bang-khen-thu-tuong", "bang-khen-thu-tuong-tap-the", "cstd-toan-quoc", "huan-chuong-lao-dong-hang-ba",
            ] {
                let f = try Self.form(code, in: setID)
                #expect(f.conferredAt == [.trungUong] && AuthorityRouting.isStateLevel(f), "\(setID) \(code)")
                #expect(AuthorityRouting.decider(of: f, chain: after) == nil)
                #expect(AuthorityRouting.proposer(of: f, chain: after)?.id == 1, "the province proposes it")
                #expect(AuthorityRouting.handler(of: f, chain: after)?.id == 1)
            }
        }
        #expect(StateIssuer.of(try Self.form("huan-chuong-lao-dong-hang-ba", in: "rules-2025-nd152")) == .president)
        #expect(StateIssuer.of(try Self.form("cstd-toan-quoc", in: "rules-2025-nd152")) == .primeMinister)
        // A province form is not carried upward: the province decides it.
        let bk = try Self.form("bang-khen-ubnd-tinh", in: "rules-2025-nd152")
        #expect(!AuthorityRouting.isStateLevel(bk) && AuthorityRouting.proposer(of: bk, chain: after) == nil)
        #expect(AuthorityRouting.handler(of: bk, chain: after)?.id == 1)
    }

    @Test("A State form stops routing only when no province is in the chain; the message names it")
    func stateFormWithoutProvince() throws {
        let f = try Self.form("bang-khen-thu-tuong", in: "rules-2025-nd152")
        let withProvince = AuthorityRouting.chain(for: Self.village, on: "2025-12-10", among: Self.all)
        #expect(
            AuthorityRouting.problems(forms: [f], chain: withProvince, unitName: "Thôn 1", day: "2025-12-10").isEmpty)
        let communeOnly = AuthorityRouting.chain(for: Self.village, on: "2025-12-10", among: [Self.commune])
        let p = AuthorityRouting.problems(forms: [f], chain: communeOnly, unitName: "Thôn 1", day: "2025-12-10")
        #expect(
            p.count == 1
                && p[0].contains(
                    "Không có cấp nào phía trên Thôn 1 có thẩm quyền tặng “Bằng khen của Thủ tướng Chính phủ”")
        )
    }

    @Test("The State is a level of the rule files, not of our authorities; its awards are national")
    func stateLevel() {
        #expect(!AuthorityLevel.allCases.contains(.trungUong))
        #expect(AuthorityLevel(rawValue: "trung-uong") == .trungUong)
        #expect(
            AuthorityLevel.trungUong.label == "Nhà nước / Chính phủ"
                && AuthorityLevel.trungUong.awardLevel == "toan-quoc")
        #expect(AuthorityLevel.coQuan.awardLevel == "co-so" && AuthorityLevel.xa.awardLevel == "xa")
        #expect(StateNomineeStage.of(proposed: false, outcome: nil) == .awaitingProposal)
        #expect(StateNomineeStage.of(proposed: true, outcome: nil) == .proposed)
        #expect(StateNomineeStage.of(proposed: true, outcome: .refused) == .refused)
        let p = StateDecisionRules.dateProblems(
            day: "2025-11-01", proposalDay: "2025-11-10", today: "2025-12-01", what: "Ngày quyết định")
        #expect(p == ["Ngày quyết định không thể trước ngày tờ trình (10/11/2025)."])
        #expect(
            StateDecisionRules.dateProblems(day: "2099-01-01", proposalDay: nil, today: "2025-12-01", what: "Ngày")
                == ["Ngày không thể sau hôm nay (01/12/2025)."])
    }
}
