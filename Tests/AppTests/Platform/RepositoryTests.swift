import Foundation
import Testing

/// The repository stands alone: a fresh clone with nothing beside it builds, tests and runs.
@Suite("The repository stands alone")
struct RepositoryTests {
    /// Text that reaches outside the repository: a parent folder, this workplace's folders, a home folder.
    /// Built from parts, so this file does not name such a path itself.
    static let outside = [".." + "/", ".." + "\\", "/" + "work/", "/" + "home/", "~" + "/", "$" + "HOME"]

    static func files(under folder: String) -> [String] {
        let root = packageRoot + "/" + folder
        let skip = ["Fixtures", "out", "__pycache__"]
        return (FileManager.default.subpaths(atPath: root) ?? []).filter { path in
            let readable =
                [".swift", ".py", ".sh", ".json", ".leaf", ".md"].contains { path.hasSuffix($0) } || path == "run"
            return readable && !path.split(separator: "/").contains { skip.contains(String($0)) }
        }.map { root + "/" + $0 }
    }

    @Test("No file under Sources/, Tests/ or .ci/ refers to a path outside the repository")
    func noPathOutside() throws {
        var found: [String] = []
        for folder in ["Sources", "Tests", ".ci"] {
            let files = Self.files(under: folder)
            #expect(!files.isEmpty, "nothing read under \(folder)")
            for file in files {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let hit = Self.outside.first(where: { line.contains($0) }) {
                        found.append("\(file.dropFirst(packageRoot.count + 1)):\(n + 1): “\(hit)”")
                    }
                }
            }
        }
        #expect(found.isEmpty, "paths outside the repository:\n\(found.joined(separator: "\n"))")
    }

    @Test("The check finds a reference to a parent folder")
    func checkBites() {
        let line = "let seed = try String(contentsOfFile: packageRoot + \"/" + ".." + "/sibling/seed.txt\")"
        #expect(Self.outside.contains { line.contains($0) })
    }
}
