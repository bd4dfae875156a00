import Vapor

/// A select's options, for `platform/options`.
struct OptionsContext: Encodable, Sendable {
    let options: [SelectOption]
}

extension Request {
    /// A select's `<option>`s as HTML, rendered by `platform/options` and kept (`ReferenceCache`, so until the next
    /// write) for the same select and the same value chosen: `select` names the list (a page and a field),
    /// `selected` the value `options` marks. The registration list's filter has seven selects, 62 options
    /// nationally, which every view encoded and walked in Leaf again (session 39).
    func keptOptions(_ select: String, selected: String, _ options: () async throws -> [SelectOption])
        async throws -> String
    {
        try await reference("options|" + select + "=" + selected) {
            let view = try await self.view.render("platform/options", OptionsContext(options: try await options()))
            return String(buffer: view.data)
        }
    }
}
