import Vapor

/// A path parameter: `.key` where the route is registered (":id"), a value where a link is built.
enum Param: Sendable, Equatable {
    case key
    case id(Int)
    case text(String)
}

/// One segment of a path: fixed text, or a named parameter.
enum PathSegment: Sendable, ExpressibleByStringLiteral {
    case fixed(String)
    case param(String, Param)

    init(stringLiteral value: String) { self = .fixed(value) }
}

/// A feature's paths, one case each (the pattern of SwiftPackageIndex-Server's `SiteURL`): the same value
/// registers the route (`r.get(UnitsPath.unit(.key), use: show)`) and builds its links
/// (`UnitsPath.unit(.id(3)).href` → "/app/units/3"), so a link cannot point at a route that does not exist.
protocol SitePath: Sendable {
    var segments: [PathSegment] { get }
}

/// What a path parameter's text keeps as it is: a path's characters but "/". Made once (every page's help link has
/// one: made in the call, the set was a fifth of the layout's links' samples under load).
private let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(["/"])

extension SitePath {
    /// The link: "/app/units/3". Written part by part into one string (a page makes a link for each row and each
    /// menu entry: mapped to an array of strings and joined, the links were 2 % of a list page's samples).
    var href: String {
        let parts = segments
        guard !parts.isEmpty else { return "/" }
        var out = ""
        out.reserveCapacity(32)
        for segment in parts {
            out.append("/")
            switch segment {
            case .fixed(let text): out.append(text)
            case .param(let name, .key): out.append(":" + name)
            case .param(_, .id(let id)): out.append(String(id))
            case .param(_, .text(let text)):
                out.append(text.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? text)
            }
        }
        return out
    }

    /// The link with a query string (`QueryString.encode`); empty values are left out.
    func href(_ query: [(String, String)]) -> String {
        let encoded = QueryString.encode(query.filter { !$0.1.isEmpty })
        return encoded.isEmpty ? href : href + "?" + encoded
    }

    /// The route's pattern: fixed parts and `:name` parameters.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .fixed(let text): return .constant(text)
            case .param(let name, _): return .parameter(name)
            }
        }
    }
}

/// The links of a list's rows, where only the id changes (`RegistrationsPath.registration`): the text on either side of
/// the id is built once, and each link is those two with the id between. `href` builds the path's segments for each
/// link: 1.5 % of the PostgreSQL district list's samples under load went to its rows' links (session 49).
struct IDLink<Path: SitePath>: Sendable {
    private let before: String
    private let after: String

    /// `path` with exactly one parameter, the id (checked here: a path with another is a programming error).
    init(_ path: (Param) -> Path) {
        let marker = String(Int.min)
        let whole = path(.id(Int.min)).href
        let parts = whole.components(separatedBy: marker)
        precondition(parts.count == 2, "IDLink: \(whole) must hold its id once")
        before = parts[0]
        after = parts[1]
    }

    /// The link of the row with this id: the same text as `path(.id(id)).href`.
    func href(_ id: Int) -> String {
        var out = before
        out.append(String(id))
        out.append(after)
        return out
    }
}

extension RoutesBuilder {
    @discardableResult
    func get<R: AsyncResponseEncodable>(
        _ path: some SitePath, use closure: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        on(.GET, path.pathComponents, use: closure)
    }

    @discardableResult
    func post<R: AsyncResponseEncodable>(
        _ path: some SitePath, body: HTTPBodyStreamStrategy = .collect,
        use closure: @Sendable @escaping (Request) async throws -> R
    ) -> Route {
        on(.POST, path.pathComponents, body: body, use: closure)
    }
}

/// A link's query string, as the app reads it back (`Request.parseQuery`, a form's encoding).
enum QueryString {
    /// `name=value` pairs joined by `&`, each name and value percent-encoded as Foundation's
    /// `URLComponents.queryItems` encodes them (`SitePathTests.queryStringAsFoundation`: RFC 3986's query characters
    /// written as they are, but `&` and `=`; every other byte as `%XX`), with one difference: `+` is written `%2B`,
    /// where Foundation leaves it. The app reads a query as a form does, `+` as a space, so Foundation's bare `+`
    /// turned a search for "C++" or "+84" into "C  " or " 84" on the next page. One pass over the bytes, without Foundation's components (their setter and getter were 0.6 % of
    /// the SQLite web list's samples, session 50, for its pager's and export's links).
    static func encode(_ items: [(String, String)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(items.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 2 } + 16)
        for (i, (name, value)) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: "&")) }
            append(name, to: &out)
            out.append(UInt8(ascii: "="))
            append(value, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        for b in text.utf8 {
            if b < 128 && kept[Int(b)] {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)
    /// The ASCII bytes written as they are.
    private static let kept: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for b in "!$'()*,-./0123456789:;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~".utf8 {
            table[Int(b)] = true
        }
        return table
    }()
}
