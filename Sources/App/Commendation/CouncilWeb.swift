import Domain
import Fluent
import Vapor

struct CouncilPage: Encodable, Sendable {
    struct Member: Encodable, Sendable {
        let id: Int
        let name: String
        let position: String
        let roleLabel: String
        let unitName: String
        let username: String
        let active: Bool
    }
    struct Meeting: Encodable, Sendable {
        let href: String
        let title: String
        let date: String
        let statusLabel: String
    }
    struct Ready: Encodable, Sendable {
        let id: Int
        let title: String
        let unitName: String
        let nominees: Int
        let checked: Bool
    }
    struct Council: Encodable, Sendable {
        let name: String
        let href: String
        let active: Bool
    }
    let layout: LayoutContext
    /// The council shown; the others the actor works with, to switch to.
    let authorityID: Int
    let authorityHref: String
    let councilName: String
    let headTitle: String
    let councils: [Council]
    let members: [Member]
    let meetings: [Meeting]
    let ready: [Ready]
    let canManage: Bool
    /// A new member's unit (nil when the reader does not manage the council).
    let unitField: UnitField?
    let form: [String: String]
    let memberForm: [String: String]
    let errors: [String: String]
}

struct MeetingPage: Encodable, Sendable {
    struct Seat: Encodable, Sendable {
        let id: Int
        let name: String
        let position: String
        let present: Bool
        let written: Bool
        let voted: Bool
        let online: Bool
    }
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
    }
    struct Nominee: Encodable, Sendable {
        let id: Int
        let name: String
        let unitName: String
        let formName: String
        let threshold: String
        let cast: Int
        let tally: String?
        let passed: Bool?
        let conflicted: Bool
        let choices: [Choice]
        let ownDone: Bool
        let dossierHref: String
    }
    let layout: LayoutContext
    let id: Int
    let title: String
    let date: String
    let location: String
    let chair: String
    let secretary: String
    let status: String
    let statusLabel: String
    let quorum: String
    let quorumMet: Bool
    let thresholdNote: String
    let seats: [Seat]
    let nominees: [Nominee]
    let canManage: Bool
    let preparing: Bool
    let voting: Bool
    let closed: Bool
    /// The signed-in member may vote now.
    let canVote: Bool
    let ownName: String
    let proxySeats: [SelectOption]
    let notes: String
    let minutesHref: String?
    let errors: [String: String]
    /// The council that meets, and its page.
    var councilName: String = ""
    var councilHref: String = ""
}

struct MemberForm: Content {
    var authorityID: Int
    var name: String
    var role: String?
    var position: String
    var unitID: String?
    /// The unit as typed, where the actor's units are too many for a select (`UnitField`).
    var unit: String? = nil
    var username: String?
}
struct MeetingForm: Content {
    var authorityID: Int
    var title: String
    var date: String
    var location: String
    var chair: String
    var secretary: String
    var dossierIDs: [String]?
}
struct CloseForm: Content { var notes: String? }

struct CouncilWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(CouncilPath.council, use: council)
        r.post(CouncilPath.members, use: addMember)
        r.post(CouncilPath.memberActive(.key), use: toggleMember)
        r.post(CouncilPath.meetings, use: createMeeting)
        r.get(CouncilPath.meeting(.key), use: meeting)
        r.post(CouncilPath.attendance(.key), use: attendance)
        r.post(CouncilPath.open(.key), use: open)
        r.post(CouncilPath.ballots(.key), use: ballot)
        r.post(CouncilPath.close(.key), use: close)
        r.get(CouncilPath.minutes(.key), use: minutes)
    }

    /// The council a request is about: `authority` asked for, else the first the actor works with (404 if none).
    static func chosenCouncil(req: Request, asked: Int?) async throws -> (AuthorityModel, [AuthorityModel]) {
        let councils = try await AuthorityService.councils(of: req.actor, on: req.database)
        if let asked {
            let a = try await AuthorityService.find(asked, on: req.database)
            try Access.check(
                req.actor, .read, .council(try await AuthorityService.scope(a, actor: req.actor, on: req.database)))
            return (a, councils)
        }
        // The actor's own unit's council first, then the nearest above it.
        let own = req.actor?.unitPath
        let sorted = councils.sorted { a, b in
            let da = own.map { a.unit.unitPath.contains($0) ? -a.unit.unitPath.depth : 100 } ?? 0
            let db = own.map { b.unit.unitPath.contains($0) ? -b.unit.unitPath.depth : 100 } ?? 0
            return (da, a.id ?? 0) < (db, b.id ?? 0)
        }
        guard let first = sorted.first else {
            throw AppError.notFound("Bạn chưa làm việc với Hội đồng Thi đua - Khen thưởng nào.")
        }
        return (first, councils)
    }

    static func councilPage(
        req: Request, authorityID: Int?, form: [String: String] = [:], memberForm: [String: String] = [:],
        errors: [String: String] = [:]
    ) async throws -> CouncilPage {
        let (authority, councils) = try await chosenCouncil(req: req, asked: authorityID)
        let aid = try authority.requireID()
        let meetings = try await CouncilService.meetings(authorityID: aid, actor: req.actor, on: req.database)
        let members = try await CouncilService.members(authorityID: aid, activeOnly: false, on: req.database)
        let users = try await UserModel.query(on: req.database).filter(\.$id ~~ members.compactMap(\.userID)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.username) } })
        let ready = try await DossierModel.query(on: req.database).filter(\.$authority.$id == aid).filter(
            \.$status == DossierStatus.appraised
        ).filter(\.$meetingID == nil)
            .with(\.$unit).with(\.$nominees).sort(\.$id).all()
        let checked = Set((form["dossierIDs"] ?? "").split(separator: ",").map(String.init))
        let today = Today.iso
        let manage = req.can(
            .update, .council(try await AuthorityService.scope(authority, actor: req.actor, on: req.database)))
        return CouncilPage(
            layout: req.layout(authority.councilName, active: CouncilPath.council.href),
            authorityID: aid, authorityHref: AuthoritiesPath.authority(.id(aid)).href,
            councilName: authority.councilName, headTitle: authority.headTitle,
            councils: councils.map {
                .init(name: $0.councilName, href: CouncilPath.council.href(authority: $0.id ?? 0), active: $0.id == aid)
            },
            members: members.map {
                .init(
                    id: $0.id ?? 0, name: $0.name, position: $0.position, roleLabel: $0.councilRole.label,
                    unitName: $0.unit?.shortName ?? "",
                    username: $0.userID.flatMap { names[$0] } ?? "", active: $0.active)
            },
            meetings: meetings.map {
                .init(
                    href: CouncilPath.meeting(.id($0.id ?? 0)).href, title: $0.title,
                    date: $0.meetingDate.isoToVietnamese, statusLabel: $0.status.label)
            },
            ready: ready.map {
                .init(
                    id: $0.id ?? 0, title: $0.title, unitName: $0.unit.shortName,
                    nominees: $0.nominees.filter { $0.appraisal == .passed }.count,
                    checked: checked.isEmpty || checked.contains(String($0.id ?? 0)))
            },
            canManage: manage,
            unitField: manage
                ? try await UnitField.make(
                    Self.memberUnitSpec(req.actor), selectedID: memberForm["unitID"], text: memberForm["unit"],
                    error: errors["memberUnitID"], on: req.database) : nil,
            form: form.isEmpty
                ? ["date": today.isoToVietnamese, "title": "Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng"] : form,
            memberForm: memberForm, errors: errors)
    }

    @Sendable func council(req: Request) async throws -> Response {
        try await req.render(
            "commendation/council", try await Self.councilPage(req: req, authorityID: try req.intQuery("authority")))
    }

    /// A member's unit, where they work: any unit the actor sees, none at all allowed.
    static func memberUnitSpec(_ actor: Actor?) -> UnitField.Spec {
        UnitField.Spec(
            label: "Đơn vị công tác", emptyLabel: "— Không ghi —", scope: Policy.unitScope(actor), activeOnly: false)
    }

    @Sendable func addMember(req: Request) async throws -> Response {
        let f = try req.form(MemberForm.self)
        return try await req.submit { () async throws -> CouncilMemberModel in
            let unitID = try await UnitField.resolve(
                Self.memberUnitSpec(req.actor), selectedID: f.unitID, text: f.unit, on: req.database)
            let input = CouncilMemberInput(
                authorityID: f.authorityID, name: f.name, position: f.position, unitID: unitID.flatMap { Int($0) },
                username: f.username, role: f.role)
            return try await CouncilService.addMember(input, actor: req.actor, on: req.database)
        } redirect: { m in
            (CouncilPath.council.href(authority: f.authorityID), "Đã thêm thành viên \(m.name).")
        } orRender: { e in
            let typed = [
                "name": f.name, "position": f.position, "unitID": f.unitID ?? "", "unit": f.unit ?? "",
                "username": f.username ?? "",
                "role": f.role ?? "",
            ]
            return try await req.render(
                "commendation/council",
                try await Self.councilPage(
                    req: req, authorityID: f.authorityID, memberForm: typed,
                    errors: e.formErrorsSpelledOut.mapKeys { $0 == "form" ? "form" : "member" + $0.capitalizedFirst }),
                status: e.status)
        }
    }

    @Sendable func toggleMember(req: Request) async throws -> Response {
        let id = try req.parameters.require("mid", as: Int.self)
        guard let m = try await CouncilMemberModel.find(id, on: req.database) else {
            throw AppError.notFound("Không tìm thấy thành viên.")
        }
        try await CouncilService.setActive(id, active: !m.active, actor: req.actor, on: req.database)
        return Flash.redirect(
            req, to: CouncilPath.council.href(authority: m.$authority.id ?? 0),
            (m.active ? "Đã thôi" : "Đã khôi phục") + " thành viên \(m.name).")
    }

    @Sendable func createMeeting(req: Request) async throws -> Response {
        let f = try req.form(MeetingForm.self)
        let ids = (f.dossierIDs ?? []).compactMap { Int($0) }
        let input = MeetingInput(
            authorityID: f.authorityID, title: f.title, date: f.date, location: f.location, chair: f.chair,
            secretary: f.secretary, dossierIDs: ids)
        return try await req.submit {
            try await CouncilService.createMeeting(
                input, actor: req.actor, sets: req.ruleSets, jurisdiction: req.jurisdiction, on: req.database)
        } redirect: { m in
            (CouncilPath.meeting(.id(m.id ?? 0)).href, "Đã lập cuộc họp. Điểm danh rồi mở bỏ phiếu.")
        } orRender: { e in
            let typed = [
                "title": f.title, "date": f.date, "location": f.location, "chair": f.chair, "secretary": f.secretary,
                "dossierIDs": ids.map(String.init).joined(separator: ","),
            ]
            return try await req.render(
                "commendation/council",
                try await Self.councilPage(
                    req: req, authorityID: f.authorityID, form: typed, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    static func meetingPage(req: Request, id: Int, errors: [String: String] = [:]) async throws -> MeetingPage {
        let v = try await CouncilService.view(id, actor: req.actor, sets: req.ruleSets, on: req.database)
        let status = v.meeting.status
        let own = v.ownMember?.id
        let ownSeat = v.attendance.first { $0.$member.id == own }
        let ownVoted = own.flatMap { v.votedBy[$0] } ?? []
        let canVote =
            status == .voting && ownSeat?.present == true
            && v.nominees.contains { !ownVoted.contains($0.nominee.id ?? -1) }
        let manage = req.can(.update, .council(v.scope))
        let council = v.ruleSet.procedure?.council
        return MeetingPage(
            layout: req.layout(v.meeting.title, active: CouncilPath.council.href), id: id, title: v.meeting.title,
            date: v.meeting.meetingDate.isoToVietnamese, location: v.meeting.location,
            chair: v.meeting.chair, secretary: v.meeting.secretary, status: status.rawValue, statusLabel: status.label,
            quorum:
                "\(v.present)/\(v.total) thành viên có mặt (cần ít nhất \(v.quorumNeeded); \(council?.quorumArticle ?? "")\(council?.quorumVerified == false ? ", cần xác minh" : ""))",
            quorumMet: v.quorumMet,
            thresholdNote:
                "Tỷ lệ đồng ý tính trên tổng số \(v.total) thành viên Hội đồng, kể cả người vắng mặt và người không biểu quyết (\(council?.thresholdArticle ?? "")).",
            seats: v.attendance.map { a in
                .init(
                    id: a.$member.id, name: a.member.name, position: a.member.position, present: a.present,
                    written: a.written,
                    voted: !(v.votedBy[a.$member.id] ?? []).isEmpty, online: a.member.userID != nil)
            },
            nominees: v.nominees.map { n in
                let x = n.nominee
                let conflicted = own.map { n.conflicted.contains($0) } ?? false
                return .init(
                    id: x.id ?? 0, name: x.subject.name, unitName: n.dossier.unit.shortName, formName: x.formName,
                    threshold: (n.threshold.strict ? "trên " : "từ ") + "\(n.threshold.percent)%"
                        + (n.threshold.verified ? "" : " (cần xác minh)"), cast: n.cast,
                    tally: x.voteYes == nil
                        ? nil
                        : CommendationDocuments.voteText(x)
                            + " — \(x.voteNo ?? 0) không đồng ý, \(x.voteRecused ?? 0) không biểu quyết, \(x.voteWritten ?? 0) phiếu gửi",
                    passed: x.votePassed, conflicted: conflicted,
                    choices: BallotChoice.allCases.filter { $0 != .recuse || conflicted }.map {
                        .init(value: $0.rawValue, label: $0.label)
                    },
                    ownDone: ownVoted.contains(x.id ?? -1),
                    dossierHref: DossiersPath.dossier(.id(n.dossier.id ?? 0)).href)
            },
            canManage: manage, preparing: status == .preparing, voting: status == .voting, closed: status == .closed,
            canVote: canVote,
            ownName: v.ownMember?.name ?? "",
            proxySeats: v.attendance.filter {
                CouncilService.enteredBySecretary($0) && $0.$member.id != own
                    && (v.votedBy[$0.$member.id] ?? []).count < v.nominees.count
            }.map {
                SelectOption(
                    value: String($0.$member.id),
                    label: $0.member.name + ($0.present ? " (có mặt, phiếu giấy)" : " (vắng, phiếu gửi bằng văn bản)"),
                    selected: false)
            },
            notes: v.meeting.notes, minutesHref: status == .closed ? CouncilPath.minutes(.id(id)).href : nil,
            errors: errors, councilName: v.authority.councilName,
            councilHref: CouncilPath.council.href(authority: v.authority.id ?? 0))
    }

    @Sendable func meeting(req: Request) async throws -> Response {
        try await req.render(
            "commendation/meeting",
            try await Self.meetingPage(req: req, id: try req.parameters.require("id", as: Int.self)))
    }

    @Sendable func attendance(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        // One select per member: attendance_<memberID> = co-mat | vang-co-phieu | vang.
        let fields = try req.form([String: String].self)
        var present: [Int] = []
        var written: [Int] = []
        for (k, v) in fields where k.hasPrefix("attendance_") {
            guard let id = Int(k.dropFirst("attendance_".count)) else { continue }
            if v == "co-mat" { present.append(id) } else if v == "vang-co-phieu" { written.append(id) }
        }
        let input = AttendanceInput(present: present, written: written)
        return try await req.submit {
            try await CouncilService.setAttendance(id, input, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { v in
            (
                CouncilPath.meeting(.id(id)).href,
                "Đã điểm danh: \(v.present)/\(v.total) có mặt"
                    + (v.quorumMet ? ", đủ điều kiện họp." : ", chưa đủ điều kiện họp.")
            )
        } orRender: { e in
            try await req.render(
                "commendation/meeting", try await Self.meetingPage(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func open(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        return try await req.submit {
            try await CouncilService.openVoting(id, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { _ in
            (CouncilPath.meeting(.id(id)).href, "Đã mở bỏ phiếu kín.")
        } orRender: { e in
            try await req.render(
                "commendation/meeting", try await Self.meetingPage(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func ballot(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let fields = try req.content.decode([String: String].self)
        var choices: [String: String] = [:]
        for (k, v) in fields where k.hasPrefix("choice_") { choices[String(k.dropFirst("choice_".count))] = v }
        let input = BallotInput(memberID: fields["memberID"].flatMap { Int($0) }, choices: choices)
        return try await req.submit {
            try await CouncilService.cast(id, input, actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { _ in
            (
                CouncilPath.meeting(.id(id)).href,
                "Đã ghi nhận phiếu. Phiếu kín: hệ thống chỉ cộng vào tổng số, không lưu ai đồng ý hay không đồng ý."
            )
        } orRender: { e in
            try await req.render(
                "commendation/meeting", try await Self.meetingPage(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let f = try req.form(CloseForm.self)
        return try await req.submit {
            try await CouncilService.close(
                id, notes: f.notes ?? "", actor: req.actor, sets: req.ruleSets, on: req.database)
        } redirect: { _ in
            (CouncilPath.meeting(.id(id)).href, "Đã kết thúc bỏ phiếu và kiểm phiếu. Tải biên bản để ký.")
        } orRender: { e in
            try await req.render(
                "commendation/meeting", try await Self.meetingPage(req: req, id: id, errors: e.formErrorsSpelledOut),
                status: e.status)
        }
    }

    @Sendable func minutes(req: Request) async throws -> Response {
        let id = try req.parameters.require("id", as: Int.self)
        let data = try await CouncilService.minutes(id, actor: req.actor, sets: req.ruleSets, on: req.database)
        return FileStore.attachment(
            data, name: "bien-ban-hop-hoi-dong-\(id).docx", contentType: EvidenceService.Kind.docx.contentType)
    }
}
