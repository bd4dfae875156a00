import Domain
import Fluent
import Vapor

/// The groups an actor works with this year: the office sees every group, a member unit its own groups.
struct GroupWorkListPage: Encodable, Sendable {
    let layout: LayoutContext
    let year: Int
    let groups: [Item]
    struct Item: Encodable, Sendable {
        let name: String
        let kindLabel: String
        /// The board, when the actor may read it (office, council, the year's head).
        let boardHref: String?
        /// The actor's own member page, when its unit is a member.
        let memberHref: String?
        /// The group's dashboard for the year, when the actor may read it (office, council, the year's head).
        var dashboardHref: String? = nil
        /// The board's counts, for those who read the board.
        var counts: GroupCounts? = nil
        /// The actor's unit heads the group this year.
        var isHead: Bool = false
    }
}

/// One group's year: deadline, head, every member's standing, pledges.
struct GroupBoardPage: Encodable, Sendable {
    let layout: LayoutContext
    let groupName: String
    let year: Int
    let deadline: String
    let head: String
    let suggestedHead: String
    let canManage: Bool
    let deadlineAction: String
    let headAction: String
    let headOptions: [SelectOption]
    let scoresHref: String
    let counts: GroupCounts
    let rows: [Row]
    let form: [String: String]
    let errors: [String: String]
    /// The cluster's dashboard for the year (/app/dashboard?scope=group-N&year=Y), when the actor may read it.
    var dashboardHref: String? = nil
    struct Row: Encodable, Sendable {
        let unitID: Int
        let unitName: String
        let standing: String
        let standingCode: String
        let submittedAt: String
        let exemplars: Int
        let planHref: String?
        let reason: String
        let pledge: String
        let pledgeHref: String?
        let memberHref: String
        var returnAction: String?
        let typedReason: String
        let reasonError: String?
        /// "Đã tiếp nhận dd/mm/yyyy" once the office accepted it.
        var accepted: String = ""
        /// The office's accept form, while the submission waits.
        var acceptAction: String? = nil
    }
}

/// A member's own page for a year: its submission (and why it came back), the submit form, the pledge form.
struct GroupMemberPage: Encodable, Sendable {
    let layout: LayoutContext
    let groupName: String
    let unitName: String
    let year: Int
    let deadline: String
    let status: String
    let statusCode: String
    let submittedAt: String
    let returnReason: String
    let planHref: String?
    let canSubmit: Bool
    let submitAction: String
    let pledgeAction: String
    let registrations: [Choice]
    let pledgeSignedOn: String
    let pledgeSigner: String
    let pledgeHref: String?
    let boardHref: String?
    let errors: [String: String]
    struct Choice: Encodable, Sendable {
        let id: Int
        let label: String
        let checked: Bool
    }
}

/// The year's scores per member and criterion, the ranking and the proposal, by the rule file.
struct GroupScoresPage: Encodable, Sendable {
    let layout: LayoutContext
    let groupName: String
    let year: Int
    let ruleName: String
    let legalBasis: String
    let note: String
    let maxTotal: String
    let criteria: [Criterion]
    let proposals: [Criterion]
    let canManage: Bool
    let action: String
    let boardHref: String
    let rows: [Row]
    let ranking: [Rank]
    let errors: [String: String]
    struct Criterion: Encodable, Sendable {
        let code: String
        let label: String
        let maxPoints: String
        let source: String
        let verified: Bool
    }
    struct Cell: Encodable, Sendable {
        let name: String
        let value: String
        let label: String
        let error: String?
    }
    struct Row: Encodable, Sendable {
        let unitName: String
        let cells: [Cell]
    }
    struct Rank: Encodable, Sendable {
        let rank: String
        let unitName: String
        let total: String
        let proposal: String
    }
}

struct GroupDeadlineForm: Content, Sendable { var deadline: String? }
struct GroupHeadForm: Content, Sendable { var headUnitID: String? }
struct GroupReturnForm: Content, Sendable { var reason: String? }
struct GroupSubmitForm: Content, Sendable {
    var file: File?
    var exemplarIDs: [String]?
}
struct GroupPledgeForm: Content, Sendable {
    var signedOn: String?
    var signer: String?
    var file: File?
}

struct GroupWorkWebController {
    func register(_ r: any RoutesBuilder) {
        r.get(GroupWorkPath.mine, use: mine)
        r.get(GroupWorkPath.board(.key, year: .key), use: board)
        r.post(GroupWorkPath.deadline(.key, year: .key), use: deadline)
        r.post(GroupWorkPath.head(.key, year: .key), use: head)
        r.get(GroupWorkPath.member(.key, year: .key, unit: .key), use: member)
        r.post(GroupWorkPath.submit(.key, year: .key, unit: .key), body: .collect(maxSize: "12mb"), use: submit)
        r.post(GroupWorkPath.pledge(.key, year: .key, unit: .key), body: .collect(maxSize: "12mb"), use: pledge)
        r.post(GroupWorkPath.returnSubmission(.key, year: .key, unit: .key), use: returnSubmission)
        r.post(GroupWorkPath.accept(.key, year: .key, unit: .key), use: accept)
        r.get(GroupWorkPath.scores(.key, year: .key), use: scoresPage)
        r.post(GroupWorkPath.scores(.key, year: .key), use: saveScores)
        r.get(GroupWorkPath.file(.key), use: file)
    }

    static func ids(_ req: Request) throws -> (group: Int, year: Int) {
        (try req.parameters.require("id", as: Int.self), try req.parameters.require("year", as: Int.self))
    }
    static func unit(_ req: Request) throws -> Int { try req.parameters.require("unitID", as: Int.self) }

    @Sendable func mine(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let year = try req.intQuery("year") ?? Today.year
        try GroupWorkService.checkYear(year)
        var items: [GroupWorkListPage.Item] = []
        for ctx in try await GroupWorkService.loadAll(year: year, on: req.database) {
            let g = ctx.group
            let id = try g.requireID()
            let boardOK = Policy.decide(actor, .read, ctx.scope()).isAllowed
            let own = actor.unitID.flatMap { ctx.member($0) }?.id
            guard boardOK || own != nil else { continue }
            var item = GroupWorkListPage.Item(
                name: g.name, kindLabel: UnitGroupKind(rawValue: g.kind)?.label ?? g.kind,
                boardHref: boardOK ? GroupWorkPath.board(.id(id), year: .id(year)).href : nil,
                memberHref: own.map { GroupWorkPath.member(.id(id), year: .id(year), unit: .id($0)).href })
            item.isHead = own != nil && own == ctx.headUnitID
            if boardOK {
                item.counts = GroupWorkService.counts(try await GroupWorkService.board(ctx, on: req.database))
                item.dashboardHref = Self.dashboardHref(actor, ctx)
            }
            items.append(item)
        }
        return try await req.render(
            "groups/work",
            GroupWorkListPage(
                layout: req.layout("Cụm, khối thi đua năm \(year)", active: GroupWorkPath.mine.href), year: year,
                groups: items))
    }

    /// The cluster's dashboard for the year, when the Policy lets the actor read it (the office, the council, the
    /// unit heading the group that year).
    static func dashboardHref(_ actor: Actor, _ ctx: GroupYearContext) -> String? {
        let target = StatsTarget.group(memberPaths: ctx.members.map(\.unitPath), heads: [ctx.headUnitID])
        guard Policy.statsDecision(actor, target) == .allow else { return nil }
        return DashboardPath.dashboard.href([("scope", "group-\(ctx.groupID)"), ("year", String(ctx.year))])
    }

    static func boardPage(
        _ req: Request, _ id: Int, _ year: Int, form: [String: String] = [:], errors: [String: String] = [:]
    ) async throws -> GroupBoardPage {
        let actor = try req.requireActor()
        let ctx = try await GroupWorkService.context(id, year: year, actor: actor, .read, on: req.database)
        let rows = try await GroupWorkService.board(ctx, on: req.database)
        let canManage = Policy.decide(actor, .update, ctx.scope()).isAllowed
        let suggested = try await GroupWorkService.suggestedHead(ctx, on: req.database)
        let headID = ctx.headUnitID ?? suggested
        return GroupBoardPage(
            layout: req.layout("\(ctx.group.name) — năm \(year)", active: GroupWorkPath.mine.href),
            groupName: ctx.group.name, year: year,
            deadline: ctx.record?.deadline.map(VietnameseDate.format) ?? "",
            head: ctx.headUnitID.flatMap { ctx.member($0)?.name } ?? "",
            suggestedHead: suggested.flatMap { ctx.member($0)?.name } ?? "", canManage: canManage,
            deadlineAction: GroupWorkPath.deadline(.id(id), year: .id(year)).href,
            headAction: GroupWorkPath.head(.id(id), year: .id(year)).href,
            headOptions: ctx.members.map {
                SelectOption(value: String($0.id ?? 0), label: $0.name, selected: $0.id == headID)
            },
            scoresHref: GroupWorkPath.scores(.id(id), year: .id(year)).href,
            counts: GroupWorkService.counts(rows),
            rows: try rows.map { r in
                let uid = r.unit.id ?? 0
                var row = GroupBoardPage.Row(
                    unitID: uid, unitName: r.unit.name, standing: r.standing.label, standingCode: r.standing.rawValue,
                    submittedAt: r.submission.map { VietnameseDate.formatDateTime($0.submittedAt) } ?? "",
                    exemplars: try r.submission?.exemplars().count ?? 0,
                    planHref: r.submission.map { GroupWorkPath.file(.id($0.planFileID)).href },
                    reason: r.submission?.status == .returned ? r.submission?.returnReason ?? "" : "",
                    pledge: r.pledge.map { "\(VietnameseDate.format($0.signedOn)) — \($0.signer)" } ?? "",
                    pledgeHref: r.pledge?.fileID.map { GroupWorkPath.file(.id($0)).href },
                    memberHref: GroupWorkPath.member(.id(id), year: .id(year), unit: .id(uid)).href,
                    returnAction: canManage && r.submission?.status == .submitted
                        ? GroupWorkPath.returnSubmission(.id(id), year: .id(year), unit: .id(uid)).href : nil,
                    typedReason: form["reason-\(uid)"] ?? "", reasonError: errors["reason-\(uid)"])
                if r.submission?.status == .accepted {
                    row.accepted =
                        "Đã tiếp nhận" + (r.submission?.acceptedAt.map { " " + VietnameseDate.format($0) } ?? "")
                    if canManage {
                        row.returnAction = GroupWorkPath.returnSubmission(.id(id), year: .id(year), unit: .id(uid)).href
                    }
                }
                if canManage && r.submission?.status == .submitted {
                    row.acceptAction = GroupWorkPath.accept(.id(id), year: .id(year), unit: .id(uid)).href
                }
                return row
            }, form: form, errors: errors, dashboardHref: dashboardHref(actor, ctx))
    }

    @Sendable func board(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        return try await req.render("groups/board", try await Self.boardPage(req, id, year))
    }

    @Sendable func deadline(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let input = try req.form(GroupDeadlineForm.self)
        return try await req.submit {
            try await GroupWorkService.setDeadline(
                id, year: year, text: input.deadline ?? "", actor: req.actor, on: req.database)
        } redirect: { _ in
            (GroupWorkPath.board(.id(id), year: .id(year)).href, "Đã lưu hạn nộp.")
        } orRender: { e in
            try await req.render(
                "groups/board",
                try await Self.boardPage(req, id, year, form: ["deadline": input.deadline ?? ""], errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func head(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let input = try req.form(GroupHeadForm.self)
        return try await req.submit {
            try await GroupWorkService.setHead(
                id, year: year, unitID: input.headUnitID.flatMap { Int($0) }, actor: req.actor, on: req.database)
        } redirect: { _ in
            (GroupWorkPath.board(.id(id), year: .id(year)).href, "Đã lưu cụm (khối) trưởng năm \(year).")
        } orRender: { e in
            try await req.render(
                "groups/board", try await Self.boardPage(req, id, year, errors: e.formErrors), status: e.status)
        }
    }

    @Sendable func returnSubmission(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let unitID = try Self.unit(req)
        let input = try req.form(GroupReturnForm.self)
        return try await req.submit {
            try await GroupWorkService.returnSubmission(
                id, year: year, unitID: unitID, reason: input.reason ?? "", actor: req.actor, on: req.database)
        } redirect: { _ in
            (GroupWorkPath.board(.id(id), year: .id(year)).href, "Đã trả lại hồ sơ kèm lý do.")
        } orRender: { e in
            var errors = e.formErrors
            if let m = errors.removeValue(forKey: "reason") { errors["reason-\(unitID)"] = m }
            return try await req.render(
                "groups/board",
                try await Self.boardPage(
                    req, id, year, form: ["reason-\(unitID)": input.reason ?? ""], errors: errors),
                status: e.status)
        }
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let unitID = try Self.unit(req)
        return try await req.submit {
            try await GroupWorkService.accept(id, year: year, unitID: unitID, actor: req.actor, on: req.database)
        } redirect: { _ in
            (GroupWorkPath.board(.id(id), year: .id(year)).href, "Đã tiếp nhận hồ sơ.")
        } orRender: { e in
            try await req.render(
                "groups/board", try await Self.boardPage(req, id, year, errors: e.formErrors), status: e.status)
        }
    }

    static func memberPage(
        _ req: Request, _ id: Int, _ year: Int, _ unitID: Int, checked: Set<Int>? = nil,
        pledge: GroupPledgeForm? = nil, errors: [String: String] = [:]
    ) async throws -> GroupMemberPage {
        let actor = try req.requireActor()
        let ctx = try await GroupWorkService.context(
            id, year: year, actor: actor, .read, unitID: unitID, on: req.database)
        let sub = try await GroupSubmissionModel.query(on: req.database).filter(\.$group.$id == id).filter(
            \.$year == year
        )
        .filter(\.$unit.$id == unitID).first()
        let p = try await GroupPledgeModel.query(on: req.database).filter(\.$group.$id == id).filter(\.$year == year)
            .filter(\.$unit.$id == unitID).first()
        let chosen = try checked ?? Set(sub?.exemplars() ?? [])
        let regs = try await GroupWorkService.registrations(unitID: unitID, year: year, on: req.database)
        let standing = GroupStanding.of(
            status: sub?.status, submittedAt: sub?.submittedAt, deadlineDayStart: ctx.record?.deadline)
        return GroupMemberPage(
            layout: req.layout("Hồ sơ \(ctx.group.name) năm \(year)", active: GroupWorkPath.mine.href),
            groupName: ctx.group.name, unitName: ctx.member(unitID)?.name ?? "", year: year,
            deadline: ctx.record?.deadline.map(VietnameseDate.format) ?? "",
            status: standing.label
                + (sub?.status == .accepted
                    ? " · Đã tiếp nhận" + (sub?.acceptedAt.map { " " + VietnameseDate.format($0) } ?? "") : ""),
            statusCode: standing.rawValue,
            submittedAt: sub.map { VietnameseDate.formatDateTime($0.submittedAt) } ?? "",
            returnReason: sub?.status == .returned ? sub?.returnReason ?? "" : "",
            planHref: sub.map { GroupWorkPath.file(.id($0.planFileID)).href },
            canSubmit: Policy.decide(actor, .create, ctx.scope(unitID: unitID)).isAllowed && sub?.status != .accepted,
            submitAction: GroupWorkPath.submit(.id(id), year: .id(year), unit: .id(unitID)).href,
            pledgeAction: GroupWorkPath.pledge(.id(id), year: .id(year), unit: .id(unitID)).href,
            registrations: regs.map { r in
                let rid = r.id ?? 0
                return .init(id: rid, label: "\(r.subject.name) — \(r.title)", checked: chosen.contains(rid))
            },
            pledgeSignedOn: pledge?.signedOn ?? p.map { VietnameseDate.format($0.signedOn) } ?? "",
            pledgeSigner: pledge?.signer ?? p?.signer ?? "",
            pledgeHref: p?.fileID.map { GroupWorkPath.file(.id($0)).href },
            boardHref: Policy.decide(actor, .read, ctx.scope()).isAllowed
                ? GroupWorkPath.board(.id(id), year: .id(year)).href : nil,
            errors: errors)
    }

    @Sendable func member(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        return try await req.render("groups/member", try await Self.memberPage(req, id, year, try Self.unit(req)))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let unitID = try Self.unit(req)
        let input = (try? req.content.decode(GroupSubmitForm.self)) ?? GroupSubmitForm()
        let chosen = (input.exemplarIDs ?? []).compactMap { Int($0) }
        return try await req.submit {
            try await GroupWorkService.submit(
                id, year: year, unitID: unitID,
                GroupSubmissionInput(
                    filename: input.file?.filename ?? "", bytes: input.file.map { Array(buffer: $0.data) } ?? [],
                    exemplarIDs: chosen), actor: req.actor, app: req.application, on: req.database)
        } redirect: { _ in
            (
                GroupWorkPath.member(.id(id), year: .id(year), unit: .id(unitID)).href,
                "Đã nộp kế hoạch và danh sách điển hình."
            )
        } orRender: { e in
            try await req.render(
                "groups/member",
                try await Self.memberPage(req, id, year, unitID, checked: Set(chosen), errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func pledge(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let unitID = try Self.unit(req)
        let input = (try? req.content.decode(GroupPledgeForm.self)) ?? GroupPledgeForm()
        return try await req.submit {
            try await GroupWorkService.pledge(
                id, year: year, unitID: unitID,
                GroupPledgeInput(
                    signedOn: input.signedOn ?? "", signer: input.signer ?? "", filename: input.file?.filename,
                    bytes: input.file.map { Array(buffer: $0.data) } ?? []), actor: req.actor, app: req.application,
                on: req.database)
        } redirect: { _ in
            (GroupWorkPath.member(.id(id), year: .id(year), unit: .id(unitID)).href, "Đã ghi nhận ký giao ước thi đua.")
        } orRender: { e in
            try await req.render(
                "groups/member",
                try await Self.memberPage(
                    req, id, year, unitID, pledge: GroupPledgeForm(signedOn: input.signedOn, signer: input.signer),
                    errors: e.formErrors.mapKeys { $0 == "file" ? "pledgeFile" : $0 }),
                status: e.status)
        }
    }

    static func scoresPage(
        _ req: Request, _ id: Int, _ year: Int, typed: [String: String]? = nil, errors: [String: String] = [:]
    ) async throws -> GroupScoresPage {
        let actor = try req.requireActor()
        let ctx = try await GroupWorkService.context(id, year: year, actor: actor, .read, on: req.database)
        let rule = try GroupWorkService.rule(year: year, app: req.application)
        let scores = try await GroupWorkService.scores(ctx, on: req.database)
        let ranking = GroupScoring.rank(members: ctx.memberIDs, scores: scores, rule: rule)
        func criterion(_ c: GroupScoringRule.Criterion) -> GroupScoresPage.Criterion {
            .init(
                code: c.code, label: c.label, maxPoints: GroupScoring.format(c.maxPoints), source: c.source,
                verified: c.verified)
        }
        return GroupScoresPage(
            layout: req.layout("Chấm điểm \(ctx.group.name) năm \(year)", active: GroupWorkPath.mine.href),
            groupName: ctx.group.name, year: year, ruleName: rule.name, legalBasis: rule.legalBasis,
            note: rule.note ?? "", maxTotal: GroupScoring.format(rule.maxTotal), criteria: rule.criteria.map(criterion),
            proposals: rule.proposals.map {
                .init(
                    code: $0.code, label: $0.label, maxPoints: String($0.places), source: $0.source,
                    verified: $0.verified)
            },
            canManage: Policy.decide(actor, .update, ctx.scope()).isAllowed,
            action: GroupWorkPath.scores(.id(id), year: .id(year)).href,
            boardHref: GroupWorkPath.board(.id(id), year: .id(year)).href,
            rows: ctx.members.map { u in
                let uid = u.id ?? 0
                return .init(
                    unitName: u.name,
                    cells: rule.criteria.map { c in
                        let name = GroupWorkService.field(unit: uid, criterion: c.code)
                        return .init(
                            name: name,
                            value: typed?[name] ?? scores[uid]?[c.code].map(GroupScoring.format) ?? "",
                            label: "\(u.name): \(c.label)", error: errors[name])
                    })
            },
            ranking: ranking.map { r in
                .init(
                    rank: r.rank.map(String.init) ?? "Chưa đủ điểm", unitName: ctx.member(r.unitID)?.name ?? "",
                    total: GroupScoring.format(r.total),
                    proposal: r.proposal.flatMap { code in rule.proposals.first { $0.code == code }?.label } ?? "")
            }, errors: errors)
    }

    @Sendable func scoresPage(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        return try await req.render("groups/scores", try await Self.scoresPage(req, id, year))
    }

    @Sendable func saveScores(req: Request) async throws -> Response {
        let (id, year) = try Self.ids(req)
        let entries = (try? req.content.decode([String: String].self)) ?? [:]
        let typed = entries.filter { $0.key.hasPrefix("s-") }
        return try await req.submit {
            try await GroupWorkService.saveScores(
                id, year: year, entries: typed, actor: req.actor, app: req.application, on: req.database)
        } redirect: { _ in
            (GroupWorkPath.scores(.id(id), year: .id(year)).href, "Đã lưu điểm và xếp hạng lại.")
        } orRender: { e in
            try await req.render(
                "groups/scores", try await Self.scoresPage(req, id, year, typed: typed, errors: e.formErrors),
                status: e.status)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        try await GroupWorkService.download(try req.parameters.require("id", as: Int.self), actor: req.actor, req: req)
    }
}
