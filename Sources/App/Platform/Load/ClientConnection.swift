import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Whether the client of a connection has hung up, as the kernel sees it: on Linux, the connection's line in
/// `/proc/net/tcp` and `/proc/net/tcp6`. A client that closed its end (wrk at its timeout, a browser tab closed, a
/// reverse proxy whose client went) leaves the server's socket in CLOSE_WAIT, then LAST_ACK once NIO has closed its
/// end, then no line at all; a reset leaves no line either.
///
/// Used by `Admission` for a request that waited in line, before its work starts: after a burst, the server no
/// longer spends seconds answering clients that are gone. Where the tables cannot be read (another system, a
/// restricted container) or the address is not TCP, the answer is `.unknown` and the work goes ahead. HTTP clients
/// do not half-close a connection while they wait for the answer; one that did would be taken for gone.
enum ClientConnection {
    enum State: Equatable { case open, hungUp, unknown }

    /// The kernel's TCP tables at one moment, parsed once: the state of each connection by its server port and its
    /// peer, and the ports listened on.
    struct Table: Sendable {
        struct Key: Hashable { let localPort: Int, peer: [UInt8], peerPort: Int }
        var states: [Key: Substring] = [:]
        var listening: Set<Int> = []

        init(_ texts: [String]) {
            for text in texts {
                for line in text.split(separator: "\n").dropFirst() {
                    let f = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
                    guard f.count > 3, let local = endpoint(f[1]) else { continue }
                    if f[3] == "0A" { listening.insert(local.port) }
                    guard let peer = endpoint(f[2]) else { continue }
                    states[Key(localPort: local.port, peer: peer.address, peerPort: peer.port)] = f[3]
                }
            }
        }

        func state(remote: SocketAddress?, localPort: Int?) -> State {
            guard let remote, let port = remote.port, let localPort, let address = bytes(of: remote) else {
                return .unknown
            }
            if let st = states[Key(localPort: localPort, peer: address, peerPort: port)] {
                // 08 CLOSE_WAIT: the client closed its end; 09 LAST_ACK: and the server has closed its own.
                return st == "08" || st == "09" ? .hungUp : .open
            }
            // The server's listening socket is in the whole table but the connection is not: closed and gone (NIO
            // closes its end as soon as it reads the client's), or reset. Without the listening line nothing is
            // known.
            return listening.contains(localPort) ? .hungUp : .unknown
        }
    }

    /// The state of the TCP connection from `remote` to `localPort`, in a reading of the tables taken at
    /// `notBefore` or later, and at most `sharedFor` ago. Reading them is not cheap (the kernel walks its whole
    /// connection hash for each page it hands out: under load, a read per request took a third of the server's CPU),
    /// so the requests that check together share one reading. One taken before `notBefore` would miss a connection
    /// opened since and take it for gone; an older one than `sharedFor` would miss a client that hung up since.
    static func state(remote: SocketAddress?, localPort: Int?, notBefore: NIODeadline) -> State {
        let from = max(notBefore, .now() - sharedFor)
        return shared.table(notBefore: from)?.state(remote: remote, localPort: localPort) ?? .unknown
    }

    /// How long one reading serves the requests that check.
    static let sharedFor = TimeAmount.milliseconds(100)

    private static let shared = Readings()

    private final class Readings: Sendable {
        private let last = NIOLockedValueBox<(at: NIODeadline, table: Table?)?>(nil)

        func table(notBefore: NIODeadline) -> Table? {
            if let last = last.withLockedValue({ $0 }), last.at >= notBefore { return last.table }
            let at = NIODeadline.now()
            let texts = ["/proc/net/tcp", "/proc/net/tcp6"].compactMap(ClientConnection.readAll)
            let table = texts.isEmpty ? nil : Table(texts)
            last.withLockedValue { if $0 == nil || $0!.at < at { $0 = (at, table) } }
            return table
        }
    }

    /// A /proc file to its end. Its size reads as 0 and the kernel hands it a page per read, so a reader that
    /// trusts the size or stops after one read sees the first lines only: the benchmark's first run took a live
    /// client for gone when the table passed a page (its line was missing while the listening line was there).
    static func readAll(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An address as bytes, an IPv4-mapped IPv6 address as its four IPv4 bytes.
    static func bytes(of a: SocketAddress) -> [UInt8]? {
        switch a {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            return mapped(withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) })
        default:
            return nil
        }
    }

    private static func mapped(_ b: [UInt8]) -> [UInt8] {
        b.count == 16 && b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF ? Array(b[12...]) : b
    }

    /// "0100007F:1F90" (the kernel prints each 32-bit word of the address in host order, the port in hex).
    static func endpoint(_ field: Substring) -> (address: [UInt8], port: Int)? {
        let parts = field.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1], radix: 16), parts[0].count % 8 == 0 else { return nil }
        var out: [UInt8] = []
        var i = parts[0].startIndex
        while i < parts[0].endIndex {
            let j = parts[0].index(i, offsetBy: 8)
            guard let word = UInt32(parts[0][i..<j], radix: 16) else { return nil }
            withUnsafeBytes(of: word) { out += $0 } // back to memory order (the kernel printed host order)
            i = j
        }
        return (mapped(out), port)
    }
}
