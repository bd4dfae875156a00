// State-level forms (Bằng khen của Thủ tướng Chính phủ, Chiến sĩ thi đua toàn quốc, Huân chương): the province's
// council passes them, its chairman proposes them upward by a tờ trình (to the Prime Minister, through the Bộ Nội
// vụ), and the State's decision is recorded against each nominee when it comes back.

/// Who decides a State-level form (Luật TĐKT 2022 art. 77: Chủ tịch nước, huân chương; art. 78(2): Thủ tướng
/// Chính phủ, “Chiến sĩ thi đua toàn quốc” and “Bằng khen của Thủ tướng Chính phủ”).
public enum StateIssuer: String, CaseIterable, Codable, Sendable {
    case president = "chu-tich-nuoc"
    case primeMinister = "thu-tuong"

    public var label: String {
        switch self {
        case .president: return "Chủ tịch nước"
        case .primeMinister: return "Thủ tướng Chính phủ"
        }
    }

    public var article: String {
        switch self {
        case .president: return "Luật TĐKT 2022 art. 77"
        case .primeMinister: return "Luật TĐKT 2022 art. 78(2)"
        }
    }

    /// The issuer a form's rule names in `conferredBy`, when it is one of these.
    public static func of(_ form: RuleForm) -> StateIssuer? { allCases.first { $0.label == form.conferredBy } }
}

/// What the State decided for a proposed nominee.
public enum StateOutcome: String, CaseIterable, Codable, Sendable {
    case granted
    case refused

    public var label: String {
        switch self {
        case .granted: return "Được khen thưởng"
        case .refused: return "Không được khen thưởng"
        }
    }
}

/// Where a State-level nominee stands after its province's council passed it.
public enum StateNomineeStage: String, CaseIterable, Sendable {
    case awaitingProposal = "awaiting-proposal"
    case proposed
    case granted
    case refused

    public var label: String {
        switch self {
        case .awaitingProposal: return "Chờ trình cấp Nhà nước"
        case .proposed: return "Đã trình cấp Nhà nước"
        case .granted: return "Nhà nước đã khen thưởng"
        case .refused: return "Không được khen thưởng"
        }
    }

    public static func of(proposed: Bool, outcome: StateOutcome?) -> StateNomineeStage {
        if let outcome { return outcome == .granted ? .granted : .refused }
        return proposed ? .proposed : .awaitingProposal
    }
}

public enum StateDecisionRules {
    /// What is wrong with the day of a tờ trình or of a State decision (yyyy-MM-dd): after today, or a decision
    /// before the proposal it answers.
    public static func dateProblems(day: String, proposalDay: String?, today: String, what: String) -> [String] {
        var out: [String] = []
        if day > today { out.append("\(what) không thể sau hôm nay (\(today.isoDayVietnamese)).") }
        if let proposalDay, day < proposalDay {
            out.append("\(what) không thể trước ngày tờ trình (\(proposalDay.isoDayVietnamese)).")
        }
        return out
    }
}
