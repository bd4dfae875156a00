import Foundation

/// The seed's catalogue as versioned data: fields, general criteria, collective model types,
/// individual types and movements. A change is a new file with a new version; records keep
/// the version they were made under.
public struct CatalogueFile: Codable, Sendable, Equatable {
    public var version: String
    public var title: String
    public var legalBasis: String
    public var effectiveFrom: String
    public var fields: [Field]
    public var generalCriteria: [GeneralCriterion]
    public var modelTypes: [SubjectType]
    public var individualTypes: [SubjectType]
    public var movements: [Movement]

    public struct Field: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var note: String?
    }

    public struct GeneralCriterion: Codable, Sendable, Equatable {
        public var code: String
        public var text: String
        public var section: String
    }

    /// A collective model type (§III.3a) or an individual type (§III.3b).
    public struct SubjectType: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var group: String?
        public var field: String?
        public var section: String
        public var standard: String
        public var movement: String?
        public var subjectKinds: [SubjectKind]
        public var criteria: [Criterion]
    }

    public struct Criterion: Codable, Sendable, Equatable {
        public var code: String
        public var text: String
        public var kind: CriterionKind
        // Parameters, by kind.
        public var threshold: Double?
        public var strict: Bool?
        public var population: String?
        public var subGroup: String?
        public var subThreshold: Double?
        public var measure: String?
        public var direction: String?
        public var title: String?
        public var rank: Int?
        public var locality: String?
        public var rating: String?
        /// For titleEveryYear / taskRatingEveryYear: how many years, ending with the evaluated one (default 2).
        public var spanYears: Int?

        public init(
            code: String, text: String, kind: CriterionKind, threshold: Double? = nil, strict: Bool? = nil,
            population: String? = nil,
            subGroup: String? = nil, subThreshold: Double? = nil, measure: String? = nil, direction: String? = nil,
            title: String? = nil,
            rank: Int? = nil, locality: String? = nil, rating: String? = nil, spanYears: Int? = nil
        ) {
            self.code = code
            self.text = text
            self.kind = kind
            self.threshold = threshold
            self.strict = strict
            self.population = population
            self.subGroup = subGroup
            self.subThreshold = subThreshold
            self.measure = measure
            self.direction = direction
            self.title = title
            self.rank = rank
            self.locality = locality
            self.rating = rating
            self.spanYears = spanYears
        }
    }

    public struct Movement: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var kind: MovementKind
        public var level: MovementLevel
        public var fromYear: Int
        public var toYear: Int
        public var leadAgencies: [String]
        public var coordinatingAgencies: [String]?
        public var section: String
        public var note: String?
    }

    public static func decode(_ data: Data) throws -> CatalogueFile {
        try JSONDecoder().decode(CatalogueFile.self, from: data)
    }

    /// Internal consistency: unique codes and references that resolve. Returns Vietnamese problems.
    public func problems() -> [String] {
        var out: [String] = []
        func dupes(_ codes: [String], _ what: String) {
            var seen = Set<String>()
            for c in codes where !seen.insert(c).inserted { out.append("Mã \(what) trùng: \(c)") }
        }
        dupes(fields.map(\.code), "lĩnh vực")
        dupes(generalCriteria.map(\.code), "tiêu chí chung")
        dupes((modelTypes + individualTypes).map(\.code), "loại điển hình")
        dupes(movements.map(\.code), "phong trào")
        dupes((modelTypes + individualTypes).flatMap { $0.criteria.map(\.code) }, "tiêu chí")
        let fieldCodes = Set(fields.map(\.code))
        let movementCodes = Set(movements.map(\.code))
        for t in modelTypes + individualTypes {
            if let f = t.field, !fieldCodes.contains(f) {
                out.append("\(t.code): lĩnh vực \(f) không có trong danh mục")
            }
            if let m = t.movement, !movementCodes.contains(m) {
                out.append("\(t.code): phong trào \(m) không có trong danh mục")
            }
        }
        for m in movements where m.fromYear > m.toYear { out.append("\(m.code): năm bắt đầu sau năm kết thúc") }
        return out
    }
}

/// A criterion to judge against: from the catalogue (general or of a type) or a unit's own.
public typealias CriterionSpec = CatalogueFile.Criterion

public enum SubjectKind: String, Codable, Sendable, CaseIterable {
    case collective, individual, household
    public var label: String {
        switch self {
        case .collective: return "Tập thể"
        case .individual: return "Cá nhân"
        case .household: return "Hộ gia đình"
        }
    }
}

public enum CriterionKind: String, Codable, Sendable, CaseIterable {
    case boolean, share, zeroCount, trend, titleEveryYear, rankInLocality, taskRatingEveryYear, leaderRule
    public var label: String {
        switch self {
        case .boolean: return "Đạt / không đạt, có minh chứng"
        case .share: return "Tỷ lệ đạt ngưỡng"
        case .zeroCount: return "Không có trường hợp nào"
        case .trend: return "Xu hướng so với năm trước"
        case .titleEveryYear: return "Đạt danh hiệu hằng năm"
        case .rankInLocality: return "Xếp hạng tại địa phương"
        case .taskRatingEveryYear: return "Xếp loại nhiệm vụ hằng năm"
        case .leaderRule: return "Gắn với tập thể do mình đứng đầu"
        }
    }
}

public enum MovementKind: String, Codable, Sendable, CaseIterable {
    case phongTrao = "phong-trao"
    case cuocVanDong = "cuoc-van-dong"
    case linhVuc = "linh-vuc"
    public var label: String {
        switch self {
        case .phongTrao: return "Phong trào thi đua"
        case .cuocVanDong: return "Cuộc vận động"
        case .linhVuc: return "Lĩnh vực trọng tâm"
        }
    }
}

public enum MovementLevel: String, Codable, Sendable, CaseIterable {
    case trungUong = "trung-uong"
    case tinh
    case huyen
    case xa
    case coQuan = "co-quan"
    public var label: String {
        switch self {
        case .trungUong: return "Trung ương"
        case .tinh: return "Tỉnh"
        case .huyen: return "Huyện"
        case .xa: return "Xã"
        case .coQuan: return "Cơ quan, đơn vị"
        }
    }
}
