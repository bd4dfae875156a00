/// Search over the folded text of registrations (subject, title, unit) that does not scan the table (issue 11).
/// SQLite: an FTS5 table over `registrations.search_text` (external content), kept up to date by triggers, so every
/// writer — the service, the import's bulk INSERT, the data generator — keeps it right in the same transaction.
/// PostgreSQL: a pg_trgm GIN index over the same column, which serves the word-start regular expressions of
/// `RegistrationListing.conditions`. Both match each searched word at the start of a word of the folded text.
enum AddRegistrationSearch {
    static let migration = FoldedTextSearch(table: "registrations", prefix: nil).migration(
        named: "AddRegistrationSearch")
}
