import Domain
import Foundation
import Testing

@testable import App

/// Finds writes of a `status` in Swift source outside the places allowed to write one: a model's `move(to:)`
/// (which asks the Domain table) and an `init` (a new record's first status; a DTO copying a status).
enum StatusWriteScan {
    struct Finding: CustomStringConvertible, Equatable {
        let file: String
        let line: Int
        let text: String
        var description: String { "\(file):\(line): \(text)" }
    }

    /// `x.status = …` on another object than `self`.
    static let memberWrite = try! NSRegularExpression(
        pattern: #"([A-Za-z_][\w]*(?:\??\.[A-Za-z_]\w*)*)\??\.status\s*=(?!=)"#)
    /// `status = …` on its own (not a declaration, not a comparison).
    static let bareWrite = try! NSRegularExpression(pattern: #"(?<![\w.$])status\s*=(?!=)"#)
    /// Writes that go around `move(to:)` anywhere: through the field itself, a query-builder update, or SQL.
    static let bypasses = [
        #"\$status\.value\s*=(?!=)"#,
        #"\.set\(\s*\\\.\$status"#,
        #"(?i)\bSET\s+"?status"?\s*="#,
        #"(?i)\bSET\s+\\\(ident:\s*"status"\)"#,
        #"\.set\(\s*(?:SQLIdentifier\()?"status""#,
    ].map { try! NSRegularExpression(pattern: $0) }
    /// Where a status may be written: the body of a `move(to:)` or of an `init`.
    static let allowedDeclaration = try! NSRegularExpression(
        pattern:
            #"^\s*(?:(?:public|internal|private|fileprivate|convenience|required|override|mutating|@\w+)\s+)*(?:func\s+move\s*\(\s*to\b|init[?!]?\s*[(<])"#
    )

    static func matches(_ re: NSRegularExpression, _ s: String) -> [NSTextCheckingResult] {
        re.matches(in: s, range: NSRange(s.startIndex..., in: s))
    }

    /// The line with its string literals emptied (one-line literals; good enough for this source).
    static func withoutStrings(_ line: String) -> String {
        line.replacingOccurrences(of: #""(?:\\.|[^"\\])*""#, with: "\"\"", options: .regularExpression)
    }

    static func findings(in source: String, file: String) -> [Finding] {
        var out: [Finding] = []
        var depth = 0
        var region: (depth: Int, opened: Bool)?
        var inMultilineString = false
        for (index, raw) in source.components(separatedBy: "\n").enumerated() {
            let number = index + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if raw.components(separatedBy: "\"\"\"").count % 2 == 0 {
                inMultilineString.toggle()
                continue
            }
            if inMultilineString || trimmed.hasPrefix("//") { continue }
            for re in bypasses where !matches(re, raw).isEmpty {
                out.append(Finding(file: file, line: number, text: trimmed))
            }
            let code = withoutStrings(raw)
            if region == nil, !matches(allowedDeclaration, code).isEmpty { region = (depth, false) }
            if region == nil {
                for m in matches(memberWrite, code) {
                    let receiver = Range(m.range(at: 1), in: code).map { String(code[$0]) } ?? ""
                    if receiver != "self" { out.append(Finding(file: file, line: number, text: trimmed)) }
                }
                for m in matches(bareWrite, code) {
                    let before = Range(m.range, in: code).map { String(code[..<$0.lowerBound]) } ?? ""
                    if before.range(of: #"\b(let|var)\s*$"#, options: .regularExpression) == nil {
                        out.append(Finding(file: file, line: number, text: trimmed))
                    }
                }
            }
            let opens = code.filter { $0 == "{" }.count
            let closes = code.filter { $0 == "}" }.count
            depth += opens - closes
            if var r = region {
                if opens > 0 { r.opened = true }
                region = r.opened && depth <= r.depth ? nil : r
            }
        }
        return out
    }

    /// Every Swift file under `Sources/App`, except the migrations (which may rewrite stored codes in SQL).
    static func scanApp(root: String) throws -> (files: Int, findings: [Finding]) {
        let base = URL(fileURLWithPath: root).appendingPathComponent("Sources/App")
        var files = 0
        var found: [Finding] = []
        let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift", !url.lastPathComponent.hasPrefix("Migration") else { continue }
            files += 1
            let relative = String(url.path.dropFirst(root.count + 1))
            found += findings(in: try String(contentsOf: url, encoding: .utf8), file: relative)
        }
        return (files, found)
    }
}

@Suite("Statuses move only through move(to:)")
struct StatusWritesTests {
    @Test("No code in Sources/App writes a status outside a model's move(to:) or an init")
    func noDirectStatusWrites() throws {
        let (files, findings) = try StatusWriteScan.scanApp(root: packageRoot)
        #expect(files > 50, "found only \(files) files under Sources/App")
        #expect(
            findings.isEmpty,
            "a status written outside move(to:): use the model's move(to:)\n\(findings.map(\.description).joined(separator: "\n"))"
        )
    }

    @Test("Every status field of a model can be set only in its own file (private(set)), where move(to:) is")
    func statusFieldsArePrivateSet() throws {
        let base = URL(fileURLWithPath: packageRoot).appendingPathComponent("Sources/App")
        var fields = 0
        let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            where line.contains("@Field(key: \"status\")") {
                fields += 1
                #expect(
                    line.contains("private(set) var status:"),
                    "\(url.lastPathComponent): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(fields >= 5, "dossiers, council meetings, registrations, import jobs, nurturing actions")
    }

    @Test(
        "The scan finds a direct write, a write through the field, a query-builder update and SQL; it allows move(to:) and inits"
    )
    func scanFindsWhatItShould() {
        let source = #"""
            final class ThingModel: Model {
                @Field(key: "status") private(set) var status: ThingStatus
                init() {}
                init(name: String) {
                    self.name = name; self.status = .new
                }
                func move(to next: ThingStatus) throws {
                    try ThingWorkflow.requireMove(of: "Thing", from: status, to: next)
                    status = next
                }
            }
            struct ThingDTO { let status: String
                init(_ t: ThingModel) { status = t.status.rawValue }
            }
            enum ThingService {
                static func close(_ t: ThingModel) async throws {
                    let status = t.status
                    if t.status == .open || status != .new { try t.move(to: .closed) }
                    t.status = .closed
                    v.meeting.status = .closed; t.$status.value = .closed
                    try await ThingModel.query(on: db).set(\.$status, to: .closed).update()
                    try await sql.raw("UPDATE things SET status = 'closed'").run()
                }
            }
            """#
        let lines = StatusWriteScan.findings(in: source, file: "Thing.swift").map(\.line)
        #expect(lines == [19, 20, 20, 21, 22])
    }

    @Test("An illegal move answers 409, naming both statuses")
    func illegalMoveIsAConflict() throws {
        func refusal(_ move: () throws -> Void) -> AppError? {
            do {
                try move()
                return nil
            } catch let e as AppError { return e } catch { return nil }
        }
        let d = DossierModel(unitID: 1, year: 2024, ruleSetID: "r")
        let e = try #require(refusal { try d.move(to: .decided) })
        #expect(e.status == .conflict && e.code == .conflict)
        #expect(
            e.message.contains("“\(DossierStatus.draft.label)”")
                && e.message.contains("“\(DossierStatus.decided.label)”"), "\(e.message)")
        #expect(d.status == .draft)
        try d.move(to: .submitted)
        #expect(d.status == .submitted)

        let m = CouncilMeetingModel(meetingDate: "2024-12-16", ruleSetID: "r")
        let me = try #require(refusal { try m.move(to: .closed) })
        #expect(
            me.status == .conflict && me.message.contains("“Chuẩn bị (điểm danh)”")
                && me.message.contains("“Đã kết thúc”"), "\(me.message)")

        let j = ImportJobModel(userID: 1, filename: "a.xlsx", total: 1)
        try j.move(to: .failed)
        let je = try #require(refusal { try j.move(to: .importing) })
        #expect(je.status == .conflict && je.message.contains("bước cuối"), "\(je.message)")

        let r = RegistrationModel(subjectID: 1, unitID: 1, year: 2024)
        let re = try #require(refusal { try r.move(to: .awarded) })
        #expect(
            re.status == .conflict && re.message.contains("“Đăng ký”") && re.message.contains("“Đã khen thưởng”"),
            "\(re.message)")
    }
}
