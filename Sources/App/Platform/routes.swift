import Fluent
import SQLKit
import Vapor

func routes(_ app: Application, _ config: AppConfig) throws {
    app.get("healthz") { req async throws -> Response in
        do {
            _ = try await req.db.sql().raw("SELECT 1 AS ok").all()
            return Response(status: .ok, body: .init(string: "ok"))
        } catch {
            return Response(status: .serviceUnavailable, body: .init(string: "cơ sở dữ liệu không trả lời"))
        }
    }

    // Web pages: session cookie, CSRF on every form post.
    let web = app.grouped(SessionAuthenticator(), PendingCookieMiddleware(config: config), CSRFMiddleware())
    HomeWebController().registerPublic(web)
    AuthWebController(config: config).register(web)
    let signedIn = web.grouped(RequireSignedInPage())
    HomeWebController().register(signedIn)
    UnitsWebController().register(signedIn)
    ReorganisationWebController().register(signedIn)
    GroupsWebController().register(signedIn)
    UsersWebController().register(signedIn)
    MovementsWebController().register(signedIn)
    CatalogueWebController().register(signedIn)
    AuditWebController().register(signedIn)
    RegistrationsWebController().register(signedIn)
    RolloverWebController().register(signedIn)
    EvaluationWebController().register(signedIn)
    PrintFormsWebController().register(signedIn)
    SubjectsCriteriaWebController().register(signedIn)
    ImportsWebController().register(signedIn)
    DossiersWebController().register(signedIn)
    CouncilWebController().register(signedIn)
    AuthoritiesWebController().register(signedIn)
    AwardsWebController().register(signedIn)
    EligibilityWebController().register(signedIn)
    CalendarWebController().register(signedIn)
    DecisionsWebController().register(signedIn)
    StateDecisionWebController().register(signedIn)
    RewardsWebController().register(signedIn)
    CertificatesWebController().register(signedIn)
    NoticesWebController().register(signedIn)
    AccountWebController().register(signedIn)
    HelpWebController().register(signedIn)
    GroupsEditWebController().register(signedIn)
    SetupImportWebController().register(signedIn)
    QuotaWebController().register(signedIn)

    // JSON API: bearer tokens, no cookies.
    let api = app.grouped("api", "v1").grouped(BearerAuthenticator())
    api.get("openapi.json") { req in try OpenAPIDocument.response(for: req) }
    AuthAPIController(config: config).registerPublic(api)
    let apiAuth = api.grouped(RequireAPIToken())
    AuthAPIController(config: config).register(apiAuth)
    UnitsAPIController().register(apiAuth)
    UsersAPIController().register(apiAuth)
    MovementsAPIController().register(apiAuth)
    CatalogueAPIController().register(apiAuth)
    AuditAPIController().register(apiAuth)
    LifecycleAPIController().register(apiAuth)
    ImportsAPIController().register(apiAuth)
    CommendationAPIController().register(apiAuth)
    CouncilAPIController().register(apiAuth)
    CalendarAPIController().register(apiAuth)
    DecisionsAPIController().register(apiAuth)
    StateDecisionAPIController().register(apiAuth)
    RewardsAPIController().register(apiAuth)
    CertificatesAPIController().register(apiAuth)
    NoticesAPIController().register(apiAuth)
    AccountAPIController().register(apiAuth)
    GroupsEditAPIController().register(apiAuth)
    SetupImportAPIController().register(apiAuth)
}
