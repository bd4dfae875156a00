import Domain
import Fluent
import Vapor

/// The demo's conferring authorities: the province, the district until the 2025 reform (with its agencies), and
/// each commune, with their councils' standing offices, signing blocks and recipients.
enum DemoAuthorities {
    struct Row {
        let unit: String
        let level: AuthorityLevel
        let standing: String
        let validTo: String?
        let signerName: String
        let executors: [String]
        let recipients: [String]
    }

    /// The district and its agencies stop on 30/06/2025: from 01/07/2025 the commune chairman confers the
    /// base-level titles (Nghị định 129/2025/NĐ-CP art. 59; rule file rules-2025-nd152).
    static let districtEnd = "2025-06-30"

    static func rows(communes: [String]) -> [Row] {
        [
            Row(
                unit: "KONTUM", level: .tinh, standing: "SNV", validTo: nil, signerName: "Nguyễn Ngọc Sâm",
                executors: ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ"],
                recipients: ["Như Điều 3", "Ban Thi đua - Khen thưởng (Sở Nội vụ)", "Lưu: VT"]),
            Row(
                unit: "KR", level: .huyen, standing: "KR-PNV", validTo: districtEnd, signerName: "Trần Văn Minh",
                executors: ["Chánh Văn phòng HĐND và UBND huyện", "Trưởng phòng Nội vụ"],
                recipients: ["Như Điều 3", "Thường trực Huyện ủy", "Lưu: VT, NV"]),
            Row(
                unit: "KR-GDDT", level: .coQuan, standing: "KR-GDDT", validTo: districtEnd, signerName: "Y Nhung",
                executors: ["Bộ phận Tổ chức - Hành chính"], recipients: ["Như Điều 3", "Lưu: VT"]),
        ]
            + communes.map {
                Row(
                    unit: $0, level: .xa, standing: $0, validTo: nil, signerName: "",
                    executors: ["Văn phòng HĐND và UBND", "Công chức Văn hóa - Xã hội"],
                    recipients: ["Như Điều 3", "Lưu: VT"])
            }
    }

    /// Creates them through the service; returns unit code → authority id.
    static func load(actor: Actor, on db: any Database) async throws -> [String: Int] {
        let communes = try await UnitModel.query(on: db).filter(\.$kind ~~ ["xa", "thi-tran", "phuong"]).sort(\.$code)
            .all().map(\.code)
        var ids: [String: Int] = [:]
        for r in rows(communes: communes) {
            guard let unit = try await UnitModel.query(on: db).filter(\.$code == r.unit).first(),
                let standing = try await UnitModel.query(on: db).filter(\.$code == r.standing).first()
            else { continue }
            let body = unit.name
            let head =
                r.level == .coQuan ? "Trưởng " + unit.name : "Chủ tịch " + body
            let place = r.level == .tinh ? "Kon Tum" : unit.place
            let a = try await AuthorityService.create(
                AuthorityInput(
                    unitID: try unit.requireID(), level: r.level.rawValue, name: body, headTitle: head,
                    councilName: "Hội đồng Thi đua - Khen thưởng " + unit.shortName.lowercasedFirst,
                    standingUnitID: try standing.requireID(), validFrom: nil, validTo: r.validTo,
                    signingMode: r.level == .coQuan ? SigningMode.direct.rawValue : SigningMode.kt.rawValue,
                    chiefTitle: r.level == .coQuan ? "Trưởng phòng" : "Chủ tịch",
                    signerTitle: r.level == .coQuan ? "Trưởng phòng" : "Phó Chủ tịch", signerName: r.signerName,
                    place: place,
                    decisionFormat: r.level == .coQuan ? "{n}/QĐ-" + unit.abbreviation : "{n}/QĐ-UBND",
                    minutesFormat: "{n}/BB-HĐTĐKT", executors: r.executors.joined(separator: "\n"),
                    recipients: r.recipients.joined(separator: "\n")),
                actor: actor, on: db)
            ids[r.unit] = try a.requireID()
        }
        return ids
    }
}

extension String {
    /// "Xã Đăk Ruồng" → "xã Đăk Ruồng".
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
