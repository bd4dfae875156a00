import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where notices are e-mailed from (SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS).
/// Without SMTP_HOST the app sends nothing.
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var from: String
    public var user: String?
    public var password: String?
    public var startTLS: Bool

    public init(
        host: String, port: Int = 25, from: String, user: String? = nil, password: String? = nil,
        startTLS: Bool = false
    ) {
        self.host = host
        self.port = port
        self.from = from
        self.user = user
        self.password = password
        self.startTLS = startTLS
    }

    static let names = ["SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "SMTP_STARTTLS"]

    /// nil when SMTP_HOST is not set (and none of the others is); a `ConfigError` naming the variable otherwise.
    static func fromEnvironment(_ env: [String: String]) throws -> SMTPSettings? {
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        guard let host = value("SMTP_HOST") else {
            if let set = names.dropFirst().first(where: { value($0) != nil }) {
                throw ConfigError(
                    variable: "SMTP_HOST", message: "chưa đặt trong khi đã đặt \(set); đặt máy chủ SMTP hoặc bỏ \(set)."
                )
            }
            return nil
        }
        guard host.range(of: "^[A-Za-z0-9.:\\[\\]-]{1,253}$", options: .regularExpression) != nil else {
            throw ConfigError(variable: "SMTP_HOST", message: "phải là tên máy hoặc địa chỉ IP (đang là “\(host)”).")
        }
        var startTLS = false
        if let s = value("SMTP_STARTTLS") {
            switch s.lowercased() {
            case "1", "true", "yes", "on": startTLS = true
            case "0", "false", "no", "off": startTLS = false
            default:
                throw ConfigError(variable: "SMTP_STARTTLS", message: "chỉ nhận true hoặc false (đang là “\(s)”).")
            }
        }
        var port = startTLS ? 587 : 25
        if let p = value("SMTP_PORT") {
            guard let n = Int(p), (1...65535).contains(n) else {
                throw ConfigError(variable: "SMTP_PORT", message: "phải là số từ 1 đến 65535 (đang là “\(p)”).")
            }
            port = n
        }
        guard let from = value("SMTP_FROM"), SMTPClient.isAddress(from) else {
            throw ConfigError(
                variable: "SMTP_FROM",
                message:
                    "phải là một địa chỉ e-mail gửi đi, ví dụ khenthuong@kontum.gov.vn (đang là “\(value("SMTP_FROM") ?? "")”)."
            )
        }
        let user = value("SMTP_USER")
        let password = env["SMTP_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if (user == nil) != (password == nil) {
            throw ConfigError(
                variable: user == nil ? "SMTP_USER" : "SMTP_PASSWORD",
                message: "phải đặt cùng với \(user == nil ? "SMTP_PASSWORD" : "SMTP_USER") (đăng nhập máy chủ SMTP).")
        }
        return SMTPSettings(host: host, port: port, from: from, user: user, password: password, startTLS: startTLS)
    }
}

/// An SMTP error: the server's reply or the connection's failure, in words an administrator can act on.
struct SMTPError: Error, CustomStringConvertible {
    let description: String
}

/// A minimal SMTP client: EHLO, STARTTLS when asked, AUTH PLAIN when a user is set, MAIL FROM, RCPT TO, DATA, QUIT.
/// The message is plain UTF-8 text, its subject encoded as RFC 2047 (`=?UTF-8?B?…?=`), its body base64.
enum SMTPClient {
    /// A whole conversation may take this long; a silent server is cut off.
    static let timeout: TimeAmount = .seconds(60)

    static func isAddress(_ s: String) -> Bool {
        // No line break anywhere: the pattern's "$" would allow one at the end, and it would split an SMTP command.
        !s.contains(where: \.isNewline)
            && s.range(of: "^[^@\\s<>\"]+@[^@\\s<>\"]+$", options: .regularExpression) != nil && s.utf8.count <= 254
    }

    static func send(_ settings: SMTPSettings, to: String, subject: String, body: String) async throws {
        guard isAddress(to) else { throw SMTPError(description: "Địa chỉ nhận “\(to)” không hợp lệ.") }
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { ch in
                    ch.eventLoop.makeCompletedFuture {
                        try ch.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: ch)
                    }
                }
        } catch {
            throw SMTPError(description: "Không kết nối được máy chủ SMTP \(settings.host):\(settings.port): \(error)")
        }
        let raw = channel.channel
        let guardTask = raw.eventLoop.scheduleTask(in: timeout) { raw.close(promise: nil) }
        defer { guardTask.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            func reply(_ expect: Int...) async throws -> [String] {
                var got: [String] = []
                while true {
                    guard let line = try await lines.next() else {
                        throw SMTPError(description: "Máy chủ SMTP đóng kết nối giữa chừng.")
                    }
                    got.append(line)
                    if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { break }
                }
                let code = Int(got.last?.prefix(3) ?? "") ?? 0
                guard expect.contains(code) else {
                    throw SMTPError(description: "Máy chủ SMTP trả lời: " + got.joined(separator: " "))
                }
                return got
            }
            func say(_ line: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            let me = "dienhinh.local"
            _ = try await reply(220)
            try await say("EHLO \(me)")
            _ = try await reply(250)
            if settings.startTLS {
                try await say("STARTTLS")
                _ = try await reply(220)
                let host = settings.host
                try await raw.eventLoop.submit {
                    let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                    let tls = try NIOSSLClientHandler(context: context, serverHostname: host)
                    try raw.pipeline.syncOperations.addHandler(tls, position: .first)
                }.get()
                try await say("EHLO \(me)")
                _ = try await reply(250)
            }
            if let user = settings.user, let password = settings.password {
                let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                try await say("AUTH PLAIN \(token)")
                _ = try await reply(235)
            }
            try await say("MAIL FROM:<\(settings.from)>")
            _ = try await reply(250)
            try await say("RCPT TO:<\(to)>")
            _ = try await reply(250, 251)
            try await say("DATA")
            _ = try await reply(354)
            try await outbound.write(
                ByteBuffer(string: message(from: settings.from, to: to, subject: subject, body: body)))
            _ = try await reply(250)
            try await say("QUIT")
            _ = try? await reply(221)
        }
    }

    /// The message as sent after DATA, ending with the lone dot. Base64 lines never start with a dot.
    static func message(from: String, to: String, subject: String, body: String, date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(normalized.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(encodedWord(subject))", "Date: \(f.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(from.split(separator: "@").last ?? "dienhinh")>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encoded + "\r\n.\r\n"
    }

    /// RFC 2047: "=?UTF-8?B?…?=" words of at most 75 characters, split between whole characters.
    static func encodedWord(_ text: String) -> String {
        var words: [String] = []
        var chunk = ""
        for ch in text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") {
            if (chunk.utf8.count + String(ch).utf8.count + 2) / 3 * 4 > 60 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(ch)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }
}

/// Splits the server's replies into lines (CRLF or LF), as text.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let nl = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 64 * 1024 { throw SMTPError(description: "Dòng trả lời SMTP quá dài.") }
            return .needMoreData
        }
        let length = nl - buffer.readerIndex
        var line = buffer.readString(length: length) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
