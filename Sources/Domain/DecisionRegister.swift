import Foundation

// The register of decisions (sổ đăng ký văn bản đi): each authority numbers its decisions and its council's minutes
// in sequence per year, in its own format ("123/QĐ-UBND"). A number is unique within the authority and kind; a
// number given by hand (a decision signed on paper first) is checked against the register.

/// What a register entry numbers.
public enum DecisionKind: String, CaseIterable, Codable, Sendable {
    /// A commendation decision (quyết định khen thưởng).
    case decision
    /// The council's minutes (biên bản họp Hội đồng).
    case minutes

    public var label: String { self == .decision ? "Quyết định" : "Biên bản" }
}

/// A decision's life: issued, then possibly withdrawn or replaced by a correcting decision.
public enum DecisionStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case issued
    case withdrawn
    case corrected

    public var label: String {
        switch self {
        case .issued: return "Đã ban hành"
        case .withdrawn: return "Đã thu hồi"
        case .corrected: return "Đã được đính chính, thay thế"
        }
    }
}

public enum DecisionWorkflow: WorkflowTable {
    public static func targets(from: DecisionStatus) -> [DecisionStatus] {
        switch from {
        case .issued: return [.withdrawn, .corrected]
        case .withdrawn, .corrected: return []
        }
    }
}

/// A number already in the register, for the uniqueness check.
public struct RegisteredNumber: Sendable, Equatable {
    public let id: Int
    public let number: String
    /// yyyy-MM-dd
    public let day: String
    public let summary: String

    public init(id: Int, number: String, day: String, summary: String) {
        self.id = id
        self.number = number
        self.day = day
        self.summary = summary
    }
}

public enum DecisionRegister {
    /// The format's placeholder for the sequence number.
    public static let placeholder = "{n}"

    /// "{n}/QĐ-UBND" with 12 → "12/QĐ-UBND"; "{year}" is replaced by the year. A format without "{n}" gets the
    /// number in front ("12/…").
    public static func format(_ format: String, seq: Int, year: Int) -> String {
        let f = VietnameseText.clean(format).replacingOccurrences(of: "{year}", with: String(year))
        guard f.contains(placeholder) else { return "\(seq)/" + f }
        return f.replacingOccurrences(of: placeholder, with: String(seq))
    }

    /// The next sequence number after those used this year.
    public static func next(after used: [Int]) -> Int { (used.max() ?? 0) + 1 }

    /// A number typed by hand, normalised so that the same number is written one way: NFC, no inner spaces
    /// around "/" and "-", letters in capitals ("120 / qđ-ubnd" → "120/QĐ-UBND"), leading zeros dropped from the
    /// sequence. Nil when it does not start with a number.
    public static func normalise(_ raw: String) -> String? {
        var s = VietnameseText.clean(raw)
        for sep in ["/", "-"] {
            while s.contains(" " + sep) { s = s.replacingOccurrences(of: " " + sep, with: sep) }
            while s.contains(sep + " ") { s = s.replacingOccurrences(of: sep + " ", with: sep) }
        }
        s = s.uppercased(with: Locale(identifier: "vi_VN"))
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let n = Int(digits), n > 0 else { return nil }
        return String(n) + s.dropFirst(digits.count)
    }

    /// The sequence a number holds in the format: "12/QĐ-UBND" in "{n}/QĐ-UBND" → 12; nil when it does not
    /// follow the format (then it takes no place in the sequence).
    public static func sequence(of number: String, format: String, year: Int) -> Int? {
        let f = VietnameseText.clean(format).replacingOccurrences(of: "{year}", with: String(year))
            .uppercased(with: Locale(identifier: "vi_VN"))
        guard let range = f.range(of: placeholder.uppercased()) else { return nil }
        let prefix = String(f[..<range.lowerBound])
        let suffix = String(f[range.upperBound...])
        guard number.hasPrefix(prefix), number.hasSuffix(suffix), number.count > prefix.count + suffix.count else {
            return nil
        }
        let middle = number.dropFirst(prefix.count).dropLast(suffix.count)
        guard middle.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(middle)
    }

    /// The refusal of a number the authority already used for the same kind, naming the document that holds it.
    public static func duplicate(_ number: String, kind: DecisionKind, among used: [RegisteredNumber]) -> String? {
        guard let other = used.first(where: { $0.number == number }) else { return nil }
        return "Số \(number) đã được dùng cho \(kind.label.lowercased()) ngày \(other.day.isoDayVietnamese)"
            + (other.summary.isEmpty ? "" : " (\(other.summary))")
            + " trong sổ đăng ký của cơ quan; vui lòng dùng số khác hoặc để trống để hệ thống cấp số tiếp theo."
    }

    /// What is wrong with a decision date: before the council meeting, after today, or before the achievement year.
    public static func dateProblems(day: String, meetingDay: String?, today: String, achievementYear: Int) -> [String] {
        var out: [String] = []
        if day > today {
            out.append("Ngày quyết định không thể sau hôm nay (\(today.isoDayVietnamese)).")
        }
        if let meetingDay, day < meetingDay {
            out.append(
                "Ngày quyết định (\(day.isoDayVietnamese)) không thể trước ngày họp Hội đồng (\(meetingDay.isoDayVietnamese))."
            )
        }
        if day < "\(achievementYear)-01-01" {
            out.append("Ngày quyết định không thể trước năm thành tích \(achievementYear).")
        }
        return out
    }

    /// The year a register entry belongs to: the year of its day.
    public static func year(of day: String) -> Int? { Int(day.prefix(4)) }
}

/// Whether an award stands: a withdrawn decision withdraws its awards, which stay in the history.
public enum AwardStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case valid
    case withdrawn

    public var label: String { self == .valid ? "Còn hiệu lực" : "Đã thu hồi" }
}

public enum AwardWorkflow: WorkflowTable {
    public static func targets(from: AwardStatus) -> [AwardStatus] { from == .valid ? [.withdrawn] : [] }
}
