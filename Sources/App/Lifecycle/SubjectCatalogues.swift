import Domain
import Foundation

/// The ethnic-group list (Resources/Catalogues/ethnic-groups.json), read once per process from the folder that
/// holds Resources/ (the same search as at start: `ResourceLocator`).
enum SubjectCatalogues {
    static let ethnicGroups: EthnicGroups = {
        let base =
            (try? ResourceLocator.locate(
                environment: ProcessInfo.processInfo.environment,
                executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first ?? "",
                workingDirectory: FileManager.default.currentDirectoryPath))
            ?? FileManager.default.currentDirectoryPath
        let url = URL(fileURLWithPath: base).appendingPathComponent("Resources/Catalogues/ethnic-groups.json")
        // Without the file every ethnicity is refused with a message; nothing is stored wrongly.
        guard let data = try? Data(contentsOf: url), let groups = try? EthnicGroups.decode(data) else { return .empty }
        return groups
    }()

    /// Typed gender → its code when recognised ("Nữ", "nu" → "female"); otherwise as typed, for the message.
    static func genderCode(_ typed: String) -> String {
        typed.isEmpty ? typed : (Gender.parse(typed)?.rawValue ?? typed)
    }

    /// Typed ethnicity → its code when on the list ("Xơ Đăng", "xo dang", "14" → "14"); otherwise as typed.
    static func ethnicityCode(_ typed: String) -> String {
        typed.isEmpty ? typed : (ethnicGroups.lookup(typed)?.code ?? typed)
    }

    static func genderLabel(_ code: String) -> String { Gender.label(ofCode: code) }
    static func ethnicityName(_ code: String) -> String { ethnicGroups.name(ofCode: code) }

    static func genderOptions(selected: String) -> [SelectOption] {
        let known = Gender(rawValue: selected) != nil || selected.isEmpty
        return [SelectOption(value: "", label: "— Không ghi —", selected: selected.isEmpty)]
            + Gender.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected)
            }
            + (known ? [] : [unlisted(selected)])
    }

    static func ethnicityOptions(selected: String) -> [SelectOption] {
        let known = ethnicGroups.group(code: selected) != nil || selected.isEmpty
        return [SelectOption(value: "", label: "— Không ghi —", selected: selected.isEmpty)]
            + ethnicGroups.groups.map {
                SelectOption(value: $0.code, label: "\($0.code) \($0.name)", selected: $0.code == selected)
            }
            + (known ? [] : [unlisted(selected)])
    }

    /// What was typed (or stored before the lists) stays visible and selected, so nothing is lost silently.
    private static func unlisted(_ value: String) -> SelectOption {
        SelectOption(value: value, label: "\(value) (không có trong danh mục)", selected: true)
    }
}
