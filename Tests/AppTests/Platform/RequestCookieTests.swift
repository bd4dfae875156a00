import Testing
import Vapor

@testable import App

/// `Request.cookie` reads one cookie from the Cookie headers' bytes; it must give what Vapor's parser gives
/// (`req.cookies[name]?.string`) for every header, the ones it leaves to that parser included.
@Suite("A request's cookie read from the header's bytes, as Vapor reads it")
struct RequestCookieTests {
    static let names = ["dh_session", "dh_flash", "dh_csrf", "a"]

    static func expectAsVapor(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var headers = HTTPHeaders()
        for line in lines { headers.add(name: .cookie, value: line) }
        for name in names {
            #expect(
                RequestCookie.value(name, in: headers) == headers.cookie?[name]?.string,
                "\(name) in \(lines.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test("Chosen headers: several cookies, spaces, commas, an empty value, a name twice, quotes, non-ASCII")
    func chosen() {
        for lines in [
            [], [""], ["dh_session=abc"], ["dh_session=abc; dh_flash=C%E1%BA%A3m"], [" dh_session = abc "],
            ["dh_session =abc"], ["dh_session= abc\t;a=1"], ["a=1, dh_session=x"], ["dh_session="], ["dh_session"],
            ["dh_session=a=b"], ["dh_session=1; dh_session=2"], ["dh_session=1", "dh_session=2"], ["x dh_session=1"],
            ["dh_session=\"quoted\""], ["dh_session=a\\\"b"], ["dh_session=đ"], ["đ=1; dh_session=2"],
            [";;,dh_flash=3;"],
            ["(dh_session=1"], ["a=1; b=2; dh_csrf=tok-en_9"], ["dh_flash=1", "a=\"x\"; dh_flash=2"],
        ] {
            Self.expectAsVapor(lines)
        }
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: "dh_flash=xin%20ch%C3%A0o; dh_session=s3cr3t")
        #expect(RequestCookie.value("dh_session", in: headers) == "s3cr3t")
        #expect(RequestCookie.value("dh_flash", in: headers) == "xin%20ch%C3%A0o")
        #expect(RequestCookie.value("dh_csrf", in: headers) == nil)
    }

    @Test("5,000 random headers of names, separators, spaces, quotes, backslashes, non-ASCII and a combining mark")
    func random() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "dh_session", "dh_flash", "dh_csrf", "a", "=", "; ", ";", ",", " ", "\t", "x", "9", "-", "\"", "\\", "đ",
            "(", "/", "%C3", "=v", "\u{301}", "\u{7F}",
        ]
        for _ in 0..<5_000 {
            let lines = (0..<Int.random(in: 1...2, using: &generator)).map { _ in
                (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined()
            }
            Self.expectAsVapor(lines)
        }
    }
}
