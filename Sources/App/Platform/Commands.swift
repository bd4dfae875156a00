import Domain
import Fluent
import Foundation
import Vapor

enum Commands {
    static func register(_ app: Application) {
        app.asyncCommands.use(MigrateCommand(), as: "migrate")
        app.asyncCommands.use(DemoDataCommand(), as: "demo-data")
        app.asyncCommands.use(UserCommandGroup(), as: "user")
        app.asyncCommands.use(AuditCommandGroup(), as: "audit")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(RestoreCommand(), as: "restore")
        app.asyncCommands.use(OrgCommandGroup(), as: "org")
        app.asyncCommands.use(SetupImportCommand(), as: "import")
        app.asyncCommands.use(GenDataCommand(), as: "gen-data")
    }
}

/// Whether a command line starts the server, and so runs the first start (schema, admin, demo, passwords printed)
/// before it: `serve` or no command. A request for help touches nothing.
public enum CommandLineDispatch {
    /// `arguments`: without the executable and without `--env X` (`Environment.arguments.dropFirst()`).
    public static func runsFirstStart(_ arguments: [String]) -> Bool {
        if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) { return false }
        guard let first = arguments.first else { return true }
        return first == "serve" || first.hasPrefix("-")
    }
}

/// `dienhinh migrate`: brings the schema up to date and loads new catalogue versions. No prompt.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Cập nhật cấu trúc cơ sở dữ liệu và nạp các phiên bản danh mục mới." }
    func run(using context: CommandContext, signature: Signature) async throws {
        try await Bootstrap.prepare(context.application)
        context.console.print("Đã cập nhật cơ sở dữ liệu.")
    }
}

/// `dienhinh demo-data`: loads the Kon Rẫy demo into an empty database.
struct DemoDataCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Nạp dữ liệu mẫu huyện Kon Rẫy 2023–2025 (chỉ khi cơ sở dữ liệu chưa có đơn vị nào)." }
    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let config = app.config else { return }
        try await Bootstrap.prepare(app)
        guard let (result, district) = try await DemoData.loadDistrictIfEmpty(app: app, config: config) else {
            context.console.print("Cơ sở dữ liệu đã có đơn vị; không nạp lại dữ liệu mẫu.")
            return
        }
        context.console.print(
            "Đã nạp \(result.unitCount) đơn vị, \(result.groupCount) cụm/khối, \(result.movementCount) phong trào.")
        context.console.print("Huyện mẫu 2023–2025: \(district.description).")
        if let pw = result.password {
            context.console.print(
                "Tài khoản mẫu (mật khẩu chung \(config.demoPassword == nil ? pw : "lấy từ DIENHINH_DEMO_PASSWORD")):")
            for (name, role) in result.accounts { context.console.print("  \(name) — \(role.label)") }
        }
    }
}

struct UserCommandGroup: AsyncCommandGroup {
    var help: String { "Quản lý tài khoản: create, list." }
    var commands: [String: any AnyAsyncCommand] { ["create": UserCreateCommand(), "list": UserListCommand()] }
}

/// `dienhinh user create --username U --role R [--unit CODE] [--full-name "…"]`; the password comes from stdin.
struct UserCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username", help: "Tên đăng nhập") var username: String?
        @Option(name: "role", help: "admin, standing-office, council-member, lead-agency, unit-officer, editor")
        var role: String?
        @Option(name: "unit", help: "Mã hoặc số hiệu (id) đơn vị") var unit: String?
        @Option(name: "full-name", help: "Họ và tên") var fullName: String?
    }
    var help: String { "Tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (stdin)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepare(app)
        guard let username = signature.username, let role = signature.role else {
            throw CommandFailure(
                "Thiếu --username hoặc --role. Ví dụ: dienhinh user create --username dakruong2 --role unit-officer --unit KR-DAKRUONG"
            )
        }
        guard Role(rawValue: role) != nil else {
            throw CommandFailure(
                "Vai trò “\(role)” không có. Chọn một trong: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        var unitID: Int?
        if let unit = signature.unit {
            let found: UnitModel?
            if let id = Int(unit) {
                found = try await UnitModel.find(id, on: app.db)
            } else {
                found = try await UnitModel.query(on: app.db).filter(\.$code == unit.uppercased()).first()
            }
            guard let found else { throw CommandFailure("Không tìm thấy đơn vị “\(unit)” (theo mã hoặc id).") }
            unitID = found.id
        }
        let password: String
        if isatty(0) == 1 {
            password = context.console.ask("Mật khẩu: ", isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        let input = UserInput(
            username: username, fullName: signature.fullName ?? username, role: role, unitID: unitID,
            password: password, active: true)
        // The command line acts as the system administrator.
        let system = Actor(userID: 0, username: "dòng lệnh", role: .admin, unitID: nil, unitPath: nil)
        do {
            let hasher = app.passwordHasher(on: app.eventLoopGroup.next())
            let user = try await UserService.create(input, actor: system, hasher: hasher, on: app.db)
            context.console.print("Đã tạo tài khoản \(user.username) (\(Role(rawValue: role)!.label)).")
        } catch let e as AppError {
            throw CommandFailure(
                ([e.message] + e.fields.items.map { "- \($0.field): \($0.message)" }).joined(separator: "\n"))
        }
    }
}

struct UserListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Liệt kê tài khoản." }
    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepare(app)
        let users = try await UserModel.query(on: app.db).with(\.$unit).sort(\.$username).all()
        for u in users {
            context.console.print(
                "\(u.username)\t\(u.role)\t\(u.unit?.code ?? "-")\t\(u.active ? "hoạt động" : "đã khóa")\t\(u.fullName)"
            )
        }
        context.console.print("Tổng cộng: \(users.count) tài khoản.")
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
