import Domain
import Fluent
import Vapor

extension String {
    /// "2023-01-01" → "01/01/2023".
    var isoToVietnamese: String {
        let p = split(separator: "-")
        guard p.count == 3 else { return self }
        return "\(p[2])/\(p[1])/\(p[0])"
    }
}
