import Foundation
import Leaf
import LeafKit
import NIOConcurrencyHelpers
import Vapor

/// The app's view renderer (`app.views.use`): Leaf's renderer, with the context encoded by `PageEncoder` instead of
/// Leaf's own encoder. Every `req.view.render` goes through it, with the renderer kept for the request's event loop
/// (`KeptLeafRenderers`); `app.view` outside a request, with Leaf's own.
struct PageRenderer: ViewRenderer {
    let application: Application
    let kept: KeptLeafRenderers
    var request: Request? = nil

    func `for`(_ request: Request) -> any ViewRenderer {
        PageRenderer(application: application, kept: kept, request: request)
    }

    func render<E: Encodable>(_ name: String, _ context: E) -> EventLoopFuture<View> {
        let leaf = request.map { kept.renderer(for: $0) } ?? application.leaf.renderer
        do {
            return leaf.render(path: name, context: try PageEncoder.encode(context)).map { View(data: $0) }
        } catch {
            return leaf.eventLoop.makeFailedFuture(error)
        }
    }
}

/// One Leaf renderer an event loop, made at the loop's first page from the app's Leaf settings (its configuration,
/// tags, cache and sources, all set by then) and kept. Vapor's `req.view` made two renderers a request (`app.view`'s
/// and `req.leaf`), each with a file source of its own: 2.6 % of a search page's samples under load (session 35).
/// Leaf's renderer holds only constants and thread-safe parts, as `req.leaf`'s did; its `userInfo` is empty here (no
/// tag of ours reads the request or the application from it, and a kept renderer holding the application would
/// keep it alive).
final class KeptLeafRenderers: @unchecked Sendable {
    private let lock = NIOLock()
    private var renderers: [ObjectIdentifier: LeafRenderer] = [:]

    func renderer(for request: Request) -> LeafRenderer {
        let loop = request.eventLoop
        let key = ObjectIdentifier(loop)
        if let kept = lock.withLock({ renderers[key] }) { return kept }
        let leaf = request.application.leaf
        let made = LeafRenderer(
            configuration: leaf.configuration, tags: leaf.tags, cache: leaf.cache, sources: leaf.sources,
            eventLoop: loop)
        return lock.withLock {
            if let first = renderers[key] { return first }
            renderers[key] = made
            return made
        }
    }
}

/// Turns a page's typed context into Leaf's values: what Leaf's own encoder makes (the same values, a nil optional
/// left out, an empty struct an empty dictionary), with a fraction of its work. Leaf's encoder makes a class, a coding
/// path and a boxed container for every value, a string key for every array item, and casts every value to
/// `LeafDataRepresentable`; on the registration list that was 6.7 % of the server's samples under load (session 29).
/// Here a nested value is one node, resolved as soon as it is encoded; scalars go straight in through their own
/// overloads. `SurfaceTests.everyViewRenders` renders every page's mock both ways and expects the same bytes.
/// `PageRenderer` puts it under every `req.view.render`.
enum PageEncoder {
    static func encode<C: Encodable>(_ context: C) throws -> [String: LeafData] {
        let root = Node()
        try context.encode(to: root)
        switch root.resolved() {
        case .none:
            return [:]
        case .some(let data):
            // As Leaf's encoder: a page's context is a keyed value, never an array or a scalar.
            guard let dictionary = data.dictionary else {
                throw LeafError(.illegalAccess("Leaf contexts must be dictionaries or structure types."))
            }
            return dictionary
        }
    }

    /// A value Leaf takes as it is (strings, numbers, booleans, dates, UUIDs), as Leaf's encoder finds them.
    fileprivate static func direct<T: Encodable>(_ value: T) -> LeafData? {
        (value as? any LeafDataRepresentable)?.leafData
    }

    /// Encodes one nested value on a node of its own and gives what it resolves to (nil: it encoded nothing).
    fileprivate static func nested<T: Encodable>(_ value: T) throws -> LeafData? {
        if let data = direct(value) { return data }
        let node = Node()
        try value.encode(to: node)
        return node.resolved()
    }

    /// What a keyed or unkeyed container holds: a value already resolved, or a nested container still being filled.
    fileprivate enum Entry {
        case data(LeafData)
        case node(Node)

        var resolved: LeafData? {
            switch self {
            case .data(let data): data
            case .node(let node): node.resolved()
            }
        }
    }

    /// One value being encoded: the encoder, and its single-value container.
    fileprivate final class Node: Encoder, SingleValueEncodingContainer {
        enum Storage {
            case empty
            case single(LeafData)
            /// In the order encoded; a key encoded again replaces the earlier value (as a dictionary would), when the
            /// node resolves: the one dictionary is built then, at its size.
            case keyed([(String, Entry)])
            case unkeyed([Entry])
        }

        var storage: Storage = .empty
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func resolved() -> LeafData? {
            switch storage {
            case .empty: nil
            case .single(let data): data
            case .keyed(let entries): .dictionary(Self.dictionary(entries))
            case .unkeyed(let entries): .array(entries.compactMap(\.resolved))
            }
        }

        static func dictionary(_ entries: [(String, Entry)]) -> [String: LeafData] {
            var d = [String: LeafData](minimumCapacity: entries.count)
            for (key, entry) in entries { d[key] = entry.resolved }
            return d
        }

        func set(_ key: String, _ entry: Entry) {
            guard case .keyed(var entries) = storage else { preconditionFailure("not a keyed container") }
            storage = .empty
            entries.append((key, entry))
            storage = .keyed(entries)
        }

        func append(_ entry: Entry) {
            guard case .unkeyed(var entries) = storage else { preconditionFailure("not an unkeyed container") }
            storage = .empty
            entries.append(entry)
            storage = .unkeyed(entries)
        }

        var count: Int {
            if case .unkeyed(let entries) = storage { return entries.count }
            return 0
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            switch storage {
            case .empty: storage = .keyed([])
            case .keyed: break
            default: preconditionFailure("Can't change container types at the same encoding level.")
            }
            return KeyedEncodingContainer(Keyed<Key>(node: self))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            switch storage {
            case .empty: storage = .unkeyed([])
            case .unkeyed: break
            default: preconditionFailure("Can't change container types at the same encoding level.")
            }
            return Unkeyed(node: self)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() throws {}
        func encode(_ value: Bool) throws { storage = .single(value.leafData) }
        func encode(_ value: String) throws { storage = .single(value.leafData) }
        func encode(_ value: Double) throws { storage = .single(value.leafData) }
        func encode(_ value: Float) throws { storage = .single(value.leafData) }
        func encode(_ value: Int) throws { storage = .single(value.leafData) }
        func encode(_ value: Int8) throws { storage = .single(value.leafData) }
        func encode(_ value: Int16) throws { storage = .single(value.leafData) }
        func encode(_ value: Int32) throws { storage = .single(value.leafData) }
        func encode(_ value: Int64) throws { storage = .single(value.leafData) }
        func encode(_ value: UInt) throws { storage = .single(value.leafData) }
        func encode(_ value: UInt8) throws { storage = .single(value.leafData) }
        func encode(_ value: UInt16) throws { storage = .single(value.leafData) }
        func encode(_ value: UInt32) throws { storage = .single(value.leafData) }
        func encode(_ value: UInt64) throws { storage = .single(value.leafData) }
        func encode<T: Encodable>(_ value: T) throws {
            storage = try PageEncoder.nested(value).map(Storage.single) ?? .empty
        }
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey] { [] }

        func encodeNil(forKey key: Key) throws {}
        func encode(_ value: Bool, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: String, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Double, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Float, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Int, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Int8, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Int16, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Int32, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: Int64, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: UInt, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: UInt8, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: UInt16, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: UInt32, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode(_ value: UInt64, forKey key: Key) throws { node.set(key.stringValue, .data(value.leafData)) }
        func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            guard let data = try PageEncoder.nested(value) else { return }
            node.set(key.stringValue, .data(data))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            let nested = Node()
            node.set(key.stringValue, .node(nested))
            return nested.container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = Node()
            node.set(key.stringValue, .node(nested))
            return nested.unkeyedContainer()
        }

        func superEncoder() -> any Encoder {
            let nested = Node()
            node.set("super", .node(nested))
            return nested
        }

        func superEncoder(forKey key: Key) -> any Encoder {
            let nested = Node()
            node.set(key.stringValue, .node(nested))
            return nested
        }
    }

    fileprivate struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey] { [] }
        var count: Int { node.count }

        func encodeNil() throws {}
        func encode(_ value: Bool) throws { node.append(.data(value.leafData)) }
        func encode(_ value: String) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Double) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Float) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Int) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Int8) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Int16) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Int32) throws { node.append(.data(value.leafData)) }
        func encode(_ value: Int64) throws { node.append(.data(value.leafData)) }
        func encode(_ value: UInt) throws { node.append(.data(value.leafData)) }
        func encode(_ value: UInt8) throws { node.append(.data(value.leafData)) }
        func encode(_ value: UInt16) throws { node.append(.data(value.leafData)) }
        func encode(_ value: UInt32) throws { node.append(.data(value.leafData)) }
        func encode(_ value: UInt64) throws { node.append(.data(value.leafData)) }
        func encode<T: Encodable>(_ value: T) throws {
            guard let data = try PageEncoder.nested(value) else { return }
            node.append(.data(data))
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            let nested = Node()
            node.append(.node(nested))
            return nested.container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = Node()
            node.append(.node(nested))
            return nested.unkeyedContainer()
        }

        func superEncoder() -> any Encoder {
            let nested = Node()
            node.append(.node(nested))
            return nested
        }
    }
}
