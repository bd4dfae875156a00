import Foundation
import Testing

/// Access is decided in `Domain.Policy` only: no file in `Sources/App` compares an actor's role. Pages and services
/// ask `req.can(…)`, `req.authorize(…)`, `Access.check(…)` or a `Policy` capability or scope instead.
@Suite("Access only in the Policy")
struct PolicyOnlyTests {
    /// The repository root, found from this file: Tests/AppTests/Platform/PolicyOnlyTests.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Policy adapter: the one App file that turns the actor into Policy questions (`req.can`, `Access`).
    static let adapter = "Sources/App/Platform/Auth/Authentication.swift"

    static let roleCases = "admin|standingOffice|councilMember|leadAgency|unitOfficer|editor"

    /// Ways of comparing a role in Swift.
    static let patterns = [
        #"\.(role|userRole)\s*(==|!=|~=)"#, // actor.role == x, req.actor?.role != x, user.userRole == x
        #"\brole\s*(==|!=)\s*\."#, // role == .admin
        #"\.(\#(roleCases))\s*(==|!=)"#, // .admin == actor.role
        #"(==|!=)\s*Role\.\w"#, // x == Role.admin
        #"\bswitch\b[^{]*\b(role|userRole)\b"#, // switch actor.role {
        #"\.(role|userRole)\??\s*\{"#, // … .role {
        #"\bcase\s+(let\s+)?\.(\#(roleCases))\b"#, // case .admin, if case .standingOffice = …
        #"contains\([^)]*\b(role|userRole)\)"#, // [.admin, .standingOffice].contains(actor.role)
    ]

    /// Text that matches a pattern but decides nothing about access, removed from a line before it is checked.
    /// Everywhere: a movement agency's role ("lead" or "coordinating") is the unit's part in a movement.
    static let allowedEverywhere = [
        #"\.role\s*(==|!=)\s*("(lead|coordinating)"|\.(lead|coordinating)\b|MovementAgencyModel\.Role\.\w+)"#
    ]
    /// In one file only, exactly this text.
    static let allowedInFile: [(file: String, text: String)] = [
        // The movement page lists a movement's agencies by their part ("lead" or "coordinating").
        ("Sources/App/Movements/MovementsWeb.swift", "$0.role == role"),
        // First start: is there an admin account yet? (Creates one when not; decides no request.)
        ("Sources/App/Demo/DemoData.swift", #"\.$role == Role.admin.rawValue"#),
        // The demo district is typed by the first admin account (found, not authorised).
        ("Sources/App/Demo/DemoDistrict.swift", #"\.$role == Role.admin.rawValue"#),
    ]

    /// The code of a line, without a `//` comment (a `//` inside a string literal stays).
    static func code(_ line: String) -> String {
        var quotes = 0
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if c == "\"" { quotes += 1 }
            if c == "/", previous == "/", quotes % 2 == 0 { return String(line[..<line.index(before: index)]) }
            previous = c
        }
        return line
    }

    /// The compiled patterns; `\b` as in most regex engines (a "." separates words).
    struct Scanner {
        let patterns: [Regex<AnyRegexOutput>]
        let allowedEverywhere: [Regex<AnyRegexOutput>]

        init() throws {
            patterns = try PolicyOnlyTests.patterns.map { try Regex($0).wordBoundaryKind(.simple) }
            allowedEverywhere = try PolicyOnlyTests.allowedEverywhere.map { try Regex($0).wordBoundaryKind(.simple) }
        }

        /// How many patterns one line of a file matches (0: no role comparison).
        func violations(in line: String, file: String) -> Int {
            var text = PolicyOnlyTests.code(line)
            for allowed in PolicyOnlyTests.allowedInFile where allowed.file == file {
                text = text.replacingOccurrences(of: allowed.text, with: "")
            }
            for allowed in allowedEverywhere { text.replace(allowed, with: "") }
            return patterns.filter { text.contains($0) }.count
        }
    }

    static func appSources() throws -> [String] {
        let app = root.appendingPathComponent("Sources/App")
        guard let walker = FileManager.default.enumerator(at: app, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(".swift") }
            .map { String($0.dropFirst(root.path.count + 1)) }.sorted()
    }

    @Test("No file in Sources/App compares an actor's role outside the Policy adapter")
    func noRoleComparisons() throws {
        let files = try Self.appSources()
        #expect(files.count > 50, "Sources/App not found under \(Self.root.path)")
        #expect(files.contains(Self.adapter), "The Policy adapter moved: update PolicyOnlyTests.adapter")
        let scanner = try Scanner()
        var found: [String] = []
        for file in files where file != Self.adapter {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                guard scanner.violations(in: line, file: file) > 0 else { continue }
                found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(
            found.isEmpty,
            """
            Access decisions belong in Domain.Policy: ask req.can(…), Access.check(…) or a Policy capability/scope \
            instead of comparing roles.
            \(found.joined(separator: "\n"))
            """)
    }

    @Test("The scan catches each way of comparing a role, and lets through what decides nothing")
    func scannerCatchesComparisons() throws {
        let scanner = try Scanner()
        let file = "Sources/App/Lifecycle/Example.swift"
        let caught = [
            "let canCreate = actor.role == .unitOfficer || actor.role == .leadAgency",
            "if actor.role != .admin && actor.role != .standingOffice { q = q.filter(x) }",
            "if actor?.role == .leadAgency {",
            "leadLocked: req.actor?.role == .leadAgency,",
            "if .editor == actor.role { return }",
            "if user.userRole == Role.admin { return }",
            "switch actor.role {",
            "switch req.actor?.role {",
            "        case .standingOffice: return true",
            "if case .councilMember = actor.role { }",
            "guard [.admin, .standingOffice].contains(actor.role) else { throw x }",
        ]
        for line in caught { #expect(scanner.violations(in: line, file: file) > 0, "not caught: \(line)") }
        let allowed = [
            "leads: m.agencies.filter { $0.role == \"lead\" }.map { $0.unit.name }",
            "let role = Role(rawValue: input.role)",
            "if role == nil { e.add(\"role\", \"Vui lòng chọn vai trò.\") }",
            "roleLabel: u.userRole.label, unitName: x",
            "canCreate: req.can(.createUnitRecords)",
            "let url = \"https://example.org//x\" // actor.role == .admin",
            "// if actor.role == .admin { }",
        ]
        for line in allowed { #expect(scanner.violations(in: line, file: file) == 0, "wrongly caught: \(line)") }
        let agencies = "m.agencies.filter { $0.role == role }"
        #expect(scanner.violations(in: agencies, file: file) > 0)
        #expect(scanner.violations(in: agencies, file: "Sources/App/Movements/MovementsWeb.swift") == 0)
    }
}
