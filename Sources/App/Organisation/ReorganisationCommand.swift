import Domain
import Fluent
import Foundation
import Vapor

struct OrgCommandGroup: AsyncCommandGroup {
    var help: String { "Cây tổ chức: apply (áp dụng phương án sắp xếp đơn vị)." }
    var commands: [String: any AnyAsyncCommand] { ["apply": OrgApplyCommand()] }
}

/// `dienhinh org apply FILE [--dry-run]`: applies a reorganisation file (JSON or XLSX) all-or-nothing.
struct OrgApplyCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp phương án sắp xếp (.json hoặc .xlsx)") var file: String
        @Flag(name: "dry-run", help: "Chỉ kiểm tra và in các thay đổi, không ghi gì") var dryRun: Bool
    }
    var help: String {
        "Áp dụng phương án sắp xếp đơn vị (sáp nhập, chia tách, giải thể): có dòng sai thì không áp dụng gì."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepare(app)
        for line in try await Self.execute(path: signature.file, dryRun: signature.dryRun, on: app.db) {
            context.console.print(line)
        }
    }

    /// The command's work, also called by the tests: the lines to print, or a failure naming every wrong row.
    static func execute(path: String, dryRun: Bool, on db: any Database) async throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("Không đọc được tệp “\(path)”.")
        }
        // The command line acts as the system administrator.
        let system = Actor(userID: 0, username: "dòng lệnh", role: .admin, unitID: nil, unitPath: nil)
        do {
            let file = try ReorganisationService.read(data)
            let r = try await ReorganisationService.apply(file, actor: system, dryRun: dryRun, on: db)
            var lines = r.changes.map {
                "\($0.kindLabel): \($0.from.joined(separator: ", ")) → \($0.to.joined(separator: ", ")) "
                    + "từ \($0.effective) (\($0.basis))"
            }
            lines += r.newUnits.map { "Đơn vị mới: \($0)" }
            lines.append(
                (dryRun ? "Kiểm tra xong, chưa ghi gì (--dry-run): " : "Đã áp dụng: ")
                    + "\(r.successions) quan hệ kế thừa, \(r.newUnits.count) đơn vị mới, \(r.ended.count) đơn vị kết thúc."
            )
            return lines
        } catch let e as AppError {
            throw CommandFailure(([e.message] + e.fields.items.map { "- \($0.message)" }).joined(separator: "\n"))
        }
    }
}
