/// The public exemplar directory's order, subjects (sort_key, id), as an index: a page "after this subject" walks
/// the next subjects in order instead of sorting the whole table (a million subjects at national scale).
enum AddSubjectOrderIndex {
    static let migration = IndexMigration(
        name: "AddSubjectOrderIndex", index: "subjects_order_idx", table: "subjects", columns: ["sort_key", "id"])
}
