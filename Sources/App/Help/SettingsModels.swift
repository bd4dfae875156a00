import Domain
import Fluent
import Vapor

final class SettingModel: Model, @unchecked Sendable {
    static let schema = "settings"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "key") var key: String
    @Field(key: "value") var value: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "updated_by") var updatedBy: Int?
    /// Its properties listed, not found by reflection on every query and row (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $key, $value, $updatedAt, $updatedBy] }

    init() {}
    init(key: String, value: String, updatedBy: Int?) {
        self.key = key
        self.value = value
        self.updatedBy = updatedBy
    }
}

/// Whom people call or write to when they are stuck: shown on the help pages, the support page and the sign-in
/// page. Every field may be empty until the administrator fills it in.
struct SupportContact: Content, Sendable, Equatable {
    var name: String
    var phone: String
    var email: String
    var hours: String
    var note: String

    static let empty = SupportContact(name: "", phone: "", email: "", hours: "", note: "")

    init(name: String, phone: String, email: String, hours: String, note: String) {
        self.name = name
        self.phone = phone
        self.email = email
        self.hours = hours
        self.note = note
    }

    /// A field left out of a form or a body is empty, not an error.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        phone = try c.decodeIfPresent(String.self, forKey: .phone) ?? ""
        email = try c.decodeIfPresent(String.self, forKey: .email) ?? ""
        hours = try c.decodeIfPresent(String.self, forKey: .hours) ?? ""
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
    }

    var isEmpty: Bool { [name, phone, email, hours, note].allSatisfy(\.isEmpty) }

    /// The settings keys, in the form's order.
    static let keys: [(key: String, path: WritableKeyPath<SupportContact, String>)] = [
        ("support.name", \.name), ("support.phone", \.phone), ("support.email", \.email),
        ("support.hours", \.hours), ("support.note", \.note),
    ]
}

enum SettingsService {
    static func supportContact(on db: any Database) async throws -> SupportContact {
        let rows = try await SettingModel.query(on: db).filter(\.$key ~~ SupportContact.keys.map(\.key)).all()
        var contact = SupportContact.empty
        for (key, path) in SupportContact.keys {
            if let row = rows.first(where: { $0.key == key }) { contact[keyPath: path] = row.value }
        }
        return contact
    }

    static func validate(_ c: SupportContact) -> FieldErrors {
        var e = FieldErrors()
        if c.name.count > 120 { e.add("name", "Tên người hoặc bộ phận hỗ trợ dài tối đa 120 ký tự.") }
        // The same rule as every other phone number of the app (`ContactNumbers.phone`): Vietnam's numbering plan.
        Check.phone(c.phone, "phone", "Số điện thoại", into: &e)
        if !c.email.isEmpty, !SMTPClient.isAddress(c.email) {
            e.add("email", "Địa chỉ e-mail phải có dạng ten@donvi.gov.vn, hoặc để trống.")
        }
        if c.hours.count > 200 { e.add("hours", "Giờ làm việc dài tối đa 200 ký tự.") }
        if c.note.count > 1000 { e.add("note", "Ghi chú dài tối đa 1000 ký tự.") }
        return e
    }

    /// Saves the support contact: the administrator only (Policy `.settings`); audited with before and after.
    static func saveSupportContact(_ raw: SupportContact, actor: Actor?, on db: any Database) async throws
        -> SupportContact
    {
        try Access.check(actor, .update, .settings)
        var c = raw
        for (_, path) in SupportContact.keys { c[keyPath: path] = VietnameseText.clean(c[keyPath: path]) }
        c.note = VietnameseText.cleanMultiline(raw.note)
        let errors = validate(c)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let contact = c
        try await db.transaction { tx in
            let before = try await supportContact(on: tx)
            for (key, path) in SupportContact.keys {
                if let row = try await SettingModel.query(on: tx).filter(\.$key == key).first() {
                    row.value = contact[keyPath: path]
                    row.updatedBy = actor?.userID
                    try await row.save(on: tx)
                } else {
                    try await SettingModel(key: key, value: contact[keyPath: path], updatedBy: actor?.userID)
                        .create(on: tx)
                }
            }
            try await AuditLog.record(
                on: tx, actor: actor, action: "update", entity: "settings", entityID: nil, unitID: nil,
                summary: "Cập nhật thông tin liên hệ hỗ trợ", before: before, after: contact)
        }
        return contact
    }
}
