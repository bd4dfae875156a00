import Domain
import Fluent
import Vapor

extension String {
    /// Whether `needle`'s bytes stand in this string's bytes, searched over the two strings' UTF-8 storage. In place of
    /// Foundation's `contains`, which bridges both to `NSString` (a request's path and `Cache-Control` are searched on
    /// every request: 1 % of the static file path's samples under load, session 49), and of the standard library's
    /// generic `firstRange(of:)`, which looks up type metadata at every step (session 48). For ASCII needles such as
    /// "%" and "no-store" the answer is Foundation's (`QueryTextTests.holdsAsFoundation`).
    func holds(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count <= h.count else { return false }
                let first = n[0]
                var i = 0
                while i <= h.count - n.count {
                    if h[i] == first, memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// "2023-01-01" → "01/01/2023".
    var isoToVietnamese: String {
        let p = split(separator: "-")
        guard p.count == 3 else { return self }
        return "\(p[2])/\(p[1])/\(p[0])"
    }
}
