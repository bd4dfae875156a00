// Who confers a form on this subject: Luật Thi đua, khen thưởng 2022 art. 80 (Công báo 571+572/2022, p. 57) gives the
// power by whose staff the person is (an agency head, the district chairman, the commune chairman, an enterprise head),
// and after 01/07/2025 the district chairman's powers pass to the commune chairman. The rule file of each period says
// which KIND of authority confers which forms for staff of which KIND of unit (`RuleSet.conferrers`); this file names
// the CONCRETE authority from the org tree: "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng", "Giám đốc Sở Nội vụ tỉnh Kon Tum".

/// The kind of conferring authority a rule file names.
public enum ConferrerKind: String, Codable, Sendable, CaseIterable {
    case chuTichXa = "chu-tich-xa"
    case chuTichHuyen = "chu-tich-huyen"
    case chuTichTinh = "chu-tich-tinh"
    /// The head of the agency or unit itself (thủ trưởng cơ quan, đơn vị có tư cách pháp nhân).
    case thuTruongCoQuan = "thu-truong-co-quan"
    /// The director of the enterprise or cooperative itself.
    case giamDocDoanhNghiep = "giam-doc-doanh-nghiep"
    case thuTuong = "thu-tuong"
    case chuTichNuoc = "chu-tich-nuoc"
    /// The armed forces and police decide within their own system (Luật 2022 art. 80(5)): nobody of ours is named.
    case theoNganh = "theo-nganh"

    public var label: String {
        switch self {
        case .chuTichXa: return "Chủ tịch UBND cấp xã"
        case .chuTichHuyen: return "Chủ tịch UBND cấp huyện"
        case .chuTichTinh: return "Chủ tịch UBND cấp tỉnh"
        case .thuTruongCoQuan: return "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân"
        case .giamDocDoanhNghiep: return "Giám đốc doanh nghiệp, hợp tác xã"
        case .thuTuong: return "Thủ tướng Chính phủ"
        case .chuTichNuoc: return "Chủ tịch nước"
        case .theoNganh: return "Theo quy định riêng của Bộ Quốc phòng, Bộ Công an"
        }
    }

    /// The unit kinds whose head this authority is; nil = the matched unit itself, or no unit (the State).
    var seatKinds: Set<UnitKind>? {
        switch self {
        case .chuTichXa: return [.xa, .phuong, .thiTran]
        case .chuTichHuyen: return [.huyen]
        case .chuTichTinh: return [.tinh]
        default: return nil
        }
    }
}

/// One row of a rule file's `conferrers` table: for staff of `staffOf` units (any unit when absent), `authority`
/// confers `forms`.
public struct ConferrerRule: Codable, Sendable, Equatable {
    public var forms: [String]
    /// Unit kinds (`UnitKind` raw values) whose staff this row covers; nil or empty = any unit.
    public var staffOf: [String]?
    public var authority: ConferrerKind
    public var article: String
    public var verified: Bool
    /// Where the article was read.
    public var source: String?

    public init(
        forms: [String], staffOf: [String]?, authority: ConferrerKind, article: String, verified: Bool,
        source: String? = nil
    ) {
        self.forms = forms
        self.staffOf = staffOf
        self.authority = authority
        self.article = article
        self.verified = verified
        self.source = source
    }

    func covers(_ kind: UnitKind) -> Bool {
        guard let staffOf, !staffOf.isEmpty else { return true }
        return staffOf.contains(kind.rawValue)
    }
}

/// A unit of the subject's chain in the org tree, as the resolver needs it.
public struct ConferrerUnit: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var kind: UnitKind
    /// yyyy-MM-dd when the unit was abolished (merged, split); nil = still exists.
    public var abolishedOn: String?
    /// The head's title of a declared conferring authority at this unit, in office on the day ("Chủ tịch Ủy ban
    /// nhân dân xã Đăk Ruồng"); nil = composed from the unit's name.
    public var headTitle: String?

    public init(id: Int, name: String, kind: UnitKind, abolishedOn: String? = nil, headTitle: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.abolishedOn = abolishedOn
        self.headTitle = headTitle
    }

    /// Exists on `day` (yyyy-MM-dd): abolished units stop on their abolition day.
    public func exists(on day: String) -> Bool { abolishedOn.map { day < $0 } ?? true }
}

/// The concrete authority that confers a form on a subject.
public struct NamedConferrer: Sendable, Equatable {
    /// "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng".
    public var title: String
    public var kind: ConferrerKind
    /// The unit whose head confers; nil for the State.
    public var unitID: Int?
    public var article: String
    public var verified: Bool
    public var source: String?
    /// "cần xác minh" when the row is not verified.
    public var verificationNote: String? { verified ? nil : "cần xác minh" }
}

public enum ConferrerResolver {
    /// The authority that confers `form` on staff of `chain` (the subject's own unit first, then each parent up to
    /// the root) on `day`: the first unit, nearest first, that a row for `form` covers and whose authority exists on
    /// that day. nil when no row applies (the caller shows the rule file's general text, "cần xác minh").
    public static func resolve(form: String, chain: [ConferrerUnit], day: String, rules: [ConferrerRule])
        -> NamedConferrer?
    {
        let rows = rules.filter { $0.forms.contains(form) }
        guard !rows.isEmpty else { return nil }
        let living = chain.filter { $0.exists(on: day) }
        for (index, unit) in living.enumerated() {
            for row in rows where row.covers(unit.kind) {
                if let named = name(row, matched: unit, above: Array(living[index...])) { return named }
            }
        }
        // Rows that cover any unit (the province, the State) apply even to a subject outside the tree.
        for row in rows where (row.staffOf ?? []).isEmpty && row.authority.seatKinds == nil {
            if let named = name(row, matched: nil, above: []) { return named }
        }
        return nil
    }

    private static func name(_ row: ConferrerRule, matched: ConferrerUnit?, above: [ConferrerUnit]) -> NamedConferrer? {
        func named(_ title: String, _ unit: ConferrerUnit?) -> NamedConferrer {
            NamedConferrer(
                title: title, kind: row.authority, unitID: unit?.id, article: row.article, verified: row.verified,
                source: row.source)
        }
        switch row.authority {
        case .thuTuong, .chuTichNuoc, .theoNganh:
            return named(row.authority.label, nil)
        case .thuTruongCoQuan, .giamDocDoanhNghiep:
            guard let unit = matched else { return nil }
            return named(unit.headTitle ?? headTitle(of: unit, kind: row.authority), unit)
        case .chuTichXa, .chuTichHuyen, .chuTichTinh:
            guard let seats = row.authority.seatKinds, let unit = above.first(where: { seats.contains($0.kind) })
            else { return nil }
            return named(unit.headTitle ?? chairTitle(of: unit), unit)
        }
    }

    /// "Ủy ban nhân dân xã Đăk Ruồng" → "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng"; "Xã Đăk Ruồng" → "Chủ tịch UBND xã
    /// Đăk Ruồng".
    static func chairTitle(of unit: ConferrerUnit) -> String {
        let name = unit.name
        if name.hasPrefix("Ủy ban nhân dân") || name.hasPrefix("UBND") { return "Chủ tịch " + name }
        return "Chủ tịch UBND " + lowerFirst(name)
    }

    /// The head of the unit itself, by its kind: "Giám đốc Sở Nội vụ tỉnh Kon Tum", "Trưởng phòng Giáo dục và Đào
    /// tạo", "Chánh Văn phòng…", "Hiệu trưởng Trường…", otherwise "Thủ trưởng …".
    static func headTitle(of unit: ConferrerUnit, kind: ConferrerKind) -> String {
        let name = unit.name
        if kind == .giamDocDoanhNghiep { return "Giám đốc " + name }
        if name.hasPrefix("Văn phòng") { return "Chánh " + name }
        if name.hasPrefix("Phòng") { return "Trưởng " + lowerFirst(name) }
        switch unit.kind {
        case .so: return "Giám đốc " + name
        case .truong: return "Hiệu trưởng " + name
        case .doanhNghiep, .hopTacXa: return "Giám đốc " + name
        default: return "Thủ trưởng " + name
        }
    }

    private static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }
}
