import Domain
import Fluent
import Vapor

struct ErrorPageContext: Encodable, Sendable {
    let layout: LayoutContext
    let status: Int
    let heading: String
    let message: String
}

/// Turns every error into a Vietnamese answer with the real status: JSON {code, message, fields}
/// under /api, an error page elsewhere. Internal details are logged, never shown. Future-based: a task is made
/// only for an error's page, not for every request as an async middleware would.
struct ErrorPageMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).flatMapError { error in
            req.eventLoop.makeFutureWithTask { await self.handle(error, req) }
        }
    }

    static func classify(_ error: any Error) -> AppError {
        switch error {
        case let e as AppError: return e
        case is ConnectionPoolTimeoutError:
            // Every pooled connection busy past the pool's wait (PostgreSQL's DIENHINH_PG_POOL_WAIT, SQLite's 60 s): a 503
            // to come back to, not a 500; logged as an error below, with the request's id.
            return .databaseBusy(retryAfter: 5)
        case is DecodingError:
            return .badRequest("Dữ liệu gửi lên không đúng định dạng hoặc thiếu trường bắt buộc.")
        case let e as any DatabaseError where e.isConstraintFailure:
            // Two requests racing to create the same record, or a row still referenced: the database said no.
            return .conflict(
                "Không lưu được: trùng với một bản ghi vừa được tạo, hoặc bản ghi còn dữ liệu liên quan. "
                    + "Vui lòng tải lại trang để xem dữ liệu mới nhất.")
        case let e as any AbortError:
            let code: AppError.Code
            switch e.status.code {
            case 401: code = .unauthorized
            case 403: code = .forbidden
            case 404: code = .notFound
            case 409: code = .conflict
            case 413: code = .payloadTooLarge
            case 422: code = .validationFailed
            case 503: code = .busy
            case 500...: code = .internalError
            default: code = .badRequest
            }
            return AppError(status: e.status, code: code, message: e.status.defaultVietnameseMessage)
        default:
            return AppError(
                status: .internalServerError, code: .internalError,
                message: HTTPResponseStatus.internalServerError.defaultVietnameseMessage)
        }
    }

    func handle(_ error: any Error, _ req: Request) async -> Response {
        let e = Self.classify(error)
        // A client that hung up while its request waited (`Admission.entered`, 499) reads nothing: no page is drawn
        // for it. Drawing one also outlived the app when the app stopped meanwhile (a crash in AdmissionTests on
        // PostgreSQL: the views were gone by the time the page was drawn).
        if e.status.code == 499 {
            req.logger.debug("499 \(req.url.path): \(error)")
            return Response(status: e.status)
        }
        if e.code == .busy {
            req.logger.warning("\(e.status.code) \(req.method) \(req.url.path): \(e.message)")
        } else if e.status.code >= 500 {
            req.logger.report(error: error)
        } else {
            req.logger.debug("\(e.status.code) \(req.url.path): \(error)")
        }
        if req.url.path.hasPrefix("/api/") {
            let body = APIErrorBody(
                code: e.code.rawValue, message: e.message, fields: e.fields.isEmpty ? nil : e.fields.dictionary)
            let res = Response(status: e.status)
            try? res.content.encode(body, as: .json)
            if e.status == .unauthorized { res.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            if let wait = e.retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(wait)) }
            return res
        }
        if e.status == .unauthorized && req.method == .GET {
            return req.redirect(to: AuthPath.login.href)
        }
        let ctx = ErrorPageContext(
            layout: req.layout(e.status.vietnameseTitle, active: ""), status: Int(e.status.code),
            heading: e.status.vietnameseTitle, message: e.message)
        do {
            let res = try await req.render("platform/error", ctx, status: e.status)
            if let wait = e.retryAfter { res.headers.replaceOrAdd(name: .retryAfter, value: String(wait)) }
            return res
        } catch {
            let res = Response(status: e.status, body: .init(string: "\(e.status.code) — \(e.message)"))
            res.headers.contentType = .plainText
            return res
        }
    }
}

/// Headers that keep every page to our own host: no outside scripts, styles, fonts or frames; HSTS behind HTTPS;
/// and no copy in any cache of an answer that may carry personal data. A future's `map`, not an async middleware:
/// Vapor runs each async middleware in a task of its own, a hop to the global pool and back on every request.
struct SecurityHeadersMiddleware: Middleware {
    let config: AppConfig

    /// Signed-in pages, the API and the login form: never stored by a browser or a proxy.
    static func isPrivate(_ req: Request) -> Bool {
        let path = req.url.path
        return path == "/app" || path.hasPrefix("/app/") || path.hasPrefix("/api/") || path == AuthPath.login.href
            || req.headers.first(name: .authorization) != nil
    }

    /// HTTPS as the client sees it: configured so, or said by the proxy in front.
    func isHTTPS(_ req: Request) -> Bool {
        config.secureCookies == true || req.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
    }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { res in self.secure(res, for: req) }
    }

    func secure(_ res: Response, for req: Request) -> Response {
        if Self.isPrivate(req), !(res.headers.first(name: .cacheControl)?.holds("no-store") ?? false) {
            res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if isHTTPS(req) {
            res.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        res.headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value:
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        )
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return res
    }
}
