import Foundation

/// The kinds of outlet a coverage can appear in (Resources/Catalogues/media-outlets.json): radio, television, print,
/// online press and websites, social networks, the commune loudspeaker system. Kept as data with its legal basis.
public struct MediaOutletKinds: Sendable, Codable, Equatable {
    public struct Kind: Sendable, Codable, Equatable {
        public let code: String
        public let label: String
        public init(code: String, label: String) {
            self.code = code
            self.label = label
        }
    }
    public let version: String
    public let legalBasis: String
    public let kinds: [Kind]

    public init(version: String, legalBasis: String, kinds: [Kind]) {
        self.version = version
        self.legalBasis = legalBasis
        self.kinds = kinds
    }

    public static func decode(_ data: Data) throws -> MediaOutletKinds {
        try JSONDecoder().decode(MediaOutletKinds.self, from: data)
    }

    public static let empty = MediaOutletKinds(version: "", legalBasis: "", kinds: [])

    public func kind(_ code: String) -> Kind? { kinds.first { $0.code == code } }
    public func label(_ code: String) -> String { kind(code)?.label ?? code }
}

/// One coverage as typed, before it is stored.
public struct MediaEntryDraft: Sendable, Equatable {
    public var outletKind: String
    public var outletName: String
    /// dd/mm/yyyy as typed.
    public var date: String
    public var link: String
    public var note: String
    public var title: String

    public init(outletKind: String, outletName: String, date: String, link: String, note: String, title: String) {
        self.outletKind = outletKind
        self.outletName = outletName
        self.date = date
        self.link = link
        self.note = note
        self.title = title
    }
}

/// The rules of the media log: what a coverage must carry, and which evaluation period it counts toward.
public enum MediaLogRules {
    /// A link is kept only as http or https (no javascript:, data:, file: — it is shown as a link).
    public static func isSafeLink(_ s: String) -> Bool {
        guard s.count <= 1000, !s.contains(where: { $0.isWhitespace }),
            let c = URLComponents(string: s), let scheme = c.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty
        else { return false }
        return true
    }

    /// Checks a coverage; returns the date as ISO (yyyy-mm-dd) when everything is valid.
    public static func validate(_ d: MediaEntryDraft, kinds: MediaOutletKinds, errors e: inout FieldErrors)
        -> String?
    {
        if kinds.kind(d.outletKind) == nil {
            e.add("outletKind", "Vui lòng chọn loại kênh (đài phát thanh, truyền hình, báo in, báo điện tử…).")
        }
        Check.required(d.outletName, "outletName", "Tên cơ quan báo chí, kênh", max: 200, into: &e)
        Check.required(d.title, "title", "Tiêu đề tin, bài, chương trình", max: 300, into: &e)
        let iso = isoDate(d.date)
        if d.date.isEmpty {
            e.add("date", "Ngày đăng, phát không được để trống (dd/mm/yyyy).")
        } else if iso == nil {
            e.add("date", "Ngày đăng, phát phải có dạng dd/mm/yyyy, ví dụ 15/03/2025.")
        }
        if d.link.isEmpty && d.note.isEmpty {
            e.add("link", "Ghi đường dẫn tới tin, bài hoặc ghi chú về buổi phát (một trong hai).")
        } else if !d.link.isEmpty && !isSafeLink(d.link) {
            e.add("link", "Đường dẫn phải bắt đầu bằng http:// hoặc https://, ví dụ https://baokontum.com.vn/….")
        }
        if d.note.count > 2000 { e.add("note", "Ghi chú tối đa 2000 ký tự.") }
        return e.isEmpty ? iso : nil
    }

    /// The period an evaluation covers, for counting coverage (ISO dates, both ends included): from the day after
    /// the registration's previous evaluation (or 1 January of the registration year) to the evaluation's date.
    public static func evaluationWindow(year: Int, previousEvaluation: String?, evaluationDate: String)
        -> (from: String, to: String)
    {
        let start = String(format: "%04d-01-01", year)
        var from = start
        if let prev = previousEvaluation, prev >= start, prev < evaluationDate, let next = dayAfter(prev) {
            from = next
        }
        return (from, evaluationDate)
    }

    /// dd/mm/yyyy → yyyy-mm-dd, or nil.
    public static func isoDate(_ text: String) -> String? {
        guard let d = VietnameseDate.parse(text) else { return nil }
        let p = VietnameseDate.format(d).split(separator: "/")
        guard p.count == 3 else { return nil }
        return "\(p[2])-\(p[1])-\(p[0])"
    }

    static func dayAfter(_ iso: String) -> String? {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let f = DateFormatter()
        f.calendar = c
        f.timeZone = c.timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        guard let d = f.date(from: iso), let n = c.date(byAdding: .day, value: 1, to: d) else { return nil }
        return f.string(from: n)
    }

    /// "Số lần được tuyên truyền trong kỳ: 3 (đài, báo, loa…)"
    public static func influenceLine(count: Int) -> String {
        "Số lần được tuyên truyền trong kỳ: \(count) (đài, báo, loa…)"
    }
}
