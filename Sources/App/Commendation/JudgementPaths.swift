/// Answers to a subject's judgement conditions (issue 9): posted from its eligibility page.
enum JudgementPath: SitePath {
    case answers(Param)

    var segments: [PathSegment] {
        switch self {
        case .answers(let subject): ["app", "subjects", .param("id", subject), "eligibility", "answers"]
        }
    }
}
