import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

extension Application {
    private struct StatisticsFormsKey: StorageKey { typealias Value = StatisticsFormSet }
    /// The statistics forms shipped in Resources/Rules/statistics-forms-tt02-2023.json, loaded once at start.
    var statisticsForms: StatisticsFormSet? {
        get { storage[StatisticsFormsKey.self] }
        set { storage[StatisticsFormsKey.self] = newValue }
    }
}

/// What one form shows for one unit and period: the numbers and the header block.
struct StatisticsReport: Sendable {
    let set: StatisticsFormSet
    let filled: FilledStatisticsForm
    let unit: UnitModel
    /// The unit the report goes to: the reporting unit's parent, when it has one.
    let receiver: String
    let year: Int
    let period: StatisticsPeriod
    let from: String
    let to: String

    var form: StatisticsForm { filled.form }
    /// "Năm 2025 (từ 01/12/2024 đến 30/11/2025)"
    var periodText: String {
        "\(period.label) \(year) (từ \(Self.day(from)) đến \(Self.day(to)))"
    }

    static func day(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return p.count == 3 ? "\(p[2])/\(p[1])/\(p[0])" : iso
    }
}

enum StatisticsService {
    static let fileName = "statistics-forms-tt02-2023.json"

    /// Reads the form file; one that does not decode or is inconsistent stops the start, naming what is wrong.
    static func loadForms(workingDirectory: String) throws -> StatisticsFormSet {
        let url = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Rules/\(fileName)")
        do {
            return try StatisticsFormSet.load(Data(contentsOf: url))
        } catch let e as StatisticsFormError {
            throw ConfigError(variable: "DIENHINH_RESOURCES", message: "\(fileName): \(e.description)")
        } catch {
            throw ConfigError(variable: "DIENHINH_RESOURCES", message: "không đọc được \(fileName): \(error)")
        }
    }

    static func forms(_ app: Application) throws -> StatisticsFormSet {
        guard let set = app.statisticsForms else { throw AppError.notFound("Chưa nạp biểu mẫu thống kê.") }
        return set
    }

    /// The unit a report is for when none is asked: the top of what the actor reads (the district for the standing
    /// office), or the actor's own unit.
    static func defaultUnit(actor: Actor, on db: any Database) async throws -> UnitModel? {
        switch Policy.recordScope(actor) {
        case .all:
            return try await UnitModel.query(on: db).filter(\.$parent.$id == nil).filter(\.$active == true)
                .sort(\.$path).first()
        case .none:
            return nil
        case .subtree, .subtrees:
            guard let id = actor.unitID else { return nil }
            return try await UnitModel.find(id, on: db)
        }
    }

    /// A form for a unit and period, counted with grouped SQL aggregates; a unit outside the actor's records is
    /// not found (Policy: the statistics of a unit read like its records).
    static func report(
        code: String, unitID: Int?, year: Int, periodCode: String, actor: Actor, app: Application, on db: any Database
    ) async throws -> StatisticsReport {
        let set = try forms(app)
        guard let form = set.form(code) else {
            throw AppError.notFound(
                "Không có biểu số “\(code)”. Các biểu: \(set.forms.map(\.code).joined(separator: ", ")).")
        }
        guard let period = set.period(periodCode) else {
            let codes = set.periods.map(\.code).joined(separator: ", ")
            throw AppError.badRequest("Kỳ báo cáo “\(periodCode)” không có; chọn một trong: \(codes).")
        }
        guard (2000...2100).contains(year) else { throw AppError.badRequest("Năm báo cáo phải từ 2000 đến 2100.") }
        let unit: UnitModel
        if let unitID {
            guard let u = try await UnitModel.find(unitID, on: db) else {
                throw AppError.notFound("Không có đơn vị này.")
            }
            unit = u
        } else {
            guard let u = try await defaultUnit(actor: actor, on: db) else {
                throw AppError.forbidden("Vai trò của bạn không xem số liệu thống kê của đơn vị nào.")
            }
            unit = u
        }
        try Access.check(actor, .read, .unitRecord(unit.unitPath, movementIDs: []))
        guard let range = period.range(year: year) else { throw AppError.badRequest("Kỳ báo cáo khai báo sai.") }
        let facts: [StatisticsFact]
        switch form.source {
        case .movements: facts = try await movementFacts(unitPath: unit.path, year: year, on: db)
        case .awards:
            facts = try await awardFacts(set: set, unitPath: unit.path, from: range.from, to: range.to, on: db)
        case .none: facts = []
        }
        var receiver = ""
        if let pid = unit.$parent.id, let parent = try await UnitModel.find(pid, on: db) { receiver = parent.name }
        return StatisticsReport(
            set: set, filled: form.fill(facts), unit: unit, receiver: receiver, year: year, period: period,
            from: range.from, to: range.to)
    }

    /// Movements under way in the year, led or joined by a unit of the subtree, plus those launched at the centre
    /// or the province: counted by level and years, one grouped query.
    static func movementFacts(unitPath: String, year: Int, on db: any Database) async throws -> [StatisticsFact] {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable {
            let level: String
            let kind: String
            let fromYear: Int
            let toYear: Int
            let n: Int
            enum CodingKeys: String, CodingKey {
                case level, kind, n
                case fromYear = "from_year"
                case toYear = "to_year"
            }
        }
        let rows = try await sql.raw(
            """
            SELECT m.level, m.kind, m.from_year, m.to_year, COUNT(*) AS n
            FROM movements m
            WHERE m.from_year <= \(bind: year) AND m.to_year >= \(bind: year)
              AND (m.level IN ('trung-uong', 'tinh') OR EXISTS (
                SELECT 1 FROM movement_agencies a JOIN units u ON u.id = a.unit_id
                WHERE a.movement_id = m.id AND u.path LIKE \(bind: unitPath + "%")))
            GROUP BY m.level, m.kind, m.from_year, m.to_year
            """
        ).all(decoding: Row.self)
        return rows.map { r in
            StatisticsFact(
                [
                    "level": r.level, "kind": r.kind,
                    "duration": StatisticsSource.durationBand(fromYear: r.fromYear, toYear: r.toYear),
                ], count: r.n)
        }
    }

    /// Valid awards of subjects in the subtree decided in the period, counted by form, subject kind and level.
    static func awardFacts(set: StatisticsFormSet, unitPath: String, from: String, to: String, on db: any Database)
        async throws -> [StatisticsFact]
    {
        guard let sql = db as? any SQLDatabase else { return [] }
        struct Row: Decodable {
            let formCode: String
            let kind: String
            let level: String
            let n: Int
            enum CodingKeys: String, CodingKey {
                case kind, level, n
                case formCode = "form_code"
            }
        }
        let rows = try await sql.raw(
            """
            SELECT a.form_code, s.kind, a.level, COUNT(*) AS n
            FROM awards a
            JOIN subjects s ON s.id = a.subject_id
            JOIN units u ON u.id = s.unit_id
            WHERE a.status = \(bind: AwardStatus.valid.rawValue) AND u.path LIKE \(bind: unitPath + "%")
              AND a.decision_date >= \(bind: from) AND a.decision_date <= \(bind: to)
            GROUP BY a.form_code, s.kind, a.level
            """
        ).all(decoding: Row.self)
        return rows.map { r in
            StatisticsFact(["group": set.awardGroup(of: r.formCode), "subject": r.kind, "level": r.level], count: r.n)
        }
    }
}
