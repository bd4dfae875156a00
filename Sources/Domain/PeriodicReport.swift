import Foundation

// The periodic report of a programme to the level above (seed §IV.7: Phòng Nội vụ "tham mưu thực hiện kịp thời chế
// độ thông tin báo cáo tình hình triển khai thực hiện về Sở Nội vụ"; §IV.1: every agency and commune keeps a "chế độ
// thông tin báo cáo" of its own): an interim report (sơ kết) for a chosen period, six months by default, and an annual
// report (tổng kết). Its narrative is written by the standing office; its numbers come from the monitoring query.

/// Which report: interim (sơ kết) or annual (tổng kết).
public enum PeriodicReportKind: String, CaseIterable, Codable, Sendable {
    case interim
    case annual

    public var label: String { self == .interim ? "Báo cáo sơ kết" : "Báo cáo tổng kết" }
    /// The words of the title ("Sơ kết 6 tháng đầu năm 2025…").
    public var verb: String { self == .interim ? "Sơ kết" : "Tổng kết" }
}

/// One narrative section of the report, in the order written (the usual outline of a sơ kết / tổng kết report).
public struct PeriodicReportSection: Sendable, Equatable {
    public let key: String
    /// The heading in the document ("I. ĐẶC ĐIỂM TÌNH HÌNH").
    public let heading: String
    /// What to write there, shown under the field.
    public let hint: String

    public static let all: [PeriodicReportSection] = [
        .init(
            key: "situation", heading: "I. ĐẶC ĐIỂM TÌNH HÌNH",
            hint: "Thuận lợi, khó khăn; việc ban hành kế hoạch, hướng dẫn triển khai trong kỳ."),
        .init(
            key: "results", heading: "II. KẾT QUẢ ĐẠT ĐƯỢC",
            hint: "Kết quả xây dựng, bồi dưỡng, nhân rộng, tuyên truyền điển hình; số liệu chi tiết ở các phụ lục."),
        .init(
            key: "shortcomings", heading: "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
            hint: "Những việc chưa làm được và nguyên nhân khách quan, chủ quan."),
        .init(
            key: "directions", heading: "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            hint: "Nhiệm vụ, giải pháp của kỳ tiếp theo."),
        .init(
            key: "proposals", heading: "V. ĐỀ XUẤT, KIẾN NGHỊ",
            hint: "Đề xuất, kiến nghị với cấp trên (Sở Nội vụ, Ủy ban nhân dân tỉnh)."),
    ]
}

public enum PeriodicReportRules {
    /// The longest period one report may cover (a plan period of five years).
    public static let maxDays = 5 * 366

    /// The default period: the first six months of the year for an interim report, the calendar year for an annual
    /// one (the plan's reports follow the calendar year; the statistics period 01/12–30/11 of Thông tư 02/2023/TT-BNV
    /// applies to the statistical forms, not to this report — cần xác minh with Sở Nội vụ's guidance).
    public static func defaultPeriod(_ kind: PeriodicReportKind, year: Int) -> (from: String, to: String) {
        kind == .interim ? ("\(year)-01-01", "\(year)-06-30") : ("\(year)-01-01", "\(year)-12-31")
    }

    /// The period as a title says it: "6 tháng đầu năm 2025", "năm 2025", or "từ 01/03/2025 đến 31/08/2025".
    public static func periodPhrase(from: String, to: String) -> String {
        let y = String(from.prefix(4))
        if from == "\(y)-01-01" && to == "\(y)-06-30" { return "6 tháng đầu năm \(y)" }
        if from == "\(y)-01-01" && to == "\(y)-12-31" { return "năm \(y)" }
        if from == "\(y)-07-01" && to == "\(y)-12-31" { return "6 tháng cuối năm \(y)" }
        return "từ ngày \(from.isoDayVietnamese) đến ngày \(to.isoDayVietnamese)"
    }

    /// The default summary (trích yếu) of the title.
    public static func defaultSummary(_ kind: PeriodicReportKind, from: String, to: String) -> String {
        "\(kind.verb) công tác xây dựng, nhân rộng điển hình tiên tiến \(periodPhrase(from: from, to: to))"
    }

    /// What is wrong with a period and a report day (all yyyy-MM-dd, already valid days); empty when fine.
    public static func problems(from: String, to: String, day: String?, today: String) -> [(String, String)] {
        var out: [(String, String)] = []
        if from > to {
            out.append(("periodTo", "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu (\(from.isoDayVietnamese))."))
        } else if let a = isoDate(from), let b = isoDate(to), b.timeIntervalSince(a) > Double(maxDays) * 86400 {
            out.append(("periodTo", "Một báo cáo bao quát tối đa 5 năm; vui lòng chọn kỳ ngắn hơn."))
        }
        if let day {
            if day > today {
                out.append(("day", "Ngày báo cáo không thể sau hôm nay (\(today.isoDayVietnamese))."))
            } else if day < from {
                out.append(("day", "Ngày báo cáo không thể trước ngày bắt đầu kỳ báo cáo (\(from.isoDayVietnamese))."))
            }
        }
        return out
    }

    /// "Nơi nhận" as typed, one a line: cleaned, empty lines dropped, the list's own punctuation trimmed.
    public static func recipients(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map {
            VietnameseText.clean(String($0)).trimmingCharacters(in: CharacterSet(charactersIn: "-–;.,  "))
        }.filter { !$0.isEmpty }
    }

    /// The recipients a new report starts with: the level above, the own authority, the file copy.
    public static func defaultRecipients(upper: String, issuer: String, standingUnit: String) -> String {
        var lines = [upper + " (b/c)"]
        if !issuer.isEmpty && issuer != standingUnit { lines.append("Thường trực " + issuer + " (b/c)") }
        lines.append("Lưu: VT, " + (standingUnit.isEmpty ? "NV" : standingUnit))
        return lines.joined(separator: "\n")
    }

    private static func isoDate(_ s: String) -> Date? {
        let p = s.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? .current
        return c.date(from: DateComponents(year: p[0], month: p[1], day: p[2]))
    }
}
