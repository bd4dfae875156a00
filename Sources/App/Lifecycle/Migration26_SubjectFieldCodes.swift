import Domain
import Fluent
import SQLKit

/// Gender and ethnicity were free text; they become codes (`Gender`, the ethnic-group list of
/// Resources/Catalogues/ethnic-groups.json). A value that maps ("Nữ", "Xơ Đăng", "xo dang") becomes its code. A value
/// that does not map stays as typed, in the same column, so nothing is lost and it keeps its reading rules
/// (gender is personal, ethnicity sensitive): pages show it marked "không có trong danh mục", statistics count it as
/// unknown, and the next edit of the subject asks for a choice from the list. The count left is logged.
struct SubjectFieldCodes: AsyncMigration {
    var name: String { "SubjectFieldCodes" }

    struct Row: Decodable {
        let id: Int
        let gender: String
        let ethnicity: String
    }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        let rows = try await sql.raw(
            "SELECT id, gender, ethnicity FROM subjects WHERE gender <> '' OR ethnicity <> '' ORDER BY id"
        ).all(decoding: Row.self)
        var unmapped = 0
        for r in rows {
            let gender = SubjectCatalogues.genderCode(VietnameseText.clean(r.gender))
            let ethnicity = SubjectCatalogues.ethnicityCode(VietnameseText.clean(r.ethnicity))
            if !gender.isEmpty, Gender(rawValue: gender) == nil { unmapped += 1 }
            if !ethnicity.isEmpty, SubjectCatalogues.ethnicGroups.group(code: ethnicity) == nil { unmapped += 1 }
            guard gender != r.gender || ethnicity != r.ethnicity else { continue }
            try await sql.raw(
                "UPDATE subjects SET gender = \(bind: gender), ethnicity = \(bind: ethnicity) WHERE id = \(bind: r.id)"
            ).run()
        }
        if unmapped > 0 {
            database.logger.warning(
                "SubjectFieldCodes: \(unmapped) giá trị giới tính/dân tộc không có trong danh mục, giữ nguyên như đã nhập."
            )
        }
    }

    /// Codes back to the names people typed.
    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        let rows = try await sql.raw(
            "SELECT id, gender, ethnicity FROM subjects WHERE gender <> '' OR ethnicity <> '' ORDER BY id"
        ).all(decoding: Row.self)
        for r in rows {
            let gender = SubjectCatalogues.genderLabel(r.gender)
            let ethnicity = SubjectCatalogues.ethnicityName(r.ethnicity)
            guard gender != r.gender || ethnicity != r.ethnicity else { continue }
            try await sql.raw(
                "UPDATE subjects SET gender = \(bind: gender), ethnicity = \(bind: ethnicity) WHERE id = \(bind: r.id)"
            ).run()
        }
    }
}
