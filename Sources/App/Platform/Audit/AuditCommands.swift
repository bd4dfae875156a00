import Fluent
import Vapor

struct AuditCommandGroup: AsyncCommandGroup {
    var help: String { "Nhật ký thao tác: verify (kiểm tra chuỗi mã băm)." }
    var commands: [String: any AnyAsyncCommand] { ["verify": AuditVerifyCommand()] }
}

/// `dienhinh audit verify`: walks the hash chain; exits non-zero naming the first edited, deleted or moved entry.
struct AuditVerifyCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Kiểm tra nhật ký thao tác chưa bị sửa, xóa hay đổi thứ tự (chuỗi mã băm SHA-256)." }
    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await Bootstrap.prepare(app)
        let v = try await AuditChain.verify(on: app.db)
        guard v.ok else { throw CommandFailure(v.message) }
        context.console.print(v.message)
    }
}
