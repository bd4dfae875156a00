import Domain
import Fluent
import Vapor

struct NomineeDTO: Content, Sendable {
    struct Vote: Content, Sendable {
        let yes: Int
        let no: Int
        let recused: Int
        let written: Int
        let totalMembers: Int
        let threshold: Int
        let passed: Bool
    }
    let id: Int
    let subjectID: Int
    let subjectName: String
    let formCode: String
    let formName: String
    let achievement: String
    let eligibility: String
    let warning: String
    let appraisal: String
    let appraisalLabel: String
    let appraisalNote: String
    let registrationID: Int?
    let vote: Vote?
    let awardID: Int?
    /// `AwardKind` code and label; the achievement "subject|year|kind" the proposal is for.
    let kind: String
    let kindLabel: String
    let achievementKey: String
    /// Withdrawn by the unit, with the reason recorded (one achievement, one form).
    let withdrawn: Bool
    let withdrawalReason: String
    init(_ n: DossierNomineeModel) {
        id = n.id ?? 0
        subjectID = n.$subject.id
        subjectName = n.$subject.value?.name ?? ""
        formCode = n.formCode
        formName = n.formName
        achievement = n.achievement
        eligibility = n.eligibility.rawValue
        warning = n.warning
        appraisal = n.appraisal.rawValue
        appraisalLabel = n.appraisal.label
        appraisalNote = n.appraisalNote
        registrationID = n.registrationID
        awardID = n.awardID
        kind = n.kind.rawValue
        kindLabel = n.kind.label
        achievementKey = n.achievementKey
        withdrawn = n.withdrawn
        withdrawalReason = n.withdrawalReason
        if let yes = n.voteYes, let total = n.voteTotal {
            vote = Vote(
                yes: yes, no: n.voteNo ?? 0, recused: n.voteRecused ?? 0, written: n.voteWritten ?? 0,
                totalMembers: total,
                threshold: n.voteThreshold ?? 0, passed: n.votePassed ?? false)
        } else {
            vote = nil
        }
    }
}

struct DossierDTO: Content, Sendable {
    struct Decision: Content, Sendable {
        let number: String
        let date: String
        let authority: String
        let signer: String
    }
    struct Document: Content, Sendable {
        let id: Int
        let kind: String
        let name: String
        let size: Int
        let sha256: String
        let generated: Bool
        let href: String
    }
    struct Event: Content, Sendable {
        let at: Date
        let username: String
        let action: String
        let toStatus: String
        let note: String
    }
    let id: Int
    let unitID: Int
    let unitName: String
    let year: Int
    let title: String
    let number: String
    let status: String
    let statusLabel: String
    let ruleSetID: String
    let submittedDay: String?
    let appraisalDue: String?
    let meetingID: Int?
    let decision: Decision?
    let nominees: [NomineeDTO]
    let missingDocuments: [String]?
    let documents: [Document]?
    let events: [Event]?
    init(
        _ d: DossierModel, documents: [DossierDocumentModel]? = nil, missing: [DocumentRule]? = nil,
        events: [DossierEventModel]? = nil
    ) {
        id = d.id ?? 0
        unitID = d.$unit.id
        unitName = d.$unit.value?.name ?? ""
        year = d.year
        title = d.title
        number = d.number
        status = d.status.rawValue
        statusLabel = d.status.label
        ruleSetID = d.ruleSetID
        submittedDay = d.submittedDay
        appraisalDue = d.appraisalDue
        meetingID = d.meetingID
        decision =
            d.status == .decided
            ? Decision(
                number: d.decisionNumber, date: d.decisionDate, authority: d.decisionAuthority, signer: d.decisionSigner
            ) : nil
        nominees = (d.$nominees.value ?? []).map(NomineeDTO.init)
        missingDocuments = missing?.map(\.code)
        self.documents = documents?.map {
            .init(
                id: $0.id ?? 0, kind: $0.kind, name: $0.originalName, size: $0.size, sha256: $0.sha256,
                generated: $0.generated,
                href: "/api/v1/dossier-documents/\($0.id ?? 0)")
        }
        self.events = events?.map {
            .init(
                at: $0.at, username: $0.username, action: $0.action.rawValue, toStatus: $0.toStatus.rawValue,
                note: $0.note)
        }
    }
}

struct RuleSetDTO: Content, Sendable {
    struct Form: Content, Sendable {
        let code: String
        let name: String
        let kind: String
        let subject: String
        let rank: Int
        let conferredBy: String
        let voteThreshold: Int?
    }
    let id: String
    let title: String
    let legalBasis: String
    let effectiveFrom: String
    let effectiveTo: String?
    let jurisdiction: String
    let forms: [Form]
    init(_ s: RuleSet) {
        id = s.id
        title = s.title
        legalBasis = s.legalBasis
        effectiveFrom = s.effectiveFrom
        effectiveTo = s.effectiveTo
        jurisdiction = s.jurisdiction
        forms = s.forms.map {
            .init(
                code: $0.code, name: $0.name, kind: $0.kind, subject: $0.subject, rank: $0.rank,
                conferredBy: $0.conferredBy, voteThreshold: $0.voteThreshold)
        }
    }
}

struct CommendationAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("rule-sets", use: ruleSets)
        r.get("subjects", ":id", "eligibility", use: eligibility)
        r.get("subjects", ":id", "awards", use: subjectAwards)
        r.post("subjects", ":id", "awards", use: createAward)
        r.get("subjects", ":id", "initiatives", use: initiatives)
        r.post("subjects", ":id", "initiatives", use: createInitiative)
        r.get("awards", use: awards)
        r.get("dossiers", use: dossiers)
        r.post("dossiers", use: createDossier)
        r.get("dossiers", ":id", use: dossier)
        r.post("dossiers", ":id", "nominees", use: addNominee)
        r.post("dossiers", ":id", "submit", use: submit)
        r.post("dossiers", ":id", "nominees", ":nid", "appraisal", use: appraise)
        r.post("dossiers", ":id", "nominees", ":nid", "withdraw", use: withdrawNominee)
        r.post("dossiers", ":id", "appraisal", "finish", use: finishAppraisal)
        r.post("dossiers", ":id", "decision", use: decide)
        r.get("dossier-documents", ":id", use: document)
    }

    func id(_ req: Request, _ name: String = "id") throws -> Int { try req.parameters.require(name, as: Int.self) }

    @Sendable func ruleSets(req: Request) async throws -> [RuleSetDTO] { req.ruleSets.map(RuleSetDTO.init) }

    @Sendable func eligibility(req: Request) async throws -> EligibilityDTO {
        let year = try req.intQuery("year") ?? Today.year - 1
        return try await EligibilityService.dto(
            subjectID: try id(req), year: year, day: req.queryText("date"), actor: req.actor, req: req)
    }

    @Sendable func subjectAwards(req: Request) async throws -> [AwardDTO] {
        try await AwardService.forSubject(try id(req), actor: req.actor, on: req.database).map { AwardDTO($0) }
    }

    @Sendable func createAward(req: Request) async throws -> Response {
        let a = try await AwardService.create(
            subjectID: try id(req), try req.content.decode(AwardInput.self), source: "nhap-tay", actor: req.actor,
            sets: req.ruleSets, on: req.database)
        return try await AwardDTO(a).encodeResponse(status: .created, for: req)
    }

    @Sendable func initiatives(req: Request) async throws -> [InitiativeDTO] {
        let sid = try id(req)
        _ = try await SubjectService.readable(sid, actor: req.actor, on: req.database)
        return try await AwardService.initiatives(sid, on: req.database).map(InitiativeDTO.init)
    }

    @Sendable func createInitiative(req: Request) async throws -> Response {
        let i = try await AwardService.addInitiative(
            subjectID: try id(req), try req.content.decode(InitiativeInput.self), actor: req.actor, on: req.database)
        return try await InitiativeDTO(i).encodeResponse(status: .created, for: req)
    }

    @Sendable func awards(req: Request) async throws -> ListResponse<AwardDTO> {
        let list = try req.listQuery()
        let actor = try req.requireActor()
        let page = try await AwardService.search(
            q: list.q, year: try req.intQuery("year"),
            formCode: req.queryText("formCode") ?? "", actor: actor, list, on: req.database, keptFor: req)
        return ListResponse(page) { AwardDTO($0.0, subjectName: $0.1.name) }
    }

    @Sendable func dossiers(req: Request) async throws -> ListResponse<DossierDTO> {
        let actor = try req.requireActor()
        let list = try req.listQuery()
        let page = try await DossierService.list(
            actor: actor, status: req.queryText("status") ?? "", year: try req.intQuery("year"),
            q: list.q, list, on: req.database, keptFor: req)
        return ListResponse(page) { DossierDTO($0) }
    }

    func detail(_ id: Int, req: Request) async throws -> DossierDTO {
        let d = try await DossierService.readable(id, actor: req.actor, on: req.database)
        let docs = try await DossierService.documents(id, on: req.database)
        return DossierDTO(
            d, documents: docs, missing: try DossierService.missingDocuments(d, documents: docs, sets: req.ruleSets),
            events: try await DossierService.events(id, on: req.database))
    }

    @Sendable func createDossier(req: Request) async throws -> Response {
        let d = try await DossierService.create(
            try req.content.decode(DossierInput.self), actor: req.actor, sets: req.ruleSets,
            jurisdiction: req.jurisdiction, on: req.database)
        return try await detail(d.id ?? 0, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func dossier(req: Request) async throws -> DossierDTO { try await detail(try id(req), req: req) }

    /// A nominee who does not meet the form is refused with the reasons (422) unless `acknowledgeWarning` is true.
    @Sendable func addNominee(req: Request) async throws -> Response {
        let did = try id(req)
        do {
            _ = try await DossierService.addNominee(
                dossierID: did, try req.content.decode(NomineeInput.self), actor: req.actor, sets: req.ruleSets,
                jurisdiction: req.jurisdiction, on: req.database)
        } catch let w as EligibilityWarning {
            var e = FieldErrors()
            e.add("acknowledgeWarning", "\(w.status) để đề nghị \(w.formName): " + w.reasons.joined(separator: " | "))
            throw AppError.invalid(
                e, "\(w.status) để đề nghị \(w.formName). Gửi lại với acknowledgeWarning = true nếu vẫn đề nghị.")
        }
        return try await detail(did, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func submit(req: Request) async throws -> DossierDTO {
        let did = try id(req)
        _ = try await DossierService.submit(did, actor: req.actor, sets: req.ruleSets, on: req.database)
        return try await detail(did, req: req)
    }

    @Sendable func appraise(req: Request) async throws -> DossierDTO {
        let did = try id(req)
        try await DossierService.appraise(
            dossierID: did, nomineeID: try id(req, "nid"), try req.content.decode(AppraisalInput.self),
            actor: req.actor, on: req.database)
        return try await detail(did, req: req)
    }

    /// Withdraws a proposal with a recorded reason: its achievement is free for another (higher) form.
    @Sendable func withdrawNominee(req: Request) async throws -> DossierDTO {
        let did = try id(req)
        _ = try await AchievementService.withdraw(
            dossierID: did, nomineeID: try id(req, "nid"), try req.content.decode(WithdrawalInput.self),
            actor: req.actor, on: req.database)
        return try await detail(did, req: req)
    }

    @Sendable func finishAppraisal(req: Request) async throws -> DossierDTO {
        let did = try id(req)
        _ = try await DossierService.finishAppraisal(did, actor: req.actor, on: req.database)
        return try await detail(did, req: req)
    }

    @Sendable func decide(req: Request) async throws -> DossierDTO {
        let did = try id(req)
        _ = try await DossierService.decide(
            did, try req.content.decode(DecisionInput.self), actor: req.actor, sets: req.ruleSets, on: req.database)
        return try await detail(did, req: req)
    }

    @Sendable func document(req: Request) async throws -> Response {
        try await DossierService.download(documentID: try id(req), actor: req.actor, req: req)
    }
}
