/// A unit's place in the tree as a materialised path of ids: "/1/5/23/".
/// A unit's subtree is every path that starts with its own.
public struct UnitPath: Hashable, Sendable, Codable, CustomStringConvertible {
    public let raw: String
    public init(raw: String) { self.raw = raw }
    public init(ids: [Int]) { self.raw = "/" + ids.map(String.init).joined(separator: "/") + "/" }

    public static let root = UnitPath(raw: "/")

    public func child(_ id: Int) -> UnitPath { UnitPath(raw: raw + "\(id)/") }
    /// True when `other` is this unit or below it.
    public func contains(_ other: UnitPath) -> Bool { other.raw.hasPrefix(raw) }
    /// True when `other` is strictly below this unit.
    public func strictlyContains(_ other: UnitPath) -> Bool { other.raw.count > raw.count && contains(other) }
    public var ids: [Int] { raw.split(separator: "/").compactMap { Int($0) } }
    public var depth: Int { ids.count }
    public var description: String { raw }
}

/// Who is asking: a signed-in user with a role, scoped to a unit and (for lead agencies) movements.
public struct Actor: Sendable, Equatable {
    public let userID: Int
    public let username: String
    public let role: Role
    public let unitID: Int?
    public let unitPath: UnitPath?
    /// Movements whose lead agency is the actor's unit (meaningful for lead agencies).
    public let leadMovementIDs: Set<Int>
    /// Units whose history the actor's unit carries (merged into it, split or abolished to it): their records
    /// stay where they were and are read, never written, by the successor's officers.
    public let inheritedPaths: [UnitPath]

    public init(
        userID: Int, username: String, role: Role, unitID: Int?, unitPath: UnitPath?, leadMovementIDs: Set<Int> = [],
        inheritedPaths: [UnitPath] = []
    ) {
        self.userID = userID
        self.username = username
        self.role = role
        self.unitID = unitID
        self.unitPath = unitPath
        self.leadMovementIDs = leadMovementIDs
        self.inheritedPaths = inheritedPaths
    }

    /// The actor's own subtree, then the inherited ones.
    var ownAndInheritedPaths: [UnitPath] { (unitPath.map { [$0] } ?? []) + inheritedPaths }

    /// True when `path` lies in a unit whose history the actor's unit carries.
    func inherits(_ path: UnitPath) -> Bool { inheritedPaths.contains { $0.contains(path) } }
}

public enum Action: String, Sendable, CaseIterable {
    case list, read, create, update, delete
    public var isWrite: Bool { self == .create || self == .update || self == .delete }
}

/// What is being accessed.
public enum Resource: Sendable, Equatable {
    /// A unit of the tree (its own record).
    case unit(UnitPath)
    /// A new unit to be created under the given parent.
    case newUnit(parent: UnitPath)
    /// A record owned by a unit (registrations, evaluations, dossiers…), optionally tied to movements.
    case unitRecord(UnitPath, movementIDs: Set<Int>)
    /// A user account, by the unit it belongs to (nil: no unit) and its role.
    case user(unitPath: UnitPath?, role: Role)
    /// Personal data (ID number, phone, address, date of birth) of a subject registered in a unit;
    /// every class of fact is `Policy.readableClasses`.
    case personalData(UnitPath)
    case catalogue
    /// A movement (nil id: the collection or a new one).
    case movement(id: Int?)
    case auditLog
    /// One authority's council work: appraisal of the dossiers sent to it, meetings, tallies, decisions, the roster.
    /// nil: the collection (which councils the actor works with is a query filtered by `councilScope`).
    case council(CouncilScope?)
    /// One council meeting; `isAttendee`: the actor's account holds a seat in it (a roster member of another role).
    case councilMeeting(CouncilScope, isAttendee: Bool)
    /// The conferring authorities (their signing blocks, registers, formats): read by the signed-in, kept by the
    /// administrator and the standing office of the authority (nil: a new authority).
    case authority(CouncilScope?)
    /// Casting a ballot in a council meeting; `isMember`: the actor's account is on the council's roster.
    case councilVote(isMember: Bool)
    /// Reorganising the tree (merging, splitting, abolishing units on a legal basis).
    case reorganisation
    /// The holiday calendar (days off, make-up working days): read by the signed-in, kept by the administrator
    /// and the standing office.
    case calendar
    /// A province's proposal of State-level forms upward and the State's decision recorded when it returns, on a
    /// dossier the actor can read: written by the standing office of that province's council only.
    case stateDecision(CouncilScope)
    /// One authority's emulation and commendation fund (quỹ thi đua, khen thưởng): kept by the standing office of
    /// its council, read by the council's seats; nobody else sees it.
    case fund(CouncilScope)
    /// A notice of an inbox, by whom it is addressed to: one account, or one unit (all its accounts).
    case notice(userID: Int?, unitID: Int?)
    /// An authority's certificate layouts (where each field goes on its pre-printed blanks): read by the signed-in,
    /// kept by the standing office of that authority's council and the administrator.
    case certificateLayout(CouncilScope)
    /// The system's settings (the support contact shown on the help pages and the sign-in page): everyone signed
    /// in reads them, the administrator changes them.
    case settings
    /// Clusters and blocks of units (cụm, khối thi đua) and their members: read by the signed-in, kept by the
    /// standing office and the administrator.
    case unitGroups
    /// Setting up from spreadsheets (the unit tree, clusters and blocks, accounts): the standing office and the
    /// administrator; each row is then decided as its own record (`.newUnit`, `.user`, `.unitGroups`).
    case setupImport
    /// Opening a new year (carrying units' own criteria forward, inviting last year's exemplars to renew): the
    /// standing office and the administrator; each unit's criteria are still written as its records (`.unitRecord`).
    case yearRollover
    /// One cluster or block's work for a year (submissions, deadline, head, pledges, scores).
    case groupWork(GroupWorkScope)
    /// A periodic report (sơ kết, tổng kết) of an authority to the level above, drafted by the authority's standing
    /// office (seed §IV.7: Phòng Nội vụ for the district; §IV.1: a commune's own office for the commune); nil for
    /// the collection. Its council's members read it; nobody else sees it.
    case periodicReport(CouncilScope?)
    /// A judgement condition's answer for a subject (`Policy.judgementCapacity` says in which capacity).
    case judgement(JudgementScope)
    /// A unit's adoption of a model (nhân rộng, issue 10 §5), by the adopting unit and the movements of the model's
    /// registration: the standing office, the adopting unit's officers (its subtree) and the lead agency of the
    /// model's movement write it; the council reads it. The model's spread is read by the model's own read rule.
    case replication(adoptingUnit: UnitPath, modelMovementIDs: Set<Int>)
    /// An event (study visit, experience talk, review conference) by its organising unit (issue 10 §4).
    case event(UnitPath)
    /// A coverage of an exemplar in the media log, by its subject's unit: unit-record rules, and an editor writes the
    /// coverage of the subjects in its own subtree (issue 10 §3).
    case mediaEntry(UnitPath)
    /// A citizen's proposal of a new exemplar, by the unit concerned: that unit's officers (and officers of units
    /// above it) and the standing office; the proposer's contact further needs `.personalData` (issue 10 §6).
    case proposal(UnitPath)
    /// A story (bài viết) kept by a unit's editors (issue 10 §1): `StoryScope` says whose and which step.
    case story(StoryScope)
    /// A subject's consent to publication (issue 10 §2), by the subject's unit: its officers and the standing office
    /// write; the lead agency, the council and the editor read within their usual read scope; others 404.
    case consent(UnitPath)
}

/// The facts about a cluster or block's year that access needs.
/// The facts about one judgement question that access needs: who the rule file lets answer, the subject's unit, and
/// the councils (at and above that unit, at the levels of the forms that ask it) whose standing office may answer.
public struct JudgementScope: Sendable, Equatable {
    public let answeredBy: [JudgementRole]
    public let subjectUnit: UnitPath
    public let councils: [CouncilScope]
    public init(answeredBy: [JudgementRole], subjectUnit: UnitPath, councils: [CouncilScope]) {
        self.answeredBy = answeredBy
        self.subjectUnit = subjectUnit
        self.councils = councils
    }
}

public struct GroupWorkScope: Sendable, Equatable {
    public let memberUnitIDs: Set<Int>
    /// The member unit that heads the group this year (cụm trưởng, khối trưởng), if set.
    public let headUnitID: Int?
    /// The member whose own record this is (its submission, its pledge); nil: the group's board and the office's
    /// records (deadline, head, scores).
    public let unitID: Int?
    public init(memberUnitIDs: Set<Int>, headUnitID: Int?, unitID: Int?) {
        self.memberUnitIDs = memberUnitIDs
        self.headUnitID = headUnitID
        self.unitID = unitID
    }
}

/// Whose councils an actor runs as their standing office (`Policy.standingScope`).
public enum StandingScope: Equatable, Sendable {
    case all
    /// The councils whose standing unit is this unit.
    case unit(Int)
    case none
}

/// The facts about one authority's council that access needs.
public struct CouncilScope: Sendable, Equatable {
    public let authorityID: Int
    /// The unit whose officers are the council's standing office.
    public let standingUnitID: Int
    /// The actor holds an active seat on this council's roster.
    public let isSeat: Bool
    public init(authorityID: Int, standingUnitID: Int, isSeat: Bool) {
        self.authorityID = authorityID
        self.standingUnitID = standingUnitID
        self.isSeat = isSeat
    }
}

public enum Decision: Equatable, Sendable {
    case allow
    /// The record is outside the actor's scope: answer as if it did not exist.
    case notFound
    /// The actor sees the record but may not do this.
    case forbidden(String)

    public var isAllowed: Bool { self == .allow }
}

/// Which units' records a listing may show.
public enum UnitScope: Equatable, Sendable {
    case all
    case subtree(UnitPath)
    /// Several subtrees: the actor's own and those whose history its unit inherited.
    case subtrees([UnitPath])
    case none

    /// The scope for a unit's own subtree plus its inherited ones.
    static func of(_ paths: [UnitPath]) -> UnitScope {
        paths.isEmpty ? .none : paths.count == 1 ? .subtree(paths[0]) : .subtrees(paths)
    }

    /// The subtrees' roots; nil for every unit (`.all`), none for `.none`.
    public var roots: [UnitPath]? {
        switch self {
        case .all: return nil
        case .subtree(let root): return [root]
        case .subtrees(let roots): return roots
        case .none: return []
        }
    }

    public func contains(_ path: UnitPath) -> Bool {
        switch self {
        case .all: return true
        case .subtree(let root): return root.contains(path)
        case .subtrees(let roots): return roots.contains { $0.contains(path) }
        case .none: return false
        }
    }
}

/// The one place where access is decided. Controllers and queries ask it; nothing else decides.
public enum Policy {
    public static let mustSignIn = "Vui lòng đăng nhập để tiếp tục."
    public static let readOnly = "Vai trò của bạn chỉ được xem, không được thay đổi dữ liệu này."
    static let councilOnly =
        "Thẩm định, tổ chức họp Hội đồng và ghi quyết định do Thường trực Hội đồng (Phòng Nội vụ) thực hiện."
    static let rosterOnly = "Chỉ thành viên Hội đồng Thi đua - Khen thưởng được bỏ phiếu."
    static let certificateLayoutOnly =
        "Mẫu in giấy khen, bằng khen do Thường trực Hội đồng của cấp khen thưởng đó cập nhật."
    static let calendarOnly = "Lịch ngày nghỉ, ngày làm bù do quản trị hệ thống hoặc Thường trực Hội đồng cập nhật."
    static let stateOnly =
        "Tờ trình lên cấp Nhà nước và quyết định của Chủ tịch nước, Thủ tướng Chính phủ do Thường trực Hội đồng cấp tỉnh ghi."
    static let settingsOnly = "Thông tin liên hệ hỗ trợ và các thiết lập chung do quản trị hệ thống cập nhật."
    static let fundOnly = "Sổ quỹ thi đua, khen thưởng do Thường trực Hội đồng của cấp khen thưởng ghi."
    public static let outsideUnit = "Bạn chỉ được thao tác trên dữ liệu của đơn vị mình và các đơn vị trực thuộc."
    public static let inheritedReadOnly =
        "Hồ sơ của đơn vị đã sáp nhập, chia tách hoặc giải thể chỉ được xem; hồ sơ mới lập tại đơn vị kế thừa."
    public static let reorganiseOnly =
        "Sắp xếp đơn vị (sáp nhập, chia tách, giải thể) do Thường trực (Phòng Nội vụ) hoặc quản trị hệ thống thực hiện."

    public static let setupOnly =
        "Cụm, khối thi đua và thiết lập từ bảng tính do Thường trực (Phòng Nội vụ) hoặc quản trị hệ thống thực hiện."

    public static let rolloverOnly =
        "Mở năm mới (chuyển tiêu chí cụ thể sang năm sau, mời điển hình đăng ký lại) do Thường trực (Phòng Nội vụ) "
        + "hoặc quản trị hệ thống thực hiện."

    public static func decide(_ actor: Actor?, _ action: Action, _ resource: Resource) -> Decision {
        guard let actor else { return .forbidden(mustSignIn) }
        // The roster, which is data, says who votes: nobody votes without a seat, the administrator included.
        if case .councilVote(let isMember) = resource {
            return isMember ? .allow : .forbidden(rosterOnly)
        }
        // An inbox is personal: a notice is read by whom it is addressed to, the administrator included.
        if case .notice(let userID, let unitID) = resource {
            return noticeScope(actor).includes(userID: userID, unitID: unitID) ? .allow : .notFound
        }
        // An author never approves their own story, the administrator included.
        if case .story(let scope) = resource { return decideStory(actor, action, scope) }
        if actor.role == .admin { return .allow }
        switch resource {
        case .unit(let path):
            guard canSeeUnit(actor, path) else { return .notFound }
            if !action.isWrite { return .allow }
            switch actor.role {
            case .standingOffice: return .allow
            case .unitOfficer:
                // A unit officer maintains the units below its own (villages, groups), not its own record.
                if let own = actor.unitPath, own.strictlyContains(path) { return .allow }
                return .forbidden(outsideUnit)
            default: return .forbidden(readOnly)
            }
        case .newUnit(let parent):
            switch actor.role {
            case .standingOffice: return .allow
            case .unitOfficer:
                if let own = actor.unitPath, own.contains(parent) { return .allow }
                return .forbidden(outsideUnit)
            default: return .forbidden(readOnly)
            }
        case .unitRecord(let path, let movements):
            let inOwnSubtree = actor.unitPath.map { $0.contains(path) } ?? false
            switch actor.role {
            case .standingOffice: return .allow
            case .councilMember: return action.isWrite ? .forbidden(readOnly) : .allow
            case .unitOfficer:
                if !inOwnSubtree && !action.isWrite && actor.inherits(path) { return .allow }
                if !inOwnSubtree && actor.inherits(path) { return .forbidden(inheritedReadOnly) }
                return inOwnSubtree ? .allow : .notFound
            case .leadAgency:
                if inOwnSubtree { return .allow }
                if actor.inherits(path) { return action.isWrite ? .forbidden(inheritedReadOnly) : .allow }
                guard !movements.isDisjoint(with: actor.leadMovementIDs) else { return .notFound }
                // Across units, a lead agency follows and nurtures the exemplars of its movements.
                return (action == .read || action == .list || action == .update) ? .allow : .forbidden(outsideUnit)
            case .editor: return .notFound
            case .admin: return .allow
            }
        case .user(let unitPath, let role):
            switch actor.role {
            case .standingOffice:
                if !action.isWrite { return .allow }
                return role == .admin ? .forbidden("Chỉ quản trị hệ thống được quản lý tài khoản quản trị.") : .allow
            case .unitOfficer:
                guard let own = actor.unitPath, let unitPath, own.contains(unitPath) else { return .notFound }
                return action.isWrite ? .forbidden("Tài khoản do Phòng Nội vụ hoặc quản trị hệ thống cấp.") : .allow
            default:
                return .notFound
            }
        case .personalData(let path):
            // The same answer as the field classes give (`readableClasses`).
            if readableClasses(actor, subjectUnit: path).contains(.personal) { return .allow }
            if actor.role == .unitOfficer { return .notFound }
            return .forbidden("Thông tin cá nhân chỉ hiển thị cho đơn vị quản lý và Thường trực.")
        case .catalogue:
            if !action.isWrite { return .allow }
            return actor.role == .standingOffice ? .allow : .forbidden(readOnly)
        case .movement(let id):
            if !action.isWrite { return .allow }
            switch actor.role {
            case .standingOffice: return .allow
            case .leadAgency:
                if action == .update, let id, actor.leadMovementIDs.contains(id) { return .allow }
                return .forbidden("Đơn vị chủ trì chỉ được cập nhật phong trào do mình chủ trì.")
            default: return .forbidden(readOnly)
            }
        case .auditLog:
            return actor.role == .standingOffice ? (action.isWrite ? .forbidden(readOnly) : .allow) : .notFound
        case .council(let scope):
            guard let scope else {
                // The collection: any council worker lists the councils it works with (the query filters them).
                if action.isWrite { return .forbidden(councilOnly) }
                return actor.role == .editor ? .notFound : .allow
            }
            if isStandingOffice(actor, of: scope) { return .allow }
            if scope.isSeat { return action.isWrite ? .forbidden(councilOnly) : .allow }
            return .notFound
        case .councilMeeting(let scope, let isAttendee):
            if !action.isWrite && isAttendee { return .allow }
            return decide(actor, action, .council(scope))
        case .authority(let scope):
            guard let scope else {
                return action.isWrite ? .forbidden("Chỉ quản trị hệ thống khai báo cấp khen thưởng mới.") : .allow
            }
            if !action.isWrite || isStandingOffice(actor, of: scope) { return .allow }
            return .forbidden(councilOnly)
        case .councilVote: // decided above, before the administrator's pass
            return .forbidden(rosterOnly)
        case .notice: // decided above, before the administrator's pass
            return .notFound
        case .reorganisation:
            return actor.role == .standingOffice ? .allow : .forbidden(reorganiseOnly)
        case .calendar:
            if !action.isWrite { return .allow }
            return actor.role == .standingOffice ? .allow : .forbidden(calendarOnly)
        case .stateDecision(let scope):
            // Reading follows the dossier it belongs to (checked before).
            if !action.isWrite || isStandingOffice(actor, of: scope) { return .allow }
            return .forbidden(stateOnly)
        case .fund(let scope):
            if isStandingOffice(actor, of: scope) { return .allow }
            if scope.isSeat { return action.isWrite ? .forbidden(fundOnly) : .allow }
            return .notFound
        case .certificateLayout(let scope):
            if !action.isWrite || isStandingOffice(actor, of: scope) { return .allow }
            return .forbidden(certificateLayoutOnly)
        case .settings:
            return action.isWrite ? .forbidden(settingsOnly) : .allow
        case .unitGroups:
            if !action.isWrite { return .allow }
            return actor.role == .standingOffice ? .allow : .forbidden(setupOnly)
        case .setupImport:
            return actor.role == .standingOffice ? .allow : .forbidden(setupOnly)
        case .yearRollover:
            return actor.role == .standingOffice ? .allow : .forbidden(rolloverOnly)
        case .groupWork(let scope):
            return decideGroupWork(actor, action, scope)
        case .periodicReport(let scope):
            guard let scope else {
                if action.isWrite { return .forbidden(reportOnly) }
                return actor.role == .editor ? .notFound : .allow
            }
            if isStandingOffice(actor, of: scope) { return .allow }
            if scope.isSeat { return action.isWrite ? .forbidden(reportOnly) : .allow }
            return .notFound
        case .judgement(let scope):
            // Reading follows the subject (checked before); writing needs a capacity the rule file names.
            if !action.isWrite || judgementCapacity(actor, scope) != nil { return .allow }
            return .forbidden(judgementOnly(scope))
        case .mediaEntry(let path):
            if actor.role == .editor {
                return (actor.unitPath.map { $0.contains(path) } ?? false) ? .allow : .notFound
            }
            return decide(actor, action, .unitRecord(path, movementIDs: []))
        case .proposal(let path):
            switch actor.role {
            case .admin, .standingOffice: return .allow
            case .unitOfficer, .leadAgency:
                if actor.unitPath.map({ $0.contains(path) }) ?? false { return .allow }
                if actor.inherits(path) { return action.isWrite ? .forbidden(inheritedReadOnly) : .allow }
                return .notFound
            case .councilMember, .editor: return .notFound
            }
        case .replication(let path, let movements):
            // A unit record of the adopting unit, except that the lead agency of the model's movement also records
            // adoptions in other units (it spreads its movement's models): what it may update there, it may create.
            return decide(actor, action == .create ? .update : action, .unitRecord(path, movementIDs: movements))
        case .event(let path):
            return decideEvent(actor, action, path)
        case .story(let scope): // decided above, before the administrator's pass
            return decideStory(actor, action, scope)
        case .consent(let path):
            return decideConsent(actor, action, path)
        }
    }

    /// In which capacity the actor answers a judgement: for the council, the standing office of one of the councils
    /// the question goes to; for the unit head, an officer of the subject's own unit (or a unit above it), not of a
    /// unit whose history it only carries. Nil: the actor may not answer.
    public static func judgementCapacity(_ actor: Actor?, _ scope: JudgementScope) -> JudgementRole? {
        guard let actor else { return nil }
        if actor.role == .admin { return scope.answeredBy.contains(.council) ? .council : scope.answeredBy.first }
        if scope.answeredBy.contains(.council), actor.role == .standingOffice || actor.role == .unitOfficer,
            scope.councils.contains(where: { isStandingOffice(actor, of: $0) })
        {
            return .council
        }
        if scope.answeredBy.contains(.unitHead), actor.role == .unitOfficer || actor.role == .leadAgency,
            let own = actor.unitPath, own.contains(scope.subjectUnit)
        {
            return .unitHead
        }
        return nil
    }

    /// Why the actor may not answer: names who may.
    public static func judgementOnly(_ scope: JudgementScope) -> String {
        let who = scope.answeredBy.map { role -> String in
            switch role {
            case .unitHead: return "thủ trưởng (cán bộ) đơn vị của đối tượng"
            case .council: return "Hội đồng Thi đua - Khen thưởng của cấp khen thưởng (Thường trực Hội đồng ghi)"
            }
        }
        return "Câu hỏi đánh giá này do " + (who.isEmpty ? "người được quy định" : who.joined(separator: " hoặc "))
            + " trả lời."
    }

    public static let reportOnly =
        "Báo cáo sơ kết, tổng kết do Thường trực Hội đồng Thi đua - Khen thưởng của cấp báo cáo soạn và ban hành."
    public static let groupOfficeOnly =
        "Hạn nộp, cụm (khối) trưởng, tiếp nhận, trả lại hồ sơ và chấm điểm cụm, khối do Thường trực (Phòng Nội vụ) "
        + "thực hiện."
    public static let groupHeadOnly =
        "Tình hình nộp của các thành viên do cụm (khối) trưởng năm đó và Thường trực theo dõi; "
        + "đơn vị thành viên xem hồ sơ của mình."

    /// Whether the menu offers the clusters' and blocks' year work (submissions, pledge, scores): to everyone who may
    /// take part in it or follow it, the editor aside.
    public static func seesGroupWork(_ actor: Actor?) -> Bool {
        guard let actor else { return false }
        return actor.role != .editor
    }

    /// A cluster or block's year: the standing office does everything; a council member reads; a member unit's
    /// officers write their own submission and pledge, and the year's head reads its members' standing; a unit
    /// outside the group does not see it.
    static func decideGroupWork(_ actor: Actor, _ action: Action, _ scope: GroupWorkScope) -> Decision {
        switch actor.role {
        case .admin, .standingOffice: return .allow
        case .councilMember: return action.isWrite ? .forbidden(readOnly) : .allow
        case .editor: return .notFound
        case .unitOfficer, .leadAgency:
            guard let own = actor.unitID, scope.memberUnitIDs.contains(own) else { return .notFound }
            let isHead = scope.headUnitID == own
            if let unit = scope.unitID {
                if unit == own { return .allow }
                guard scope.memberUnitIDs.contains(unit), isHead else { return .notFound }
                return action.isWrite ? .forbidden(groupOfficeOnly) : .allow
            }
            if action.isWrite { return .forbidden(groupOfficeOnly) }
            return isHead ? .allow : .forbidden(groupHeadOnly)
        }
    }

    /// The standing office of an authority's council (Thường trực Hội đồng): the officers of its standing unit
    /// (Phòng Nội vụ for a district, the commune's own office for a commune, the agency itself for an agency head).
    /// A standing-office account without a unit serves every council.
    public static func isStandingOffice(_ actor: Actor, of scope: CouncilScope) -> Bool {
        switch standingScope(actor) {
        case .all: return true
        case .unit(let id): return id == scope.standingUnitID
        case .none: return false
        }
    }

    /// Which councils' standing office the actor is, as a query can ask for them: every council, those whose
    /// standing unit is the actor's unit, or none.
    public static func standingScope(_ actor: Actor?) -> StandingScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin: return .all
        case .standingOffice: return actor.unitID.map(StandingScope.unit) ?? .all
        case .unitOfficer, .leadAgency: return actor.unitID.map(StandingScope.unit) ?? .none
        case .councilMember, .editor: return .none
        }
    }

    /// Which units a listing of units shows to this actor.
    public static func unitScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice, .councilMember, .leadAgency, .editor: return .all
        case .unitOfficer: return UnitScope.of(actor.ownAndInheritedPaths)
        }
    }

    /// Whose unit-owned commendation records (dossiers, awards) a listing shows: the same answer as
    /// `decide(.list, .unitRecord)` gives without movements.
    public static func recordScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice, .councilMember: return .all
        case .unitOfficer, .leadAgency: return UnitScope.of(actor.ownAndInheritedPaths)
        case .editor: return .none
        }
    }

    /// Whose standing against the plan's quotas this actor sees: the units whose records it reads.
    public static func quotaScope(_ actor: Actor?) -> UnitScope { recordScope(actor) }

    /// Which units' users a listing of users shows to this actor.
    public static func userScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return .all
        case .unitOfficer: return actor.unitPath.map(UnitScope.subtree) ?? .none
        default: return .none
        }
    }

    static func canSeeUnit(_ actor: Actor, _ path: UnitPath) -> Bool { unitScope(actor).contains(path) }
}

/// What a page may offer an actor beyond one record: "create" buttons, sections of the navigation,
/// fields of a form. The record itself is still checked with `decide` when the write arrives.
public enum Capability: Sendable, CaseIterable {
    /// The "add unit" button; where a unit may go is `.newUnit(parent:)`.
    case createUnits
    /// The "create" buttons for unit records: registrations, unit criteria, dossiers.
    case createUnitRecords
    /// The registrations and unit-criteria sections of the navigation.
    case followRegistrations
    /// The home page's dossier tasks for a unit: complete returned dossiers, start a new one.
    case prepareDossiers
    /// Choosing a movement's lead agencies while editing it: a lead agency may describe its movement
    /// but not hand the lead to someone else.
    case reassignMovementLead
    /// The "Tuyên truyền" menu: publicising movements and exemplars (the editor, the standing office, the admin).
    case publicise
}

/// Which registrations a listing shows: the same answer as `decide(.list, .unitRecord(path, movementIDs:))`,
/// as a filter (a lead agency also sees the registrations of the movements it leads, in any unit).
public enum RecordListScope: Equatable, Sendable {
    case all
    case subtree(UnitPath)
    /// The unit's subtree (if any) or records tied to one of these movements.
    case subtreeOrMovements(UnitPath?, movementIDs: Set<Int>)
    case none
    /// Several subtrees: the unit officer's own and those whose history its unit inherited.
    case subtrees([UnitPath])
}

/// Whose records (import jobs…) a listing shows, by the account that made them.
public enum OwnerScope: Equatable, Sendable {
    case all
    case own(userID: Int)
    case none

    public func includes(ownerID: Int) -> Bool {
        switch self {
        case .all: return true
        case .own(let userID): return userID == ownerID
        case .none: return false
        }
    }
}

/// Which home page an actor gets: the tasks suggested follow the actor's work.
public enum Dashboard: Sendable, CaseIterable {
    /// Accounts and the audit log.
    case administration
    /// Movements, the organisation tree and the catalogue.
    case coordination
    /// The movements the actor's unit leads.
    case movementLead
    /// The actor's unit and the units below it.
    case unit
    /// Reading the movements under way.
    case council
    /// Learning about movements to publicise them.
    case outreach
}

extension Policy {
    /// Whether the policy would allow it (for showing or hiding a button, a link, a menu item).
    public static func allows(_ actor: Actor?, _ action: Action, _ resource: Resource) -> Bool {
        decide(actor, action, resource).isAllowed
    }

    /// Whether a page offers this capability to the actor. Nobody signed out has any.
    public static func allows(_ actor: Actor?, _ capability: Capability) -> Bool {
        guard let actor else { return false }
        switch capability {
        case .createUnits:
            return actor.role == .admin || actor.role == .standingOffice || actor.role == .unitOfficer
        case .createUnitRecords:
            switch actor.role {
            case .admin, .standingOffice, .leadAgency, .unitOfficer: return true
            case .councilMember, .editor: return false
            }
        case .followRegistrations:
            return actor.role != .editor
        case .prepareDossiers:
            return recordScope(actor) != .none && actor.role != .councilMember
        case .reassignMovementLead:
            return actor.role != .leadAgency
        case .publicise:
            return actor.role == .admin || actor.role == .standingOffice || actor.role == .editor
        }
    }

    /// Units a new unit record (registration, unit criterion) may be created in: everywhere for the admin and
    /// the standing office, otherwise the actor's own subtree.
    public static func createScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return unitScope(actor)
        default: return actor.unitPath.map(UnitScope.subtree) ?? .none
        }
    }

    /// Units offered as the parent of a new or edited unit: the units the actor sees
    /// (`decide(.create, .newUnit(parent:))` still rules on the choice).
    public static func parentScope(_ actor: Actor?) -> UnitScope { unitScope(actor) }

    /// The unit a new form starts with: a unit officer works in its own unit; others choose.
    public static func defaultUnit(_ actor: Actor?) -> Int? {
        guard let actor, actor.role == .unitOfficer else { return nil }
        return actor.unitID
    }

    /// Which registrations a listing shows to this actor.
    public static func registrationScope(_ actor: Actor?) -> RecordListScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice, .councilMember: return .all
        case .unitOfficer:
            if !actor.inheritedPaths.isEmpty { return .subtrees(actor.ownAndInheritedPaths) }
            return actor.unitPath.map(RecordListScope.subtree) ?? .none
        case .leadAgency: return .subtreeOrMovements(actor.unitPath, movementIDs: actor.leadMovementIDs)
        case .editor: return .none
        }
    }

    /// Whose import jobs the actor may list and read: the admin and the standing office see every job,
    /// anyone else the jobs they started.
    public static func importJobScope(_ actor: Actor?) -> OwnerScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return .all
        default: return .own(userID: actor.userID)
        }
    }

    /// The home page for this actor.
    public static func dashboard(_ actor: Actor) -> Dashboard {
        switch actor.role {
        case .admin: return .administration
        case .standingOffice: return .coordination
        case .leadAgency: return .movementLead
        case .unitOfficer: return .unit
        case .councilMember: return .council
        case .editor: return .outreach
        }
    }
}

extension Policy {
    /// Whether an account of this role keeps the system administrable: the last active one may not be demoted or
    /// locked, by itself or anyone else.
    public static func administers(_ role: Role) -> Bool { role == .admin }
    /// The roles `administers` answers yes for (to count such accounts).
    public static var administeringRoles: [Role] { Role.allCases.filter(administers) }
}

// MARK: - Personal data: every stored fact of a subject classified (Nghị định 13/2023/NĐ-CP)

/// How much protection a stored fact needs. Ordered: each class is more protected than the one before.
public enum FieldClass: String, Sendable, CaseIterable, Codable, Comparable {
    /// Published anyway: names in proposals and decisions, titles, statuses.
    case `public`
    /// Work data of the emulation movement: ratings, evaluations, plans; not published, not about a private life.
    case `internal`
    /// Basic personal data (NĐ 13/2023 Điều 2 khoản 3): date of birth, ID number, phone, address, gender.
    case personal
    /// Sensitive personal data (NĐ 13/2023 Điều 2 khoản 4): health (leave for maternity or treatment), discipline,
    /// household exclusions (prosecution, fines…), ethnic origin, and free-text notes that may hold any of these.
    case sensitive

    public var label: String {
        switch self {
        case .public: return "Công khai"
        case .internal: return "Nội bộ"
        case .personal: return "Dữ liệu cá nhân cơ bản"
        case .sensitive: return "Dữ liệu cá nhân nhạy cảm"
        }
    }

    public static func < (a: FieldClass, b: FieldClass) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Every column of subjects, registrations, evaluations and annual records, with its class and legal basis.
/// The raw value is "table.column"; `PersonalDataTests` checks the table against the database schema.
public enum DataField: String, Sendable, CaseIterable {
    // subjects
    case subjectID = "subjects.id", subjectKind = "subjects.kind", subjectName = "subjects.name"
    case subjectSearchText = "subjects.search_text", subjectSortKey = "subjects.sort_key"
    /// PostgreSQL only (`postgresOnly`): `search_text` as the trigram index holds it (migration 59).
    case subjectSearchWords = "subjects.search_words"
    /// Derived by the database (migration 52): the subject is a public exemplar.
    case subjectPublicExemplar = "subjects.public_exemplar"
    case subjectUnit = "subjects.unit_id", subjectRepresentsUnit = "subjects.represents_unit_id"
    case subjectHeadsUnit = "subjects.heads_unit_id", subjectPosition = "subjects.position"
    case subjectGender = "subjects.gender", subjectEthnicity = "subjects.ethnicity"
    case subjectBirthDate = "subjects.birth_date", subjectIDNumber = "subjects.id_number"
    case subjectPhone = "subjects.phone", subjectAddress = "subjects.address"
    case subjectCreatedAt = "subjects.created_at", subjectUpdatedAt = "subjects.updated_at"
    // registrations
    case registrationID = "registrations.id", registrationSubject = "registrations.subject_id"
    case registrationUnit = "registrations.unit_id", registrationYear = "registrations.year"
    case registrationSubjectKind = "registrations.subject_kind"
    case registrationType = "registrations.subject_type_id"
    case registrationCatalogue = "registrations.catalogue_version", registrationField = "registrations.field_code"
    case registrationTitle = "registrations.title", registrationDescription = "registrations.description"
    case registrationGoals = "registrations.goals", registrationContact = "registrations.contact"
    case registrationStatus = "registrations.status", registrationSearchText = "registrations.search_text"
    /// PostgreSQL only (`postgresOnly`), as `subjectSearchWords`.
    case registrationSearchWords = "registrations.search_words"
    case registrationSortKey = "registrations.sort_key", registrationTallyKey = "registrations.tally_key"
    case registrationCreatedAt = "registrations.created_at", registrationUpdatedAt = "registrations.updated_at"
    // evaluations
    case evaluationID = "evaluations.id", evaluationRegistration = "evaluations.registration_id"
    case evaluationDate = "evaluations.date", evaluationPeriod = "evaluations.period"
    case evaluationEvaluator = "evaluations.evaluator", evaluationEffect = "evaluations.effect"
    case evaluationEffectiveness = "evaluations.effectiveness"
    case evaluationGrowthPotential = "evaluations.growth_potential"
    case evaluationInfluence = "evaluations.influence", evaluationDifficulties = "evaluations.difficulties"
    case evaluationHelpGiven = "evaluations.help_given", evaluationConclusion = "evaluations.conclusion"
    case evaluationSummary = "evaluations.summary", evaluationMetCount = "evaluations.met_count"
    case evaluationUnmetCount = "evaluations.unmet_count", evaluationMissingCount = "evaluations.missing_count"
    case evaluationCreatedBy = "evaluations.created_by", evaluationCreatedAt = "evaluations.created_at"
    case evaluationMediaCount = "evaluations.media_count"
    // annual records
    case annualID = "annual_records.id", annualSubject = "annual_records.subject_id"
    case annualYear = "annual_records.year", annualTaskRating = "annual_records.task_rating"
    case annualTitles = "annual_records.titles", annualNote = "annual_records.note"
    case annualDiscipline = "annual_records.discipline"
    case annualDisciplinePending = "annual_records.discipline_pending"
    case annualMaternityLeave = "annual_records.maternity_leave"
    case annualTreatmentLeave = "annual_records.treatment_leave"
    case annualFamilyExclusions = "annual_records.family_exclusions"
    case annualMemberCount = "annual_records.member_count"
    case annualMembersCompleting = "annual_records.members_completing"
    case annualMembersLDTT = "annual_records.members_ldtt", annualMembersCSTD = "annual_records.members_cstd"
    case annualMembersDisciplined = "annual_records.members_disciplined"

    /// Columns only a PostgreSQL database has: generated from `search_text` for its trigram indexes (SQLite searches
    /// through FTS5 tables).
    public static let postgresOnly: Set<DataField> = [.subjectSearchWords, .registrationSearchWords]

    public var table: String { String(rawValue.split(separator: ".")[0]) }
    public var column: String { String(rawValue.split(separator: ".")[1]) }

    public var fieldClass: FieldClass { Self.classification(self).0 }
    /// Why this class: the legal text, or the reason the fact is work data.
    public var legalBasis: String { Self.classification(self).1 }

    static let published = "Luật Thi đua, khen thưởng 2022, Điều 5: khen thưởng bảo đảm công khai, minh bạch"
    static let work = "Dữ liệu công tác thi đua (Luật Thi đua, khen thưởng 2022); không phải dữ liệu cá nhân"
    static let key = "Khóa, dấu thời gian, trường tìm kiếm dẫn xuất: không hiển thị"
    static let basic = "NĐ 13/2023/NĐ-CP, Điều 2 khoản 3 (dữ liệu cá nhân cơ bản)"
    static let health = "NĐ 13/2023/NĐ-CP, Điều 2 khoản 4 điểm b (tình trạng sức khỏe)"
    static let record = "NĐ 13/2023/NĐ-CP, Điều 2 khoản 4 điểm g, k (vi phạm, xử lý kỷ luật, hình sự)"
    static let origin = "NĐ 13/2023/NĐ-CP, Điều 2 khoản 4 điểm c (nguồn gốc dân tộc)"
    static let freeText =
        "NĐ 13/2023/NĐ-CP, Điều 2 khoản 4: ghi chú tự do có thể chứa sức khỏe, kỷ luật; xếp như dữ liệu nhạy cảm"
    static let aggregate = "Số liệu tổng hợp của tập thể, không xác định được cá nhân: dữ liệu công tác"

    static func classification(_ f: DataField) -> (FieldClass, String) {
        switch f {
        case .subjectID, .subjectSearchText, .subjectSearchWords, .subjectSortKey, .subjectPublicExemplar,
            .subjectCreatedAt, .subjectUpdatedAt, .registrationID,
            .registrationSubject, .registrationSearchText, .registrationSearchWords, .registrationSortKey,
            .registrationTallyKey,
            .registrationCreatedAt,
            .registrationUpdatedAt, .evaluationID, .evaluationRegistration, .evaluationCreatedBy, .evaluationCreatedAt,
            .annualID, .annualSubject:
            return (.internal, key)
        case .subjectKind, .subjectName, .subjectUnit, .registrationUnit, .registrationYear, .registrationSubjectKind,
            .registrationType, .registrationCatalogue, .registrationField, .registrationTitle, .registrationStatus:
            return (.public, published)
        case .subjectRepresentsUnit, .subjectHeadsUnit, .subjectPosition, .registrationDescription,
            .registrationGoals, .registrationContact, .evaluationDate, .evaluationPeriod, .evaluationEvaluator,
            .evaluationEffect, .evaluationEffectiveness, .evaluationGrowthPotential, .evaluationInfluence,
            .evaluationDifficulties, .evaluationHelpGiven, .evaluationConclusion, .evaluationSummary,
            .evaluationMetCount, .evaluationUnmetCount, .evaluationMissingCount, .evaluationMediaCount, .annualYear,
            .annualTaskRating, .annualTitles:
            return (.internal, work)
        case .annualMemberCount, .annualMembersCompleting, .annualMembersLDTT, .annualMembersCSTD,
            .annualMembersDisciplined:
            return (.internal, aggregate)
        case .subjectGender, .subjectBirthDate, .subjectIDNumber, .subjectPhone, .subjectAddress:
            return (.personal, basic)
        case .subjectEthnicity: return (.sensitive, origin)
        case .annualMaternityLeave, .annualTreatmentLeave: return (.sensitive, health)
        case .annualDiscipline, .annualDisciplinePending, .annualFamilyExclusions: return (.sensitive, record)
        case .annualNote: return (.sensitive, freeText)
        }
    }

    /// The name a message shows (Vietnamese).
    public var label: String {
        switch self {
        case .subjectName: return "Tên đối tượng"
        case .subjectKind: return "Loại đối tượng"
        case .subjectPosition: return "Chức vụ"
        case .subjectGender: return "Giới tính"
        case .subjectEthnicity: return "Dân tộc"
        case .subjectBirthDate: return "Ngày sinh"
        case .subjectIDNumber: return "Số CCCD"
        case .subjectPhone: return "Điện thoại"
        case .subjectAddress: return "Địa chỉ"
        case .subjectHeadsUnit: return "Đơn vị đứng đầu"
        case .subjectRepresentsUnit: return "Đơn vị đại diện"
        case .annualNote: return "Ghi chú"
        case .annualDiscipline: return "Kỷ luật"
        case .annualDisciplinePending: return "Đang xem xét kỷ luật"
        case .annualMaternityLeave: return "Nghỉ thai sản"
        case .annualTreatmentLeave: return "Điều trị do bị thương"
        case .annualFamilyExclusions: return "Trường hợp loại trừ"
        default: return column
        }
    }
}

extension Policy {
    public static func hiddenField(_ f: DataField) -> String {
        "Bạn không được xem “\(f.label)” của đối tượng này nên cũng không được ghi trường này; "
            + "hãy bỏ trường này khỏi yêu cầu."
    }
    public static let subjectOwnerOnly =
        "Thông tin của đối tượng do đơn vị quản lý đối tượng hoặc Thường trực sửa; hãy bỏ các trường này khỏi yêu cầu."

    /// Which classes of a subject's facts the actor may read, for a subject of the unit at `path`. Whether the
    /// record itself is readable is `decide(.read, .unitRecord…)`'s answer; this narrows what it shows.
    /// - the administrator, the standing office and the subject's own unit (its subtree): everything;
    /// - a lead agency following another unit's exemplar and council members: public and internal facts —
    ///   the council votes on the eligibility outcome, not on the discipline, health or identity behind it;
    /// - anyone else: public facts.
    public static func readableClasses(_ actor: Actor?, subjectUnit path: UnitPath) -> Set<FieldClass> {
        guard let actor else { return [] }
        let all = ClassSets.all
        switch actor.role {
        case .admin, .standingOffice: return all
        case .unitOfficer, .leadAgency:
            if let own = actor.unitPath, own.contains(path) { return all }
            // The successor manages the people and collectives of the units it took over.
            if actor.inherits(path) { return all }
            return actor.role == .leadAgency ? ClassSets.work : ClassSets.published
        case .councilMember: return ClassSets.work
        case .editor: return ClassSets.published
        }
    }

    /// The answers of `readableClasses`, made once: it runs for every row of a list or search that shows a subject,
    /// and building a set hashes each class's name (1–2 % of the national search's samples, session 48).
    private enum ClassSets {
        static let all = Set(FieldClass.allCases)
        static let work: Set<FieldClass> = [.public, .internal]
        static let published: Set<FieldClass> = [.public]
    }

    /// Reading or writing one fact of a subject of the unit at `path`. Writing a fact needs the same permission as
    /// reading it, and a subject's facts are changed only by whoever may change the subject's own records.
    public static func decideField(_ actor: Actor?, _ action: Action, _ field: DataField, subjectUnit path: UnitPath)
        -> Decision
    {
        guard actor != nil else { return .forbidden(mustSignIn) }
        guard readableClasses(actor, subjectUnit: path).contains(field.fieldClass) else {
            return .forbidden(hiddenField(field))
        }
        guard action.isWrite else { return .allow }
        return decide(actor, .update, .unitRecord(path, movementIDs: [])).isAllowed
            ? .allow : .forbidden(subjectOwnerOnly)
    }

    /// Whether the reason given for an eligibility check can reveal a sensitive fact (discipline, leave for
    /// maternity or treatment, household exclusions). Those reasons are shown only to readers of sensitive data.
    public static func revealsSensitive(_ check: RuleCheck, in ruleSet: RuleSet, depth: Int = 0) -> Bool {
        guard depth < 8 else { return true }
        switch check {
        case .taskRatingAtLeast, .consecutiveRating, .noDisciplineAtLeast, .noPendingDiscipline, .familyNotExcluded:
            return true
        case .anyOf(let checks), .allOf(let checks):
            return checks.contains { revealsSensitive($0, in: ruleSet, depth: depth + 1) }
        case .qualifiesFor(let form):
            guard let f = ruleSet.form(form) else { return true }
            return f.conditions.contains { revealsSensitive($0.check, in: ruleSet, depth: depth + 1) }
        case .hasTitle, .consecutiveTitle, .initiativeAtScope, .researchAtScope, .shareOfMembersWithTitle,
            .allMembersComplete, .noMemberDisciplinedAtLeast, .memberHasTitle, .manual, .judgement:
            return false
        }
    }
}

// MARK: - Notices: whose inbox shows what

/// The notices an actor's inbox shows: those addressed to the account, and those addressed to its own unit
/// (not the units above or below it, not a sibling unit).
public struct NoticeScope: Equatable, Sendable {
    public let userID: Int
    public let unitID: Int?

    public func includes(userID u: Int?, unitID n: Int?) -> Bool {
        if let u, u == userID { return true }
        if let n, let unitID, n == unitID { return true }
        return false
    }
}

extension Policy {
    /// Whose notices the actor reads and marks read: its own, and its unit's when it may read the unit's records
    /// (an editor may not, so a dossier's title or a return's reason never reaches it).
    public static func noticeScope(_ actor: Actor) -> NoticeScope {
        NoticeScope(userID: actor.userID, unitID: receivesUnitNotices(actor.role) ? actor.unitID : nil)
    }

    /// Whether accounts of this role read (and are e-mailed) the notices addressed to their unit.
    public static func receivesUnitNotices(_ role: Role) -> Bool {
        switch role {
        case .admin, .standingOffice, .councilMember, .leadAgency, .unitOfficer: return true
        case .editor: return false
        }
    }
}

// MARK: - Dashboards: whose statistics an actor sees

/// What a dashboard or the periodic report counts, with what access needs to know of it (issue 16, item 2).
public enum StatsTarget: Equatable, Sendable {
    /// The whole tree.
    case all
    /// One unit and the units below it (a province, a commune, an agency).
    case unit(UnitPath)
    /// One movement's registrations in every unit (its lead agency's view).
    case movement(Int)
    /// A cluster or block: its members' subtrees. `heads`: the unit heading the group in each year asked (nil
    /// where none is set), so that the year's head sees its cluster's figures for the years it heads.
    case group(memberPaths: [UnitPath], heads: [Int?] = [])
}

extension Policy {
    /// Whether the actor may see these statistics: the standing office, the council and the administrator see every
    /// scope; a lead agency its movements and its own subtree; a unit officer its own subtree. Anything else is
    /// answered as if it did not exist.
    public static func statsDecision(_ actor: Actor?, _ target: StatsTarget) -> Decision {
        guard let actor else { return .forbidden(mustSignIn) }
        let records = recordScope(actor)
        if records == .all { return .allow }
        guard records != .none else { return .notFound }
        switch target {
        case .all: return .forbidden(outsideUnit)
        case .unit(let path): return actor.unitPath?.contains(path) == true ? .allow : .notFound
        case .movement(let id):
            return actor.role == .leadAgency && actor.leadMovementIDs.contains(id) ? .allow : .notFound
        // A cluster's figures name its other members: the standing office's view, and the view of the unit that
        // heads the cluster in every year asked (a head of 2024 is not a head in 2025; it reads, it does not act).
        case .group(_, let heads):
            return isGroupHead(actor, heads: heads) ? .allow : .notFound
        }
    }

    /// Whether the actor's unit heads the group in every one of the years asked (`heads`: the head of each year).
    public static func isGroupHead(_ actor: Actor, heads: [Int?]) -> Bool {
        guard actor.role == .unitOfficer || actor.role == .leadAgency, let own = actor.unitID, !heads.isEmpty else {
            return false
        }
        return heads.allSatisfy { $0 == own }
    }

    /// The dashboard an actor opens first: the whole tree for those who see it, a lead agency's first movement,
    /// otherwise its own unit; nil when it sees none.
    public static func defaultStatsTarget(_ actor: Actor?) -> StatsTarget? {
        guard let actor else { return nil }
        let records = recordScope(actor)
        if records == .all { return .all }
        if records == .none { return nil }
        if actor.role == .leadAgency, let first = actor.leadMovementIDs.min() { return .movement(first) }
        return actor.unitPath.map(StatsTarget.unit)
    }
}

/// Events (issue 10 §4): like a unit's record, the standing office and the organising unit's officers (within
/// their subtree) write; lead agencies, the council and the publicity editor read every event; others do not see it.
extension Policy {
    public static let eventOnly =
        "Sự kiện (tham quan học tập, báo cáo kinh nghiệm, hội nghị sơ kết, tổng kết) do đơn vị tổ chức hoặc "
        + "Thường trực (Phòng Nội vụ) cập nhật."

    static func decideEvent(_ actor: Actor, _ action: Action, _ path: UnitPath) -> Decision {
        let inOwnSubtree = actor.unitPath.map { $0.contains(path) } ?? false
        switch actor.role {
        case .admin, .standingOffice: return .allow
        case .unitOfficer:
            if inOwnSubtree { return .allow }
            if actor.inherits(path) { return action.isWrite ? .forbidden(inheritedReadOnly) : .allow }
            return .notFound
        case .leadAgency:
            if inOwnSubtree { return .allow }
            return action.isWrite ? .forbidden(eventOnly) : .allow
        case .councilMember, .editor:
            return action.isWrite ? .forbidden(eventOnly) : .allow
        }
    }

    /// Where the actor may hold an event (the organiser offered by a form): the same answer as
    /// `decide(.create, .event(path))`.
    public static func eventCreateScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return .all
        case .unitOfficer, .leadAgency: return actor.unitPath.map(UnitScope.subtree) ?? .none
        case .councilMember, .editor: return .none
        }
    }

    /// Whose events a listing shows: the same answer as `decide(.list, .event(path))`.
    public static func eventScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice, .leadAgency, .councilMember, .editor: return .all
        case .unitOfficer: return UnitScope.of(actor.ownAndInheritedPaths)
        }
    }
}

/// The media log and citizens' proposals (issue 10 §3, §6): which records a listing shows.
extension Policy {
    /// Whose coverage a media-log listing shows: the same answer as `decide(.list, .mediaEntry(path))`.
    public static func mediaScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        if actor.role == .editor { return actor.unitPath.map(UnitScope.subtree) ?? .none }
        return recordScope(actor)
    }

    /// Whose proposals a moderation queue shows: the same answer as `decide(.list, .proposal(path))`.
    public static func proposalScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return .all
        case .unitOfficer, .leadAgency: return UnitScope.of(actor.ownAndInheritedPaths)
        case .councilMember, .editor: return .none
        }
    }
}

/// The facts about one story that access needs (issue 10 §1).
public struct StoryScope: Sendable, Equatable {
    /// The unit whose editors keep the story.
    public let unitPath: UnitPath
    /// Who wrote it (nil: a new story, or an author whose account is gone).
    public let authorID: Int?
    /// The step is the approver's: publish, send back to draft, withdraw a published story.
    public let approval: Bool
    public init(unitPath: UnitPath, authorID: Int?, approval: Bool = false) {
        self.unitPath = unitPath
        self.authorID = authorID
        self.approval = approval
    }
}

/// Stories: the editor writes the stories of its unit's subtree and sends them for approval; the standing office
/// (Phòng Nội vụ) reads and approves them (it may also correct them); the unit's officers read their unit's; nobody
/// approves what they wrote; anyone else does not see them.
extension Policy {
    public static let storyApproverOnly = "Bài viết do Thường trực (Phòng Nội vụ) duyệt đăng, trả lại hoặc gỡ."
    public static let storyOwnApproval = "Người viết không tự duyệt bài viết của mình; Thường trực khác duyệt."
    public static let storyEditorOnly = "Bài viết do biên tập viên của đơn vị viết và sửa; đơn vị chỉ được xem."

    static func decideStory(_ actor: Actor, _ action: Action, _ scope: StoryScope) -> Decision {
        let inOwnSubtree = actor.unitPath.map { $0.contains(scope.unitPath) } ?? false
        let approves = scope.approval && action.isWrite
        switch actor.role {
        case .admin, .standingOffice:
            if approves, let author = scope.authorID, author == actor.userID { return .forbidden(storyOwnApproval) }
            return .allow
        case .editor:
            guard inOwnSubtree else { return .notFound }
            return approves ? .forbidden(storyApproverOnly) : .allow
        case .unitOfficer, .leadAgency:
            guard inOwnSubtree else { return .notFound }
            return action.isWrite ? .forbidden(storyEditorOnly) : .allow
        case .councilMember:
            return .notFound
        }
    }

    /// Whose stories the editors' list shows: the same answer as `decide(.list, .story(…))`.
    public static func storyScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return .all
        case .editor, .unitOfficer, .leadAgency: return actor.unitPath.map(UnitScope.subtree) ?? .none
        case .councilMember: return .none
        }
    }

    /// Whether the menu and the home page offer writing stories.
    public static func writesStories(_ actor: Actor?) -> Bool {
        guard let actor else { return false }
        return actor.role == .editor || approvesStories(actor)
    }

    /// Whether the actor approves stories (the standing office, the administrator); an editor only writes them.
    public static func approvesStories(_ actor: Actor?) -> Bool {
        guard let actor else { return false }
        return actor.role == .standingOffice || actor.role == .admin
    }
}

extension Policy {
    public static let consentOnly =
        "Việc ghi nhận, rút lại sự đồng ý công khai do cán bộ đơn vị của đối tượng hoặc Thường trực (Phòng Nội vụ) thực hiện."

    /// `.consent`: the subject's unit officers (their subtree) and the standing office write; the lead agency and the
    /// editor read in their own subtree, the council reads; others 404.
    static func decideConsent(_ actor: Actor, _ action: Action, _ path: UnitPath) -> Decision {
        let inOwnSubtree = actor.unitPath.map { $0.contains(path) } ?? false
        switch actor.role {
        case .admin, .standingOffice: return .allow
        case .councilMember: return action.isWrite ? .forbidden(consentOnly) : .allow
        case .unitOfficer:
            if inOwnSubtree { return .allow }
            if actor.inherits(path) { return action.isWrite ? .forbidden(inheritedReadOnly) : .allow }
            return .notFound
        case .leadAgency, .editor:
            if inOwnSubtree || (actor.role == .leadAgency && actor.inherits(path)) {
                return action.isWrite ? .forbidden(consentOnly) : .allow
            }
            return .notFound
        }
    }
}
