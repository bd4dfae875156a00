/// The statutory statistics forms (Thông tư 02/2023/TT-BNV, biểu 0601–0605): the list, one form on screen, as XLSX.
enum StatisticsPath: SitePath {
    case list
    case form(Param)
    case xlsx(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "statistics"]
        case .form(let code): ["app", "statistics", .param("code", code)]
        case .xlsx(let code): ["app", "statistics", .param("code", code), "xlsx"]
        }
    }
}
