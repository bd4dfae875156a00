import Foundation

// Certificates (giấy khen, bằng khen) printed on an office's own pre-printed blanks: where each field of an award
// goes on the sheet, in millimetres from the sheet's top left corner, and the checks a layout must pass.

/// A field printed on a certificate.
public enum CertificateField: String, CaseIterable, Codable, Sendable {
    case name, title, achievement, form, decisionNumber, decisionDate, placeDate, signer

    public var label: String {
        switch self {
        case .name: return "Họ tên (tên tập thể)"
        case .title: return "Chức vụ, đơn vị"
        case .achievement: return "Thành tích"
        case .form: return "Hình thức khen thưởng"
        case .decisionNumber: return "Số quyết định"
        case .decisionDate: return "Ngày quyết định"
        case .placeDate: return "Địa danh, ngày tháng"
        case .signer: return "Người ký"
        }
    }
}

public enum PaperSize: String, CaseIterable, Codable, Sendable {
    case a4, a3

    public var label: String { self == .a4 ? "A4" : "A3" }
    /// Portrait width and height in mm (ISO 216).
    public var portrait: (width: Double, height: Double) { self == .a4 ? (210, 297) : (297, 420) }
}

public enum PaperOrientation: String, CaseIterable, Codable, Sendable {
    case portrait, landscape

    public var label: String { self == .portrait ? "Khổ dọc" : "Khổ ngang" }
}

public enum CertificateAlign: String, CaseIterable, Codable, Sendable {
    case left, center, right

    public var label: String {
        switch self {
        case .left: return "Trái"
        case .center: return "Giữa"
        case .right: return "Phải"
        }
    }
}

/// Where one field goes: its box's top left corner and width in mm, its font size in points, alignment and weight.
public struct FieldPlacement: Codable, Equatable, Sendable {
    /// False: the blank already carries it (a pre-printed "GIẤY KHEN"), nothing is printed.
    public var printed: Bool
    public var x: Double
    public var y: Double
    public var width: Double
    public var fontSize: Double
    public var align: CertificateAlign
    public var bold: Bool

    public init(
        printed: Bool = true, x: Double, y: Double, width: Double, fontSize: Double, align: CertificateAlign,
        bold: Bool = false
    ) {
        self.printed = printed
        self.x = x
        self.y = y
        self.width = width
        self.fontSize = fontSize
        self.align = align
        self.bold = bold
    }
}

/// Every field's placement. Decoding needs every field (a stored value missing one does not decode).
public struct CertificateFieldSet: Codable, Equatable, Sendable {
    public var name: FieldPlacement
    public var title: FieldPlacement
    public var achievement: FieldPlacement
    public var form: FieldPlacement
    public var decisionNumber: FieldPlacement
    public var decisionDate: FieldPlacement
    public var placeDate: FieldPlacement
    public var signer: FieldPlacement

    public subscript(_ f: CertificateField) -> FieldPlacement {
        get {
            switch f {
            case .name: return name
            case .title: return title
            case .achievement: return achievement
            case .form: return form
            case .decisionNumber: return decisionNumber
            case .decisionDate: return decisionDate
            case .placeDate: return placeDate
            case .signer: return signer
            }
        }
        set {
            switch f {
            case .name: name = newValue
            case .title: title = newValue
            case .achievement: achievement = newValue
            case .form: form = newValue
            case .decisionNumber: decisionNumber = newValue
            case .decisionDate: decisionDate = newValue
            case .placeDate: placeDate = newValue
            case .signer: signer = newValue
            }
        }
    }
}

/// One blank's layout: its paper, the forms it serves and each field's place.
public struct CertificateLayout: Equatable, Sendable {
    public var name: String
    public var paper: PaperSize
    public var orientation: PaperOrientation
    /// The form codes it is for; empty: every form.
    public var formCodes: [String]
    /// The achievement line; "{ky}" stands for the award's period ("năm 2024").
    public var achievement: String
    public var fields: CertificateFieldSet

    public init(
        name: String, paper: PaperSize, orientation: PaperOrientation, formCodes: [String], achievement: String,
        fields: CertificateFieldSet
    ) {
        self.name = name
        self.paper = paper
        self.orientation = orientation
        self.formCodes = formCodes
        self.achievement = achievement
        self.fields = fields
    }

    public var width: Double { orientation == .portrait ? paper.portrait.width : paper.portrait.height }
    public var height: Double { orientation == .portrait ? paper.portrait.height : paper.portrait.width }

    public func applies(toForm code: String) -> Bool { formCodes.isEmpty || formCodes.contains(code) }

    public static let defaultAchievement = "Đã có thành tích xuất sắc trong phong trào thi đua {ky}."
    public static let fontRange: ClosedRange<Double> = 6...72
    public static let minimumWidth: Double = 5

    /// A starting layout for a blank: the usual places on an A4 landscape giấy khen, scaled to the paper.
    public static func standard(
        name: String = "Giấy khen mẫu chung", paper: PaperSize = .a4, orientation: PaperOrientation = .landscape
    ) -> CertificateLayout {
        var l = CertificateLayout(
            name: name, paper: paper, orientation: orientation, formCodes: [], achievement: defaultAchievement,
            fields: CertificateFieldSet(
                name: .init(x: 20, y: 85, width: 257, fontSize: 24, align: .center, bold: true),
                title: .init(x: 20, y: 100, width: 257, fontSize: 14, align: .center),
                achievement: .init(x: 30, y: 112, width: 237, fontSize: 14, align: .center),
                form: .init(x: 20, y: 62, width: 257, fontSize: 28, align: .center, bold: true),
                decisionNumber: .init(x: 30, y: 160, width: 100, fontSize: 12, align: .left),
                decisionDate: .init(x: 30, y: 167, width: 100, fontSize: 12, align: .left),
                placeDate: .init(x: 160, y: 150, width: 117, fontSize: 13, align: .center),
                signer: .init(x: 160, y: 185, width: 117, fontSize: 14, align: .center, bold: true)))
        let sx = l.width / 297
        let sy = l.height / 210
        let sf = min(sx, sy)
        for f in CertificateField.allCases {
            var p = l.fields[f]
            p.x = (p.x * sx).rounded()
            p.y = (p.y * sy).rounded()
            p.width = (p.width * sx).rounded(.down)
            p.fontSize = max(fontRange.lowerBound, (p.fontSize * sf).rounded())
            l.fields[f] = p
        }
        return l
    }

    /// The height of one line of a field, in mm (1 pt = 25,4/72 mm).
    public static func lineHeight(_ fontSize: Double) -> Double { fontSize * 25.4 / 72 }

    /// Every problem, by form field ("name_x", "forms"…), in Vietnamese. `knownForms`: the form codes a layout may
    /// name (empty: not checked).
    public func problems(knownForms: Set<String> = []) -> FieldErrors {
        var e = FieldErrors()
        Check.required(name, "name", "Tên mẫu", max: 120, into: &e)
        Check.optional(achievement, "achievement", "Lời văn thành tích", max: 400, into: &e)
        if !knownForms.isEmpty, let unknown = formCodes.first(where: { !knownForms.contains($0) }) {
            e.add("forms", "Không có hình thức khen thưởng mã “\(unknown)” trong quy định; vui lòng chọn lại.")
        }
        let w = width
        let h = height
        for f in CertificateField.allCases {
            let p = fields[f]
            let key = f.rawValue
            let label = "“\(f.label)”"
            guard [p.x, p.y, p.width, p.fontSize].allSatisfy(\.isFinite) else {
                e.add(key + "_x", "\(label): các số đo phải là số hữu hạn.")
                continue
            }
            if !Self.fontRange.contains(p.fontSize) {
                e.add(key + "_size", "\(label): cỡ chữ từ 6 đến 72 pt (đang là \(Self.number(p.fontSize)) pt).")
            }
            if p.x < 0 || p.x >= w {
                e.add(
                    key + "_x", "\(label): lề trái (x) phải từ 0 đến dưới \(Self.number(w)) mm (chiều ngang khổ giấy).")
            }
            if p.y < 0 || p.y >= h {
                e.add(key + "_y", "\(label): lề trên (y) phải từ 0 đến dưới \(Self.number(h)) mm (chiều cao khổ giấy).")
            }
            if p.width < Self.minimumWidth {
                e.add(key + "_width", "\(label): chiều rộng ô chữ tối thiểu 5 mm.")
            } else if p.x >= 0, p.x < w, p.x + p.width > w {
                e.add(
                    key + "_width",
                    "\(label): ô chữ vượt quá mép phải khổ giấy (x + rộng = \(Self.number(p.x + p.width)) mm, "
                        + "khổ giấy rộng \(Self.number(w)) mm); hãy giảm chiều rộng hoặc lề trái.")
            }
            if p.y >= 0, p.y < h, Self.fontRange.contains(p.fontSize), p.y + Self.lineHeight(p.fontSize) > h {
                e.add(
                    key + "_y",
                    "\(label): dòng chữ vượt quá mép dưới khổ giấy (y = \(Self.number(p.y)) mm, "
                        + "khổ giấy cao \(Self.number(h)) mm); hãy giảm lề trên hoặc cỡ chữ.")
            }
        }
        return e
    }

    /// "25,5": a measurement as the office writes it.
    public static func number(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e12 else { return "?" }
        let rounded = (v * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded).replacingOccurrences(of: ".", with: ",")
    }

    /// Reads a measurement typed in a form: "25", "25,5" or "25.5".
    public static func parseNumber(_ raw: String) -> Double? {
        let s = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        // Bounded: no blank is a metre wide, and the messages print the number.
        guard !s.isEmpty, s.count <= 12, let v = Double(s), v.isFinite, abs(v) <= 10_000 else { return nil }
        return v
    }

    /// A layout from a form's strings: "name", "paper", "orientation", "achievement", `forms`, and for each field
    /// "<field>_x", "_y", "_width", "_size", "_align", "_bold", "_printed" (a checkbox: present means on).
    /// Numbers that do not read and an unknown paper or alignment are named; the rest is `problems`.
    public static func parse(_ form: [String: String], forms: [String], knownForms: Set<String> = [])
        -> (layout: CertificateLayout?, errors: FieldErrors)
    {
        var e = FieldErrors()
        let paper = PaperSize(rawValue: form["paper"] ?? "")
        if paper == nil { e.add("paper", "Vui lòng chọn khổ giấy A4 hoặc A3.") }
        let orientation = PaperOrientation(rawValue: form["orientation"] ?? "")
        if orientation == nil { e.add("orientation", "Vui lòng chọn khổ dọc hoặc khổ ngang.") }
        var fields = standard().fields
        for f in CertificateField.allCases {
            let key = f.rawValue
            let label = "“\(f.label)”"
            var p = fields[f]
            for (suffix, what, unit) in [
                ("x", "Lề trái (x)", "mm"), ("y", "Lề trên (y)", "mm"), ("width", "Chiều rộng", "mm"),
                ("size", "Cỡ chữ", "pt"),
            ] {
                let raw = form["\(key)_\(suffix)"] ?? ""
                guard let v = parseNumber(raw) else {
                    e.add(
                        "\(key)_\(suffix)",
                        raw.trimmingCharacters(in: .whitespaces).isEmpty
                            ? "\(what) của \(label) không được để trống."
                            : "\(what) của \(label) phải là một số (\(unit)), ví dụ 25 hoặc 25,5.")
                    continue
                }
                switch suffix {
                case "x": p.x = v
                case "y": p.y = v
                case "width": p.width = v
                default: p.fontSize = v
                }
            }
            if let a = CertificateAlign(rawValue: form["\(key)_align"] ?? "") {
                p.align = a
            } else {
                e.add("\(key)_align", "Vui lòng chọn cách căn lề cho \(label).")
            }
            p.bold = isOn(form["\(key)_bold"])
            p.printed = isOn(form["\(key)_printed"])
            fields[f] = p
        }
        guard e.isEmpty, let paper, let orientation else { return (nil, e) }
        let layout = CertificateLayout(
            name: VietnameseText.clean(form["name"] ?? ""), paper: paper, orientation: orientation,
            formCodes: Array(Set(forms.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }))
                .sorted(),
            achievement: VietnameseText.clean(form["achievement"] ?? ""), fields: fields)
        let problems = layout.problems(knownForms: knownForms)
        return problems.isEmpty ? (layout, problems) : (nil, problems)
    }

    static func isOn(_ raw: String?) -> Bool { ["on", "true", "1", "yes"].contains(raw ?? "") }

    /// The layout as a form's strings (what `parse` reads back).
    public var formValues: [String: String] {
        var out = [
            "name": name, "paper": paper.rawValue, "orientation": orientation.rawValue, "achievement": achievement,
        ]
        for f in CertificateField.allCases {
            let p = fields[f]
            let key = f.rawValue
            out[key + "_x"] = Self.number(p.x)
            out[key + "_y"] = Self.number(p.y)
            out[key + "_width"] = Self.number(p.width)
            out[key + "_size"] = Self.number(p.fontSize)
            out[key + "_align"] = p.align.rawValue
            if p.bold { out[key + "_bold"] = "on" }
            if p.printed { out[key + "_printed"] = "on" }
        }
        return out
    }
}

/// The words printed on a certificate.
public enum CertificateText {
    /// "ngày 20 tháng 12 năm 2024" from "2024-12-20": day below 10 and months 1–2 take a leading zero
    /// (Nghị định 30/2020/NĐ-CP, Phụ lục I); "" for a day that does not read.
    public static func longDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return "" }
        let day = String(format: "%02d", parts[2])
        let month = parts[1] <= 2 ? String(format: "%02d", parts[1]) : String(parts[1])
        return "ngày \(day) tháng \(month) năm \(parts[0])"
    }

    /// The achievement line: the layout's words with "{ky}" replaced by the award's period, its first letter lower
    /// case in the sentence ("Năm 2024" → "năm 2024").
    public static func achievement(_ template: String, period: String) -> String {
        let p = period.isEmpty ? period : period.prefix(1).lowercased() + period.dropFirst()
        return template.replacingOccurrences(of: "{ky}", with: p)
    }
}
