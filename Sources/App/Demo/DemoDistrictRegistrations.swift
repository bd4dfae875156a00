import Domain
import Fluent
import Vapor

/// Who registers what: the people and collectives of each unit, drawn once, and their yearly registrations.
extension DemoDistrictRun {
    /// How a registration's year is meant to end; the criteria engine has the last word (an "achieve" whose
    /// criteria turn out unmet stays "in progress").
    enum Intent { case achieve, progress, fail }

    func buildMembers() {
        let communesByCode = Dictionary(
            homes.filter { $0.part == "commune" }.map { ($0.unit.code, $0) }, uniquingKeysWith: { a, _ in a })
        var villageIndex: [String: Int] = [:]
        for (index, home) in homes.enumerated() {
            let u = home.unit
            let short = u.shortName
            func add(
                _ kind: SubjectKind, _ types: [String], _ title: String, _ input: SubjectInput, strong: Bool,
                from: Int = 2023, to: Int = 2025, key: String
            ) {
                members.append(
                    Member(
                        key: u.code + "/" + key, home: home, kind: kind, typeCodes: types, title: title, input: input,
                        strong: strong, fromYear: from, toYear: to))
            }
            func collective(_ name: String, types: [String], strong: Bool, from: Int = 2023) {
                add(
                    .collective, types, plan.modelTitle(types[0], unit: short),
                    SubjectInput(
                        kind: SubjectKind.collective.rawValue, name: name, ethnicity: "", position: "",
                        address: short + ", huyện Kon Rẫy, tỉnh Kon Tum", representsUnitID: home.id),
                    strong: strong, from: from, key: "tap-the")
            }
            func person(
                _ type: String, position: String, minority: Double, strong: Bool, heads: Bool = false,
                from: Int = 2023, to: Int = 2025, key: String, born: ClosedRange<Int> = 1968...1995
            ) {
                let p = people.person(&rng, minorityShare: minority, bornFrom: born.lowerBound, to: born.upperBound)
                add(
                    .individual, [type], rng.pick(plan.individualTitles[type] ?? ["Gương điển hình tiên tiến"]),
                    SubjectInput(
                        kind: SubjectKind.individual.rawValue, name: p.name, gender: p.gender, ethnicity: p.ethnicity,
                        position: position, birthDate: p.birthDate, idNumber: p.idNumber, phone: p.phone,
                        address: short + ", huyện Kon Rẫy, tỉnh Kon Tum", headsUnitID: heads ? home.id : nil),
                    strong: strong, from: from, to: to, key: key)
            }
            func household(_ type: String, village: String, strong: Bool, from: Int = 2023, key: String) {
                let p = people.person(&rng, minorityShare: 0.85, bornFrom: 1960, to: 1990)
                add(
                    .household, [type], rng.pick(plan.householdTitles[type] ?? ["Hộ gia đình tiêu biểu"]),
                    SubjectInput(
                        kind: SubjectKind.household.rawValue, name: (p.gender == "Nam" ? "Hộ ông " : "Hộ bà ") + p.name,
                        gender: "", ethnicity: p.ethnicity, position: "", birthDate: nil, idNumber: p.idNumber,
                        phone: p.phone, address: village + ", " + short + ", huyện Kon Rẫy"),
                    strong: strong, from: from, key: key)
            }
            switch home.part {
            case "commune":
                let types = plan.collectiveTypesByKind[u.kind] ?? ["MH-01"]
                collective(short, types: [types[index % types.count]], strong: true)
                person(
                    "CN-02", position: plan.position("commune-leader", unit: short), minority: 0.6, strong: true,
                    heads: true, key: "chu-tich")
                let posts = plan.positionList("commune")
                person(
                    "CN-01", position: posts[index % posts.count] + " " + short, minority: 0.5, strong: true,
                    key: "cong-chuc-1")
                person(
                    "CN-01", position: posts[(index + 1) % posts.count] + " " + short, minority: 0.5,
                    strong: rng.chance(0.5), from: 2024, key: "cong-chuc-2", born: 1988...1999)
                let village = villageName(of: home)
                person(
                    "CN-04",
                    position: plan.position("resident-CN-04", unit: short).replacingOccurrences(
                        of: "{village}", with: village), minority: 0.95, strong: true, key: "uy-tin",
                    born: 1950...1970)
                person(
                    "CN-03",
                    position: plan.position("resident-CN-03", unit: short).replacingOccurrences(
                        of: "{village}", with: village), minority: 0.8, strong: rng.chance(0.5), to: 2024,
                    key: "nguoi-tot")
                household("MH-15", village: village, strong: true, key: "ho-1")
                household("CN-03", village: village, strong: rng.chance(0.6), key: "ho-2")
                household("CN-04", village: village, strong: rng.chance(0.5), from: 2024, key: "ho-3")
            case "village":
                let commune = home.communeCode.flatMap { communesByCode[$0] }
                let n = villageIndex[home.communeCode ?? "", default: 0]
                villageIndex[home.communeCode ?? ""] = n + 1
                let name = short + ", " + (commune?.unit.shortName.lowercasedFirst ?? "")
                collective(name, types: ["MH-03"], strong: rng.chance(0.6), from: n < 2 ? 2023 : 2024)
            case "enterprise":
                collective(u.name, types: plan.collectiveTypesByKind[u.kind] ?? ["MH-13"], strong: true)
            case "agency":
                let shortfall = plan.shortfall2025.agenciesWithNone.contains(u.code)
                collective(u.name, types: plan.collectiveTypesByUnit[u.code] ?? ["MH-01"], strong: !shortfall)
                person(
                    "CN-02", position: plan.position("agency-leader", unit: short), minority: 0.3, strong: !shortfall,
                    heads: true, key: "thu-truong")
                let posts = plan.positionList("agency")
                person(
                    "CN-01", position: posts[index % posts.count] + ", " + short, minority: 0.3, strong: true,
                    key: "chuyen-vien-1")
                if index % 2 == 0 {
                    person(
                        "CN-01", position: posts[(index + 2) % posts.count] + ", " + short, minority: 0.3,
                        strong: rng.chance(0.4), key: "chuyen-vien-2")
                }
            case "school":
                collective(u.name, types: ["MH-04"], strong: rng.chance(0.7))
                let posts = plan.positionList("school")
                if index % 2 == 1 {
                    person(
                        "CN-01", position: posts[index % posts.count] + " " + short, minority: 0.4,
                        strong: rng.chance(0.5), from: 2024, key: "giao-vien", born: 1975...1998)
                }
            default: break
            }
        }
    }

    /// The first village of a commune, for residents' addresses.
    func villageName(of commune: Home) -> String {
        homes.first { $0.part == "village" && $0.communeCode == commune.unit.code }?.unit.shortName ?? "Thôn 1"
    }

    /// One year of the district, a unit at a time (one transaction each: a unit's year is whole or absent).
    func registrations(year: Int) async throws {
        for home in homes {
            let active = members.filter { $0.home.id == home.id && ($0.fromYear...$0.toYear).contains(year) }
            let intents = active.map { intent(for: $0, year: year) }
            try await transaction { tx in
                try await self.timed("tiêu chí") { try await self.unitCriteria(home, year: year, on: tx) }
                for m in active { try await self.timed("đăng ký") { try await self.register(m, year: year, on: tx) } }
                for (m, intent) in zip(active, intents) {
                    try await self.lifecycle(m, year: year, intent: intent, on: tx)
                }
            }
        }
    }

    func intent(for m: Member, year: Int) -> Intent {
        if year == 2025 && isShortfall(m.home) {
            // The one exemplar of a commune left short: the commune itself.
            if m.home.part == "commune" && m.kind == .collective
                && plan.shortfall2025.communesWithOne.contains(m.home.unit.code)
            {
                return .achieve
            }
            return rng.chance(0.5) ? .progress : .fail
        }
        if m.strong { return rng.chance(0.9) ? .achieve : .progress }
        let r = rng.int(10)
        return r < 4 ? .achieve : r < 7 ? .progress : .fail
    }

    /// The unit's own criteria for the year (§III closing paragraph), through the service.
    func unitCriteria(_ home: Home, year: Int, on db: any Database) async throws {
        let key = home.part == "commune" ? "commune" : home.part == "agency" ? "agency" : ""
        for c in plan.unitCriteria[key] ?? [] {
            _ = try await UnitCriteriaService.create(
                UnitCriterionInput(
                    unitID: home.id, year: year, code: c.code + "-" + String(year), text: c.text, kind: c.kind,
                    subjectKinds: c.subjectKinds, threshold: c.threshold, strict: nil, subThreshold: nil,
                    population: nil, subGroup: nil, measure: c.measure, direction: nil, title: nil, rank: nil,
                    rating: nil, spanYears: nil),
                actor: actor, on: db)
        }
    }

    func register(_ m: Member, year: Int, on db: any Database) async throws {
        let type = m.type(for: year)
        let movement = typeMovement[type].flatMap { movementIDs[$0] }
        let title =
            m.kind == .collective ? plan.modelTitle(type, unit: m.home.unit.shortName) : m.title
        let r = try await RegistrationService.create(
            RegistrationInput(
                year: year, unitID: m.home.id, subjectID: m.subjectID, subject: m.subjectID == nil ? m.input : nil,
                typeCode: type, fieldCode: nil, movementIDs: movement.map { [$0] } ?? [], title: title,
                description: "Đăng ký xây dựng mô hình, gương điển hình tiên tiến năm \(year) (dữ liệu trình diễn).",
                goals: "Đạt tiêu chuẩn điển hình tiên tiến năm \(year); được biểu dương, nhân rộng.",
                contact: m.input.phone ?? ""),
            actor: actor, on: db)
        m.subjectID = r.$subject.id
        m.registrations[year] = try r.requireID()
    }
}

extension DemoDistrictRun.Member {
    /// Agencies change model type over the years (the first for 2023, the next ones later).
    func type(for year: Int) -> String { typeCodes[min(max(0, year - 2023), typeCodes.count - 1)] }
}
