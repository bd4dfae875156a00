import Foundation
import LeafKit
import NIOConcurrencyHelpers
import Vapor

/// A long list's rows, written from their own view without Leaf: the page shows them with
/// `#unsafeHTML(rows.html)` and `#if(rows.count == 0)`.
///
/// Why: on a page of 50 rows (a district's registrations, PostgreSQL) a quarter of the server's samples went to the
/// rows in Leaf: every row encoded into a dictionary of Leaf values, then every field looked up in it again by name
/// and each dictionary freed (`perf`, session 41). Here a row is its view's text with each field's value put in.
struct WrittenRows: Encodable, Sendable {
    let count: Int
    let html: String
}

/// A row type whose markup is a row view: a Leaf file (`Resources/Views/<rowView>.leaf`) holding only text and
/// `#(row.field)`, so Leaf renders it too, with the same bytes (`RowTemplateTests` checks every such view both ways).
/// `rowFields` gives each field's text; it is escaped by Leaf's own escaping (`& " ' < >`).
protocol TemplatedRow: Sendable {
    static var rowView: String { get }
    static var rowFields: [String: @Sendable (Self) -> String] { get }
}

/// A row view read into its text runs and fields.
struct RowTemplate<Row: TemplatedRow>: Sendable {
    private enum Piece: Sendable {
        case text(String)
        case field(@Sendable (Row) -> String)
    }

    private let pieces: [Piece]
    /// The bytes of one row before its values, for the buffer's first guess.
    private let textBytes: Int
    /// The fields the view shows, in its order.
    let fieldNames: [String]

    /// Reads `source`, the text of `Row.rowView`. Anything in it but text and `#(row.field)` of a field in
    /// `Row.rowFields` is refused, so the view cannot say something Leaf would show and this would not.
    init(source: String) throws {
        var pieces: [Piece] = []
        var names: [String] = []
        var text = ""
        var rest = Substring(source)
        while let hash = rest.firstIndex(where: { $0 == "#" || $0 == "\\" }) {
            text += rest[..<hash]
            rest = rest[hash...]
            let prefix = "#(row."
            guard rest.hasPrefix(prefix), let close = rest.firstIndex(of: ")") else {
                throw RowTemplateError(view: Row.rowView, near: String(rest.prefix(24)))
            }
            let name = String(rest[rest.index(rest.startIndex, offsetBy: prefix.count)..<close])
            guard let value = Row.rowFields[name] else {
                throw RowTemplateError(view: Row.rowView, near: String(rest[...close]))
            }
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
            pieces.append(.field(value))
            names.append(name)
            rest = rest[rest.index(after: close)...]
        }
        text += rest
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
        fieldNames = names
        textBytes = pieces.reduce(0) {
            if case .text(let t) = $1 { $0 + t.utf8.count } else { $0 }
        }
    }

    /// The rows appended to one string, each field through Leaf's own escaping (`htmlEscaped`, what `#(…)` writes,
    /// the value itself when it has nothing to escape). Appending strings copies their bytes; before, the rows went
    /// into a byte buffer made a string at the end, which checked the page's every byte again as UTF-8 (2.3 % of the
    /// PostgreSQL district list's samples under load, session 49).
    func write(_ rows: [Row]) -> WrittenRows {
        var html = ""
        html.reserveCapacity(rows.count * (textBytes + 160))
        for row in rows {
            for piece in pieces {
                switch piece {
                case .text(let t): html.append(t)
                case .field(let value): html.append(value(row).htmlEscaped())
                }
            }
        }
        return WrittenRows(count: rows.count, html: html)
    }
}

struct RowTemplateError: Error, CustomStringConvertible {
    let view: String
    let near: String
    var description: String {
        "Resources/Views/\(view).leaf: only text and #(row.field) of a known field may be in a row view, near “\(near)”"
    }
}

/// The row views, read once and kept when views are kept (a release build: all of them at start, by `preload`, so a
/// broken one stops the start), read again at every use otherwise (development and tests, as Leaf's own cache), an
/// edited row view then showing at once as an edited page does. Read on the thread pool, as Vapor reads files.
final class RowTemplates: @unchecked Sendable {
    /// Every row type with a row view: `preload` reads them, `RowTemplateTests` checks each against Leaf and that
    /// every `*-row.leaf` is one of theirs.
    static let all: [any TemplatedRow.Type] = [RegistrationRow.self, UnitRow.self, AwardsPage.Row.self]

    private let lock = NIOLock()
    private var kept: [ObjectIdentifier: any Sendable] = [:]
    private let viewsDirectory: String
    private let keeps: Bool
    private let threadPool: NIOThreadPool

    init(viewsDirectory: String, keeps: Bool, threadPool: NIOThreadPool) {
        self.viewsDirectory = viewsDirectory.hasSuffix("/") ? viewsDirectory : viewsDirectory + "/"
        self.keeps = keeps
        self.threadPool = threadPool
    }

    /// Reads every row view (`all`) and keeps it, when views are kept.
    func preload() async throws {
        guard keeps else { return }
        for row in Self.all { try await load(row) }
    }

    private func load<Row: TemplatedRow>(_: Row.Type) async throws {
        _ = try await template(for: Row.self)
    }

    func template<Row: TemplatedRow>(for _: Row.Type) async throws -> RowTemplate<Row> {
        let key = ObjectIdentifier(Row.self)
        if keeps, let template = lock.withLock({ kept[key] }) as? RowTemplate<Row> { return template }
        let path = viewsDirectory + Row.rowView + ".leaf"
        // Its bytes, invalid UTF-8 repaired as Leaf reads a view.
        let bytes = try await threadPool.runIfActive { try Data(contentsOf: URL(fileURLWithPath: path)) }
        let template = try RowTemplate<Row>(source: String(decoding: bytes, as: UTF8.self))
        if keeps { lock.withLock { kept[key] = template } }
        return template
    }

    func write<Row: TemplatedRow>(_ rows: [Row]) async throws -> WrittenRows {
        try await template(for: Row.self).write(rows)
    }
}

extension Application {
    private struct RowTemplatesKey: StorageKey {
        typealias Value = RowTemplates
    }

    /// Set in `configure`, beside Leaf's settings.
    var rowTemplates: RowTemplates {
        get { configured(RowTemplatesKey.self) }
        set { storage[RowTemplatesKey.self] = newValue }
    }
}

extension Request {
    /// `rows` written by their row view (`RowTemplate`).
    func written<Row: TemplatedRow>(_ rows: [Row]) async throws -> WrittenRows {
        try await application.rowTemplates.write(rows)
    }
}
