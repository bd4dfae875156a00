@testable import LeafKit
import NIOCore
import XCTest

final class SerializerTests: XCTestCase {
    func testNestedKeyPathLoop() throws {
        let input = """
            #for(person in people):
            hello #(person.name)
            #for(skill in person.skills):
            you're pretty good at #(skill)
            #endfor
            #endfor
            """

        let syntax = try parse(input)
        let people = LeafData(.array([
            LeafData(.dictionary([
                "name": "LOGAN",
                "skills": LeafData(.array(["running", "walking"]))
            ]))
        ]))

        var serializer = LeafSerializer(ast: syntax, ignoreUnfoundImports: false)
        var serialized = try serializer.serialize(context: ["people": people])
        let str = (serialized.readString(length: serialized.readableBytes) ?? "<err>")

        XCTAssertEqual(str, """
        
        hello LOGAN

        you're pretty good at running

        you're pretty good at walking
        
        
        """)
    }

    /// Điển Hình patch: loop items are written into one buffer; an item that fails must leave nothing behind (as
    /// upstream's buffer per item did), which shows where `#with` swallows the error.
    func testFailingLoopItemLeavesNothing() throws {
        let input = "#with(c):#for(r in rows):<li>#(r.name)#for(t in r.tags):#(t)#endfor</li>#endfor#endwith|"
        let rows = LeafData(.array([
            LeafData(.dictionary(["name": "B", "tags": LeafData(.array(["x"]))])),
            LeafData(.dictionary(["name": "A"])),
        ]))
        let context: [String: LeafData] = ["c": LeafData(.dictionary(["rows": rows]))]
        var serializer = LeafSerializer(ast: try parse(input), ignoreUnfoundImports: false)
        var serialized = try serializer.serialize(context: context)
        XCTAssertEqual(serialized.readString(length: serialized.readableBytes), "<li>Bx</li>|")
    }

    /// Điển Hình patch: a loop changes one copy of the context in place, item after item; a nested loop that uses the
    /// same names (`x`, `index`, `isFirst`, `isLast`) must leave the outer item's as they were, and a name the
    /// page's context already holds is the loop's inside the loop and the page's after it.
    func testNestedLoopLeavesOuterNames() throws {
        let input = "#for(x in outer):[#(x.n):#for(x in x.inner):#(x)#(index)#if(isLast):L#endif,#endfor"
            + "#(x.n)#(index)#if(isFirst):F#endif#if(isLast):L#endif]#endfor#(x)"
        func item(_ n: String, _ inner: [LeafData]) -> LeafData {
            LeafData(.dictionary(["n": LeafData(.string(n)), "inner": LeafData(.array(inner))]))
        }
        let context: [String: LeafData] = [
            "x": "page",
            "outer": LeafData(.array([item("a", ["p", "q"]), item("b", []), item("c", ["r"])])),
        ]
        var serializer = LeafSerializer(ast: try parse(input), ignoreUnfoundImports: false)
        var serialized = try serializer.serialize(context: context)
        XCTAssertEqual(
            serialized.readString(length: serialized.readableBytes),
            "[a:p0,q1L,a0F][b:b1][c:r0L,c2L]page")
    }

    /// Điển Hình patch: dotted names are walked without `split`; the result must be upstream's for every shape of
    /// name, empty components included.
    func testKeyPathWalkMatchesSplit() {
        func upstream(_ data: [String: LeafData], _ keyPath: String) -> LeafData? {
            let comps = keyPath.split(separator: ".").map(String.init)
            return data[keyPath: comps]
        }
        let context: [String: LeafData] = [
            "a": LeafData(.dictionary(["b": LeafData(.dictionary(["c": 1])), "s": "x"])),
            "n": 2,
        ]
        let names = [
            "a", "n", "a.b", "a.b.c", "a.s", "a.s.t", "a.b.c.d", "a.x", "x.b", "a..b.c", "a.b.", ".a.s", ".", "..", "",
            "n.a", "a.b..c", "a.bc",
        ]
        for name in names {
            XCTAssertEqual(context[keyPath: name], upstream(context, name), name)
        }
    }

    func testInvalidNestedKeyPathLoop() throws {
        let input = """
            #for(person in people):
            hello #(person.name)
            #for(skill in person.profile.skills):
            you're pretty good at #(skill)
            #endfor
            #endfor
            """

        let syntax = try parse(input)
        let people = LeafData(.array([
            LeafData(.dictionary([
                "name": "LOGAN",
                "skills": LeafData(.array(["running", "walking"]))
            ]))
        ]))

        var serializer = LeafSerializer(ast: syntax, ignoreUnfoundImports: false)

        XCTAssertThrowsError(try serializer.serialize(context: ["people": people])) { error in
            XCTAssert((error as? LeafError)?.localizedDescription.contains("expected dictionary at key: person.profile") ?? false)
        }
    }
}
