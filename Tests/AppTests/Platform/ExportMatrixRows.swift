@testable import App

// The list exports (issue 16, item 6) in the read matrix: each export answers as its list does, with the same
// scope: the scope's marked record is in the CSV exactly when the list shows it.
extension ReadMatrix {
    static let exportReads: [ReadRow] = [
        ReadRow("/app/units/export", unitList) { fx, s in
            let u = try await fx.markedUnit(s)
            return .list("/app/units/export?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/api/v1/units/export", unitList) { fx, s in
            let u = try await fx.markedUnit(s)
            return .list("/api/v1/units/export?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/app/users/export", accountList) { fx, s in
            let u = try await fx.markedUser(s)
            return .list("/app/users/export?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/api/v1/users/export", accountList) { fx, s in
            let u = try await fx.markedUser(s)
            return .list("/api/v1/users/export?q=\(ReadMatrix.search(u.marker))", u.marker)
        },
        ReadRow("/app/audit/export", any: standingOfficeOnly) { _, _ in .page("/app/audit/export?format=csv") },
        ReadRow("/api/v1/audit/export", any: standingOfficeOnly) { _, _ in .page("/api/v1/audit/export") },
        ReadRow("/app/awards/export", commendationList) { fx, s in
            let a = try await fx.markedAward(s)
            return .list("/app/awards/export?q=\(ReadMatrix.search(a.marker))", a.marker)
        },
        ReadRow("/api/v1/awards/export", commendationList) { fx, s in
            let a = try await fx.markedAward(s)
            return .list("/api/v1/awards/export?q=\(ReadMatrix.search(a.marker))", a.marker)
        },
        ReadRow("/app/dossiers/export", commendationList) { fx, s in
            let d = try await fx.markedDossier(s)
            return .list("/app/dossiers/export?year=2025&q=\(ReadMatrix.search(d.marker))", d.marker)
        },
        ReadRow("/api/v1/dossiers/export", commendationList) { fx, s in
            let d = try await fx.markedDossier(s)
            return .list("/api/v1/dossiers/export?year=2025&q=\(ReadMatrix.search(d.marker))", d.marker)
        },
        ReadRow("/app/decisions/export", any: everyone) { _, _ in .page("/app/decisions/export?format=xlsx") },
        ReadRow("/api/v1/decisions/export", any: everyone) { _, _ in .page("/api/v1/decisions/export") },
        ReadRow("/app/quotas/export", any: everyone) { _, _ in .page("/app/quotas/export?year=2025") },
        ReadRow("/api/v1/quotas/export", any: everyone) { _, _ in .page("/api/v1/quotas/export?year=2025") },
    ]
}
