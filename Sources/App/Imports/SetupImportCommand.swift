import Domain
import Fluent
import Foundation
import Vapor

/// `dienhinh import units|groups|users FILE`: the set-up imports from the command line, all or nothing.
struct SetupImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "units (đơn vị), groups (cụm, khối) hoặc users (tài khoản)") var kind: String
        @Argument(name: "file", help: "Tệp .xlsx hoặc .csv theo tệp mẫu") var file: String
    }
    var help: String {
        "Nhập cây đơn vị, cụm khối hoặc tài khoản từ tệp .xlsx/.csv: có dòng sai thì không nhập gì. "
            + "Tài khoản mới nhận mật khẩu dùng một lần, in ra một lần."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepare(app)
        let hasher = app.passwordHasher(on: app.eventLoopGroup.next())
        for line in try await Self.execute(kind: signature.kind, path: signature.file, hasher: hasher, on: app.db) {
            context.console.print(line)
        }
    }

    /// The command's work, also called by the tests: the lines to print, or a failure naming every wrong row.
    static func execute(kind raw: String, path: String, hasher: AsyncPasswordHasher, on db: any Database)
        async throws -> [String]
    {
        guard let kind = SetupImportKind(rawValue: raw) else {
            throw CommandFailure("Không có loại nhập “\(raw)”. Chọn units, groups hoặc users.")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("Không đọc được tệp “\(path)”.")
        }
        // The command line acts as the system administrator.
        let system = Actor(userID: 0, username: "dòng lệnh", role: .admin, unitID: nil, unitPath: nil)
        let r: SetupImportResult
        do {
            r = try await SetupImport.run(
                kind, data: data, filename: (path as NSString).lastPathComponent, actor: system, hasher: hasher,
                on: db)
        } catch let e as AppError {
            throw CommandFailure(([e.message] + e.fields.items.map { "- \($0.message)" }).joined(separator: "\n"))
        }
        guard r.errors.isEmpty else {
            throw CommandFailure(
                (["Không nhập dòng nào. Các lỗi:"]
                    + r.errors.map { "- Dòng \($0.row), cột “\($0.column)”: \($0.message)" })
                    .joined(separator: "\n"))
        }
        let what = kind == .units ? "đơn vị" : kind == .groups ? "cụm, khối" : "tài khoản"
        var lines = ["Đã nhập \(r.created) \(what) từ \(path)."]
        lines += r.warnings.map { "Cần xem lại dòng \($0.row), cột “\($0.column)”: \($0.message)" }
        if !r.accounts.isEmpty {
            lines.append("Mật khẩu dùng một lần (chỉ in lần này; mỗi người phải đổi khi đăng nhập lần đầu):")
            lines += r.accounts.map { "\($0.username)\t\($0.password)\t\($0.fullName)" }
        }
        return lines
    }
}
