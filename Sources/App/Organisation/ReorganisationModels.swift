import Domain
import Fluent
import Foundation

/// One step of a unit's lineage: `successor` carries `predecessor`'s history from `effectiveDay`.
final class UnitSuccessionModel: Model, @unchecked Sendable {
    static let schema = "unit_successions"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Parent(key: "predecessor_id") var predecessor: UnitModel
    @Parent(key: "successor_id") var successor: UnitModel
    /// yyyy-mm-dd.
    @Field(key: "effective_day") var effectiveDay: String
    @Field(key: "kind") var kind: SuccessionKind
    /// The legal basis, e.g. "Nghị quyết 1677/NQ-UBTVQH15".
    @Field(key: "basis") var basis: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $predecessor, $successor, $effectiveDay, $kind, $basis, $createdAt] }

    init() {}

    init(predecessorID: Int, successorID: Int, effectiveDay: String, kind: SuccessionKind, basis: String) {
        self.$predecessor.id = predecessorID
        self.$successor.id = successorID
        self.effectiveDay = effectiveDay
        self.kind = kind
        self.basis = basis
    }
}
