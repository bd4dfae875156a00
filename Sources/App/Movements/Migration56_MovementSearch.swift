/// Search over the movements' folded code and name that does not test every movement (issue 11): the movement
/// list's `q` (its page and API). It was a `LIKE '%…%'` per word, movement by movement in code order, and a
/// fragment inside a word matched. As for the dossiers (migration 55): SQLite, an FTS5 table `movements_fts` kept by
/// triggers; PostgreSQL, a pg_trgm GIN index. Each searched word matches the start of a word.
enum AddMovementSearch {
    static let search = FoldedTextSearch(table: "movements")
    static let migration = search.migration(named: "AddMovementSearch")
}
