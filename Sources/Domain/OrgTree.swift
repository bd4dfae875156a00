import Foundation

/// An organisation tree as data (the demo Kon Rẫy tree is one such file).
public struct OrgTreeFile: Codable, Sendable {
    public var title: String
    public var units: [Unit]
    public var groups: [Group]

    public struct Unit: Codable, Sendable {
        public var code: String
        public var name: String
        public var shortName: String?
        public var kind: UnitKind
        public var parent: String?
        public var place: String?
        public var abbreviation: String?
    }

    public struct Group: Codable, Sendable {
        public var code: String
        public var name: String
        public var kind: UnitGroupKind
        public var members: [String]
    }

    public static func decode(_ data: Data) throws -> OrgTreeFile {
        try JSONDecoder().decode(OrgTreeFile.self, from: data)
    }

    /// Parents must come before children; codes unique; members must exist.
    public func problems() -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for u in units {
            if let p = u.parent, !seen.contains(p) {
                out.append("\(u.code): đơn vị cấp trên \(p) chưa được khai báo trước")
            }
            if !seen.insert(u.code).inserted { out.append("Mã đơn vị trùng: \(u.code)") }
        }
        for g in groups {
            for m in g.members where !seen.contains(m) { out.append("\(g.code): thành viên \(m) không tồn tại") }
        }
        return out
    }
}
