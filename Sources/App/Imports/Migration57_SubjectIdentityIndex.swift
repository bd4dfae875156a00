/// An import reuses a subject of the same unit, kind, folded name and ID number (`SubjectRow.identity`). It found
/// them by reading every subject of the file's units as models, so an import into communes that earlier imports had
/// filled slowed down and grew with them (issue 11: a soak of 50,000-row imports into the same 200 communes, 5,463
/// rows/s at the first, 1,672 at the seventh, 1.5 GB at its peak). `subjects_unit_name_idx (unit_id, search_text)`
/// finds the file's own (unit, name) pairs (`ImportService.existingSubjects`).
enum AddSubjectIdentityIndex {
    static let index = "subjects_unit_name_idx"
    static let migration = IndexMigration(
        name: "AddSubjectIdentityIndex", index: index, table: "subjects", columns: ["unit_id", "search_text"])
}
