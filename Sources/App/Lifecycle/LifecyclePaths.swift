/// Registrations and what hangs off one: evaluations, nurturing actions, evidence.
enum RegistrationsPath: SitePath {
    case list
    case new
    case export
    case registration(Param)
    case edit(Param)
    case transitions(Param)
    case actions(Param)
    case evidence(Param)
    case newEvaluation(Param)
    case evaluations(Param)
    /// One nurturing action (its status).
    case action(Param)
    /// One evidence file (download).
    case evidenceFile(Param)
    /// The printable registration form (phiếu đăng ký), as a page and as DOCX.
    case print(Param)
    case printDOCX(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "registrations"]
        case .new: ["app", "registrations", "new"]
        case .export: ["app", "registrations", "export"]
        case .registration(let id): ["app", "registrations", .param("id", id)]
        case .edit(let id): ["app", "registrations", .param("id", id), "edit"]
        case .transitions(let id): ["app", "registrations", .param("id", id), "transitions"]
        case .actions(let id): ["app", "registrations", .param("id", id), "actions"]
        case .evidence(let id): ["app", "registrations", .param("id", id), "evidence"]
        case .newEvaluation(let id): ["app", "registrations", .param("id", id), "evaluations", "new"]
        case .evaluations(let id): ["app", "registrations", .param("id", id), "evaluations"]
        case .action(let id): ["app", "actions", .param("id", id)]
        case .evidenceFile(let id): ["app", "evidence", .param("id", id)]
        case .print(let id): ["app", "registrations", .param("id", id), "print"]
        case .printDOCX(let id): ["app", "registrations", .param("id", id), "print.docx"]
        }
    }
}

/// A subject's page and its year-end results; a unit's own criteria.
enum SubjectsPath: SitePath {
    case subject(Param)
    case annualRecords(Param)
    case initiatives(Param)
    case awards(Param)
    case deleteAward(Param)
    case criteria

    var segments: [PathSegment] {
        switch self {
        case .subject(let id): ["app", "subjects", .param("id", id)]
        case .annualRecords(let id): ["app", "subjects", .param("id", id), "annual-records"]
        case .initiatives(let id): ["app", "subjects", .param("id", id), "initiatives"]
        case .awards(let id): ["app", "subjects", .param("id", id), "awards"]
        case .deleteAward(let id): ["app", "awards", .param("aid", id), "delete"]
        case .criteria: ["app", "criteria"]
        }
    }
}

/// One evaluation's printable record (biên bản kiểm tra, đánh giá định kỳ), as a page and as DOCX.
enum EvaluationsPath: SitePath {
    case print(Param)
    case printDOCX(Param)

    var segments: [PathSegment] {
        switch self {
        case .print(let id): ["app", "evaluations", .param("id", id), "print"]
        case .printDOCX(let id): ["app", "evaluations", .param("id", id), "print.docx"]
        }
    }
}
