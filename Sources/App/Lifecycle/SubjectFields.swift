import Domain
import Vapor

/// Which classes of a subject's facts a reader sees (`Policy.readableClasses`), with the JSON keys of the
/// fields a response leaves out for it.
///
/// The classes are kept as bits: `shows` runs for every field of every row of a list, and a set's `contains` hashed
/// the class's name each time (session 48).
struct FieldAccess: Sendable, Equatable {
    private let bits: UInt8

    static let everything = FieldAccess(classes: Set(FieldClass.allCases))

    init(classes: Set<FieldClass>) { bits = classes.reduce(0) { $0 | Self.bit($1) } }
    init(_ actor: Actor?, subjectUnit path: UnitPath) {
        self.init(classes: Policy.readableClasses(actor, subjectUnit: path))
    }

    private static func bit(_ c: FieldClass) -> UInt8 {
        switch c {
        case .public: 1
        case .internal: 2
        case .personal: 4
        case .sensitive: 8
        }
    }

    func shows(_ f: DataField) -> Bool { bits & Self.bit(f.fieldClass) != 0 }
    var personal: Bool { bits & Self.bit(.personal) != 0 }
    var sensitive: Bool { bits & Self.bit(.sensitive) != 0 }

    /// The value when the reader may see the field, else nil (the key is then absent from the JSON).
    func value<T>(_ f: DataField, _ v: @autoclosure () -> T) -> T? { shows(f) ? v() : nil }

    /// JSON keys of the given fields the reader may not see.
    func withheld(_ fields: [(String, DataField)]) -> [String] { fields.filter { !shows($0.1) }.map(\.0) }
}

extension Request {
    /// What this request's actor sees of a subject of the unit at `path`.
    func fieldAccess(_ path: UnitPath) -> FieldAccess { FieldAccess(actor, subjectUnit: path) }
}

enum SubjectFields {
    /// Subject facts a write may carry, with their JSON keys.
    static let subjectKeys: [(String, DataField)] = [
        ("gender", .subjectGender), ("ethnicity", .subjectEthnicity), ("birthDate", .subjectBirthDate),
        ("idNumber", .subjectIDNumber), ("phone", .subjectPhone), ("address", .subjectAddress),
    ]
    static let annualKeys: [(String, DataField)] = [
        ("note", .annualNote), ("discipline", .annualDiscipline), ("disciplineLabel", .annualDiscipline),
        ("disciplinePending", .annualDisciplinePending), ("maternityLeave", .annualMaternityLeave),
        ("treatmentLeave", .annualTreatmentLeave), ("familyExclusions", .annualFamilyExclusions),
    ]

    /// Applies the subject facts a request carries to `subject` (nil = unchanged, "" = cleared). A field the actor
    /// may not read is refused even when it equals the stored value (no guessing by trial); a field it reads but
    /// may not change is refused only when it differs.
    static func apply(_ s: SubjectInput, to subject: SubjectModel, path: UnitPath, actor: Actor?) throws {
        func check(_ f: DataField, changes: Bool) throws {
            switch Policy.decideField(actor, .read, f, subjectUnit: path) {
            case .allow: break
            case .forbidden(let m): throw AppError.forbidden(m)
            case .notFound: throw AppError.forbidden(Policy.hiddenField(f))
            }
            guard changes else { return }
            if case .forbidden(let m) = Policy.decideField(actor, .update, f, subjectUnit: path) {
                throw AppError.forbidden(m)
            }
        }
        let birth = s.birthDate.map { $0.isEmpty ? "" : (VietnameseDate.displayToISO($0) ?? "") }
        let text: [(DataField, String?, ReferenceWritableKeyPath<SubjectModel, String>)] = [
            (.subjectName, s.name.isEmpty ? nil : s.name, \.name), (.subjectGender, s.gender, \.gender),
            (.subjectEthnicity, s.ethnicity, \.ethnicity), (.subjectPosition, s.position, \.position),
            (.subjectBirthDate, birth, \.birthDate), (.subjectIDNumber, s.idNumber, \.idNumber),
            (.subjectPhone, s.phone, \.phone), (.subjectAddress, s.address, \.address),
        ]
        let links: [(DataField, Int?, ReferenceWritableKeyPath<SubjectModel, Int?>)] = [
            (.subjectHeadsUnit, s.headsUnitID, \.headsUnitID),
            (.subjectRepresentsUnit, s.representsUnitID, \.representsUnitID),
        ]
        // Every check first, so a refused request changes nothing.
        for (f, v, kp) in text { if let v { try check(f, changes: subject[keyPath: kp] != v) } }
        for (f, v, kp) in links { if let v { try check(f, changes: subject[keyPath: kp] != v) } }
        for (_, v, kp) in text { if let v { subject[keyPath: kp] = v } }
        for (_, v, kp) in links { if let v { subject[keyPath: kp] = v } }
        subject.refreshSearch()
    }

    /// A new subject's facts: each one given needs the permission to write it in that unit.
    static func checkNew(_ s: SubjectInput, path: UnitPath, actor: Actor?) throws {
        let given: [(DataField, String?)] = [
            (.subjectGender, s.gender), (.subjectEthnicity, s.ethnicity), (.subjectBirthDate, s.birthDate),
            (.subjectIDNumber, s.idNumber), (.subjectPhone, s.phone), (.subjectAddress, s.address),
        ]
        for (f, v) in given where !(v ?? "").isEmpty {
            if case .forbidden(let m) = Policy.decideField(actor, .create, f, subjectUnit: path) {
                throw AppError.forbidden(m)
            }
        }
    }
}
