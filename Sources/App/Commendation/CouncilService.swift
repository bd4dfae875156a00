import Domain
import Fluent
import SQLKit
import Vapor

/// A member's choice on one nominee.
enum BallotChoice: String, CaseIterable {
    case agree, disagree, recuse
    var label: String {
        switch self {
        case .agree: return "Đồng ý"
        case .disagree: return "Không đồng ý"
        case .recuse: return "Xin không biểu quyết (thuộc đơn vị đề nghị)"
        }
    }
}

struct CouncilMemberInput: Content, Sendable {
    /// The council (authority) the seat belongs to.
    var authorityID: Int
    var name: String
    var position: String
    var unitID: Int?
    var username: String?
    /// `CouncilRole` code; member when omitted.
    var role: String?
}

struct MeetingInput: Content, Sendable {
    /// The council that meets; the dossiers must have been sent to it.
    var authorityID: Int
    var title: String
    /// dd/mm/yyyy or yyyy-mm-dd
    var date: String
    var location: String
    var chair: String
    var secretary: String
    var dossierIDs: [Int]
}

struct AttendanceInput: Content, Sendable {
    /// Member ids present; the others are absent.
    var present: [Int]
    /// Absent members who sent a written vote.
    var written: [Int]?
}

/// One member's ballot paper: a choice per nominee.
struct BallotInput: Content, Sendable {
    /// The member the ballot belongs to. Omitted when a member votes for themself.
    var memberID: Int?
    var choices: [String: String]
}

/// Everything a meeting page needs.
struct MeetingView: Sendable {
    struct Nominee: Sendable {
        let nominee: DossierNomineeModel
        let dossier: DossierModel
        let threshold: (percent: Int, strict: Bool, article: String, verified: Bool)
        /// Members from the nominating unit: may recuse.
        let conflicted: Set<Int>
        let cast: Int
    }
    let meeting: CouncilMeetingModel
    let authority: AuthorityModel
    /// Access facts of the meeting's council for the actor.
    let scope: CouncilScope
    let ruleSet: RuleSet
    let attendance: [CouncilAttendanceModel]
    let nominees: [Nominee]
    let dossiers: [DossierModel]
    /// The actor's own seat, when on the roster.
    let ownMember: CouncilMemberModel?
    /// Member id → nominee ids already voted on.
    let votedBy: [Int: Set<Int>]
    var total: Int { attendance.count }
    var present: Int { attendance.filter(\.present).count }
    var quorumMet: Bool {
        ruleSet.procedure.map { Quorum.met(present: present, total: total, rule: $0.council) } ?? false
    }
    var quorumNeeded: Int { ruleSet.procedure.map { Quorum.needed(total: total, rule: $0.council) } ?? total }
}

enum CouncilService {
    // MARK: Roster

    static func members(authorityID: Int, activeOnly: Bool = true, on db: any Database) async throws
        -> [CouncilMemberModel]
    {
        var q = CouncilMemberModel.query(on: db).filter(\.$authority.$id == authorityID).with(\.$unit)
        if activeOnly { q = q.filter(\.$active == true) }
        return try await q.sort(\.$sort).sort(\.$id).all()
    }

    static func addMember(_ i: CouncilMemberInput, actor: Actor?, on db: any Database) async throws
        -> CouncilMemberModel
    {
        let authority = try await AuthorityService.find(i.authorityID, on: db)
        try Access.check(actor, .create, .council(try await AuthorityService.scope(authority, actor: actor, on: db)))
        var e = FieldErrors()
        Check.required(VietnameseText.clean(i.name), "name", "Họ và tên", max: 120, into: &e)
        let role = (i.role ?? "").isEmpty ? CouncilRole.member : CouncilRole(rawValue: i.role ?? "")
        if role == nil { e.add("role", "Vai trò trong Hội đồng không hợp lệ.") }
        Check.required(VietnameseText.clean(i.position), "position", "Chức danh trong Hội đồng", max: 200, into: &e)
        if let u = i.unitID, try await UnitModel.find(u, on: db) == nil { e.add("unitID", "Đơn vị không tồn tại.") }
        var userID: Int?
        let username = VietnameseText.clean(i.username ?? "")
        if !username.isEmpty {
            if let u = try await UserModel.query(on: db).filter(\.$username == username).first() {
                userID = u.id
            } else {
                e.add("username", "Không có tài khoản “\(username)”.")
            }
        }
        guard e.isEmpty, let role else { throw AppError.invalid(e) }
        let m = CouncilMemberModel()
        m.$authority.id = i.authorityID
        m.councilRole = role
        m.name = VietnameseText.clean(i.name)
        m.position = VietnameseText.clean(i.position)
        m.$unit.id = i.unitID
        m.userID = userID
        m.active = true
        m.sort =
            (try await CouncilMemberModel.query(on: db).filter(\.$authority.$id == i.authorityID).max(\.$sort) ?? 0) + 1
        try await db.transaction { tx in
            try await m.create(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "council-member", entityID: m.id, unitID: i.unitID,
                summary: "Thêm thành viên \(authority.councilName): \(m.name) — \(m.position)",
                before: Optional<String>.none,
                after: m.name)
        }
        return m
    }

    static func setActive(_ id: Int, active: Bool, actor: Actor?, on db: any Database) async throws {
        guard let m = try await CouncilMemberModel.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy thành viên.")
        }
        try Access.check(
            actor, .update,
            .council(try await AuthorityService.scope(authorityID: m.$authority.id, actor: actor, on: db)))
        m.active = active
        try await db.transaction { tx in
            try await m.save(on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "council-member", entityID: id, unitID: nil,
                summary: (active ? "Khôi phục" : "Thôi") + " thành viên Hội đồng \(m.name)", before: !active,
                after: active)
        }
    }

    // MARK: Meetings

    /// One council's meetings, newest first.
    static func meetings(authorityID: Int, actor: Actor?, on db: any Database) async throws -> [CouncilMeetingModel] {
        let a = try await AuthorityService.find(authorityID, on: db)
        try Access.check(actor, .list, .council(try await AuthorityService.scope(a, actor: actor, on: db)))
        return try await CouncilMeetingModel.query(on: db).filter(\.$authority.$id == authorityID).sort(
            \.$meetingDate, .descending
        ).sort(\.$id, .descending).all()
    }

    static func createMeeting(
        _ i: MeetingInput, actor: Actor?, sets: [RuleSet], jurisdiction: String, on db: any Database
    ) async throws -> CouncilMeetingModel {
        let authority = try await AuthorityService.find(i.authorityID, on: db)
        try Access.check(actor, .create, .council(try await AuthorityService.scope(authority, actor: actor, on: db)))
        var e = FieldErrors()
        Check.required(VietnameseText.clean(i.title), "title", "Tên cuộc họp", max: 300, into: &e)
        let day = DayInput.iso(i.date)
        if day == nil { e.add("date", "Ngày họp phải có dạng dd/mm/yyyy.") }
        Check.required(VietnameseText.clean(i.location), "location", "Địa điểm", max: 200, into: &e)
        Check.required(VietnameseText.clean(i.chair), "chair", "Chủ trì", max: 120, into: &e)
        Check.required(VietnameseText.clean(i.secretary), "secretary", "Thư ký", max: 120, into: &e)
        let dossiers = try await DossierModel.query(on: db).filter(\.$id ~~ i.dossierIDs).all()
        if i.dossierIDs.isEmpty {
            e.add("dossierIDs", "Vui lòng chọn ít nhất một hồ sơ đã thẩm định.")
        } else if dossiers.count != Set(i.dossierIDs).count
            || dossiers.contains(where: {
                $0.status != .appraised || $0.meetingID != nil || $0.$authority.id != i.authorityID
            })
        {
            e.add(
                "dossierIDs",
                "Chỉ đưa ra Hội đồng các hồ sơ đã gửi tới \(authority.councilName), đã thẩm định đạt và chưa thuộc cuộc họp khác."
            )
        }
        let roster = try await members(authorityID: i.authorityID, on: db)
        if roster.isEmpty {
            e.add("title", "Hội đồng chưa có thành viên; vui lòng cập nhật danh sách thành viên trước.")
        }
        var set: RuleSet?
        if let day {
            set = RuleLibrary.ruleSet(forDay: day, jurisdiction: jurisdiction, in: sets)
            if set == nil { e.add("date", "Chưa có bộ quy tắc áp dụng cho ngày \(day.isoToVietnamese).") }
        }
        guard e.isEmpty, let day, let set else { throw AppError.invalid(e) }
        let m = CouncilMeetingModel(meetingDate: day, ruleSetID: set.id)
        m.$authority.id = i.authorityID
        m.title = VietnameseText.clean(i.title)
        m.location = VietnameseText.clean(i.location)
        m.chair = VietnameseText.clean(i.chair)
        m.secretary = VietnameseText.clean(i.secretary)
        try await db.transaction { tx in
            try await m.create(on: tx)
            for member in roster {
                let a = CouncilAttendanceModel()
                a.$meeting.id = try m.requireID()
                a.$member.id = try member.requireID()
                a.present = false
                a.written = false
                try await a.create(on: tx)
            }
            for d in dossiers {
                d.meetingID = m.id
                try await d.save(on: tx)
                try await DossierService.event(
                    d, action: .scheduled, from: d.status, to: d.status,
                    note: "Đưa ra cuộc họp Hội đồng “\(m.title)” ngày \(day.isoToVietnamese).", actor: actor, on: tx)
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "council-meeting", entityID: m.id, unitID: nil,
                summary: "Lập cuộc họp Hội đồng “\(m.title)” (\(dossiers.count) hồ sơ)", before: Optional<String>.none,
                after: i.dossierIDs)
            try await Notices.meetingCalled(m, roster: roster, on: tx)
        }
        return m
    }

    static func view(_ id: Int, actor: Actor?, sets: [RuleSet], on db: any Database) async throws -> MeetingView {
        guard let m = try await CouncilMeetingModel.find(id, on: db), let authorityID = m.$authority.id else {
            throw AppError.notFound("Không tìm thấy cuộc họp.")
        }
        let authority = try await AuthorityService.find(authorityID, on: db)
        let scope = try await AuthorityService.scope(authority, actor: actor, on: db)
        var own: CouncilMemberModel?
        if let actor { own = try await seat(of: actor, authorityID: authorityID, on: db) }
        let attendance = try await CouncilAttendanceModel.query(on: db).filter(\.$meeting.$id == id).with(\.$member) {
            $0.with(\.$unit)
        }.sort(\.$id).all()
        // Council members and the standing office read meetings; another role reads only a meeting where it holds a seat.
        let isAttendee = own.map { o in attendance.contains { $0.$member.id == o.id } } ?? false
        guard Policy.decide(actor, .read, .councilMeeting(scope, isAttendee: isAttendee)).isAllowed else {
            throw AppError.notFound("Không tìm thấy cuộc họp.")
        }
        guard let set = sets.first(where: { $0.id == m.ruleSetID }) else {
            throw AppError.conflict("Không tìm thấy bộ quy tắc \(m.ruleSetID).")
        }
        let dossiers = try await DossierModel.query(on: db).filter(\.$meetingID == id).with(\.$unit).with(\.$nominees) {
            $0.with(\.$subject)
        }.sort(\.$id).all()
        let cast = try await CouncilVoteCastModel.query(on: db).filter(\.$meetingID == id).all()
        var votedBy: [Int: Set<Int>] = [:]
        for c in cast { votedBy[c.memberID, default: []].insert(c.nomineeID) }
        let castCount = Dictionary(grouping: cast, by: \.nomineeID).mapValues(\.count)
        var nominees: [MeetingView.Nominee] = []
        for d in dossiers {
            let path = d.unit.unitPath
            let conflicted = Set(
                attendance.compactMap { a -> Int? in
                    guard let u = a.member.unit, path.contains(u.unitPath) else { return nil }
                    return a.member.id
                })
            // The procedure in force on the meeting day; a form it no longer lists keeps its dossier's period's threshold.
            let dossierRules = sets.first { $0.id == d.ruleSetID }
            for n in d.nominees where n.appraisal == .passed {
                let rules = set.form(n.formCode) == nil ? (dossierRules ?? set) : set
                nominees.append(
                    .init(
                        nominee: n, dossier: d, threshold: rules.voteThreshold(for: n.formCode), conflicted: conflicted,
                        cast: castCount[n.id ?? -1] ?? 0))
            }
        }
        return MeetingView(
            meeting: m, authority: authority, scope: scope, ruleSet: set, attendance: attendance, nominees: nominees,
            dossiers: dossiers, ownMember: own,
            votedBy: votedBy)
    }

    static func setAttendance(_ id: Int, _ i: AttendanceInput, actor: Actor?, sets: [RuleSet], on db: any Database)
        async throws -> MeetingView
    {
        let v = try await view(id, actor: actor, sets: sets, on: db)
        try Access.check(actor, .update, .council(v.scope))
        guard v.meeting.status == .preparing else { throw AppError.conflict("Chỉ điểm danh trước khi mở bỏ phiếu.") }
        let present = Set(i.present)
        let written = Set(i.written ?? [])
        if !present.isDisjoint(with: written) {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("written", "Thành viên có mặt bỏ phiếu tại cuộc họp, không gửi phiếu bằng văn bản.")
                    return e
                }())
        }
        try await db.transaction { tx in
            for a in v.attendance {
                a.present = present.contains(a.$member.id)
                a.written = written.contains(a.$member.id)
                try await a.save(on: tx)
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "council-meeting", entityID: id, unitID: nil,
                summary:
                    "Điểm danh cuộc họp “\(v.meeting.title)”: \(present.count)/\(v.attendance.count) có mặt, \(written.count) gửi phiếu",
                before: Optional<String>.none, after: i)
        }
        return try await view(id, actor: actor, sets: sets, on: db)
    }

    static func openVoting(_ id: Int, actor: Actor?, sets: [RuleSet], on db: any Database) async throws {
        let v = try await view(id, actor: actor, sets: sets, on: db)
        try Access.check(actor, .update, .council(v.scope))
        guard v.meeting.status == .preparing else { throw AppError.conflict("Cuộc họp không ở bước chuẩn bị.") }
        guard v.quorumMet else {
            throw AppError.conflict(
                "Chưa đủ số thành viên dự họp: \(v.present)/\(v.total) có mặt, cần ít nhất \(v.quorumNeeded) (\(v.ruleSet.procedure?.council.quorumArticle ?? ""))."
            )
        }
        guard !v.nominees.isEmpty else { throw AppError.conflict("Cuộc họp không có trường hợp nào để biểu quyết.") }
        try v.meeting.move(to: .voting)
        v.meeting.totalMembers = v.total
        v.meeting.presentCount = v.present
        try await db.transaction { tx in
            try await v.meeting.save(on: tx)
            for n in v.nominees {
                let t = CouncilTallyModel()
                t.meetingID = id
                t.nomineeID = try n.nominee.requireID()
                t.yes = 0
                t.no = 0
                try await t.create(on: tx)
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "council-meeting", entityID: id, unitID: nil,
                summary: "Mở bỏ phiếu kín cuộc họp “\(v.meeting.title)” (\(v.present)/\(v.total) thành viên có mặt)",
                before: MeetingStatus.preparing, after: MeetingStatus.voting)
            try await Notices.voteOpened(v, on: tx)
        }
    }

    /// A ballot: by the member on line, or entered by the standing office from a paper or written ballot.
    /// Who voted is kept (so no one votes twice); what they chose only adds to the nominee's running totals.
    static func cast(_ id: Int, _ i: BallotInput, actor: Actor?, sets: [RuleSet], on db: any Database) async throws {
        let v = try await view(id, actor: actor, sets: sets, on: db)
        let member: CouncilAttendanceModel
        if let mid = i.memberID, mid != v.ownMember?.id {
            try Access.check(actor, .update, .council(v.scope))
            guard let a = v.attendance.first(where: { $0.$member.id == mid }) else {
                throw AppError.notFound("Không tìm thấy thành viên trong cuộc họp.")
            }
            guard Self.enteredBySecretary(a) else {
                throw AppError.conflict(
                    a.present
                        ? "\(a.member.name) có tài khoản và đang dự họp: thành viên tự bỏ phiếu trên hệ thống."
                        : "\(a.member.name) vắng mặt và không gửi phiếu bằng văn bản; không nhập phiếu được.")
            }
            member = a
        } else {
            try Access.check(actor, .update, .councilVote(isMember: v.ownMember != nil))
            guard let own = v.ownMember, let a = v.attendance.first(where: { $0.$member.id == own.id }) else {
                throw AppError.forbidden("Bạn không có tên trong danh sách thành viên của cuộc họp này.")
            }
            guard a.present else {
                throw AppError.conflict("Bạn được ghi vắng mặt; phiếu bằng văn bản do Thường trực Hội đồng nhập.")
            }
            member = a
        }
        guard v.meeting.status == .voting else {
            throw AppError.conflict(
                v.meeting.status == .closed ? "Cuộc họp đã kết thúc bỏ phiếu." : "Cuộc họp chưa mở bỏ phiếu.")
        }
        let memberID = member.$member.id
        let already = v.votedBy[memberID] ?? []
        var e = FieldErrors()
        var choices: [(MeetingView.Nominee, BallotChoice)] = []
        for n in v.nominees {
            guard let nid = n.nominee.id, !already.contains(nid) else { continue }
            let key = String(nid)
            guard let raw = i.choices[key], let c = BallotChoice(rawValue: raw) else {
                e.add("choice_\(nid)", "Vui lòng chọn ý kiến cho \(n.nominee.subject.name).")
                continue
            }
            if c == .recuse && !n.conflicted.contains(memberID) {
                e.add(
                    "choice_\(nid)",
                    "Chỉ thành viên thuộc đơn vị đề nghị mới xin không biểu quyết; vui lòng chọn Đồng ý hoặc Không đồng ý."
                )
            }
            choices.append((n, c))
        }
        if choices.isEmpty && e.isEmpty {
            throw AppError.conflict("\(member.member.name) đã bỏ phiếu cho tất cả các trường hợp.")
        }
        guard e.isEmpty else {
            throw AppError.invalid(e, "Phiếu chưa hợp lệ, vui lòng chọn ý kiến cho từng trường hợp.")
        }
        let written = !member.present
        let ballot = choices
        try await db.transaction { tx in
            for (n, c) in ballot {
                let cast = CouncilVoteCastModel()
                cast.meetingID = id
                cast.memberID = memberID
                cast.nomineeID = n.nominee.id ?? 0
                cast.written = written
                cast.recused = c == .recuse
                try await cast.create(on: tx)
            }
            // The choices only add to running totals: no row holds one member's choice.
            for (n, c) in ballot where c != .recuse {
                let column = c == .agree ? "yes" : "no"
                try await tx.sql().raw(
                    "UPDATE council_tallies SET \(ident: column) = \(ident: column) + 1 WHERE meeting_id = \(bind: id) AND nominee_id = \(bind: n.nominee.id ?? 0)"
                ).run()
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "create", entity: "council-ballot", entityID: id, unitID: nil,
                summary: "Phiếu của \(member.member.name)" + (written ? " (gửi bằng văn bản)" : "")
                    + " tại cuộc họp “\(v.meeting.title)”: \(ballot.count) trường hợp",
                before: Optional<String>.none, after: Optional<String>.none)
        }
    }

    /// Whose ballot the secretary enters: an absent member's written vote, or the paper ballot of a member present
    /// without an account. A member with an account votes for themself.
    static func enteredBySecretary(_ a: CouncilAttendanceModel) -> Bool {
        a.present ? a.member.userID == nil : a.written
    }

    /// Closes the vote: the tally per nominee on all members, against the form's threshold; dossiers go to decision.
    static func close(_ id: Int, notes: String, actor: Actor?, sets: [RuleSet], on db: any Database) async throws {
        let v = try await view(id, actor: actor, sets: sets, on: db)
        try Access.check(actor, .update, .council(v.scope))
        guard v.meeting.status == .voting else { throw AppError.conflict("Chỉ kết thúc cuộc họp đang bỏ phiếu.") }
        let clean = VietnameseText.clean(notes)
        if clean.count > 8000 {
            throw AppError.invalid(
                {
                    var e = FieldErrors()
                    e.add("notes", "Ý kiến tại cuộc họp tối đa 8.000 ký tự.")
                    return e
                }())
        }
        let counts = try await CouncilTallyModel.query(on: db).filter(\.$meetingID == id).all()
        let cast = try await CouncilVoteCastModel.query(on: db).filter(\.$meetingID == id).all()
        guard !cast.isEmpty else { throw AppError.conflict("Chưa có phiếu nào; không kết thúc bỏ phiếu được.") }
        var tallies: [(MeetingView.Nominee, NomineeTally)] = []
        for n in v.nominees {
            let nid = n.nominee.id ?? -1
            let count = counts.first { $0.nomineeID == nid }
            let mine = cast.filter { $0.nomineeID == nid }
            switch CouncilTally.tally(
                totalMembers: v.total, yes: count?.yes ?? 0, no: count?.no ?? 0,
                recused: mine.filter(\.recused).count, written: mine.filter { $0.written && !$0.recused }.count,
                threshold: n.threshold.percent, strict: n.threshold.strict)
            {
            case .success(let t): tallies.append((n, t))
            case .failure(let f): throw AppError.conflict(f.message)
            }
        }
        let results = tallies
        try await db.transaction { tx in
            for (n, t) in results {
                let m = n.nominee
                m.voteYes = t.yes
                m.voteNo = t.no
                m.voteRecused = t.recused
                m.voteWritten = t.written
                m.voteTotal = t.totalMembers
                m.voteThreshold = t.threshold
                m.votePassed = t.passed
                try await m.save(on: tx)
            }
            for d in v.dossiers {
                try d.move(to: .reviewed)
                try await d.save(on: tx)
                let lines = results.filter { $0.0.dossier.id == d.id }.map {
                    "\($0.0.nominee.subject.name) (\($0.0.nominee.formName)): \($0.1.summary)"
                }
                try await DossierService.event(
                    d, action: .reviewed, from: .appraised, to: .reviewed,
                    note: "Hội đồng đã xét: " + lines.joined(separator: "; ") + ".", actor: actor, on: tx)
            }
            try v.meeting.move(to: .closed)
            v.meeting.notes = clean
            try await v.meeting.save(on: tx)
            try await DecisionService.registerMinutes(v.meeting, authority: v.authority, actor: actor, on: tx)
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "council-meeting", entityID: id, unitID: nil,
                summary: "Kết thúc bỏ phiếu cuộc họp “\(v.meeting.title)”", before: MeetingStatus.voting,
                after: MeetingStatus.closed)
        }
    }

    /// The actor's active place on one council's roster, if any.
    static func seat(of actor: Actor, authorityID: Int, on db: any Database) async throws -> CouncilMemberModel? {
        try await CouncilMemberModel.query(on: db).filter(\.$authority.$id == authorityID).filter(
            \.$userID == actor.userID
        ).filter(\.$active == true).first()
    }

    /// Meetings open for voting where the actor holds a seat.
    static func openForMember(actor: Actor, on db: any Database) async throws -> [CouncilMeetingModel] {
        let own = try await CouncilMemberModel.query(on: db).filter(\.$userID == actor.userID).filter(\.$active == true)
            .all().compactMap(\.id)
        guard !own.isEmpty else { return [] }
        let seats = try await CouncilAttendanceModel.query(on: db).filter(\.$member.$id ~~ own).filter(
            \.$present == true
        ).all().map { $0.$meeting.id }
        guard !seats.isEmpty else { return [] }
        return try await CouncilMeetingModel.query(on: db).filter(\.$id ~~ seats).filter(\.$status == .voting).all()
    }
}

// MARK: Reads for the API (issue 13, item 3)

extension CouncilService {
    /// One council's roster, former members included, for whoever may list that council's work.
    static func roster(authorityID: Int, actor: Actor?, on db: any Database) async throws -> [CouncilMemberModel] {
        let a = try await AuthorityService.find(authorityID, on: db)
        try Access.check(actor, .list, .council(try await AuthorityService.scope(a, actor: actor, on: db)))
        return try await members(authorityID: authorityID, activeOnly: false, on: db)
    }

    /// The minutes (biên bản) of a closed meeting, as a Word file, for whoever may read the meeting.
    static func minutes(_ id: Int, actor: Actor?, sets: [RuleSet], on db: any Database) async throws -> Data {
        let v = try await view(id, actor: actor, sets: sets, on: db)
        guard v.meeting.status == .closed else { throw AppError.conflict("Biên bản có sau khi kết thúc bỏ phiếu.") }
        return try CommendationDocuments.bienBan(v, minutes: try await DecisionService.minutes(ofMeeting: id, on: db))
    }
}
