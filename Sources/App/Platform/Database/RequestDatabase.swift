import Fluent
import Vapor

extension Request {
    /// The request's database handle, made on first use and kept for the rest of the request. Fluent's `req.db`
    /// makes a new one on every use: four lookups in the request's and the application's storage, the databases'
    /// lock, and the driver's `makeDatabase`, where PostgreSQL's driver, generic over its JSON coders, has its types
    /// looked up by name at run time. On PostgreSQL each `req.db` was 2 % of the web list's samples (session 40), and
    /// a page used two or more. The handle is the one `req.db` would make (this request's event loop, the default
    /// database) as long as the request's logger, Fluent history and page-size limit are not changed after its first
    /// use: the app changes none of them. `DatabaseHandleTests` keeps the app's code on this one.
    var database: any Database {
        if let kept = storage[RequestDatabaseKey.self] { return kept }
        let made = db
        storage[RequestDatabaseKey.self] = made
        return made
    }
}

private struct RequestDatabaseKey: StorageKey {
    typealias Value = any Database
}
