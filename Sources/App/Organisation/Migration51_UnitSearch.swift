/// Search over the folded code, name and short name of units that does not walk the table (issue 11): the units
/// list's `q` (its page, API, export and the unit picker). It was a `LIKE '%…%'` per word, checked unit by unit in
/// list order: 31 ms a page over the country's 99,348 units, and every unit read for a name nobody has. As for the
/// registrations and the subjects (migrations 36, 47, 50): SQLite, an FTS5 table `units_fts` kept by triggers;
/// PostgreSQL, a pg_trgm GIN index. Each searched word matches the start of a word.
enum AddUnitSearch {
    static let migration = FoldedTextSearch(table: "units", prefix: "2 3 4").migration(named: "AddUnitSearch")
}
