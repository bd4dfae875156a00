import Foundation

// "Một hình thức khen thưởng có thể tặng nhiều lần cho một đối tượng; không khen thưởng nhiều lần, nhiều hình thức
// cho một thành tích đạt được" (Luật Thi đua, khen thưởng 2022, art. 5(2)(c)). An achievement is (subject, period,
// kind of achievement); it holds at most one form, whether awarded or proposed, at any level, in any dossier.

// MARK: - Award kinds

/// The kind of commendation an award or a proposal belongs to. Results of ad-hoc and thematic commendation are not
/// a basis for proposing higher regular commendation (NĐ 98/2023 art. 4(3), kept by NĐ 152/2025).
public enum AwardKind: String, CaseIterable, Codable, Sendable {
    /// Thường xuyên: for the year's (or period's) work, by merit.
    case regular = "thuong-xuyen"
    /// Đột xuất: an achievement outside the plan (NĐ 98 art. 3(3)).
    case adHoc = "dot-xuat"
    /// Theo chuyên đề (theo đợt): at the end of a thematic movement.
    case thematic = "chuyen-de"
    /// Quá trình cống hiến.
    case dedication = "cong-hien"
    /// Đối ngoại.
    case foreign = "doi-ngoai"

    public var label: String {
        switch self {
        case .regular: return "Thường xuyên"
        case .adHoc: return "Đột xuất"
        case .thematic: return "Chuyên đề"
        case .dedication: return "Quá trình cống hiến"
        case .foreign: return "Đối ngoại"
        }
    }

    /// The kinds that count toward higher regular forms when a rule set lists none.
    public static let defaultCountsTowardHigher: [AwardKind] = [.regular]

    /// A kind typed in a form or an import: its code, or its label (diacritics ignored); empty = regular.
    public init?(text: String) {
        let t = VietnameseText.fold(text)
        if t.isEmpty {
            self = .regular
            return
        }
        guard let k = AwardKind.allCases.first(where: { $0.rawValue == t || VietnameseText.fold($0.label) == t })
        else { return nil }
        self = k
    }
}

// MARK: - Achievements

/// One achievement: who, which year's (or period's) work, and what kind of achievement.
public struct Achievement: Hashable, Sendable {
    public var subjectID: Int
    /// The year the achievement period ends in.
    public var year: Int
    /// For a title (danh hiệu thi đua): "danh-hieu:<form code>", since each title has its own standard and a
    /// person may hold LĐTT and CSTĐ cơ sở for one year. For a form (hình thức khen thưởng): the award kind's code.
    public var kind: String

    public init(subjectID: Int, year: Int, kind: String) {
        self.subjectID = subjectID
        self.year = year
        self.kind = kind
    }

    /// The achievement a form is given (or proposed) for.
    public init(subjectID: Int, year: Int, formCode: String, isTitle: Bool, awardKind: AwardKind) {
        self.init(subjectID: subjectID, year: year, kind: isTitle ? "danh-hieu:" + formCode : awardKind.rawValue)
    }

    /// As stored in `achievement_key`: "12|2024|thuong-xuyen".
    public var key: String { "\(subjectID)|\(year)|\(kind)" }
}

/// What already holds an achievement: a valid award, or a live proposal in a dossier.
public struct AchievementClaim: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A valid award: its decision number and the level that gave it.
        case award(id: Int, decisionNumber: String, level: String)
        /// A nominee of a dossier, not withdrawn and not ended without an award.
        case proposal(nomineeID: Int, dossierID: Int)
    }
    public var key: String
    public var formCode: String
    public var formName: String
    public var year: Int
    public var source: Source

    public init(key: String, formCode: String, formName: String, year: Int, source: Source) {
        self.key = key
        self.formCode = formCode
        self.formName = formName
        self.year = year
        self.source = source
    }
}

public enum OneAchievementOneForm {
    public static let article = "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2 điểm c"
    public static let wording = "không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được"

    /// The claims that stop `achievement` from taking a form: every award or live proposal on the same achievement,
    /// except the proposals in `ignoring` (the nominee being decided, and the lower nominees it was forwarded from).
    public static func conflicts(_ achievement: Achievement, claims: [AchievementClaim], ignoring: Set<Int> = [])
        -> [AchievementClaim]
    {
        claims.filter { c in
            guard c.key == achievement.key else { return false }
            if case .proposal(let nid, _) = c.source, ignoring.contains(nid) { return false }
            return true
        }
    }

    /// The refusal, quoting the article and naming what already holds the achievement.
    public static func reason(formName: String, year: Int, conflict c: AchievementClaim) -> String {
        let holder: String
        switch c.source {
        case .award(_, let number, _):
            holder = "đã được khen thưởng “\(c.formName)” (Quyết định số \(number))"
        case .proposal(_, let dossierID):
            holder = "đang được đề nghị “\(c.formName)” trong hồ sơ số \(dossierID)"
        }
        let replace: String
        if case .proposal = c.source {
            replace =
                " Muốn đề nghị hình thức cao hơn, đơn vị rút đề nghị “\(c.formName)” (ghi rõ lý do) rồi đề nghị lại."
        } else {
            replace = ""
        }
        return "Thành tích năm \(year) \(holder); không đề nghị thêm “\(formName)” cho cùng thành tích: "
            + "“\(wording)” (\(article))." + replace
    }
}

// MARK: - Initiatives used once

/// An earlier use of an initiative or research topic as the basis of an award or a proposal.
public struct InitiativeUse: Sendable, Equatable {
    public var initiativeID: Int
    public var initiativeTitle: String
    public var formName: String
    public var year: Int
    /// The decision number when an award holds it; nil while only proposed.
    public var decisionNumber: String?
    public var dossierID: Int?
    public var nomineeID: Int?

    public init(
        initiativeID: Int, initiativeTitle: String, formName: String, year: Int, decisionNumber: String?,
        dossierID: Int?, nomineeID: Int?
    ) {
        self.initiativeID = initiativeID
        self.initiativeTitle = initiativeTitle
        self.formName = formName
        self.year = year
        self.decisionNumber = decisionNumber
        self.dossierID = dossierID
        self.nomineeID = nomineeID
    }
}

public enum InitiativeReuse {
    /// Source of the rule; the text of the dispatch was not found by the project, so the UI says "cần xác minh".
    public static let basis = "Công văn 5007/BNV-TĐKT (cần xác minh)"

    /// The earlier uses of any of `initiativeIDs`, except those of the nominees in `ignoring`.
    public static func conflicts(_ initiativeIDs: [Int], uses: [InitiativeUse], ignoring: Set<Int> = [])
        -> [InitiativeUse]
    {
        let wanted = Set(initiativeIDs)
        return uses.filter { u in
            wanted.contains(u.initiativeID) && !(u.nomineeID.map { ignoring.contains($0) } ?? false)
        }
    }

    /// "Sáng kiến “…” đã dùng làm căn cứ cho Giấy khen năm 2024 (Quyết định số 12/QĐ-UBND)…"
    public static func reason(_ u: InitiativeUse) -> String {
        let earlier =
            u.decisionNumber.map { "“\(u.formName)” năm \(u.year) (Quyết định số \($0))" }
            ?? "đề nghị “\(u.formName)” năm \(u.year) (hồ sơ số \(u.dossierID ?? 0))"
        return "Sáng kiến, đề tài “\(u.initiativeTitle)” đã được dùng làm căn cứ cho \(earlier); "
            + "mỗi sáng kiến chỉ làm căn cứ xét khen thưởng một lần (\(basis))."
    }

    /// The initiatives (id, scope, year) the engine may count for a new title: those not yet used.
    public static func unused<T>(_ items: [T], id: (T) -> Int, used: Set<Int>) -> [T] {
        items.filter { !used.contains(id($0)) }
    }
}

// MARK: - Award kinds in the engine

extension RuleSet {
    /// The award kinds whose results count toward higher regular forms (`countsTowardHigher` in the rule file).
    public var kindsCountingTowardHigher: Set<AwardKind> {
        Set(countsTowardHigher ?? AwardKind.defaultCountsTowardHigher)
    }

    /// Whether an award of `kind` counts in consecutive-award checks for higher regular forms.
    public func countsTowardHigher(_ kind: AwardKind) -> Bool { kindsCountingTowardHigher.contains(kind) }
}
