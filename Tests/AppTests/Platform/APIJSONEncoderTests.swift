import Foundation
import Testing
import Vapor

@testable import App

/// `APIJSONEncoder` writes what Foundation's encoder (Vapor's default, dates ISO 8601) writes: the same bytes where
/// the order of an object's keys cannot differ (one key, arrays, scalars), the same JSON value everywhere.
@Suite("The API's JSON, as Foundation's encoder writes it")
struct APIJSONEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try APIJSONEncoder.foundation.encode(value))
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A JSON value read back (the audit's own reader), compared whatever the order of an object's keys.
    typealias JSONValue = AuditRedaction.JSONValue

    static func read(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// Both encoders' output read back as the same JSON value.
    static func sameValue<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try APIJSONEncoder.bytes(value)
        let theirs = try foundation(value)
        #expect(
            try Self.read(ours) == Self.read(theirs), "\(text(ours)) ≠ \(text(theirs))",
            sourceLocation: sourceLocation)
    }

    @Test
    func stringsEscapedAlike() throws {
        var texts = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        texts += [
            "", "đăk rồng", "Sâm dây", "a/b\\c\"d", "tab\there\nline\r\n", "\u{7F}\u{80}\u{2028}\u{2029}", "😀 nhé",
            "https://dienhinh.gov.vn/dien-hinh/12?x=1&y=2", String(repeating: "nguyễn ", count: 200),
        ]
        for text in texts {
            #expect(try APIJSONEncoder.bytes([text]) == Self.foundation([text]), "\(text.unicodeScalars.map(\.value))")
            #expect(try APIJSONEncoder.bytes(["k\(text)": 1]) == Self.foundation(["k\(text)": 1]))
        }
        #expect(try APIJSONEncoder.bytes(texts) == Self.foundation(texts))
        // Random texts: escapes at the start, the end, side by side, or none (the writer's whole-text path).
        var random = SplitMix64(seed: 37)
        let pieces = ["a", "đ", "ễ", "\"", "\\", "/", "\n", "\u{01}", "\u{1F}", " ", "😀", "Z", "9"]
        for _ in 0..<2_000 {
            let length = Int(random.next() % 12)
            let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(try APIJSONEncoder.bytes([text]) == Self.foundation([text]), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test
    func numbersAlike() throws {
        #expect(
            try APIJSONEncoder.bytes([0, 1, -1, 42, Int.max, Int.min])
                == Self.foundation([0, 1, -1, 42, Int.max, Int.min]))
        #expect(try APIJSONEncoder.bytes([Int8.min, Int8.max]) == Self.foundation([Int8.min, Int8.max]))
        #expect(try APIJSONEncoder.bytes([UInt64.max, 0]) == Self.foundation([UInt64.max, 0]))
        #expect(try APIJSONEncoder.bytes([Int32.min, 7]) == Self.foundation([Int32.min, 7]))
        var random = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let bits = random.next()
            let n = Int(bitPattern: UInt(bits >> (bits % 64)))
            let values = [n, 0 &- n, n % 1_000, Int(Int16(truncatingIfNeeded: n))]
            #expect(try APIJSONEncoder.bytes(values) == Self.foundation(values), "\(values)")
            #expect(try APIJSONEncoder.bytes([UInt64(bits)]) == Self.foundation([UInt64(bits)]))
        }
        let doubles: [Double] = [
            0, -0.0, 1, -1, 0.1, 1.5, 100, 123.456, .pi, 1e15, 1e16, 1e21, 1e-7, 0.000_123, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude,
            9_007_199_254_740_992, 2.5e-5, 33.333_333_333_333_336,
        ]
        for d in doubles {
            #expect(try APIJSONEncoder.bytes([d]) == Self.foundation([d]), "\(d)")
        }
        #expect(try APIJSONEncoder.bytes([true, false]) == Self.foundation([true, false]))
        #expect(try APIJSONEncoder.bytes([Float(1.25)]) == Self.foundation([Float(1.25)]))
        #expect(try APIJSONEncoder.bytes([Decimal(string: "12.50")!]) == Self.foundation([Decimal(string: "12.50")!]))
        // Not finite: Foundation's error, not a JSON of ours.
        #expect(throws: (any Error).self) { try APIJSONEncoder.bytes([Double.nan]) }
    }

    @Test
    func datesAlike() throws {
        var generator = SystemRandomNumberGenerator()
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 0.999),
            Date(timeIntervalSince1970: -0.5), Date(timeIntervalSince1970: 1_767_225_599.75),
            Date(timeIntervalSince1970: -2_208_988_800), // 1900-01-01
            Date(timeIntervalSince1970: 7_258_118_399), // 2199-12-31T23:59:59
            // Outside 1900–2199: left to Foundation.
            Date(timeIntervalSince1970: -2_208_988_801), Date(timeIntervalSince1970: 7_258_118_400),
            Date(timeIntervalSince1970: -62_135_596_800), Date(timeIntervalSince1970: 253_402_300_800),
        ]
        dates += (0..<2_000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: -2_208_988_800..<7_258_118_400, using: &generator))
        }
        for date in dates {
            #expect(try APIJSONEncoder.bytes([date]) == Self.foundation([date]), "\(date.timeIntervalSince1970)")
        }
        let data = Data("tệp đính kèm".utf8)
        #expect(try APIJSONEncoder.bytes([data]) == Self.foundation([data]))
        let url = URL(string: "https://example.gov.vn/a b/ả?x=1")!
        #expect(try APIJSONEncoder.bytes([url]) == Self.foundation([url]))
    }

    enum Kind: String, Codable { case individual, collective }

    struct Inner: Codable, Equatable {
        var id: Int
        var note: String?
    }

    struct Nothing: Encodable {}

    struct Page: Encodable {
        var items: [Inner]
        var kind: Kind
        var kinds: [Kind: Int]
        var names: [String: String]
        var nested: [[Int?]]
        var optional: String?
        var present: String?
        var empty: Nothing
        var when: Date
        var flag: Bool
        var ratio: Double
    }

    static let page = Page(
        items: [Inner(id: 1, note: "một"), Inner(id: 2, note: nil)], kind: .collective,
        kinds: [.individual: 3, .collective: 4], names: ["ha-noi": "Hà Nội", "hue": "Huế"], nested: [[1, nil], []],
        optional: nil, present: "có", empty: Nothing(), when: Date(timeIntervalSince1970: 1_700_000_000.5), flag: true,
        ratio: 0.25)

    @Test
    func structuresAlike() throws {
        try Self.sameValue(Self.page)
        try Self.sameValue([Self.page, Self.page])
        try Self.sameValue(Nothing())
        try Self.sameValue(Kind.individual)
        try Self.sameValue("một chuỗi")
        try Self.sameValue([String: Inner]())
        try Self.sameValue([Inner]())
        try Self.sameValue(Optional<Int>.none)
        // A nil optional is left out; a value that encodes nothing is an empty object; keys in encoding order.
        let text = Self.text(try APIJSONEncoder.bytes(Self.page))
        #expect(!text.contains("\"optional\""))
        #expect(text.contains("\"empty\":{}"))
        #expect(text.hasPrefix(#"{"items":[{"id":1,"note":"một"},{"id":2}],"kind":"collective","#))
        #expect(text.contains(#""nested":[[1,null],[]]"#))
        #expect(text.contains(#""when":"2023-11-14T22:13:20Z""#))
    }

    /// Hand-written encoders: a nested container closed by a later sibling, a second request for the same container,
    /// a wrapper writing another value in its single container; what is left to Foundation (the closed container
    /// written to again) still comes out as Foundation's.
    struct Interleaved: Encodable {
        enum Keys: String, CodingKey { case first, second, again, wrapped }
        var writeBack = false

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: Keys.self)
            var first = keyed.nestedUnkeyedContainer(forKey: .first)
            try first.encode(1)
            var second = keyed.nestedContainer(keyedBy: Keys.self, forKey: .second)
            try second.encode("hai", forKey: .again)
            if writeBack { try first.encode(2) } // `first` was closed when `second` began
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode(Wrapper(inner: Inner(id: 5, note: "gói")), forKey: .wrapped)
        }
    }

    /// A value whose encoding throws part-way, and a parent that goes on without it (`try?`).
    struct Failing: Encodable {
        struct Boom: Error {}
        var opensFirst: Bool
        func encode(to encoder: any Encoder) throws {
            if opensFirst {
                var c = encoder.container(keyedBy: Interleaved.Keys.self)
                try c.encode(1, forKey: .first)
            }
            throw Boom()
        }
    }

    struct Forgiving: Encodable {
        var opensFirst: Bool
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Interleaved.Keys.self)
            try? c.encode(Failing(opensFirst: opensFirst), forKey: .second)
            try c.encode("sau", forKey: .again)
        }
    }

    struct Wrapper: Encodable {
        var inner: Inner
        func encode(to encoder: any Encoder) throws {
            var single = encoder.singleValueContainer()
            try single.encode(inner)
        }
    }

    @Test
    func handWrittenAlike() throws {
        #expect(
            Self.text(try APIJSONEncoder.bytes(Interleaved()))
                == #"{"first":[1],"second":{"again":"hai"},"wrapped":{"id":5,"note":"gói"}}"#)
        try Self.sameValue(Interleaved())
        try Self.sameValue(Interleaved(writeBack: true))
        // A child's encoding that throws: Foundation's answer whether the parent goes on or not.
        try Self.sameValue(Forgiving(opensFirst: false))
        try Self.sameValue(Forgiving(opensFirst: true))
        #expect(throws: Failing.Boom.self) { try APIJSONEncoder.bytes([Failing(opensFirst: true)]) }
        // The pages' encoder's fixtures: every kind of container, `superEncoder` (left to Foundation), every scalar.
        try Self.sameValue(PageEncoderTests.Custom())
        try Self.sameValue(PageEncoderTests.Context())
    }

    /// A random registration as the API reads it back: texts with and without escapes, each optional present or
    /// absent, movements and withheld keys from none to several.
    static func randomRegistration(_ random: inout SplitMix64) throws -> RegistrationDTO {
        let pieces = ["a", "đ", "ễ", "\"", "\\", "/", "\n", "\u{01}", " ", "😀", "Z", "9", "Sâm dây"]
        func text() -> String {
            (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
        func maybe(_ value: Any) -> Any { random.next() % 3 == 0 ? NSNull() : value }
        func number() -> Int { Int(random.next() % 2_000_000) - 1_000 }
        var subject: [String: Any] = [
            "id": number(), "kind": text(), "kindLabel": text(), "name": text(), "unitID": number(),
            "position": text(),
            "withheld": (0..<Int(random.next() % 4)).map { _ in text() },
        ]
        for key in ["gender", "genderLabel", "ethnicity", "ethnicityName", "birthDate", "idNumber", "phone", "address"]
        {
            subject[key] = maybe(text())
        }
        for key in ["headsUnitID", "representsUnitID"] { subject[key] = maybe(number()) }
        let registration: [String: Any] = [
            "id": number(), "year": number(), "status": text(), "statusLabel": text(), "subject": subject,
            "unitID": number(), "unitName": text(), "subjectKind": text(), "typeCode": maybe(text()),
            "typeName": maybe(text()), "catalogueVersion": text(), "fieldCode": text(),
            "movementIDs": (0..<Int(random.next() % 4)).map { _ in number() }, "title": text(),
            "description": text(), "goals": text(), "contact": text(),
        ]
        let data = try JSONSerialization.data(withJSONObject: registration)
        return try JSONDecoder().decode(RegistrationDTO.self, from: data)
    }

    /// The API's long-list rows that write their JSON themselves (`JSONDirectEncodable`) write the bytes their
    /// `encode(to:)` writes through the same writer, alone and as a page, and read back as Foundation's.
    @Test
    func directAsEncodable() throws {
        var random = SplitMix64(seed: 45)
        var page: [RegistrationDTO] = []
        var keys: (registration: Set<String>, subject: Set<String>) = ([], [])
        for _ in 0..<500 {
            let dto = try Self.randomRegistration(&random)
            let direct = try APIJSONEncoder.bytes(dto)
            #expect(direct == (try APIJSONEncoder.bytes(ThroughEncoder(dto))), "\(Self.text(direct))")
            #expect(
                try APIJSONEncoder.bytes(dto.subject) == APIJSONEncoder.bytes(ThroughEncoder(dto.subject)))
            if case .object(let fields) = try Self.read(direct), case .object(let subject)? = fields["subject"] {
                keys.registration.formUnion(fields.keys)
                keys.subject.formUnion(subject.keys)
            }
            page.append(dto)
        }
        // Every stored property was written in some sample: an optional one the samples never fill (a property added
        // to the type but not to `randomRegistration`) would be left out by both ways alike, and prove nothing.
        #expect(keys.registration == Set(Mirror(reflecting: page[0]).children.compactMap(\.label)))
        #expect(keys.subject == Set(Mirror(reflecting: page[0].subject).children.compactMap(\.label)))
        let list = ListResponse(
            items: page, page: 1, perPage: 50, total: 500, totalIsLowerBound: false, next: "x", previous: nil,
            order: nil)
        let ours = try APIJSONEncoder.bytes(list)
        #expect(
            ours
                == (try APIJSONEncoder.bytes(
                    ListResponse(
                        items: page.map(ThroughEncoder.init), page: 1, perPage: 50, total: 500,
                        totalIsLowerBound: false, next: "x", previous: nil, order: nil))))
        #expect(try Self.read(ours) == Self.read(Self.foundation(list)))
        // Both write themselves (without the conformance both ways above would be the same, and prove nothing of it).
        #expect([RegistrationDTO.self, SubjectDTO.self].allSatisfy(Self.writesItself))
        // The cast that takes the direct path finds the type wherever it stands: alone, in an array, in an optional,
        // as an object's field (a type whose two ways differ on purpose shows which was taken).
        #expect(Self.text(try APIJSONEncoder.bytes(Marked())) == #"{"via":"direct"}"#)
        #expect(Self.text(try APIJSONEncoder.bytes(ThroughEncoder(Marked()))) == #"{"via":"encodable"}"#)
        #expect(Self.text(try APIJSONEncoder.bytes([Marked()])) == #"[{"via":"direct"}]"#)
        #expect(Self.text(try APIJSONEncoder.bytes(["a": Optional(Marked())])) == #"{"a":{"via":"direct"}}"#)
    }

    /// `value` written through its `encode(to:)`, the writer's `Encoder` way, whether or not it writes itself: a type
    /// of its own, which does not. A value it holds that writes itself (a registration's subject) still does.
    struct ThroughEncoder<T: Encodable & Sendable>: Encodable, Sendable {
        let value: T
        init(_ value: T) { self.value = value }
        func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    }

    /// Whether the writer takes `type`'s direct way (asked at run time, as `JSONStreamWriter.value` asks).
    static func writesItself(_ type: any Encodable.Type) -> Bool { type is any JSONDirectEncodable.Type }

    /// Writes one thing through `writeJSON` and another through `encode(to:)`.
    struct Marked: JSONDirectEncodable {
        enum Keys: String, CodingKey { case via }

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: Keys.self)
            try keyed.encode("encodable", forKey: .via)
        }

        func writeJSON(to writer: JSONStreamWriter) {
            writer.object { $0.field("via", "direct") }
        }
    }

    /// Through HTTP: the API's answers are this encoder's (keys in the DTO's order) and read back as before.
    @Test
    func apiAnswersThroughIt() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let unit = try await unitID(app, "KR-DAKRUONG")
            for name in ["Nguyễn Văn \"Ba\"", "Trần Thị A/B", "Lê Đức Thọ"] {
                let made = try await api.registerIndividual(name, unit: unit, title: "Người tốt việc tốt")
                #expect(made.status == .created)
            }
            let res = try await api.send(.GET, "/api/v1/registrations?year=2025&perPage=3")
            #expect(res.status == .ok)
            #expect(res.headers.contentType == .json)
            #expect(res.text.hasPrefix(#"{"items":[{"#))
            let page = try res.json(ListResponse<RegistrationDTO>.self)
            #expect(page.items.count == 3)
            #expect(res.text.contains(#"Nguyễn Văn \"Ba\""#) && res.text.contains(#"Trần Thị A\/B"#))
            // The same answer through Foundation's encoder reads back as the same value.
            #expect(try Self.read(Array(res.text.utf8)) == Self.read(Self.foundation(page)))
        }
    }
}

/// A page's items of its own kind (`ListResponse` holds `Content`).
extension APIJSONEncoderTests.ThroughEncoder: Decodable, Content, RequestDecodable, ResponseEncodable,
    AsyncRequestDecodable, AsyncResponseEncodable
where T: Content {
    init(from decoder: any Decoder) throws { self.init(try T(from: decoder)) }
}
