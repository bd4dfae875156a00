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

    /// The link with a query string; empty values are left out.
    func href(_ query: [(String, String)]) -> String {
        var components = URLComponents()
        components.queryItems = query.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let encoded = components.percentEncodedQuery, !encoded.isEmpty else { return href }
        return href + "?" + encoded
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
