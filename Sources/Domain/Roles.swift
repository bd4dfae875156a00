/// The roles of the system. Their codes are used in the CLI and the API.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin = "admin"
    case standingOffice = "standing-office"
    case councilMember = "council-member"
    case leadAgency = "lead-agency"
    case unitOfficer = "unit-officer"
    case editor = "editor"

    public var label: String {
        switch self {
        case .admin: return "Quản trị hệ thống"
        case .standingOffice: return "Thường trực (Phòng Nội vụ)"
        case .councilMember: return "Thành viên Hội đồng TĐKT"
        case .leadAgency: return "Đơn vị chủ trì phong trào"
        case .unitOfficer: return "Cán bộ đơn vị"
        case .editor: return "Biên tập viên"
        }
    }

    /// Roles whose account must belong to a unit.
    public var requiresUnit: Bool {
        switch self {
        case .leadAgency, .unitOfficer, .editor: return true
        case .admin, .standingOffice, .councilMember: return false
        }
    }
}

/// Kinds of unit in the organisation tree. Codes are stable; labels are Vietnamese.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case tinh, so, huyen, phong
    case coQuanDang = "co-quan-dang"
    case doanThe = "doan-the"
    case donViSuNghiep = "don-vi-su-nghiep"
    case lucLuongVuTrang = "luc-luong-vu-trang"
    case xa, phuong
    case thiTran = "thi-tran"
    case thon, truong
    case doanhNghiep = "doanh-nghiep"
    case hopTacXa = "hop-tac-xa"
    case khac

    public var label: String {
        switch self {
        case .tinh: return "Tỉnh, thành phố"
        case .so: return "Sở, ban, ngành tỉnh"
        case .huyen: return "Huyện, thị xã"
        case .phong: return "Phòng, ban chuyên môn"
        case .coQuanDang: return "Cơ quan Đảng"
        case .doanThe: return "Mặt trận, đoàn thể"
        case .donViSuNghiep: return "Đơn vị sự nghiệp"
        case .lucLuongVuTrang: return "Lực lượng vũ trang"
        case .xa: return "Xã"
        case .phuong: return "Phường"
        case .thiTran: return "Thị trấn"
        case .thon: return "Thôn, làng, tổ dân phố"
        case .truong: return "Trường học"
        case .doanhNghiep: return "Doanh nghiệp"
        case .hopTacXa: return "Hợp tác xã"
        case .khac: return "Khác"
        }
    }

    /// Communes, wards and townships: the seed's quota of at least 2 exemplars applies to them.
    public var isCommuneLevel: Bool { self == .xa || self == .phuong || self == .thiTran }
}

/// Groupings of units that compete together.
public enum UnitGroupKind: String, CaseIterable, Codable, Sendable {
    case cum, khoi
    public var label: String { self == .cum ? "Cụm thi đua" : "Khối thi đua" }
}
