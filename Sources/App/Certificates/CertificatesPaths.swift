/// Certificates printed on an authority's blanks: its layouts, one layout's form and preview, a decision's batch.
enum CertificatesPath: SitePath {
    /// An authority's layouts (GET) and a new one (POST).
    case layouts(Param)
    case newLayout(Param)
    /// One layout: its form and preview (GET), saving it (POST).
    case layout(Param)
    /// A decision's certificates as one printable page: `?layout=ID` (else the authority's default).
    case print(Param)
    case docx(Param)
    /// The stylesheet placing the fields: the layout's values in the query.
    case stylesheet

    var segments: [PathSegment] {
        switch self {
        case .layouts(let id): ["app", "authorities", .param("id", id), "certificate-layouts"]
        case .newLayout(let id): ["app", "authorities", .param("id", id), "certificate-layouts", "new"]
        case .layout(let id): ["app", "certificate-layouts", .param("id", id)]
        case .print(let id): ["app", "decisions", .param("id", id), "certificates"]
        case .docx(let id): ["app", "decisions", .param("id", id), "certificates.docx"]
        case .stylesheet: ["app", "certificates", "layout.css"]
        }
    }
}
