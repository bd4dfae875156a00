import Foundation
import NIOCore
import NIOHTTP1
import Vapor

/// The API's JSON encoder (`ContentConfiguration.global`, `.json`): the JSON Vapor's default encoder writes
/// (Foundation's `JSONEncoder`, dates in ISO 8601), written in one pass as the values are encoded. Foundation's builds
/// a tree of every value first, each object a dictionary, then writes it: a quarter of a 50-row API search page's
/// CPU under load (session 35, `Benchmarks/http/perf_page.py --page "API folded search"`).
///
/// Differences: an object's keys come in the order the value encodes them (Foundation's come in its dictionaries'
/// order, which changes from one run of the server to the next). Everything else is Foundation's, and
/// `APIJSONEncoderTests` holds it to that: strings escaped alike ("/" as "\/"), integers, doubles (Foundation's
/// digits, "1" for 1.0), dates `yyyy-MM-ddTHH:mm:ssZ`, `Data` in Base64, a `URL` as its absolute string, a value that
/// encodes nothing as `{}`, a nil optional left out. What this writer does not take on — a container written to after
/// a later sibling began, `superEncoder`, a date outside 1900–2199, a number that is not finite, a `userInfo` —
/// makes the whole value go through Foundation's encoder instead, so the answer is the same either way; so does a
/// value whose `encode(to:)` throws. Not detected: a key written twice to one object (two keys where Foundation keeps
/// one); no encoder of the app's does.
struct APIJSONEncoder: ContentEncoder {
    /// Vapor's default (`ContentConfiguration.default()`): what the API answered with before.
    static let foundation: JSONEncoder = .custom(dates: .iso8601)

    func encode<E: Encodable>(_ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders) throws {
        try encode(encodable, to: &body, headers: &headers, userInfo: [:])
    }

    func encode<E: Encodable>(
        _ encodable: E, to body: inout ByteBuffer, headers: inout HTTPHeaders,
        userInfo: [CodingUserInfoKey: any Sendable]
    ) throws {
        guard userInfo.isEmpty else {
            return try Self.foundation.encode(encodable, to: &body, headers: &headers, userInfo: userInfo)
        }
        headers.contentType = .json
        body.writeBytes(try Self.bytes(encodable))
    }

    /// `value` as JSON: written in one pass, or by Foundation's encoder where this writer does not take it on.
    static func bytes<E: Encodable>(_ value: E) throws -> [UInt8] {
        let writer = JSONStreamWriter()
        try writer.value(value)
        writer.finish()
        if writer.unsupported { return Array(try foundation.encode(value)) }
        return writer.bytes
    }
}

/// Writes JSON as an `Encoder` is handed values. Containers are frames on a stack; writing to one closes every frame
/// opened after it (a nested container its code has finished with). Anything it cannot write as Foundation would
/// sets `unsupported`, and `APIJSONEncoder` encodes the value again with Foundation's encoder.
///
/// Its state is read and written without the runtime's exclusivity checks (`@exclusivity(unchecked)`): one value is
/// encoded by one caller at a time, and no method hands out a reference to the state while it changes it; the checks
/// (a begin and an end of access on every byte appended) were 5 % of the national API search's server samples
/// (`perf`, session 37).
final class JSONStreamWriter {
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private(set) var unsupported = false

    private struct Frame {
        let id: Int
        let object: Bool
        var count: Int
    }

    /// Open containers, innermost last.
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var nextID = 0
    /// The value being encoded through `Encoder`: the depth of the frames it may open, and whether it has begun.
    @exclusivity(unchecked) private var slotDepth = 0
    @exclusivity(unchecked) private var slotFilled = false

    init() {
        bytes.reserveCapacity(4_096)
    }

    func fail() { unsupported = true }

    /// Closes every open container.
    func finish() {
        while !frames.isEmpty { closeTop() }
    }

    private func closeTop() {
        let frame = frames.removeLast()
        bytes.append(frame.object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    private func open(object: Bool) -> Int {
        nextID += 1
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(id: nextID, object: object, count: 0))
        return nextID
    }

    /// Makes container `id` the innermost (closing those opened after it) and writes the separator before its next
    /// element; false (and unsupported) when it has been closed.
    @discardableResult
    func enter(_ id: Int) -> Bool {
        var i = frames.count - 1
        // Mostly the innermost container.
        if i >= slotDepth, i >= 0, frames[i].id == id {
            if frames[i].count > 0 { bytes.append(UInt8(ascii: ",")) }
            frames[i].count += 1
            return true
        }
        while i >= 0 && frames[i].id != id { i -= 1 }
        // A container of an enclosing value, written to while this value is being encoded: not taken on.
        guard i >= 0, i >= slotDepth else {
            fail()
            return false
        }
        while frames.count > i + 1 { closeTop() }
        if frames[i].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[i].count += 1
        return true
    }

    /// The element count of container `id` (an unkeyed container's `count`).
    func count(of id: Int) -> Int { frames.last(where: { $0.id == id })?.count ?? 0 }

    // MARK: Containers of the value being encoded

    /// The keyed (`object`) or unkeyed container the current value asks its encoder for: opened on its first request,
    /// the same one again on a second request of the same kind while it is open.
    func container(object: Bool) -> Int {
        if !slotFilled {
            slotFilled = true
            return open(object: object)
        }
        if frames.count > slotDepth, frames[slotDepth].object == object {
            return frames[slotDepth].id
        }
        fail()
        return -1
    }

    /// Claims the current value for a single scalar; false (and unsupported) when the value has written already.
    func single() -> Bool {
        if slotFilled {
            fail()
            return false
        }
        slotFilled = true
        return true
    }

    /// A nested container of container `id`, after `key` when it is keyed.
    func nested(in id: Int, key: String?, object: Bool) -> Int {
        guard enter(id) else { return -1 }
        if let key { self.key(key) }
        return open(object: object)
    }

    func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    // MARK: Values

    /// Any value: the types Foundation's encoder writes itself; a `JSONDirectEncodable` through its `writeJSON`; else
    /// the value's own `encode(to:)`, `{}` when that encodes nothing.
    func value<T: Encodable>(_ value: T) throws {
        // The type is known: the value read as it, without the runtime's dynamic cast.
        func known<U>(_: U.Type) -> U { withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: U.self) } }
        if T.self == String.self {
            string(known(String.self))
        } else if T.self == Int.self {
            integer(known(Int.self))
        } else if T.self == Bool.self {
            literal(known(Bool.self) ? "true" : "false")
        } else if T.self == Date.self {
            date(known(Date.self))
        } else if T.self == Double.self {
            double(known(Double.self))
        } else if T.self == URL.self {
            string(known(URL.self).absoluteString)
        } else if T.self == Data.self {
            string(known(Data.self).base64EncodedString())
        } else if T.self == Decimal.self || T.self == Float.self {
            fail()
        } else if let type = T.self as? any JSONDirectEncodable.Type {
            // The type's conformance, not the value's: no existential box for the value, no optional unwrapped (an
            // optional goes its `encode(to:)` way, which hands its value back here).
            func write<D: JSONDirectEncodable>(_: D.Type) { known(D.self).writeJSON(to: self) }
            write(type)
        } else {
            let saved = (slotDepth, slotFilled)
            slotDepth = frames.count
            slotFilled = false
            do {
                try value.encode(to: StreamEncoder(writer: self))
            } catch {
                // What it wrote before throwing stays in the output; a caller that goes on (`try?`) would leave it
                // there: the value goes to Foundation's encoder whole, which throws or goes on as Foundation does.
                fail()
                (slotDepth, slotFilled) = saved
                throw error
            }
            if !slotFilled {
                literal("{}")
            } else if frames.count < slotDepth {
                fail()
            } else {
                while frames.count > slotDepth { closeTop() }
            }
            (slotDepth, slotFilled) = saved
        }
    }

    func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A byte a JSON string writes escaped, as Foundation's encoder does: a control character, `"`, `\`, `/`.
    @inline(__always)
    private static func escaped(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "/")
    }

    func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            // Mostly nothing to escape: the text in one piece.
            if let first = utf8.firstIndex(where: Self.escaped) {
                escaping(utf8, from: first)
            } else {
                bytes.append(contentsOf: utf8)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// `utf8` with its escapes, the first at `first`.
    private func escaping(_ utf8: UnsafeBufferPointer<UInt8>, from first: Int) {
        var run = 0
        for i in first..<utf8.count {
            let b = utf8[i]
            guard Self.escaped(b) else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
            run = i + 1
            switch b {
            case UInt8(ascii: "\""): literal("\\\"")
            case UInt8(ascii: "\\"): literal("\\\\")
            case UInt8(ascii: "/"): literal("\\/")
            case 0x0A: literal("\\n")
            case 0x0D: literal("\\r")
            case 0x09: literal("\\t")
            case 0x08: literal("\\b")
            case 0x0C: literal("\\f")
            default:
                literal("\\u00")
                bytes.append(Hex.digits[Int(b >> 4)])
                bytes.append(Hex.digits[Int(b & 0x0F)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
    }

    /// In decimal.
    func integer<I: BinaryInteger>(_ value: I) {
        guard let value = Int(exactly: value) else { return bytes.append(contentsOf: String(value).utf8) }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Foundation's digits: the shortest that read back as the same double, without a trailing ".0".
    func double(_ value: Double) {
        guard value.isFinite else { return fail() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        // Foundation writes large and small magnitudes in its own exponent form: left to it.
        guard !text.contains("e") else { return fail() }
        bytes.append(contentsOf: text.utf8)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, the seconds' fraction dropped (Foundation's `.iso8601`); 1900–2199 only.
    func date(_ value: Date) {
        let seconds = Int(value.timeIntervalSince1970.rounded(.down))
        let day = Int((Double(seconds) / 86_400).rounded(.down))
        let iso = Today.Day.iso(day: day)
        guard iso.utf8.count == 10, let year = Int(iso.prefix(4)), (1_900..<2_200).contains(year) else { return fail() }
        let time = seconds - day * 86_400
        func two(_ n: Int) {
            bytes.append(UInt8(ascii: "0") + UInt8(n / 10))
            bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
        }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: iso.utf8)
        bytes.append(UInt8(ascii: "T"))
        two(time / 3_600)
        bytes.append(UInt8(ascii: ":"))
        two(time / 60 % 60)
        bytes.append(UInt8(ascii: ":"))
        two(time % 60)
        literal("Z\"")
    }
}

/// A value of a long list's page that writes its JSON itself, field after field, where its `encode(to:)` goes through
/// `Encoder`'s containers: a keyed container boxed as an existential, a coding key's text escaped again for every
/// field, a frame looked up for every separator. On the national API search (50 registrations read from 31 columns,
/// 33 fields with their subject's) that machinery was two thirds of the JSON's 17 % of the server's samples
/// (`perf_page.py --page "API folded search"`, session 45). Those costs are the `Encoder` protocol's own (a container
/// is an existential by its signature), so the long lists' rows step around it rather than the writer mending it.
///
/// `writeJSON` writes what `encode(to:)` writes through `JSONStreamWriter`: the same keys in the same order (a
/// synthesized `Encodable`'s: the stored properties' order), a nil optional left out (`encodeIfPresent`).
/// `APIJSONEncoderTests.directAsEncodable` holds the two such types, `RegistrationDTO` and `SubjectDTO`, to the same
/// bytes, so a field added, renamed or moved without its `writeJSON` fails there; a new such type joins that test.
protocol JSONDirectEncodable: Encodable {
    func writeJSON(to writer: JSONStreamWriter)
}

extension JSONStreamWriter {
    /// An object written field after field (`JSONDirectEncodable`): `{`, then `body`, then `}`.
    func object(_ body: (inout DirectObject) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        var object = DirectObject(writer: self)
        body(&object)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `"key":`, after a comma unless it is the object's first; `key` is a Swift identifier (nothing to escape).
    fileprivate func directKey(_ key: StaticString, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// `[` the elements `]`, each written by `element`.
    fileprivate func directArray<C: Collection>(_ elements: C, _ element: (C.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for e in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            element(e)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// The fields of an object a `JSONDirectEncodable` writes.
struct DirectObject {
    let writer: JSONStreamWriter
    private var first = true

    fileprivate init(writer: JSONStreamWriter) { self.writer = writer }

    private mutating func key(_ key: StaticString) {
        writer.directKey(key, first: first)
        first = false
    }

    mutating func field(_ key: StaticString, _ value: String) {
        self.key(key)
        writer.string(value)
    }

    mutating func field(_ key: StaticString, _ value: Int) {
        self.key(key)
        writer.integer(value)
    }

    /// Left out when nil, as `encodeIfPresent` leaves it.
    mutating func field(_ key: StaticString, _ value: String?) {
        if let value { field(key, value) }
    }

    mutating func field(_ key: StaticString, _ value: Int?) {
        if let value { field(key, value) }
    }

    mutating func field(_ key: StaticString, _ values: [Int]) {
        self.key(key)
        let writer = writer
        writer.directArray(values) { writer.integer($0) }
    }

    mutating func field(_ key: StaticString, _ values: [String]) {
        self.key(key)
        let writer = writer
        writer.directArray(values) { writer.string($0) }
    }

    mutating func field(_ key: StaticString, _ value: some JSONDirectEncodable) {
        self.key(key)
        value.writeJSON(to: writer)
    }
}

/// The `Encoder` a value's `encode(to:)` is handed.
private struct StreamEncoder: Encoder {
    let writer: JSONStreamWriter
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(writer: writer, id: writer.container(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(writer: writer, id: writer.container(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(writer: writer) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let id: Int
    var codingPath: [any CodingKey] { [] }

    private func enter(_ key: Key) -> Bool {
        guard writer.enter(id) else { return false }
        writer.key(key.stringValue)
        return true
    }

    mutating func encodeNil(forKey key: Key) throws { if enter(key) { writer.literal("null") } }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        if enter(key) { writer.literal(value ? "true" : "false") }
    }
    mutating func encode(_ value: String, forKey key: Key) throws { if enter(key) { writer.string(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if enter(key) { writer.double(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { writer.fail() }
    mutating func encode(_ value: Int, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if enter(key) { writer.integer(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if enter(key) { try writer.value(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(
            KeyedWriter<NestedKey>(writer: writer, id: writer.nested(in: id, key: key.stringValue, object: true)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedWriter(writer: writer, id: writer.nested(in: id, key: key.stringValue, object: false))
    }

    mutating func superEncoder() -> any Encoder {
        writer.fail()
        return StreamEncoder(writer: JSONStreamWriter())
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let id: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.count(of: id) }

    mutating func encodeNil() throws { if writer.enter(id) { writer.literal("null") } }
    mutating func encode(_ value: Bool) throws { if writer.enter(id) { writer.literal(value ? "true" : "false") } }
    mutating func encode(_ value: String) throws { if writer.enter(id) { writer.string(value) } }
    mutating func encode(_ value: Double) throws { if writer.enter(id) { writer.double(value) } }
    mutating func encode(_ value: Float) throws { writer.fail() }
    mutating func encode(_ value: Int) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: Int8) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: Int16) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: Int32) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: Int64) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: UInt) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: UInt8) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: UInt16) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: UInt32) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode(_ value: UInt64) throws { if writer.enter(id) { writer.integer(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { if writer.enter(id) { try writer.value(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        KeyedEncodingContainer(
            KeyedWriter<NestedKey>(writer: writer, id: writer.nested(in: id, key: nil, object: true)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedWriter(writer: writer, id: writer.nested(in: id, key: nil, object: false))
    }

    mutating func superEncoder() -> any Encoder {
        writer.fail()
        return StreamEncoder(writer: JSONStreamWriter())
    }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { if writer.single() { writer.literal("null") } }
    mutating func encode(_ value: Bool) throws { if writer.single() { writer.literal(value ? "true" : "false") } }
    mutating func encode(_ value: String) throws { if writer.single() { writer.string(value) } }
    mutating func encode(_ value: Double) throws { if writer.single() { writer.double(value) } }
    mutating func encode(_ value: Float) throws { writer.fail() }
    mutating func encode(_ value: Int) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: Int8) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: Int16) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: Int32) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: Int64) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: UInt) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: UInt8) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: UInt16) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: UInt32) throws { if writer.single() { writer.integer(value) } }
    mutating func encode(_ value: UInt64) throws { if writer.single() { writer.integer(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value writes in this container's place: its own containers open at this depth.
        if writer.single() { try writer.value(value) }
    }
}
