import Domain
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The guides shipped in Resources/Help: `topics.json` lists them (slug, title, screens they explain, roles they
/// are written for) and each is `SLUG.md` in the tiny Markdown subset of `HelpDocument`. Read once per app.
struct HelpCatalogue: Sendable {
    struct Topic: Decodable, Sendable {
        enum Group: String, Decodable, Sendable { case screen, role }
        let slug: String
        let title: String
        let group: Group
        var screens: [String]?
        var roles: [String]?
    }
    struct File: Decodable, Sendable {
        let version: String
        let source: String
        let topics: [Topic]
    }

    let file: File
    let documents: [String: HelpDocument]
    /// The topics' screen patterns, split once.
    let screens: HelpScreens.Index
    /// Each topic's link, made once (every signed-in page links its guide).
    let hrefs: [String: String]

    init(file: File, documents: [String: HelpDocument]) {
        self.file = file
        self.documents = documents
        screens = HelpScreens.Index(file.topics.map { (key: $0.slug, patterns: $0.screens ?? []) })
        hrefs = Dictionary(
            file.topics.map { ($0.slug, HelpPath.topic(.text($0.slug)).href) }, uniquingKeysWith: { first, _ in first })
    }

    static func load(workingDirectory: String) throws -> HelpCatalogue {
        let dir = URL(fileURLWithPath: workingDirectory).appendingPathComponent("Resources/Help")
        let file = try JSONDecoder().decode(
            File.self, from: Data(contentsOf: dir.appendingPathComponent("topics.json")))
        var docs: [String: HelpDocument] = [:]
        for t in file.topics {
            // The slug names the file: only letters, digits and hyphens, so it can never leave the folder.
            guard t.slug.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) else { continue }
            let text = try String(contentsOf: dir.appendingPathComponent("\(t.slug).md"), encoding: .utf8)
            docs[t.slug] = HelpDocument.parse(text)
        }
        return HelpCatalogue(file: file, documents: docs)
    }

    func topic(_ slug: String) -> (Topic, HelpDocument)? {
        guard let t = file.topics.first(where: { $0.slug == slug }), let d = documents[slug] else { return nil }
        return (t, d)
    }

    /// The guide for the page at `path` (its most specific screen pattern), if any: its slug.
    func slug(forPage path: String) -> String? { screens.best(path: path) }

    /// The link to that guide, if any (made when the catalogue was read). Kept for the path once found: every
    /// signed-in page asks for its own, and matching it against every pattern was 0.6 % of the SQLite web list's
    /// samples (session 50). A page's path may hold an id, so at most `PageHrefs.limit` paths are kept; past that the
    /// others are matched each time.
    func href(forPage path: String) -> String? {
        if let kept = pageHrefs.kept(path) { return kept }
        let href = slug(forPage: path).flatMap { hrefs[$0] }
        pageHrefs.keep(path, href)
        return href
    }

    /// The help links found for pages' paths, shared by the copies of one catalogue.
    private let pageHrefs = PageHrefs()
    /// How many pages' paths are kept (for the tests).
    var pageHrefCount: Int { pageHrefs.count }

    final class PageHrefs: Sendable {
        static let limit = 4_096
        private let box = NIOLockedValueBox<[String: String?]>([:])

        /// nil: not kept; `.some(nil)`: the page has no guide.
        func kept(_ path: String) -> String?? { box.withLockedValue { $0[path] } }

        func keep(_ path: String, _ href: String?) {
            box.withLockedValue { if $0.count < Self.limit { $0[path] = .some(href) } }
        }

        var count: Int { box.withLockedValue(\.count) }
    }
}

extension Application {
    /// Read once per working directory and kept (the files ship with the app and do not change while it runs).
    private static let helpCache = NIOLockedValueBox<[String: HelpCatalogue]>([:])

    /// The shipped guides, read at the first use (a missing or broken file is an error on the help pages only, and
    /// a test reads every file).
    var help: HelpCatalogue {
        get throws {
            let dir = config?.workingDirectory ?? directory.workingDirectory
            if let h = Self.helpCache.withLockedValue({ $0[dir] }) { return h }
            let h = try HelpCatalogue.load(workingDirectory: dir)
            Self.helpCache.withLockedValue { $0[dir] = h }
            return h
        }
    }
}

extension Request {
    /// The help link for a page: the guide of the screen at `path` (for the layout's "Hướng dẫn" link).
    func helpHref(forPage path: String) -> String {
        (try? application.help)?.href(forPage: path) ?? HelpPath.index.href
    }
}
