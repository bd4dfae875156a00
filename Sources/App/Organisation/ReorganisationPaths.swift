/// Reorganising the tree: upload → preview → apply.
enum ReorganisationPath: SitePath {
    /// GET: the upload form; POST: the preview of a file.
    case form
    case apply

    var segments: [PathSegment] {
        switch self {
        case .form: ["app", "units", "reorganise"]
        case .apply: ["app", "units", "reorganise", "apply"]
        }
    }
}
