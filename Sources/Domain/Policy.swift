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

    public init(
        userID: Int, username: String, role: Role, unitID: Int?, unitPath: UnitPath?, leadMovementIDs: Set<Int> = []
    ) {
        self.userID = userID
        self.username = username
        self.role = role
        self.unitID = unitID
        self.unitPath = unitPath
        self.leadMovementIDs = leadMovementIDs
    }
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
    /// Personal data (ID number, phone, address, date of birth) of a subject registered in a unit.
    case personalData(UnitPath)
    case catalogue
    /// A movement (nil id: the collection or a new one).
    case movement(id: Int?)
    case auditLog
    /// The council's work: appraisal of dossiers, meetings, tallies, decisions, the roster.
    case council
    /// One council meeting; `isAttendee`: the actor's account holds a seat in it (a roster member of another role).
    case councilMeeting(isAttendee: Bool)
    /// Casting a ballot in a council meeting; `isMember`: the actor's account is on the council's roster.
    case councilVote(isMember: Bool)
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
    case none
}

/// The one place where access is decided. Controllers and queries ask it; nothing else decides.
public enum Policy {
    public static let mustSignIn = "Vui lòng đăng nhập để tiếp tục."
    public static let readOnly = "Vai trò của bạn chỉ được xem, không được thay đổi dữ liệu này."
    static let councilOnly =
        "Thẩm định, tổ chức họp Hội đồng và ghi quyết định do Thường trực Hội đồng (Phòng Nội vụ) thực hiện."
    static let rosterOnly = "Chỉ thành viên Hội đồng Thi đua - Khen thưởng được bỏ phiếu."
    public static let outsideUnit = "Bạn chỉ được thao tác trên dữ liệu của đơn vị mình và các đơn vị trực thuộc."

    public static func decide(_ actor: Actor?, _ action: Action, _ resource: Resource) -> Decision {
        guard let actor else { return .forbidden(mustSignIn) }
        // The roster, which is data, says who votes: nobody votes without a seat, the administrator included.
        if case .councilVote(let isMember) = resource {
            return isMember ? .allow : .forbidden(rosterOnly)
        }
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
                return inOwnSubtree ? .allow : .notFound
            case .leadAgency:
                if inOwnSubtree { return .allow }
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
            switch actor.role {
            case .standingOffice: return .allow
            case .unitOfficer:
                if let own = actor.unitPath, own.contains(path) { return .allow }
                return .notFound
            default: return .forbidden("Thông tin cá nhân chỉ hiển thị cho đơn vị quản lý và Thường trực.")
            }
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
        case .council:
            switch actor.role {
            case .standingOffice: return .allow
            case .councilMember: return action.isWrite ? .forbidden(councilOnly) : .allow
            default: return action.isWrite ? .forbidden(councilOnly) : .notFound
            }
        case .councilMeeting(let isAttendee):
            if !action.isWrite && isAttendee { return .allow }
            return decide(actor, action, .council)
        case .councilVote: // decided above, before the administrator's pass
            return .forbidden(rosterOnly)
        }
    }

    /// Which units a listing of units shows to this actor.
    public static func unitScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice, .councilMember, .leadAgency, .editor: return .all
        case .unitOfficer: return actor.unitPath.map(UnitScope.subtree) ?? .none
        }
    }

    /// Whose unit-owned commendation records (dossiers, awards) a listing shows: the same answer as
    /// `decide(.list, .unitRecord)` gives without movements.
    public static func recordScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice, .councilMember: return .all
        case .unitOfficer, .leadAgency: return actor.unitPath.map(UnitScope.subtree) ?? .none
        case .editor: return .none
        }
    }

    /// Which units' users a listing of users shows to this actor.
    public static func userScope(_ actor: Actor?) -> UnitScope {
        guard let actor else { return .none }
        switch actor.role {
        case .admin, .standingOffice: return .all
        case .unitOfficer: return actor.unitPath.map(UnitScope.subtree) ?? .none
        default: return .none
        }
    }

    static func canSeeUnit(_ actor: Actor, _ path: UnitPath) -> Bool {
        switch unitScope(actor) {
        case .all: return true
        case .subtree(let root): return root.contains(path)
        case .none: return false
        }
    }
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
}

/// Which registrations a listing shows: the same answer as `decide(.list, .unitRecord(path, movementIDs:))`,
/// as a filter (a lead agency also sees the registrations of the movements it leads, in any unit).
public enum RecordListScope: Equatable, Sendable {
    case all
    case subtree(UnitPath)
    /// The unit's subtree (if any) or records tied to one of these movements.
    case subtreeOrMovements(UnitPath?, movementIDs: Set<Int>)
    case none
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
        case .unitOfficer: return actor.unitPath.map(RecordListScope.subtree) ?? .none
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
