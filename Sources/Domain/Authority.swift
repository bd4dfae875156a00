// Conferring authorities (cấp có thẩm quyền khen thưởng): a unit whose head confers titles and awards, with its own
// Hội đồng Thi đua - Khen thưởng. Which forms an authority confers is data: each rule file's form lists the levels
// that confer it (`conferredAt`), so the same authority confers different forms before and after 01/07/2025.

/// The level of a conferring authority, as the rule files name it in `conferredAt`.
public enum AuthorityLevel: String, CaseIterable, Codable, Sendable {
    case tinh
    case huyen
    case xa
    /// The head of an agency or unit with legal personality (thủ trưởng cơ quan, đơn vị có tư cách pháp nhân).
    case coQuan = "co-quan"
    /// The State (Chủ tịch nước, Thủ tướng Chính phủ): named by the rule files only. No authority of ours has this
    /// level; the province proposes these forms upward and records the State's decision when it returns.
    case trungUong = "trung-uong"

    /// The levels an authority in our tree may have (the State is not one).
    public static var allCases: [AuthorityLevel] { [.tinh, .huyen, .xa, .coQuan] }

    public var label: String {
        switch self {
        case .tinh: return "Cấp tỉnh"
        case .huyen: return "Cấp huyện"
        case .xa: return "Cấp xã"
        case .coQuan: return "Thủ trưởng cơ quan, đơn vị"
        case .trungUong: return "Nhà nước / Chính phủ"
        }
    }

    /// The level written on an award it confers ("huyen" | "xa" | "tinh" | "co-so" | "toan-quoc").
    public var awardLevel: String {
        switch self {
        case .coQuan: return "co-so"
        case .trungUong: return "toan-quoc"
        default: return rawValue
        }
    }
}

/// How a decision is signed (Nghị định 30/2020/NĐ-CP, Phụ lục I, thể thức chữ ký): for the head directly, on the
/// head's behalf by a deputy ("KT."), or on behalf of a collective body ("TM.").
public enum SigningMode: String, CaseIterable, Codable, Sendable {
    case direct
    case kt
    case tm

    public var label: String {
        switch self {
        case .direct: return "Người đứng đầu ký"
        case .kt: return "Cấp phó ký thay (KT.)"
        case .tm: return "Thay mặt tập thể (TM.)"
        }
    }
}

/// The facts about an authority that routing and access need.
public struct AuthorityInfo: Sendable, Equatable {
    public let id: Int
    public let unitPath: UnitPath
    public let level: AuthorityLevel
    public let name: String
    /// yyyy-MM-dd; nil = open-ended.
    public let validFrom: String?
    public let validTo: String?

    public init(id: Int, unitPath: UnitPath, level: AuthorityLevel, name: String, validFrom: String?, validTo: String?)
    {
        self.id = id
        self.unitPath = unitPath
        self.level = level
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// In office on `day` (yyyy-MM-dd).
    public func active(on day: String) -> Bool {
        (validFrom.map { $0 <= day } ?? true) && (validTo.map { day <= $0 } ?? true)
    }

    /// Confers `form` under its rule set.
    public func confers(_ form: RuleForm) -> Bool { (form.conferredAt ?? []).contains(level) }
}

/// Where a dossier goes and who decides each nominee.
public enum AuthorityRouting {
    /// The authorities above and at `unit`, nearest first, in office on `day`.
    public static func chain(for unit: UnitPath, on day: String, among all: [AuthorityInfo]) -> [AuthorityInfo] {
        all.filter { $0.unitPath.contains(unit) && $0.active(on: day) }
            .sorted { $0.unitPath.depth > $1.unitPath.depth }
    }

    /// The authority that confers `form` for a unit: the nearest in the chain whose level confers it.
    public static func decider(of form: RuleForm, chain: [AuthorityInfo]) -> AuthorityInfo? {
        chain.first { $0.confers(form) }
    }

    /// A form the State confers (Chủ tịch nước, Thủ tướng Chính phủ; Luật TĐKT 2022 art. 77, 78).
    public static func isStateLevel(_ form: RuleForm) -> Bool { (form.conferredAt ?? []).contains(.trungUong) }

    /// Who carries a State form upward: the province in the chain, whose chairman proposes it to the Prime
    /// Minister (through the Bộ Nội vụ). nil for other forms, or when no province is in the chain.
    public static func proposer(of form: RuleForm, chain: [AuthorityInfo]) -> AuthorityInfo? {
        guard isStateLevel(form) else { return nil }
        return chain.first { $0.level == .tinh }
    }

    /// The last authority of ours that acts on a nominee: the one that confers its form, or for a State form the
    /// province that proposes it upward.
    public static func handler(of form: RuleForm, chain: [AuthorityInfo]) -> AuthorityInfo? {
        decider(of: form, chain: chain) ?? proposer(of: form, chain: chain)
    }

    /// The council a dossier goes to first: the nearest authority in the chain. Nominees whose form it does not
    /// confer are forwarded up after its vote.
    public static func firstCouncil(chain: [AuthorityInfo]) -> AuthorityInfo? { chain.first }

    /// The next authority above `current` in the chain: where a form `current` does not confer is forwarded.
    public static func next(above current: AuthorityInfo, chain: [AuthorityInfo]) -> AuthorityInfo? {
        chain.first { $0.unitPath.strictlyContains(current.unitPath) }
    }

    /// What stops routing a dossier: a form nobody in the chain confers (named), or no authority at all.
    public static func problems(forms: [RuleForm], chain: [AuthorityInfo], unitName: String, day: String) -> [String] {
        guard !chain.isEmpty else {
            return [
                "Chưa khai báo cấp có thẩm quyền khen thưởng nào cho \(unitName) vào ngày \(day.isoDayVietnamese); "
                    + "vui lòng khai báo trong mục Cấp khen thưởng."
            ]
        }
        var seen = Set<String>()
        return forms.compactMap { f in
            guard handler(of: f, chain: chain) == nil, seen.insert(f.code).inserted else { return nil }
            return "Không có cấp nào phía trên \(unitName) có thẩm quyền tặng “\(f.name)” (\(f.conferredBy))."
        }
    }
}

extension String {
    /// "2025-07-01" → "01/07/2025" (unchanged when not a day).
    var isoDayVietnamese: String {
        let p = split(separator: "-")
        guard p.count == 3 else { return self }
        return "\(p[2])/\(p[1])/\(p[0])"
    }
}

/// A member's place in the council (Quy chế hoạt động của Hội đồng): chair, vice-chair, standing member
/// (thường trực), secretary, member.
public enum CouncilRole: String, CaseIterable, Codable, Sendable {
    case chair
    case viceChair = "vice-chair"
    case standing
    case secretary
    case member

    public var label: String {
        switch self {
        case .chair: return "Chủ tịch Hội đồng"
        case .viceChair: return "Phó Chủ tịch Hội đồng"
        case .standing: return "Ủy viên thường trực"
        case .secretary: return "Thư ký Hội đồng"
        case .member: return "Ủy viên"
        }
    }
}
