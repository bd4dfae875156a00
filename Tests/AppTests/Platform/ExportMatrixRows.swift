@testable import App

// The list exports (issue 16, item 6) in the read matrix: each export answers as its list does, with the same
// scope: the scope's marked record is in the CSV exactly when the list shows it.
extension ReadMatrix {
    static let exportReads: [ReadRow] =
        webAndAPI("/units/export", unitList) { fx, s in
            let u = try await fx.markedUnit(s)
            return ("?q=\(ReadMatrix.search(u.marker))", u.marker)
        }
        + webAndAPI("/users/export", accountList) { fx, s in
            let u = try await fx.markedUser(s)
            return ("?q=\(ReadMatrix.search(u.marker))", u.marker)
        }
        + webAndAPI("/awards/export", commendationList) { fx, s in
            let a = try await fx.markedAward(s)
            return ("?q=\(ReadMatrix.search(a.marker))", a.marker)
        }
        + webAndAPI("/dossiers/export", commendationList) { fx, s in
            let d = try await fx.markedDossier(s)
            return ("?year=2025&q=\(ReadMatrix.search(d.marker))", d.marker)
        }
        + [
            ReadRow("/app/audit/export", any: standingOfficeOnly) { _, _ in .page("/app/audit/export?format=csv") },
            ReadRow("/api/v1/audit/export", any: standingOfficeOnly) { _, _ in .page("/api/v1/audit/export") },
            ReadRow("/app/decisions/export", any: everyone) { _, _ in .page("/app/decisions/export?format=xlsx") },
            ReadRow("/api/v1/decisions/export", any: everyone) { _, _ in .page("/api/v1/decisions/export") },
            ReadRow("/app/quotas/export", any: everyone) { _, _ in .page("/app/quotas/export?year=2025") },
            ReadRow("/api/v1/quotas/export", any: everyone) { _, _ in .page("/api/v1/quotas/export?year=2025") },
        ]

    /// One list export read on the web (`/app…`) and through the API (`/api/v1…`) with the same query: the scope's
    /// marked record is in the file exactly when the list shows it. `query` gives the query string and the marker.
    static func webAndAPI(
        _ path: String, _ e: Expect,
        query: @escaping @Sendable (MatrixFixture, MatrixScope) async throws -> (String, String)
    ) -> [ReadRow] {
        ["/app", "/api/v1"].map { prefix in
            ReadRow(prefix + path, e) { fx, s in
                let (q, marker) = try await query(fx, s)
                return .list(prefix + path + q, marker)
            }
        }
    }
}
