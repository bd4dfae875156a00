/// Search over the dossiers' folded title and unit name that does not test every dossier (issue 11): the dossier
/// list's `q` (its page, API and export). It was one `LIKE '%…%'`, checked dossier by dossier in list order, so a
/// search read every dossier in the actor's scope for a title nobody wrote, and a fragment inside a word matched
/// (“ung” found “Đăk Ruồng”). As for registrations, subjects and units (migrations 36, 50, 51): SQLite, an FTS5
/// table `dossiers_fts` kept by triggers; PostgreSQL, a pg_trgm GIN index. Each searched word matches the start of a
/// word.
enum AddDossierSearch {
    static let search = FoldedTextSearch(table: "dossiers")
    static let migration = search.migration(named: "AddDossierSearch")
}
