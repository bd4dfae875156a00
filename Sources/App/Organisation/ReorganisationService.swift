import Domain
import Fluent
import Foundation
import OOXML
import Vapor

/// A change as the preview shows it.
struct ReorganisationRowDTO: Content, Sendable, Equatable {
    let kind: String
    let kindLabel: String
    let from: [String]
    let to: [String]
    let effective: String
    let basis: String
}

/// What applying a file did (or, on a dry run, would do).
struct ReorganisationResult: Content, Sendable, Equatable {
    let newUnits: [String]
    let successions: Int
    let ended: [String]
    let changes: [ReorganisationRowDTO]
    let applied: Bool
}

enum ReorganisationQueries {
    /// The whole lineage (a small table: one row per unit that ended), by unit id.
    static func lineage(on db: any Database) async throws -> UnitLineage<Int> {
        let rows = try await UnitSuccessionModel.query(on: db).all()
        return UnitLineage(edges: rows.map { ($0.$predecessor.id, $0.$successor.id) })
    }

    /// Units whose history `unitID` carries, transitively.
    static func predecessorIDs(of unitID: Int, on db: any Database) async throws -> [Int] {
        // Most units have no predecessor: one indexed look-up before reading the lineage.
        guard try await UnitSuccessionModel.query(on: db).filter(\.$successor.$id == unitID).count() > 0 else {
            return []
        }
        return try await lineage(on: db).predecessors(of: unitID)
    }

    /// The paths of the units whose records an actor of `unitID` reads as its history.
    static func inheritedPaths(of unitID: Int, on db: any Database) async throws -> [UnitPath] {
        let ids = try await predecessorIDs(of: unitID, on: db)
        guard !ids.isEmpty else { return [] }
        return try await UnitModel.query(on: db).filter(\.$id ~~ ids).sort(\.$path).all().map(\.unitPath)
    }

    /// The unit page's history lines: "Sáp nhập vào … từ 01/07/2025 (Nghị quyết …)" and "Kế thừa: …".
    static func historyLines(of unitID: Int, on db: any Database) async throws -> [String] {
        let out = try await UnitSuccessionModel.query(on: db).filter(\.$predecessor.$id == unitID)
            .with(\.$successor).sort(\.$effectiveDay).all()
        let inn = try await UnitSuccessionModel.query(on: db).filter(\.$successor.$id == unitID)
            .with(\.$predecessor).sort(\.$effectiveDay).all()
        var lines: [String] = []
        let grouped = Dictionary(grouping: out) { "\($0.kind.rawValue)|\($0.effectiveDay)|\($0.basis)" }
        for key in grouped.keys.sorted() {
            let rows = grouped[key]!
            let names = rows.map(\.successor.name).joined(separator: ", ")
            lines.append(
                "\(rows[0].kind.intoPhrase) \(names) từ \(rows[0].effectiveDay.isoToVietnamese) (\(rows[0].basis))")
        }
        if !inn.isEmpty {
            lines.append(
                "Kế thừa: "
                    + inn.map {
                        "\($0.predecessor.name) (\($0.kind.label.lowercased()) từ \($0.effectiveDay.isoToVietnamese), \($0.basis))"
                    }.joined(separator: "; "))
        }
        return lines
    }

    /// Refuses a new record (registration, dossier) in a unit that ended, naming its successors.
    static func requireOpen(_ unit: UnitModel, field: String = "unitID", on db: any Database) async throws {
        guard let day = unit.abolishedOn, let id = unit.id else { return }
        let successors = try await UnitSuccessionModel.query(on: db).filter(\.$predecessor.$id == id)
            .with(\.$successor).all().map(\.successor.name)
        var e = FieldErrors()
        e.add(
            field,
            "\(unit.name) đã được sắp xếp (sáp nhập, chia tách hoặc giải thể) từ \(day.isoToVietnamese); hồ sơ cũ vẫn "
                + "xem được, hồ sơ mới lập tại "
                + (successors.isEmpty ? "đơn vị khác." : "đơn vị kế thừa: \(successors.joined(separator: ", ")).")
        )
        throw AppError.invalid(e)
    }
}

enum ReorganisationService {
    static let maxBytes = 5 * 1024 * 1024

    /// Reads a file: XLSX (by its content) with sheets "Thay đổi" and "Đơn vị mới", otherwise JSON.
    static func read(_ data: Data) throws -> ReorganisationFile {
        guard data.count <= maxBytes else { throw AppError.badRequest("Tệp lớn hơn 5 MB.") }
        guard !data.isEmpty else { throw AppError.badRequest("Chưa chọn tệp phương án sắp xếp (JSON hoặc XLSX).") }
        do {
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                let names = try XLSXReader.sheetNames(data: data)
                func sheet(_ wanted: String) -> String? {
                    names.first { VietnameseText.fold($0) == VietnameseText.fold(wanted) }
                }
                let changes = try XLSXReader.rows(data: data, sheet: sheet("Thay đổi") ?? names.first)
                let units = try sheet("Đơn vị mới").map { try XLSXReader.rows(data: data, sheet: $0) } ?? []
                return try Reorganisation.fromSheets(changes: changes, newUnits: units)
            }
            return try Reorganisation.decode(json: data)
        } catch let e as OOXMLError {
            throw AppError.badRequest(e.description)
        } catch let e as ReorganisationFormatError {
            throw AppError.badRequest(e.message)
        }
    }

    /// The tree as validation needs it, and the stored lineage by code.
    static func snapshot(on db: any Database) async throws -> ([String: ExistingUnit], [(String, String)]) {
        let units = try await UnitModel.query(on: db).all()
        var byCode: [String: ExistingUnit] = [:]
        var codeByID: [Int: String] = [:]
        for u in units {
            byCode[u.code] = ExistingUnit(code: u.code, name: u.name, abolishedOn: u.abolishedOn)
            if let id = u.id { codeByID[id] = u.code }
        }
        let edges = try await UnitSuccessionModel.query(on: db).all().compactMap { s -> (String, String)? in
            guard let p = codeByID[s.$predecessor.id], let c = codeByID[s.$successor.id] else { return nil }
            return (p, c)
        }
        return (byCode, edges)
    }

    static func rows(_ file: ReorganisationFile) -> [ReorganisationRowDTO] {
        file.changes.map {
            let kind = SuccessionKind(rawValue: $0.kind.lowercased())
            return ReorganisationRowDTO(
                kind: $0.kind, kindLabel: kind?.label ?? $0.kind, from: $0.from, to: $0.to, effective: $0.effective,
                basis: $0.basis)
        }
    }

    /// Every wrong row as field errors ("row1", "row2"…), for a 422 that names them all.
    static func invalid(_ problems: [ReorganisationProblem]) -> AppError {
        var e = FieldErrors()
        for (i, p) in problems.enumerated() { e.add("problem\(i + 1)", p.text) }
        return AppError.invalid(
            e,
            "Phương án sắp xếp có \(problems.count) lỗi; chưa áp dụng thay đổi nào. Sửa các dòng được nêu rồi thử lại.")
    }

    /// Checks the file against the tree; throws 422 naming every wrong row.
    static func check(_ file: ReorganisationFile, actor: Actor?, on db: any Database) async throws
        -> ReorganisationPlan
    {
        try Access.check(actor, .create, .reorganisation)
        let (existing, edges) = try await snapshot(on: db)
        let (plan, problems) = Reorganisation.validate(file, existing: existing, successions: edges)
        guard let plan else { throw invalid(problems) }
        return plan
    }

    /// Applies the whole file in one transaction, or nothing. `dryRun`: checks only.
    static func apply(_ file: ReorganisationFile, actor: Actor?, dryRun: Bool = false, on db: any Database)
        async throws -> ReorganisationResult
    {
        let plan = try await check(file, actor: actor, on: db)
        let result = ReorganisationResult(
            newUnits: plan.newUnits.map { "\($0.code) — \($0.name)" }, successions: plan.successions.count,
            ended: plan.ended.map { "\($0.code) (\($0.day.isoToVietnamese))" }, changes: rows(file),
            applied: !dryRun)
        if dryRun { return result }
        try await db.transaction { tx in
            // Checked again inside the transaction: a file applied twice, or a unit changed meanwhile, is refused.
            let (existing, edges) = try await snapshot(on: tx)
            let (again, problems) = Reorganisation.validate(file, existing: existing, successions: edges)
            guard let plan = again else { throw invalid(problems) }
            var ids: [String: UnitModel] = [:]
            for u in try await UnitModel.query(on: tx).all() { ids[u.code] = u }
            for n in plan.newUnits {
                let parent = n.parent.flatMap { ids[$0] }
                let unit = UnitModel(
                    code: n.code, name: n.name, shortName: n.shortName?.isEmpty == false ? n.shortName! : n.name,
                    kind: UnitKind(rawValue: n.kind) ?? .khac, parentID: parent?.id, place: n.place ?? "",
                    abbreviation: "UBND")
                try await unit.create(on: tx)
                unit.path = (parent?.unitPath ?? .root).child(try unit.requireID()).raw
                try await unit.save(on: tx)
                ids[n.code] = unit
            }
            for s in plan.successions {
                guard let p = ids[s.predecessor]?.id, let c = ids[s.successor]?.id else { continue }
                try await UnitSuccessionModel(
                    predecessorID: p, successorID: c, effectiveDay: s.effectiveDay, kind: s.kind, basis: s.basis
                ).create(on: tx)
            }
            for e in plan.ended {
                guard let u = ids[e.code] else { continue }
                u.abolishedOn = e.day
                try await u.save(on: tx)
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "reorganise", entity: "unit", entityID: nil, unitID: nil,
                summary: "Sắp xếp đơn vị: \(plan.successions.count) quan hệ kế thừa, \(plan.newUnits.count) đơn vị mới"
                    + (file.changes.first.map { " (\($0.basis))" } ?? ""),
                before: Optional<ReorganisationResult>.none, after: result)
        }
        return result
    }
}
