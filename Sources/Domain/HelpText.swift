import Foundation

/// The help guides' tiny Markdown subset, read into blocks that a page renders with its own markup: headings
/// ("# ", "## "), paragraphs (lines joined until a blank line), bulleted ("- ", "* ") and numbered ("1. ")
/// lists. Nothing else is interpreted: every character is text, escaped when the page shows it, so a guide can
/// never carry markup or a script.
public struct HelpDocument: Sendable, Equatable {
    public struct Block: Sendable, Equatable, Encodable {
        public enum Kind: String, Sendable, Encodable { case heading, subheading, paragraph, list, steps }
        public let kind: Kind
        /// The heading's or paragraph's text (empty for lists).
        public let text: String
        /// The list's items (empty otherwise).
        public let items: [String]
        public init(kind: Kind, text: String = "", items: [String] = []) {
            self.kind = kind
            self.text = text
            self.items = items
        }
    }

    /// The first "# " heading; it is not repeated among the blocks.
    public let title: String
    public let blocks: [Block]

    public init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }

    public static func parse(_ source: String) -> HelpDocument {
        var title = ""
        var blocks: [Block] = []
        var paragraph: [String] = []
        var items: [String] = []
        var listKind: Block.Kind?

        func flush() {
            if !paragraph.isEmpty {
                blocks.append(Block(kind: .paragraph, text: paragraph.joined(separator: " ")))
                paragraph = []
            }
            if let kind = listKind, !items.isEmpty { blocks.append(Block(kind: kind, items: items)) }
            items = []
            listKind = nil
        }

        for raw in source.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("## ") {
                flush()
                blocks.append(Block(kind: .subheading, text: String(line.dropFirst(3)).trimmed))
            } else if line.hasPrefix("# ") {
                flush()
                let text = String(line.dropFirst(2)).trimmed
                if title.isEmpty { title = text } else { blocks.append(Block(kind: .heading, text: text)) }
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if listKind != .list { flush() }
                listKind = .list
                items.append(String(line.dropFirst(2)).trimmed)
            } else if let step = numbered(line) {
                if listKind != .steps { flush() }
                listKind = .steps
                items.append(step)
            } else if listKind != nil, raw.hasPrefix("  "), !items.isEmpty {
                // An indented line continues the list item above it.
                items[items.count - 1] += " " + line
            } else {
                if listKind != nil { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return HelpDocument(title: title, blocks: blocks)
    }

    /// "3. Bấm Lưu" → "Bấm Lưu".
    private static func numbered(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") else { return nil }
        return String(rest.dropFirst(2)).trimmed
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

/// Which help topic explains a page: a topic names the paths of its screens as patterns ("/app/registrations",
/// "/app/registrations/:id/evaluations"), and the pattern that matches the most leading segments of a page's path
/// wins ("/app/registrations/5/evaluations/new" → evaluations, "/app/registrations/5" → registrations).
public enum HelpScreens {
    /// The number of segments matched when `pattern` is a leading part of `path` (":x" matches any one segment).
    public static func score(path: String, pattern: String) -> Int? {
        let p = path.split(separator: "?").first.map { $0.split(separator: "/") } ?? []
        let q = pattern.split(separator: "/")
        guard q.count <= p.count else { return nil }
        for (a, b) in zip(p, q) where !b.hasPrefix(":") && a != b { return nil }
        return q.count
    }

    /// The key of the best match among `(key, patterns)`, or nil when none matches.
    public static func best(path: String, among topics: [(key: String, patterns: [String])]) -> String? {
        Index(topics).best(path: path)
    }

    /// The patterns split once, for the layout's help link on every page (splitting each pattern and the path again
    /// for every pattern took 1.3 % of a signed-in page's time under load).
    public struct Index: Sendable {
        let patterns: [(key: String, segments: [Substring])]

        public init(_ topics: [(key: String, patterns: [String])]) {
            patterns = topics.flatMap { t in t.patterns.map { (t.key, $0.split(separator: "/")) } }
        }

        /// The key whose pattern matches the most leading segments of `path` (the first of equals), or nil.
        public func best(path: String) -> String? {
            let p = path.split(separator: "?").first.map { $0.split(separator: "/") } ?? []
            var best: (key: String, score: Int)?
            for (key, q) in patterns where q.count <= p.count && q.count > (best?.score ?? -1) {
                if zip(p, q).allSatisfy({ a, b in b.hasPrefix(":") || a == b }) { best = (key, q.count) }
            }
            return best?.key
        }
    }
}
