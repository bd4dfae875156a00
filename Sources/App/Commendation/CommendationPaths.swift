/// Dossiers: proposal, documents, appraisal, decision.
enum DossiersPath: SitePath {
    case list
    case dossier(Param)
    case nominees(Param)
    case removeNominee(Param, nominee: Param)
    /// Withdraws a proposal with a recorded reason (one achievement, one form).
    case withdrawNominee(Param, nominee: Param)
    case appraisal(Param, nominee: Param)
    case documents(Param)
    case generate(Param)
    /// A draft document drawn on request: to-trinh, danh-sach, bao-cao-thanh-tich, quyet-dinh, danh-sach-in.
    case draft(Param, kind: Param)
    /// A stored document (download).
    case document(Param)
    case submit(Param)
    case finishAppraisal(Param)
    case decision(Param)
    /// Sends the nominees a higher authority confers to the next council up.
    case forward(Param)

    var segments: [PathSegment] {
        switch self {
        case .list: ["app", "dossiers"]
        case .dossier(let id): ["app", "dossiers", .param("id", id)]
        case .nominees(let id): ["app", "dossiers", .param("id", id), "nominees"]
        case .removeNominee(let id, let nominee):
            ["app", "dossiers", .param("id", id), "nominees", .param("nid", nominee), "delete"]
        case .withdrawNominee(let id, let nominee):
            ["app", "dossiers", .param("id", id), "nominees", .param("nid", nominee), "withdraw"]
        case .appraisal(let id, let nominee):
            ["app", "dossiers", .param("id", id), "nominees", .param("nid", nominee), "appraisal"]
        case .documents(let id): ["app", "dossiers", .param("id", id), "documents"]
        case .generate(let id): ["app", "dossiers", .param("id", id), "documents", "generate"]
        case .draft(let id, let kind): ["app", "dossiers", .param("id", id), "docx", .param("kind", kind)]
        case .document(let id): ["app", "dossier-documents", .param("docID", id)]
        case .submit(let id): ["app", "dossiers", .param("id", id), "submit"]
        case .finishAppraisal(let id): ["app", "dossiers", .param("id", id), "appraisal", "finish"]
        case .decision(let id): ["app", "dossiers", .param("id", id), "decision"]
        case .forward(let id): ["app", "dossiers", .param("id", id), "forward"]
        }
    }
}

/// The council: roster, meetings, attendance, the secret ballot, closing and minutes.
enum CouncilPath: SitePath {
    case council
    case members
    case memberActive(Param)
    case meetings
    case meeting(Param)
    case attendance(Param)
    case open(Param)
    case ballots(Param)
    case close(Param)
    case minutes(Param)

    var segments: [PathSegment] {
        switch self {
        case .council: ["app", "council"]
        case .members: ["app", "council", "members"]
        case .memberActive(let id): ["app", "council", "members", .param("mid", id), "active"]
        case .meetings: ["app", "council", "meetings"]
        case .meeting(let id): ["app", "council", "meetings", .param("id", id)]
        case .attendance(let id): ["app", "council", "meetings", .param("id", id), "attendance"]
        case .open(let id): ["app", "council", "meetings", .param("id", id), "open"]
        case .ballots(let id): ["app", "council", "meetings", .param("id", id), "ballots"]
        case .close(let id): ["app", "council", "meetings", .param("id", id), "close"]
        case .minutes(let id): ["app", "council", "meetings", .param("id", id), "bien-ban.docx"]
        }
    }
}

extension CouncilPath {
    /// One council's page: `/app/council?authority=ID`.
    func href(authority: Int) -> String { href + "?authority=\(authority)" }
}

/// Award history lookup and a subject's eligibility.
enum AwardsPath: SitePath {
    case awards
    case eligibility(Param)

    var segments: [PathSegment] {
        switch self {
        case .awards: ["app", "awards"]
        case .eligibility(let subject): ["app", "subjects", .param("id", subject), "eligibility"]
        }
    }
}
