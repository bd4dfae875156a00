import Domain
import Fluent
import Vapor

/// One member of a group's year as the API answers it.
struct GroupMemberDTO: Content, Sendable {
    let unitID: Int
    let unitName: String
    let standing: String
    let standingLabel: String
    let status: String?
    let submittedAt: Date?
    let exemplarIDs: [Int]
    let planFileID: Int?
    let returnReason: String?
    let acceptedAt: Date?
    let pledgeSignedOn: String?
    let pledgeSigner: String?
    let pledgeFileID: Int?

    init(_ r: GroupMemberStanding) throws {
        unitID = r.unit.id ?? 0
        unitName = r.unit.name
        standing = r.standing.rawValue
        standingLabel = r.standing.label
        status = r.submission?.status.rawValue
        submittedAt = r.submission?.submittedAt
        exemplarIDs = try r.submission?.exemplars() ?? []
        planFileID = r.submission?.planFileID
        returnReason = r.submission?.status == .returned ? r.submission?.returnReason : nil
        acceptedAt = r.submission?.status == .accepted ? r.submission?.acceptedAt : nil
        pledgeSignedOn = r.pledge.map { VietnameseDate.format($0.signedOn) }
        pledgeSigner = r.pledge?.signer
        pledgeFileID = r.pledge?.fileID
    }
}

/// A group's year: deadline (dd/mm/yyyy), head, suggested head and every member's standing.
struct GroupYearDTO: Content, Sendable {
    let groupID: Int
    let groupName: String
    let year: Int
    let deadline: String?
    let headUnitID: Int?
    let suggestedHeadUnitID: Int?
    let members: [GroupMemberDTO]
    /// Submitted (waiting), accepted, returned, on time, late, missing.
    let counts: GroupCounts
}

struct GroupRankDTO: Content, Sendable {
    let unitID: Int
    let unitName: String
    let total: Double
    let rank: Int?
    let complete: Bool
    let proposal: String?
    let proposalLabel: String?
}

struct GroupRankingDTO: Content, Sendable {
    let ruleVersion: String
    let legalBasis: String
    let maxTotal: Double
    let ranking: [GroupRankDTO]
}

struct GroupScoreEntry: Content, Sendable {
    var unitID: Int
    var criterion: String
    /// As typed: "8", "8,5"; empty clears the score.
    var points: String
}
struct GroupScoresInput: Content, Sendable { var scores: [GroupScoreEntry] }
struct GroupDeadlineInput: Content, Sendable { var deadline: String }
struct GroupHeadInput: Content, Sendable { var headUnitID: Int? }
struct GroupReturnInput: Content, Sendable { var reason: String }
struct GroupSubmissionUpload: Content, Sendable {
    var file: File?
    /// The registrations listed as exemplars, comma-separated ids.
    var exemplarIDs: String?
}

struct GroupWorkAPIController {
    func register(_ r: any RoutesBuilder) {
        let y = r.grouped("groups", ":id", "years", ":year")
        y.get(use: year)
        y.put("deadline", use: deadline)
        y.put("head", use: head)
        y.get("members", ":unitID", use: member)
        y.on(.POST, "members", ":unitID", "submission", body: .collect(maxSize: "12mb"), use: submit)
        y.post("members", ":unitID", "return", use: returnSubmission)
        y.post("members", ":unitID", "accept", use: accept)
        y.on(.POST, "members", ":unitID", "pledge", body: .collect(maxSize: "12mb"), use: pledge)
        y.put("scores", use: scores)
        y.get("ranking", use: ranking)
        r.get("group-files", ":id", use: file)
    }

    func yearDTO(_ req: Request, _ id: Int, _ year: Int) async throws -> GroupYearDTO {
        let ctx = try await GroupWorkService.context(id, year: year, actor: req.actor, .read, on: req.database)
        let rows = try await GroupWorkService.board(ctx, on: req.database)
        return GroupYearDTO(
            groupID: id, groupName: ctx.group.name, year: year,
            deadline: ctx.record?.deadline.map(VietnameseDate.format), headUnitID: ctx.headUnitID,
            suggestedHeadUnitID: try await GroupWorkService.suggestedHead(ctx, on: req.database),
            members: try rows.map(GroupMemberDTO.init), counts: GroupWorkService.counts(rows))
    }

    @Sendable func year(req: Request) async throws -> GroupYearDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        return try await yearDTO(req, id, year)
    }

    @Sendable func deadline(req: Request) async throws -> GroupYearDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        _ = try await GroupWorkService.context(id, year: year, actor: req.actor, .update, on: req.database)
        let input = try req.content.decode(GroupDeadlineInput.self)
        _ = try await GroupWorkService.setDeadline(
            id, year: year, text: input.deadline, actor: req.actor, on: req.database)
        return try await yearDTO(req, id, year)
    }

    @Sendable func head(req: Request) async throws -> GroupYearDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        _ = try await GroupWorkService.context(id, year: year, actor: req.actor, .update, on: req.database)
        let input = try req.content.decode(GroupHeadInput.self)
        _ = try await GroupWorkService.setHead(
            id, year: year, unitID: input.headUnitID, actor: req.actor, on: req.database)
        return try await yearDTO(req, id, year)
    }

    func memberDTO(_ req: Request, _ id: Int, _ year: Int, _ unitID: Int) async throws -> GroupMemberDTO {
        let ctx = try await GroupWorkService.context(
            id, year: year, actor: req.actor, .read, unitID: unitID, on: req.database)
        let rows = try await GroupWorkService.board(ctx, on: req.database)
        guard let row = rows.first(where: { $0.unit.id == unitID }) else { throw AppError.notFound() }
        return try GroupMemberDTO(row)
    }

    @Sendable func member(req: Request) async throws -> GroupMemberDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        return try await memberDTO(req, id, year, try GroupWorkWebController.unit(req))
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let (id, year) = try GroupWorkWebController.ids(req)
        let unitID = try GroupWorkWebController.unit(req)
        let upload = (try? req.content.decode(GroupSubmissionUpload.self)) ?? GroupSubmissionUpload()
        let ids = (upload.exemplarIDs ?? "").split(separator: ",").map {
            Int($0.trimmingCharacters(in: .whitespaces)) ?? -1
        }
        _ = try await GroupWorkService.submit(
            id, year: year, unitID: unitID,
            GroupSubmissionInput(
                filename: upload.file?.filename ?? "", bytes: upload.file.map { Array(buffer: $0.data) } ?? [],
                exemplarIDs: ids), actor: req.actor, app: req.application, on: req.database)
        return try await memberDTO(req, id, year, unitID).encodeResponse(status: .created, for: req)
    }

    @Sendable func returnSubmission(req: Request) async throws -> GroupMemberDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        let unitID = try GroupWorkWebController.unit(req)
        // The scope is checked before the body is read.
        _ = try await GroupWorkService.context(
            id, year: year, actor: req.actor, .read, unitID: unitID, on: req.database)
        let input = try req.content.decode(GroupReturnInput.self)
        _ = try await GroupWorkService.returnSubmission(
            id, year: year, unitID: unitID, reason: input.reason, actor: req.actor, on: req.database)
        return try await memberDTO(req, id, year, unitID)
    }

    /// The office accepts a member's submission (no body).
    @Sendable func accept(req: Request) async throws -> GroupMemberDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        let unitID = try GroupWorkWebController.unit(req)
        _ = try await GroupWorkService.accept(id, year: year, unitID: unitID, actor: req.actor, on: req.database)
        return try await memberDTO(req, id, year, unitID)
    }

    @Sendable func pledge(req: Request) async throws -> Response {
        let (id, year) = try GroupWorkWebController.ids(req)
        let unitID = try GroupWorkWebController.unit(req)
        let input = (try? req.content.decode(GroupPledgeForm.self)) ?? GroupPledgeForm()
        _ = try await GroupWorkService.pledge(
            id, year: year, unitID: unitID,
            GroupPledgeInput(
                signedOn: input.signedOn ?? "", signer: input.signer ?? "", filename: input.file?.filename,
                bytes: input.file.map { Array(buffer: $0.data) } ?? []), actor: req.actor, app: req.application,
            on: req.database)
        return try await memberDTO(req, id, year, unitID).encodeResponse(status: .created, for: req)
    }

    @Sendable func scores(req: Request) async throws -> GroupRankingDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        _ = try await GroupWorkService.context(id, year: year, actor: req.actor, .update, on: req.database)
        let input = try req.content.decode(GroupScoresInput.self)
        var entries: [String: String] = [:]
        for s in input.scores { entries[GroupWorkService.field(unit: s.unitID, criterion: s.criterion)] = s.points }
        try await GroupWorkService.saveScores(
            id, year: year, entries: entries, actor: req.actor, app: req.application, on: req.database)
        return try await rankingDTO(req, id, year)
    }

    func rankingDTO(_ req: Request, _ id: Int, _ year: Int) async throws -> GroupRankingDTO {
        let ctx = try await GroupWorkService.context(id, year: year, actor: req.actor, .read, on: req.database)
        let rule = try GroupWorkService.rule(year: year, app: req.application)
        return GroupRankingDTO(
            ruleVersion: rule.version, legalBasis: rule.legalBasis, maxTotal: rule.maxTotal,
            ranking: try await GroupWorkService.ranking(ctx, rule: rule, on: req.database).map { r in
                GroupRankDTO(
                    unitID: r.unitID, unitName: ctx.member(r.unitID)?.name ?? "", total: r.total, rank: r.rank,
                    complete: r.complete, proposal: r.proposal,
                    proposalLabel: r.proposal.flatMap { c in rule.proposals.first { $0.code == c }?.label })
            })
    }

    @Sendable func ranking(req: Request) async throws -> GroupRankingDTO {
        let (id, year) = try GroupWorkWebController.ids(req)
        return try await rankingDTO(req, id, year)
    }

    @Sendable func file(req: Request) async throws -> Response {
        try await GroupWorkService.download(try req.parameters.require("id", as: Int.self), actor: req.actor, req: req)
    }
}
