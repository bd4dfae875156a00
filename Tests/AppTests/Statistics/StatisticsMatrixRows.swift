@testable import App

// The statistics forms in the read matrix: the list is for everyone signed in; a form of a unit reads like that
// unit's records (Policy .unitRecord without movements): its own unit for everyone but the editor, another commune
// (Tân Lập) for the standing office and the council only.
extension ReadMatrix {
    static let statisticsReads: [ReadRow] = [
        ReadRow("/app/statistics", any: everyone) { _, _ in .page("/app/statistics") },
        ReadRow("/app/statistics/:code", recordReadNoLed) { fx, s in
            .page("/app/statistics/0601?unit=\(try await fx.unit(s))&year=2025")
        },
        ReadRow("/app/statistics/:code/xlsx", recordReadNoLed) { fx, s in
            .page("/app/statistics/0602/xlsx?unit=\(try await fx.unit(s))&year=2025")
        },
        ReadRow("/api/v1/statistics/forms", any: everyone) { _, _ in .page("/api/v1/statistics/forms") },
        ReadRow("/api/v1/statistics/forms/:code", recordReadNoLed) { fx, s in
            .page("/api/v1/statistics/forms/0603?unit=\(try await fx.unit(s))&year=2025")
        },
        ReadRow("/api/v1/statistics/forms/:code/xlsx", recordReadNoLed) { fx, s in
            .page("/api/v1/statistics/forms/0601/xlsx?unit=\(try await fx.unit(s))&year=2025&period=6-thang")
        },
    ]
}
