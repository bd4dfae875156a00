import Domain
import Vapor

struct NavItem: Encodable, Sendable {
    let label: String
    let href: String
    let active: Bool
}

struct UserBadge: Encodable, Sendable {
    let fullName: String
    let username: String
    let roleLabel: String
    let unitName: String?
}

/// What every page's layout needs. Each page context holds one.
struct LayoutContext: Encodable, Sendable {
    let title: String
    let user: UserBadge?
    let nav: [NavItem]
    let csrf: String
    let flash: String?

}

/// A select option with its selected state computed in Swift, not in the template.
struct SelectOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// Page numbers for a listing, with links that keep the filter.
struct Pager: Encodable, Sendable {
    let page: Int
    let pageCount: Int
    let total: Int
    let previousHref: String?
    let nextHref: String?

    init<T>(_ page: Page<T>, base: some SitePath, query: [(String, String)]) {
        self.page = page.page
        self.pageCount = page.pageCount
        self.total = page.total
        func href(_ p: Int) -> String { base.href(query + [("page", String(p))]) }
        previousHref = page.hasPrevious ? href(page.page - 1) : nil
        nextHref = page.hasNext ? href(page.page + 1) : nil
    }

}

enum Flash {
    static let cookie = "dh_flash"
    static func set(_ message: String, on res: Response) {
        res.cookies[cookie] = HTTPCookies.Value(
            string: message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
            maxAge: 60, path: "/", isHTTPOnly: true, sameSite: .lax)
    }
    static func redirect(_ req: Request, to path: String, _ message: String) -> Response {
        let res = req.redirect(to: path, redirectType: .normal)
        set(message, on: res)
        return res
    }
}

extension Request {
    /// The layout for a signed-in page: navigation by what the policy lets this actor see.
    func layout(_ title: String, active: String) -> LayoutContext {
        var nav: [NavItem] = [
            NavItem(label: "Tổng quan", href: HomePath.home.href, active: active == HomePath.home.href)
        ]
        if let actor {
            if Policy.unitScope(actor) != .none {
                nav.append(NavItem(label: "Đơn vị", href: UnitsPath.list.href, active: active == UnitsPath.list.href))
            }
            if can(.followRegistrations) {
                nav.append(
                    NavItem(
                        label: "Đăng ký điển hình", href: RegistrationsPath.list.href,
                        active: active == RegistrationsPath.list.href))
                nav.append(
                    NavItem(
                        label: "Tiêu chí cụ thể", href: SubjectsPath.criteria.href,
                        active: active == SubjectsPath.criteria.href))
            }
            if Policy.recordScope(actor) != .none {
                nav.append(
                    NavItem(
                        label: "Hồ sơ khen thưởng", href: DossiersPath.list.href,
                        active: active == DossiersPath.list.href))
                nav.append(
                    NavItem(
                        label: "Tra cứu khen thưởng", href: AwardsPath.awards.href,
                        active: active == AwardsPath.awards.href))
            }
            if can(.list, .council(nil)) {
                nav.append(
                    NavItem(
                        label: "Hội đồng TĐKT", href: CouncilPath.council.href,
                        active: active == CouncilPath.council.href))
            }
            if can(.update, .authority(nil)) || can(.create, .authority(nil)) {
                nav.append(
                    NavItem(
                        label: "Cấp khen thưởng", href: AuthoritiesPath.list.href,
                        active: active == AuthoritiesPath.list.href))
            }
            nav.append(
                NavItem(label: "Cụm, khối thi đua", href: GroupsPath.list.href, active: active == GroupsPath.list.href))
            nav.append(
                NavItem(label: "Phong trào", href: MovementsPath.list.href, active: active == MovementsPath.list.href))
            nav.append(
                NavItem(
                    label: "Danh mục tiêu chuẩn", href: CataloguePath.catalogue.href,
                    active: active == CataloguePath.catalogue.href))
            if Policy.userScope(actor) != .none {
                nav.append(
                    NavItem(label: "Tài khoản", href: UsersPath.list.href, active: active == UsersPath.list.href))
            }
            if can(.list, .auditLog) {
                nav.append(
                    NavItem(label: "Nhật ký", href: AuditPath.audit.href, active: active == AuditPath.audit.href))
            }
            if can(.update, .calendar) {
                nav.append(
                    NavItem(
                        label: "Lịch ngày nghỉ", href: CalendarPath.calendar.href,
                        active: active == CalendarPath.calendar.href))
            }
        }
        var flash: String?
        if let raw = cookies[Flash.cookie]?.string, !raw.isEmpty { flash = raw.removingPercentEncoding }
        let user = auth.map {
            UserBadge(
                fullName: $0.user.fullName, username: $0.user.username, roleLabel: $0.actor.role.label,
                unitName: $0.unitName)
        }
        return LayoutContext(title: title, user: user, nav: nav, csrf: csrfTokenForForm(), flash: flash)
    }

    func render<C: Encodable & Sendable>(_ template: String, _ context: C, status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let view = try await self.view.render(template, context)
        let res = try await view.encodeResponse(status: status, for: self)
        if cookies[Flash.cookie] != nil { res.cookies[Flash.cookie] = .expired }
        res.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return res
    }

    /// Reads a form body into a typed DTO; an undecodable body is a 400 with a Vietnamese message.
    func form<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try content.decode(T.self) } catch {
            throw AppError.badRequest("Biểu mẫu gửi lên không đúng định dạng. Vui lòng tải lại trang và thử lại.")
        }
    }
}

/// Runs a save; on validation failure returns the field errors instead of throwing.
private func attempt<T>(_ body: () async throws -> T) async throws -> Result<T, AppError> {
    do { return .success(try await body()) } catch let e as AppError
        where e.code == .validationFailed || e.code == .conflict
    {
        return .failure(e)
    }
}

extension Request {
    /// The one way a form post ends: try the write; on success redirect with a message, on a validation error or a
    /// conflict render the form again with its errors (and everything typed). Other errors go to the error page.
    func submit<T>(
        _ write: () async throws -> T,
        redirect: (T) throws -> (to: String, message: String),
        orRender: (AppError) async throws -> Response
    ) async throws -> Response {
        switch try await attempt(write) {
        case .success(let value):
            let (to, message) = try redirect(value)
            return Flash.redirect(self, to: to, message)
        case .failure(let error):
            return try await orRender(error)
        }
    }
}
