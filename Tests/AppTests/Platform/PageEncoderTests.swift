import Foundation
import Leaf
import LeafKit
import NIOCore
import NIOPosix
import Testing
import Vapor

@testable import App

/// `PageEncoder` must give Leaf exactly what Leaf's own encoder gives. Leaf's encoder is internal to Leaf, so its
/// result is caught where Leaf hands it to a tag: a template made of one tag, rendered from the context through
/// Leaf's public `render(path:context:)` for `Encodable`s.
@Suite("The pages' encoder")
struct PageEncoderTests {
    enum Kind: String, Encodable { case first, second }

    struct Inner: Encodable {
        var number: Int
        var note: String?
    }

    struct Nothing: Encodable {}

    /// A hand-written `encode(to:)` with every kind of container Codable offers.
    struct Custom: Encodable {
        enum Keys: String, CodingKey { case plain, box, list, parent, deep }

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: Keys.self)
            try keyed.encode("giá trị", forKey: .plain)
            var box = keyed.nestedContainer(keyedBy: Keys.self, forKey: .box)
            try box.encode(3, forKey: .plain)
            try box.encodeNil(forKey: .list)
            var list = keyed.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            try list.encodeNil()
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encode(Kind.second, forKey: .plain)
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(UInt16(9))
            try Inner(number: 4, note: "n").encode(to: keyed.superEncoder(forKey: .parent))
            try Nothing().encode(to: keyed.superEncoder(forKey: .deep))
        }
    }

    struct Context: Encodable {
        var text = "Đăk <Ruồng> & \"Tờ Re\" 'x'"
        var number = 7
        var negative: Int64 = -3
        var byte: UInt8 = 200
        var real = 2.5
        var single: Float = 1.5
        var flag = true
        var none: String? = nil
        var some: String? = "có"
        var kind = Kind.second
        var kinds: [Kind] = [.first, .second]
        var date = Date(timeIntervalSince1970: 1_700_000_000)
        var id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        var inner = Inner(number: 1, note: nil)
        var rows = [Inner(number: 2, note: "b"), Inner(number: 3, note: nil)]
        var optionals: [String?] = ["a", nil, "c"]
        var grid: [[Int]] = [[1, 2], []]
        var empty = Nothing()
        var emptyList: [Inner] = []
        var map: [String: Int] = ["một": 1, "hai": 2]
        var custom = Custom()
    }

    /// Hands over the context Leaf renders with.
    final class Capture: LeafTag, @unchecked Sendable {
        var data: [String: LeafData] = [:]
        func render(_ ctx: LeafContext) throws -> LeafData {
            data = ctx.data
            return .string("")
        }
    }

    struct OneTemplate: LeafSource {
        func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
            eventLoop.makeSucceededFuture(ByteBuffer(string: "#capture()"))
        }
    }

    func leafsOwn<C: Encodable>(_ context: C) async throws -> [String: LeafData] {
        let capture = Capture()
        let renderer = LeafRenderer(
            configuration: .init(rootDirectory: "/"), tags: ["capture": capture], cache: DefaultLeafCache(),
            sources: .singleSource(OneTemplate()), eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        _ = try await renderer.render(path: "one", context: context).get()
        return capture.data
    }

    /// `LeafData`'s `==` converts (`.int(7) == .string("7")`); this spells out every value with its type.
    static func shape(_ data: LeafData) -> String {
        if let dictionary = data.dictionary, data.celf == .dictionary {
            return "{" + dictionary.keys.sorted().map { "\($0): \(shape(dictionary[$0]!))" }.joined(separator: ", ")
                + "}"
        }
        if let array = data.array, data.celf == .array {
            return "[" + array.map(shape).joined(separator: ", ") + "]"
        }
        return data.description
    }

    @Test("Every kind of value comes out as Leaf's encoder makes it, nil optionals left out")
    func sameAsLeaf() async throws {
        let expected = try await leafsOwn(Context())
        let ours = try PageEncoder.encode(Context())
        #expect(ours == expected)
        #expect(Self.shape(.dictionary(ours)) == Self.shape(.dictionary(expected)))
        #expect(Self.shape(expected["number"]!) == "int(7)")
        // Not two empty dictionaries: the capture saw the context, and the cases that matter are in it.
        #expect(expected.count == 20)
        #expect(expected["none"] == nil)
        #expect(expected["optionals"] == .array([.string("a"), .string("c")]))
        #expect(expected["empty"] == .dictionary([:]))
        #expect(expected["date"] == .double(1_700_000_000))
        #expect(ours["custom"]?.dictionary?["parent"]?.dictionary?["note"] == .string("n"))
        #expect(ours["custom"]?.dictionary?["list"]?.array?.count == 3)
    }

    @Test("A page's context must be keyed, as Leaf's encoder requires")
    func contextMustBeKeyed() async throws {
        #expect(throws: LeafError.self) { try PageEncoder.encode([1, 2]) }
        #expect(try PageEncoder.encode(Optional<Nothing>.none) == [:])
        #expect(try PageEncoder.encode(Nothing()) == [:])
    }

    /// A page renders through the renderer kept for its request's event loop: one a loop, made once, with the app's
    /// Leaf settings (its `#asset` tag and its views), and the same bytes as Leaf's own renderer gives.
    @Test
    func rendererKeptPerLoop() async throws {
        try await withTestApp(demo: false) { app in
            let kept = KeptLeafRenderers()
            let loops = Array(app.eventLoopGroup.makeIterator().prefix(2))
            let first = kept.renderer(for: Request(application: app, on: loops[0]))
            #expect(kept.renderer(for: Request(application: app, on: loops[0])) === first)
            #expect(first.eventLoop === loops[0])
            if loops.count > 1 {
                let other = kept.renderer(for: Request(application: app, on: loops[1]))
                #expect(other !== first && other.eventLoop === loops[1])
            }
            let context = try PageEncoder.encode(LoginPage.mock)
            let kept1 = try await first.render(path: "platform/login", context: context).get()
            let leafs = try await app.leaf.renderer.render(path: "platform/login", context: context).get()
            #expect(kept1 == leafs)
            #expect(String(buffer: kept1).contains("/css/"))
        }
    }
}
