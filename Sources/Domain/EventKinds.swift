import Foundation

/// The kinds of event the plan asks units to hold (seed §II.5: "tổ chức tham quan học tập, báo cáo kinh nghiệm";
/// §IV.7: "tổ chức sơ kết, tổng kết"). Fixed by the plan itself, so kept as an enum; each carries the words its
/// documents use.
public enum EventKind: String, CaseIterable, Codable, Sendable {
    case studyVisit = "study-visit"
    case experienceTalk = "experience-talk"
    case interimReview = "interim-review"
    case finalReview = "final-review"

    public var label: String {
        switch self {
        case .studyVisit: return "Tham quan học tập"
        case .experienceTalk: return "Báo cáo kinh nghiệm"
        case .interimReview: return "Hội nghị sơ kết"
        case .finalReview: return "Hội nghị tổng kết"
        }
    }

    /// What the invitation invites to, in a sentence ("dự buổi tham quan học tập …").
    public var invitationPhrase: String {
        switch self {
        case .studyVisit: return "tham gia buổi tham quan học tập"
        case .experienceTalk: return "dự buổi báo cáo kinh nghiệm"
        case .interimReview: return "dự Hội nghị sơ kết"
        case .finalReview: return "dự Hội nghị tổng kết"
        }
    }

    /// The seed's section that asks for it.
    public var basis: String {
        switch self {
        case .studyVisit, .experienceTalk: return "Kế hoạch, mục II.5 và IV.1"
        case .interimReview, .finalReview: return "Kế hoạch, mục IV.7"
        }
    }
}

/// Where an event stands: planned, then held or cancelled (issue 10 §4).
public enum EventStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case planned
    case held
    case cancelled

    public var label: String {
        switch self {
        case .planned: return "Dự kiến"
        case .held: return "Đã tổ chức"
        case .cancelled: return "Đã hủy"
        }
    }
}

/// A planned event is held or cancelled; a cancelled one may be planned again. A held event is history: it can
/// be neither cancelled nor un-held (its report and the honours given there stand).
public enum EventWorkflow: WorkflowTable {
    public static func targets(from: EventStatus) -> [EventStatus] {
        switch from {
        case .planned: return [.held, .cancelled]
        case .held: return []
        case .cancelled: return [.planned]
        }
    }
}

/// What an event records as a participant who is a person (free lines: name, position, unit).
public struct EventPerson: Codable, Sendable, Equatable {
    public var name: String
    public var position: String
    public var unit: String
    public init(name: String, position: String, unit: String) {
        self.name = name
        self.position = position
        self.unit = unit
    }

    /// One person a line, "Họ tên; chức vụ; đơn vị" (or separated by " - " / ","), empty lines dropped.
    public static func parseLines(_ text: String) -> [EventPerson] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = VietnameseText.clean(String(raw))
            guard !line.isEmpty else { return nil }
            let sep: String = line.contains(";") ? ";" : line.contains("|") ? "|" : ","
            let parts = line.components(separatedBy: sep).map { VietnameseText.clean($0) }
            return EventPerson(
                name: parts[0], position: parts.count > 1 ? parts[1] : "",
                unit: parts.count > 2 ? parts[2...].joined(separator: ", ") : "")
        }.filter { !$0.name.isEmpty }
    }

    public var line: String { [name, position, unit].filter { !$0.isEmpty }.joined(separator: "; ") }
}
