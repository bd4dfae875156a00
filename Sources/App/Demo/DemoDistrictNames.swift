import Domain
import Foundation

/// A small, fast, seeded generator: the same seed gives the same district on every machine.
/// SplitMix64 (Steele, Lea, Flood 2014), as used to seed xoshiro generators.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// 0 ..< n
    mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    /// true with probability p.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}

/// `Resources/Demo/names.json`: the lists the demo draws names from, with their sources.
struct DemoNameBook: Decodable, Sendable {
    struct Kinh: Decodable, Sendable {
        let families: [String]
        let middleMale: [String]
        let middleFemale: [String]
        let givenMale: [String]
        let givenFemale: [String]
    }
    struct Given: Decodable, Sendable {
        let name: String
        let unsure: Bool?
    }
    struct Families: Decodable, Sendable {
        let names: [String]
        let share: Double
    }
    struct Minority: Decodable, Sendable {
        let ethnicities: [String]
        let prefixMale: String
        let prefixFemale: String
        let givenMale: [Given]
        let givenFemale: [Given]
        let familiesMinority: Families
    }
    let version: String
    let kinh: Kinh
    let minority: Minority

    static func load(workingDirectory: String) throws -> DemoNameBook {
        let url = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Demo/names.json")
        return try JSONDecoder().decode(DemoNameBook.self, from: Data(contentsOf: url))
    }
}

/// A fictitious person: name, gender, ethnicity, and identifiers that cannot belong to anyone.
struct DemoPerson: Sendable {
    let name: String
    let gender: String
    let ethnicity: String
    let birthDate: String
    let idNumber: String
    let phone: String
}

/// Draws people from the name book. Every draw goes through the one seeded generator, so the order of calls is
/// the only thing that decides who is who.
struct DemoPeople {
    let book: DemoNameBook
    private var used: Set<String> = []
    private var serial = 0

    init(book: DemoNameBook) { self.book = book }

    /// `minorityShare`: the chance that the person is Xơ Đăng or Ba Na (most of the district's population).
    mutating func person(_ rng: inout SplitMix64, minorityShare: Double, bornFrom: Int = 1965, to: Int = 1998)
        -> DemoPerson
    {
        for _ in 0..<50 {
            let (name, male, ethnicity) = Self.drawName(book, &rng, minorityShare: minorityShare)
            guard !used.contains(name) else { continue }
            used.insert(name)
            return make(name: name, male: male, ethnicity: ethnicity, &rng, bornFrom: bornFrom, to: to)
        }
        // The lists are large enough that this is not reached in the demo; a numbered name keeps it unique anyway.
        serial += 1
        return make(name: "A Thôn \(serial)", male: true, ethnicity: "Xơ Đăng", &rng, bornFrom: bornFrom, to: to)
    }

    /// One name from the book, its gender and ethnicity (not checked for uniqueness; `person` does that, and the
    /// scale generator draws a million names where repeats are real life).
    static func drawName(_ book: DemoNameBook, _ rng: inout SplitMix64, minorityShare: Double) -> (
        name: String, male: Bool, ethnicity: String
    ) {
        let male = rng.chance(0.5)
        let minority = rng.chance(minorityShare)
        if minority {
            let m = book.minority
            let given = male ? rng.pick(m.givenMale).name : rng.pick(m.givenFemale).name
            let family = rng.chance(m.familiesMinority.share) ? rng.pick(m.familiesMinority.names) + " " : ""
            // "A"/"Y" marks a man/woman; with a Kinh-style family name the prefix gives way to Văn/Thị.
            let name =
                family.isEmpty
                ? (male ? m.prefixMale : m.prefixFemale) + " " + given
                : family + (male ? "Văn " : "Thị ") + given
            return (name, male, rng.pick(m.ethnicities))
        }
        let k = book.kinh
        let name =
            rng.pick(k.families) + " " + (male ? rng.pick(k.middleMale) : rng.pick(k.middleFemale)) + " "
            + (male ? rng.pick(k.givenMale) : rng.pick(k.givenFemale))
        return (name, male, "Kinh")
    }

    private mutating func make(
        name: String, male: Bool, ethnicity: String, _ rng: inout SplitMix64, bornFrom: Int, to: Int
    ) -> DemoPerson {
        serial += 1
        let year = bornFrom + rng.int(max(1, to - bornFrom + 1))
        let birth = String(format: "%02d/%02d/%04d", 1 + rng.int(28), 1 + rng.int(12), year)
        return DemoPerson(
            name: name, gender: male ? "Nam" : "Nữ", ethnicity: ethnicity, birthDate: birth,
            idNumber: Self.fictitiousCCCD(serial), phone: Self.fictitiousPhone(serial))
    }

    /// A 12-digit CCCD that starts with "000": the first three digits of a real CCCD are the province code of
    /// birth registration (001–096), so no real card starts with 000.
    static func fictitiousCCCD(_ n: Int) -> String { "000" + String(format: "%09d", n % 1_000_000_000) }
    /// "0900 000 xxx": a number shape reserved for the demo, never assigned to a real subscriber by us.
    static func fictitiousPhone(_ n: Int) -> String { "0900000" + String(format: "%03d", n % 1000) }
}
