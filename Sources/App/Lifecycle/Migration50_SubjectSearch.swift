/// Search over the folded names of subjects that does not walk the table (issue 11): the award lookup's `q`. It was
/// a `LIKE '%…%'` on `subjects.search_text`, checked subject by subject in name order until a page was found: a
/// name nobody has walked all 1,000,000 subjects of the national data (1.3 s, and 0.3 s more to count). As for the
/// registrations (migrations 36 and 47): SQLite, an FTS5 table over `subjects.search_text` (external content, prefix
/// indexes for two to four letters) kept by triggers, so every writer — the services, the import's bulk INSERT,
/// the data generator — keeps it in the same transaction; PostgreSQL, a pg_trgm GIN index that serves the
/// word-start regular expressions. Each searched word matches the start of a word of the name.
enum AddSubjectSearch {
    static let migration = FoldedTextSearch(table: "subjects", prefix: "2 3 4").migration(named: "AddSubjectSearch")
}
