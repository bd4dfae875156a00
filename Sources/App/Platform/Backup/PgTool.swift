import Foundation

/// Runs `pg_dump` / `pg_restore` with the credentials of DATABASE_URL. The password goes in the environment
/// (PGPASSWORD), never on the command line where other users of the machine could read it.
enum PgTool {
    static func find(_ tool: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        var dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        // Debian keeps each version's tools here; the newest first.
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        dirs += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        return dirs.map { $0 + "/" + tool }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The libpq settings of a postgres:// URL, as environment variables.
    static func environment(url: String) throws -> [String: String] {
        guard let c = URLComponents(string: url), let host = c.host, !host.isEmpty else {
            throw Backup.Failure("DATABASE_URL không đọc được.")
        }
        var env: [String: String] = ["PGHOST": host, "PGPORT": String(c.port ?? 5432)]
        if let user = c.user { env["PGUSER"] = user.removingPercentEncoding ?? user }
        if let password = c.password { env["PGPASSWORD"] = password.removingPercentEncoding ?? password }
        let db = String(c.path.drop(while: { $0 == "/" }))
        if !db.isEmpty { env["PGDATABASE"] = db.removingPercentEncoding ?? db }
        for item in c.queryItems ?? [] where ["sslmode", "tlsmode"].contains(item.name.lowercased()) {
            if let v = item.value { env["PGSSLMODE"] = v }
        }
        return env
    }

    static func run(_ tool: String, _ arguments: [String], url: String) async throws {
        guard let path = find(tool) else {
            throw Backup.Failure(
                "Không tìm thấy \(tool): hãy cài gói postgresql-client cùng phiên bản chính với máy chủ PostgreSQL "
                    + "(ví dụ apt-get install postgresql-client-15) rồi chạy lại.")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(try environment(url: url)) { _, new in new }
        let errors = Pipe()
        p.standardError = errors
        p.standardOutput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { cont in
            p.terminationHandler = { cont.resume(returning: $0.terminationStatus) }
            do { try p.run() } catch {
                p.terminationHandler = nil
                cont.resume(throwing: error)
            }
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else {
            throw Backup.Failure(
                "\(tool) dừng với mã \(status): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
