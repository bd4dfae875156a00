import Foundation

/// Where the adoption of a model by another unit stands (nhân rộng, seed §II.4, §IV.1; issue 10 §5).
public enum ReplicationStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    /// The unit has decided to adopt the model and is preparing it.
    case adopting
    /// The model runs in the adopting unit.
    case running
    /// Its results have been measured against the model's standard at least once.
    case assessed
    /// The unit stopped applying the model.
    case stopped

    public var label: String {
        switch self {
        case .adopting: return "Đang triển khai áp dụng"
        case .running: return "Đang thực hiện"
        case .assessed: return "Đã đánh giá kết quả"
        case .stopped: return "Dừng áp dụng"
        }
    }
}

/// The moves of an adoption: preparing → running → assessed; an assessed model runs on (and is assessed again the
/// next year); at any step the unit may stop, and a stopped adoption may be taken up again.
public enum ReplicationWorkflow: WorkflowTable {
    public static func targets(from: ReplicationStatus) -> [ReplicationStatus] {
        switch from {
        case .adopting: return [.running, .stopped]
        case .running: return [.assessed, .stopped]
        case .assessed: return [.running, .stopped]
        case .stopped: return [.adopting]
        }
    }

    /// Results are measured once the model runs: not while it is being prepared, not after it stopped.
    public static func canAssess(_ status: ReplicationStatus) -> Bool { status == .running || status == .assessed }

    public static let assessRefused =
        "Chỉ đánh giá kết quả khi mô hình đã đi vào hoạt động tại đơn vị áp dụng (trạng thái “Đang thực hiện”)."
}

/// One row of a model's spread by commune: a unit of the district, and how many adoptions of the model lie in it
/// (its subtree: a village's adoption counts for its commune). Units without any adoption are rows too.
public struct SpreadRow: Equatable, Sendable {
    public let unitID: Int
    public let name: String
    public let count: Int
    public init(unitID: Int, name: String, count: Int) {
        self.unitID = unitID
        self.name = name
        self.count = count
    }
}

public enum ReplicationSpread {
    /// Counts each adoption (by its adopting unit's path) under the first of `units` whose subtree holds it; units
    /// keep their order, those with none show 0; adoptions outside every unit are left out (`outside` counts them).
    public static func byUnit(
        units: [(id: Int, name: String, path: UnitPath)], adoptingPaths: [UnitPath]
    ) -> (rows: [SpreadRow], outside: Int) {
        var counts = [Int](repeating: 0, count: units.count)
        var outside = 0
        for p in adoptingPaths {
            if let i = units.firstIndex(where: { $0.path.contains(p) }) { counts[i] += 1 } else { outside += 1 }
        }
        let rows = units.enumerated().map { i, u in SpreadRow(unitID: u.id, name: u.name, count: counts[i]) }
        return (rows, outside)
    }
}
