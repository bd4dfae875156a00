import Domain
import Fluent
import Vapor

// The conferring authorities and their councils under /api/v1 (issue 13, item 3): the same service calls as the
// web pages (`AuthoritiesWeb`, `CouncilWeb`), so the same rules and the same Vietnamese answers.

/// A conferring authority with its signing block, recipients and number formats.
struct AuthorityDTO: Content, Sendable {
    let id: Int
    let unitID: Int
    let unitName: String
    let level: String
    let levelLabel: String
    let name: String
    let headTitle: String
    let councilName: String
    let standingUnitID: Int
    let standingUnitName: String
    let validFrom: String?
    let validTo: String?
    let signingMode: String
    let chiefTitle: String
    let signerTitle: String
    let signerName: String
    let place: String
    let decisionFormat: String
    let minutesFormat: String
    let executors: String
    let recipients: String
    /// Codes of the forms it confers under the rule set in force today.
    let confers: [String]

    /// `a` with its unit and standing unit loaded (`AuthorityService.find` / `all`).
    init(_ a: AuthorityModel, inForce: RuleSet?) {
        id = a.id ?? 0
        unitID = a.$unit.id
        unitName = a.unit.name
        level = a.level.rawValue
        levelLabel = a.level.label
        name = a.name
        headTitle = a.headTitle
        councilName = a.councilName
        standingUnitID = a.$standingUnit.id
        standingUnitName = a.standingUnit.name
        validFrom = a.validFrom
        validTo = a.validTo
        signingMode = a.signingMode.rawValue
        chiefTitle = a.chiefTitle
        signerTitle = a.signerTitle
        signerName = a.signerName
        place = a.place
        decisionFormat = a.decisionFormat
        minutesFormat = a.minutesFormat
        executors = a.executors
        recipients = a.recipients
        confers = (inForce?.forms ?? []).filter { a.info.confers($0) }.map(\.code)
    }
}

/// An authority as sent: missing fields come back as field errors (422) rather than a malformed body (400).
/// `unitID` and `level` are fixed once the authority exists; an update ignores them.
struct AuthorityBody: Content, Sendable {
    var unitID: Int?
    var level: String?
    var name: String?
    var headTitle: String?
    var councilName: String?
    var standingUnitID: Int?
    var validFrom: String?
    var validTo: String?
    var signingMode: String?
    var chiefTitle: String?
    var signerTitle: String?
    var signerName: String?
    var place: String?
    var decisionFormat: String?
    var minutesFormat: String?
    var executors: String?
    var recipients: String?

    func input(unitID fixedUnit: Int? = nil, level fixedLevel: AuthorityLevel? = nil) -> AuthorityInput {
        AuthorityInput(
            unitID: fixedUnit ?? unitID ?? 0, level: fixedLevel?.rawValue ?? level ?? "", name: name ?? "",
            headTitle: headTitle ?? "", councilName: councilName ?? "", standingUnitID: standingUnitID ?? 0,
            validFrom: validFrom, validTo: validTo, signingMode: signingMode ?? "", chiefTitle: chiefTitle ?? "",
            signerTitle: signerTitle ?? "", signerName: signerName, place: place ?? "",
            decisionFormat: decisionFormat ?? "", minutesFormat: minutesFormat ?? "", executors: executors,
            recipients: recipients)
    }
}

/// A council the actor works with.
struct CouncilDTO: Content, Sendable {
    let id: Int
    let councilName: String
    let authorityName: String
    let headTitle: String
    let level: String
    let standingUnitID: Int
    let standingUnitName: String
    /// The actor is its standing office: keeps the roster, holds the meetings, enters paper ballots.
    let canManage: Bool
}

struct CouncilMemberDTO: Content, Sendable {
    let id: Int
    let authorityID: Int
    let name: String
    let position: String
    let role: String
    let roleLabel: String
    let unitID: Int?
    let unitName: String
    /// The account that votes on line; nil: the member votes on paper.
    let username: String?
    let active: Bool

    init(_ m: CouncilMemberModel, username: String?) {
        id = m.id ?? 0
        authorityID = m.$authority.id ?? 0
        name = m.name
        position = m.position
        role = m.councilRole.rawValue
        roleLabel = m.councilRole.label
        unitID = m.$unit.id
        unitName = m.$unit.value??.name ?? ""
        self.username = username
        active = m.active
    }
}

struct CouncilMemberBody: Content, Sendable {
    var name: String?
    var position: String?
    var unitID: Int?
    var username: String?
    var role: String?
}

struct MemberActiveBody: Content, Sendable { var active: Bool }

struct MeetingBody: Content, Sendable {
    var title: String?
    var date: String?
    var location: String?
    var chair: String?
    var secretary: String?
    var dossierIDs: [Int]?
}

struct AttendanceBody: Content, Sendable {
    var present: [Int]?
    var written: [Int]?
}

struct BallotBody: Content, Sendable {
    /// Only for the standing office entering a paper or written ballot; omitted for one's own seat.
    var memberID: Int?
    /// Nominee id → agree | disagree | recuse.
    var choices: [String: String]?
}

struct MeetingCloseBody: Content, Sendable { var notes: String? }

struct MeetingSummaryDTO: Content, Sendable {
    let id: Int
    let title: String
    let date: String
    let status: String
    let statusLabel: String
}

/// A meeting as its readers see it: seats (who is present, who has voted), nominees and, once closed, the tallies.
/// No member's choice appears anywhere: the database holds none.
struct MeetingDTO: Content, Sendable {
    struct Seat: Content, Sendable {
        let memberID: Int
        let name: String
        let position: String
        let role: String
        let present: Bool
        let written: Bool
        /// Has an account and votes on line.
        let online: Bool
        /// The standing office enters this seat's ballot (paper or written).
        let enteredBySecretary: Bool
        /// Nominees this seat has voted (or recused) on.
        let votedNomineeIDs: [Int]
    }
    struct Threshold: Content, Sendable {
        let percent: Int
        let strict: Bool
        let article: String
        let verified: Bool
    }
    struct Nominee: Content, Sendable {
        let id: Int
        let dossierID: Int
        let subjectName: String
        let unitName: String
        let formCode: String
        let formName: String
        let threshold: Threshold
        /// Seats that may recuse (they belong to the nominating unit).
        let conflictedMemberIDs: [Int]
        /// Ballots cast on this nominee so far.
        let cast: Int
        /// The result, once the meeting is closed.
        let vote: NomineeDTO.Vote?
    }
    let id: Int
    let authorityID: Int
    let councilName: String
    let title: String
    let date: String
    let location: String
    let chair: String
    let secretary: String
    let status: String
    let statusLabel: String
    let ruleSetID: String
    let notes: String
    let totalMembers: Int
    let present: Int
    let quorumNeeded: Int
    let quorumMet: Bool
    let dossierIDs: [Int]
    let seats: [Seat]
    let nominees: [Nominee]
    /// The actor's own seat in this meeting, if any.
    let ownMemberID: Int?
    let canManage: Bool

    init(_ v: MeetingView, canManage: Bool) {
        let m = v.meeting
        id = m.id ?? 0
        authorityID = v.authority.id ?? 0
        councilName = v.authority.councilName
        title = m.title
        date = m.meetingDate
        location = m.location
        chair = m.chair
        secretary = m.secretary
        status = m.status.rawValue
        statusLabel = m.status.label
        ruleSetID = m.ruleSetID
        notes = m.notes
        totalMembers = v.total
        present = v.present
        quorumNeeded = v.quorumNeeded
        quorumMet = v.quorumMet
        dossierIDs = v.dossiers.compactMap(\.id)
        seats = v.attendance.map { a in
            Seat(
                memberID: a.$member.id, name: a.member.name, position: a.member.position,
                role: a.member.councilRole.rawValue, present: a.present, written: a.written,
                online: a.member.userID != nil, enteredBySecretary: CouncilService.enteredBySecretary(a),
                votedNomineeIDs: (v.votedBy[a.$member.id] ?? []).sorted())
        }
        let closed = m.status == .closed
        nominees = v.nominees.map { n in
            let x = n.nominee
            // The result as the dossier shows it, once the meeting is closed; never a running count.
            let vote = closed ? NomineeDTO(x).vote : nil
            return Nominee(
                id: x.id ?? 0, dossierID: n.dossier.id ?? 0, subjectName: x.subject.name,
                unitName: n.dossier.unit.name, formCode: x.formCode, formName: x.formName,
                threshold: .init(
                    percent: n.threshold.percent, strict: n.threshold.strict, article: n.threshold.article,
                    verified: n.threshold.verified),
                conflictedMemberIDs: n.conflicted.sorted(), cast: n.cast, vote: vote)
        }
        ownMemberID = v.ownMember?.id
        self.canManage = canManage
    }
}

struct CouncilAPIController {
    func register(_ r: any RoutesBuilder) {
        r.get("authorities", use: authorities)
        r.post("authorities", use: createAuthority)
        r.get("authorities", ":id", use: authority)
        r.put("authorities", ":id", use: updateAuthority)
        r.get("councils", use: councils)
        r.get("councils", ":id", "members", use: members)
        r.post("councils", ":id", "members", use: addMember)
        r.post("council-members", ":mid", "active", use: setActive)
        r.get("councils", ":id", "meetings", use: meetings)
        r.post("councils", ":id", "meetings", use: createMeeting)
        r.get("meetings", ":id", use: meeting)
        r.put("meetings", ":id", "attendance", use: attendance)
        r.post("meetings", ":id", "open", use: open)
        r.post("meetings", ":id", "ballots", use: ballot)
        r.post("meetings", ":id", "close", use: close)
        r.get("meetings", ":id", "minutes", use: minutes)
        r.post("dossiers", ":id", "forward", use: forward)
    }

    func id(_ req: Request, _ name: String = "id") throws -> Int { try req.parameters.require(name, as: Int.self) }

    // MARK: Authorities

    func dto(_ a: AuthorityModel, req: Request) -> AuthorityDTO {
        AuthorityDTO(
            a, inForce: RuleLibrary.ruleSet(forDay: Today.iso, jurisdiction: req.jurisdiction, in: req.ruleSets))
    }

    @Sendable func authorities(req: Request) async throws -> [AuthorityDTO] {
        try Access.check(req.actor, .list, .authority(nil))
        return try await AuthorityService.all(on: req.database).map { dto($0, req: req) }
    }

    @Sendable func authority(req: Request) async throws -> AuthorityDTO {
        let a = try await AuthorityService.find(try id(req), on: req.database)
        try Access.check(
            req.actor, .read, .authority(try await AuthorityService.scope(a, actor: req.actor, on: req.database)))
        return dto(a, req: req)
    }

    @Sendable func createAuthority(req: Request) async throws -> Response {
        // Who may create is checked before the body is read.
        try Access.check(req.actor, .create, .authority(nil))
        let body = try req.content.decode(AuthorityBody.self)
        let a = try await AuthorityService.create(body.input(), actor: req.actor, on: req.database)
        return try await dto(a, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func updateAuthority(req: Request) async throws -> AuthorityDTO {
        let aid = try id(req)
        let a = try await AuthorityService.find(aid, on: req.database)
        let body = try req.content.decode(AuthorityBody.self)
        let saved = try await AuthorityService.update(
            aid, body.input(unitID: a.$unit.id, level: a.level), actor: req.actor, on: req.database)
        return dto(saved, req: req)
    }

    // MARK: Councils and their rosters

    @Sendable func councils(req: Request) async throws -> [CouncilDTO] {
        try Access.check(req.actor, .list, .council(nil))
        let running = Set(try await AuthorityService.running(by: req.actor, on: req.database))
        return try await AuthorityService.councils(of: req.actor, on: req.database).map { a in
            CouncilDTO(
                id: a.id ?? 0, councilName: a.councilName, authorityName: a.name, headTitle: a.headTitle,
                level: a.level.rawValue, standingUnitID: a.$standingUnit.id, standingUnitName: a.standingUnit.name,
                canManage: running.contains(a.id ?? 0))
        }
    }

    /// Members with their account names (a seat without one votes on paper).
    func memberDTOs(_ members: [CouncilMemberModel], on db: any Database) async throws -> [CouncilMemberDTO] {
        let users = try await UserModel.query(on: db).filter(\.$id ~~ members.compactMap(\.userID)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.username) } })
        return members.map { CouncilMemberDTO($0, username: $0.userID.flatMap { names[$0] }) }
    }

    @Sendable func members(req: Request) async throws -> [CouncilMemberDTO] {
        let list = try await CouncilService.roster(authorityID: try id(req), actor: req.actor, on: req.database)
        return try await memberDTOs(list, on: req.database)
    }

    func member(_ id: Int, on db: any Database) async throws -> CouncilMemberDTO {
        guard let m = try await CouncilMemberModel.query(on: db).filter(\.$id == id).with(\.$unit).first() else {
            throw AppError.notFound("Không tìm thấy thành viên.")
        }
        return try await memberDTOs([m], on: db)[0]
    }

    @Sendable func addMember(req: Request) async throws -> Response {
        let b = try req.content.decode(CouncilMemberBody.self)
        let m = try await CouncilService.addMember(
            CouncilMemberInput(
                authorityID: try id(req), name: b.name ?? "", position: b.position ?? "", unitID: b.unitID,
                username: b.username, role: b.role),
            actor: req.actor, on: req.database)
        return try await member(try m.requireID(), on: req.database).encodeResponse(status: .created, for: req)
    }

    @Sendable func setActive(req: Request) async throws -> CouncilMemberDTO {
        let mid = try id(req, "mid")
        let b = try req.content.decode(MemberActiveBody.self)
        try await CouncilService.setActive(mid, active: b.active, actor: req.actor, on: req.database)
        return try await member(mid, on: req.database)
    }

    // MARK: Meetings

    @Sendable func meetings(req: Request) async throws -> [MeetingSummaryDTO] {
        try await CouncilService.meetings(authorityID: try id(req), actor: req.actor, on: req.database).map {
            MeetingSummaryDTO(
                id: $0.id ?? 0, title: $0.title, date: $0.meetingDate, status: $0.status.rawValue,
                statusLabel: $0.status.label)
        }
    }

    func meetingDTO(_ id: Int, req: Request) async throws -> MeetingDTO {
        let v = try await CouncilService.view(id, actor: req.actor, sets: req.ruleSets, on: req.database)
        return MeetingDTO(v, canManage: req.can(.update, .council(v.scope)))
    }

    @Sendable func createMeeting(req: Request) async throws -> Response {
        let b = try req.content.decode(MeetingBody.self)
        let input = MeetingInput(
            authorityID: try id(req), title: b.title ?? "", date: b.date ?? "", location: b.location ?? "",
            chair: b.chair ?? "", secretary: b.secretary ?? "", dossierIDs: b.dossierIDs ?? [])
        let m = try await CouncilService.createMeeting(
            input, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database)
        return try await meetingDTO(try m.requireID(), req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func meeting(req: Request) async throws -> MeetingDTO { try await meetingDTO(try id(req), req: req) }

    @Sendable func attendance(req: Request) async throws -> MeetingDTO {
        let mid = try id(req)
        let b = try req.content.decode(AttendanceBody.self)
        let v = try await CouncilService.setAttendance(
            mid, AttendanceInput(present: b.present ?? [], written: b.written), actor: req.actor, sets: req.ruleSets,
            on: req.database)
        return MeetingDTO(v, canManage: req.can(.update, .council(v.scope)))
    }

    @Sendable func open(req: Request) async throws -> MeetingDTO {
        let mid = try id(req)
        try await CouncilService.openVoting(mid, actor: req.actor, sets: req.ruleSets, on: req.database)
        return try await meetingDTO(mid, req: req)
    }

    /// One's own ballot, or (`memberID`) a paper or written ballot entered by the standing office.
    @Sendable func ballot(req: Request) async throws -> MeetingDTO {
        let mid = try id(req)
        let b = try req.content.decode(BallotBody.self)
        try await CouncilService.cast(
            mid, BallotInput(memberID: b.memberID, choices: b.choices ?? [:]), actor: req.actor, sets: req.ruleSets,
            on: req.database)
        return try await meetingDTO(mid, req: req)
    }

    @Sendable func close(req: Request) async throws -> MeetingDTO {
        let mid = try id(req)
        let b = try req.content.decode(MeetingCloseBody.self)
        try await CouncilService.close(
            mid, notes: b.notes ?? "", actor: req.actor, sets: req.ruleSets, on: req.database)
        return try await meetingDTO(mid, req: req)
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let mid = try id(req)
        let data = try await CouncilService.minutes(mid, actor: req.actor, sets: req.ruleSets, on: req.database)
        return FileStore.attachment(
            data, name: "bien-ban-hop-hoi-dong-\(mid).docx", contentType: EvidenceService.Kind.docx.contentType)
    }

    // MARK: Forwarding

    /// Sends the nominees a higher authority confers to the next council up; answers the new dossier there.
    @Sendable func forward(req: Request) async throws -> Response {
        let up = try await DossierService.forward(try id(req), actor: req.actor, sets: req.ruleSets, on: req.database)
        return try await CommendationAPIController().detail(try up.requireID(), req: req)
            .encodeResponse(status: .created, for: req)
    }
}
