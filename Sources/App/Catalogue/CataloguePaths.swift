/// The catalogue of standards and its versions.
enum CataloguePath: SitePath {
    case catalogue
    case version(Param)

    var segments: [PathSegment] {
        switch self {
        case .catalogue: ["app", "catalogue"]
        case .version(let version): ["app", "catalogue", .param("version", version)]
        }
    }
}
