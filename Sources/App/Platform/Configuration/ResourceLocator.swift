import Foundation

/// Finds the folder that holds `Resources/` and `Public/`, so the binary runs from any working directory
/// (an operator's `/srv`, a systemd unit, a package install).
///
/// In order: `DIENHINH_RESOURCES` (it must hold both folders, or the start stops naming the variable); the
/// executable's own folder and each folder above it (an install keeps them beside `bin/`, a build tree keeps them
/// above `.build/…/release/`); the working directory.
public enum ResourceLocator {
    static let required = ["Resources/Views", "Resources/Catalogue", "Resources/Rules", "Public"]

    /// True when `dir` holds everything the app reads at start.
    public static func holdsResources(_ dir: String) -> Bool {
        required.allSatisfy { FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent($0)) }
    }

    public static func locate(
        environment: [String: String], executablePath: String, workingDirectory: String
    ) throws -> String {
        if let set = environment["DIENHINH_RESOURCES"]?.trimmingCharacters(in: .whitespaces), !set.isEmpty {
            guard holdsResources(set) else {
                throw ConfigError(
                    variable: "DIENHINH_RESOURCES",
                    message: "phải là thư mục chứa Resources/ và Public/ (đang là “\(set)”).")
            }
            return set
        }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            if holdsResources(dir.path) { return dir.path }
            dir.deleteLastPathComponent()
        }
        return workingDirectory
    }
}
