import Vapor

/// `dienhinh backup --output DIR`: a consistent copy of the database and the uploaded files, with a manifest.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", help: "Thư mục mới (hoặc rỗng) để ghi bản sao lưu") var output: String?
    }
    var help: String { "Sao lưu cơ sở dữ liệu và các tệp tải lên vào một thư mục, kèm manifest.json (SHA-256)." }
    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output, !output.isEmpty else {
            throw CommandFailure("Thiếu --output. Ví dụ: dienhinh backup --output /var/backups/dienhinh-2026-01-31")
        }
        let app = context.application
        try await Bootstrap.prepare(app)
        do {
            let m = try await Backup.create(app: app, output: output)
            let bytes = m.files.reduce(0) { $0 + $1.size }
            context.console.print(
                "Đã sao lưu vào \(output): \(m.files.count) tệp, \(bytes) byte (\(m.database), "
                    + "\(m.migrations.count) bước cấu trúc).")
        } catch let e as Backup.Failure {
            throw CommandFailure(e.description)
        }
    }
}

/// `dienhinh restore DIR [--force]`: checks every checksum, then restores the database and the uploaded files.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dir", help: "Thư mục sao lưu (có manifest.json)") var dir: String
        @Flag(name: "force", help: "Ghi đè cơ sở dữ liệu đang có dữ liệu") var force: Bool
    }
    var help: String {
        "Khôi phục từ thư mục sao lưu; kiểm tra tổng kiểm trước, không ghi đè dữ liệu nếu thiếu --force."
    }
    func run(using context: CommandContext, signature: Signature) async throws {
        // No Bootstrap here: the database may not exist yet, and SQLite's file is swapped whole.
        do {
            let r = try await Backup.restore(app: context.application, from: signature.dir, force: signature.force)
            context.console.print(
                "Đã khôi phục từ \(signature.dir): cơ sở dữ liệu \(r.manifest.database) "
                    + "(\(r.manifest.migrations.count) bước cấu trúc), \(r.files) tệp tải lên (\(r.bytes) byte).")
        } catch let e as Backup.Failure {
            throw CommandFailure(e.description)
        }
    }
}
