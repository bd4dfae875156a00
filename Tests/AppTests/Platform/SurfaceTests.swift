import Domain
import Fluent
import Leaf
import Testing
import Vapor

@testable import App

@Suite("OpenAPI, errors, views")
struct SurfaceTests {
    @Test("The OpenAPI document lists exactly the real /api/v1 routes, and real answers carry its required fields")
    func openAPIMatchesRoutes() async throws {
        try await withTestApp { app in
            let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(res.status == .ok)
            let doc = try #require(
                try JSONSerialization.jsonObject(with: Data(String(buffer: res.body).utf8)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, ops) in paths {
                for method in ops.keys { documented.insert("\(method.uppercased()) /api/v1\(path)") }
            }
            var real = Set<String>()
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter(let n) = c { return "{\(n)}" }
                        return c.description
                    }.joined(separator: "/")
                if path.hasPrefix("/api/v1/") { real.insert("\(route.method.rawValue) \(path)") }
            }
            #expect(
                documented == real,
                "only documented: \(documented.subtracting(real)); only real: \(real.subtracting(documented))")

            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func required(_ name: String) -> [String] { schemas[name]?["required"] as? [String] ?? [] }
            let api = try await APIClient.login(app, "noivu")
            let units = try await api.send(.GET, "/api/v1/units").jsonObject()
            let unit = try #require((units["items"] as? [[String: Any]])?.first)
            for key in required("Unit") { #expect(unit[key] != nil, "Unit.\(key)") }
            let m = try #require(
                (try await api.send(.GET, "/api/v1/movements").jsonObject()["items"] as? [[String: Any]])?.first)
            for key in required("Movement") { #expect(m[key] != nil, "Movement.\(key)") }
            let err = try await api.send(.GET, "/api/v1/units/999999").jsonObject()
            for key in required("Error") { #expect(err[key] != nil, "Error.\(key)") }
        }
    }

    @Test("Unknown pages get a Vietnamese error page with the real status; the API answers JSON")
    func errors() async throws {
        try await withTestApp(demo: false) { app in
            let page = try await app.testing().sendRequest(.GET, "/khong-co-trang-nay")
            #expect(page.status == .notFound)
            let text = String(buffer: page.body)
            #expect(text.contains("Không tìm thấy"))
            #expect(text.contains("lang=\"vi\""))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/khong-co")
            #expect(api.status == .notFound)
            #expect(String(buffer: api.body).contains("\"code\":\"not_found\""))
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .ok)
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
        }
    }

    @Test("Every view renders from its .mock context")
    func everyViewRenders() async throws {
        try await withTestApp(demo: false) { app in
            func render<C: Encodable & Sendable>(_ name: String, _ ctx: C, mustContain: String) async throws {
                let view = try await app.view.render(name, ctx).get()
                let html = String(buffer: view.data)
                // The app draws its pages with its own encoder (`PageRenderer`): the same context must give the same
                // bytes as Leaf's own encoder gives.
                let leafs = try await app.leaf.renderer.render(path: name, context: ctx).get()
                #expect(html == String(buffer: leafs), "\(name): PageEncoder's page differs from Leaf's encoder's")
                #expect(html.contains("<html lang=\"vi\">"), "\(name)")
                #expect(html.contains(mustContain), "\(name) lacks \(mustContain)")
                #expect(!html.contains("#("), "\(name) has an unrendered tag")
            }
            try await render("platform/login", LoginPage.mock, mustContain: "Tên đăng nhập hoặc mật khẩu không đúng.")
            try await render("public/home", PublicHomePage.mock, mustContain: "Dạy tốt - Học tốt")
            try await render("home/home", HomePage.mock, mustContain: "Rà soát phong trào")
            try await render("organisation/units", UnitsPage.mock, mustContain: "Ủy ban nhân dân xã Đăk Ruồng")
            try await render("organisation/unit", UnitPage.mock, mustContain: "Thêm đơn vị trực thuộc")
            try await render("organisation/reorganise", ReorganisationPage.mock, mustContain: "KR-XYZ")
            try await render("organisation/unit-form", UnitFormPage.mock, mustContain: "Mã không được để trống.")
            // The shared unit field (`UnitField`): as a text field with matches offered and its error, and as a select.
            try await render(
                "organisation/unit-form", UnitFormPage.mock,
                mustContain: "<input type=\"radio\" name=\"parentID\" value=\"10\"> Xã Đăk Tờ Re (KR-DAKTORE)")
            try await render(
                "organisation/unit-form", UnitFormPage.mock,
                mustContain: "<input id=\"parent\" name=\"parent\" type=\"text\" value=\"dak\" aria-invalid=\"true\" "
                    + "aria-describedby=\"parentID-error\">")
            try await render(
                "organisation/user-form", UserFormPage.mock,
                mustContain: "<select id=\"unitID\" name=\"unitID\"><option value=\"\">— Không thuộc đơn vị —</option>"
                    + "<option value=\"9\" selected>Xã Đăk Ruồng</option></select>")
            try await render("organisation/groups", GroupsPage.mock, mustContain: "Cụm thi đua các xã, thị trấn")
            try await render("organisation/users", UsersPage.mock, mustContain: "A Thuận")
            try await render(
                "organisation/user-form", UserFormPage.mock, mustContain: "Mật khẩu phải có ít nhất 10 ký tự.")
            try await render("movements/movements", MovementsPage.mock, mustContain: "PT-DTHT")
            try await render("movements/movement", MovementPage.mock, mustContain: "Phòng Giáo dục và Đào tạo")
            try await render(
                "movements/movement-form", MovementFormPage.mock, mustContain: "Tên phong trào không được để trống.")
            try await render("catalogue/catalogue", CataloguePage.mock, mustContain: "MH-01-TC01")
            try await render("platform/audit", AuditPage.mock, mustContain: "Sửa đơn vị")
            try await render(
                "platform/audit", AuditPage.mock, mustContain: #"<a href="/app/audit/7">Trước → sau (30.086 ký tự)</a>"#
            )
            try await render(
                "platform/audit-entry", AuditEntryPage.mock,
                mustContain: "<pre>{&quot;file&quot;:&quot;dang-ky.csv&quot;,&quot;registrationIDRanges&quot;")
            try await render("platform/error", ErrorPageContext.mock, mustContain: "Lỗi 404")
            try await render("lifecycle/registrations", RegistrationsPage.mock, mustContain: "Mô hình trồng sâm dây")
            // A select's options as kept HTML, written as they are.
            try await render(
                "lifecycle/registrations", RegistrationsPage.mock,
                mustContain: #"<select id="status" name="status"><option value="approved" selected>Đã duyệt</option>"#)
            // The unit filter as a text field with its matches (links to the list filtered by each).
            try await render(
                "lifecycle/registrations", RegistrationsPage.mock,
                mustContain: #"<a href="/app/registrations?unitID=12">Xã Đăk Tờ Re (KR-DAKTORE)</a>"#)
            try await render(
                "lifecycle/registration-form", RegistrationFormPage.mock,
                mustContain: "Tên đối tượng không được để trống.")
            var typed = RegistrationFormPage.mock
            typed.unitField = UnitField(
                name: "unitID", textName: "unit", label: "Đơn vị", required: true, picker: .mock, error: nil)
            try await render(
                "lifecycle/registration-form", typed, mustContain: "<legend>Có 2 đơn vị khớp “dak”; chọn một:</legend>")
            try await render("lifecycle/registration", RegistrationPage.mock, mustContain: "Quá hạn")
            try await render(
                "lifecycle/evaluation-form", EvaluationFormPage.mock, mustContain: "Số cán bộ lãnh đạo, quản lý đạt")
            try await render("lifecycle/subject", SubjectPage.mock, mustContain: "062080000123")
            try await render("lifecycle/criteria", CriteriaPage.mock, mustContain: "Không có hộ tái nghèo")
            try await render("lifecycle/rollover", RolloverPage.mock, mustContain: "Đã có tiêu chí năm 2025")
            try await render("lifecycle/print-form", PrintFormPage.mock, mustContain: "Độc lập - Tự do - Hạnh phúc")
            try await render("imports/imports", ImportsPage.mock, mustContain: "dang-ky-2024.xlsx")
            try await render("imports/import-job", ImportJobPage.mock, mustContain: "Không có đơn vị mã “KR-XYZ”.")
            try await render("imports/setup", SetupImportPage.mock, mustContain: "Cấp trên lặp vòng")
            try await render("imports/setup", SetupImportPage.accountsMock, mustContain: "k7Ph2mQx9ZtR4w")
            try await render("organisation/group-form", GroupFormPage.mock, mustContain: "Bỏ khỏi cụm, khối")
            try await render("commendation/dossiers", DossiersPage.mock, mustContain: "Trích yếu không được để trống.")
            try await render(
                "commendation/dossier", DossierPage.mock,
                mustContain: "Cảnh báo: Chưa đủ điều kiện để đề nghị Chiến sĩ thi đua cơ sở.")
            try await render(
                "commendation/dossier", DossierPage.stateMock, mustContain: "Tờ trình số 45/TTr-UBND ngày 10/11/2025")
            try await render("commendation/council", CouncilPage.mock, mustContain: "Nguyễn Văn An")
            try await render("commendation/meeting", MeetingPage.mock, mustContain: "Bạn thuộc đơn vị đề nghị")
            try await render("authorities/list", AuthoritiesPage.mock, mustContain: "Đến hết 30/06/2025")
            try await render("authorities/authority", AuthorityPage.mock, mustContain: "phải có chỗ cho số thứ tự")
            // The standing agency drawn by platform/unit-field inside its loop of one.
            try await render(
                "authorities/authority", AuthorityPage.mock,
                mustContain: #"<select id="standingUnitID" name="standingUnitID"><option value="9" selected>"#)
            try await render("commendation/awards", AwardsPage.mock, mustContain: "Số 120/QĐ-UBND ngày 20/12/2024")
            try await render("commendation/eligibility", EligibilityPage.mock, mustContain: "cần xác minh")
            try await render("commendation/eligibility", EligibilityPage.mock, mustContain: "Ngày áp dụng: 31/12/2024")
            try await render("commendation/eligibility", EligibilityPage.mock, mustContain: "Điều kiện cần đánh giá")
            try await render("calendar/calendar", CalendarPage.mock, mustContain: "cần xác minh")
            try await render(
                "calendar/day-form", CalendarDayFormPage.mock, mustContain: "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật")
            try await render("commendation/decisions", DecisionsPage.mock, mustContain: "12/QĐ-UBND")
            try await render(
                "commendation/decision-new", DecisionNewPage.mock, mustContain: "sổ cấp số tiếp theo (13/QĐ-UBND)")
            try await render(
                "commendation/decision", DecisionPage.mock, mustContain: "Đã thu hồi theo Quyết định số 13/QĐ-UBND")
            try await render("certificates/layouts", CertificateLayoutsPage.mock, mustContain: "Giấy khen mẫu 2024")
            try await render(
                "certificates/layout", CertificateLayoutPage.mock, mustContain: "lề trái (x) phải từ 0 đến dưới 297 mm")
            try await render("certificates/print", CertificatePrintPage.mock, mustContain: "Nguyễn Thị Minh Khai")
            try await render("rewards/fund", FundPage.mock, mustContain: "Số tiền ghi bằng số đồng, lớn hơn 0")
            try await render("rewards/fund-year", FundYearPage.mock, mustContain: "56.830.000 đ")
            try await render("commendation/decision", DecisionPage.mockWithAmounts, mustContain: "1.170.000 đ")
            try await render("notices/notices", NoticesPage.mock, mustContain: "Đánh dấu đã đọc")
            // The media log and citizens' proposals (issue 10 §3, §6); media-form and media-section are partials.
            try await render("publicity/media-list", MediaListPage.mock, mustContain: "Hệ thống loa truyền thanh cơ sở")
            try await render(
                "publicity/media-list", MediaListPage.mock,
                mustContain:
                    #"<div id="unit-matches" class="alert" role="status"><p>Có 2 đơn vị khớp “dak”; chọn một:</p>"#)
            try await render("publicity/media-entry", MediaEntryPage.mock, mustContain: "Đường dẫn phải bắt đầu")
            try await render("lifecycle/subject", SubjectPage.mockWithMedia, mustContain: "Được tuyên truyền 1 lần")
            try await render("lifecycle/subject", SubjectPage.mockWithConsents, mustContain: "Rút lại sự đồng ý")
            try await render("publicity/proposal-form", ProposalFormPage.mock, mustContain: "một trong hai")
            try await render("publicity/proposal-queue", ProposalQueuePage.mock, mustContain: "Hộ ông A Thút")
            try await render("publicity/proposal", ProposalPage.mock, mustContain: "0905123456")
            // Events (issue 10 §4).
            try await render("publicity/events", EventListPage.mock, mustContain: "Hội nghị sơ kết")
            try await render(
                "publicity/events", EventListPage.mock,
                mustContain: #"<label for="unit">Đơn vị tổ chức</label><select id="unit" name="unit">"#)
            try await render("publicity/event-form", EventFormPage.mock, mustContain: "không hợp lệ; nhập theo dạng")
            try await render("publicity/event", EventPage.mock, mustContain: "Giấy mời (DOCX)")
            // Stories (issue 10 §1).
            try await render("publicity/stories", StoryListPage.mock, mustContain: "Người giữ rừng Kon Rẫy")
            try await render("publicity/story-form", StoryFormPage.mock, mustContain: "vui lòng ghi người dịch")
            try await render("publicity/story", StoryPage.mock, mustContain: "lang=\"bdq\"")
            try await render("home/home", HomePage.mockWithNotices, mustContain: "Thông báo mới (1)")
            try await render("home/home", HomePage.mockWithQuotas, mustContain: "1/22 đơn vị chưa đạt chỉ tiêu")
            try await render("monitoring/quotas", QuotaPage.mock, mustContain: "Thiếu 1")
            try await render("groups/work", GroupWorkListPage.mock, mustContain: "Hồ sơ của đơn vị")
            try await render("groups/board", GroupBoardPage.mock, mustContain: "Thiếu chữ ký của Chủ tịch")
            try await render("groups/member", GroupMemberPage.mock, mustContain: "Phòng Nội vụ trả lại hồ sơ")
            try await render("groups/scores", GroupScoresPage.mock, mustContain: "cần xác minh")
            try await render("monitoring/reports", ReportListPage.mock, mustContain: "45/BC-UBND, 10/12/2025")
            try await render("monitoring/report-form", ReportFormPage.mock, mustContain: "ví dụ 45/BC-UBND")
            try await render("monitoring/report-form", ReportFormPage.mockNew, mustContain: "phải sau ngày bắt đầu")
            try await render("monitoring/dashboard", DashboardPage.mock, mustContain: "Việc bồi dưỡng quá hạn")
            try await render("statistics/list", StatisticsListPage.mock, mustContain: "0601.N/BNV-TĐKT")
            try await render("statistics/form", StatisticsFormPage.mock, mustContain: "SỐ PHONG TRÀO THI ĐUA")
            try await render("platform/account", AccountPage.mock, mustContain: "Và 30 phiên khác đang hoạt động")
            try await render("platform/password", PasswordChangePage.mock, mustContain: "không khớp nhau")
            try await render("organisation/user-reset", PasswordResetPage.mock, mustContain: "abcd-EFGH-2345-wxyz")
            try await render("help/index", HelpIndexPage.mock, mustContain: "Vai trò của bạn")
            try await render("help/topic", HelpTopicPage.mock, mustContain: "Gõ &lt;b&gt;dak ruong&lt;/b&gt;.")
            try await render("help/support", SupportPage.mock, mustContain: "thiduakhenthuong@konray.gov.vn")
            try await render(
                "help/support-form", SupportFormPage.mock, mustContain: "Số điện thoại phải là số di động 10 chữ số")
            let views = (FileManager.default.subpaths(atPath: packageRoot + "/Resources/Views") ?? []).filter {
                $0.hasSuffix(".leaf")
            }
            // base, pager and form-error are partials rendered inside the pages above.
            // + 2: authorities/list and authorities/authority.
            // + 3: calendar/calendar, calendar/day-form and the partial calendar/day-fields.
            // + 3: commendation/decisions, decision-new and decision (the register of decisions).
            // + 3: certificates/layouts, layout and print (certificates on the office's blanks).
            // + 1: notices/notices (the inbox).
            // + 2: rewards/fund and rewards/fund-year (the emulation and commendation fund).
            // + 1: lifecycle/print-form (the printable registration form and evaluation record).
            // + 1: monitoring/quotas (the quota monitor).
            let expectedViews: Int = 29 + 3 + 1 + 3 + 2 + 3 + 3 + 1 + 2 + 1 + 1
            // + 8: platform/account, platform/password, organisation/user-reset, help/index, help/topic,
            //   help/support, help/support-form and the partial help/support-card (accounts and help, issue 15).
            // + 1: lifecycle/rollover (opening a new year).
            // + 2: imports/setup and organisation/group-form (set-up from spreadsheets, editing clusters, issue 15).
            // + 1: monitoring/dashboard (the dashboards with their charts, issue 16).
            let dashboardViews = 1
            let groupWorkViews = 4 // groups/work, board, member, scores (clusters and blocks, issue 16)
            let reportViews = 2 // monitoring/reports, monitoring/report-form (the periodic report, issue 16)
            let exportViews = 1 // the partial platform/export-links (list downloads, issue 16), in every list page
            let statisticsViews = 2 // statistics/list, statistics/form (the statutory forms, issue 16)
            let issue16Views = dashboardViews + groupWorkViews + reportViews + exportViews + statisticsViews
            let mediaProposalViews = 7 // publicity/media-list, -entry, -form, -section, proposal-form, -queue, proposal
            let eventViews = 3 // publicity/events, event-form, event (issue 10 §4)
            // publicity/replications, replication-form, replication, replication-assessment and the partial
            // replication-section (issue 10 §5; rendered by ReplicationViewTests).
            let replicationViews = 5
            let storyViews = 3 // publicity/stories, story-form, story (issue 10 §1)
            // public/layout, home, column, story, exemplars, exemplar, search and the partials story-list,
            // exemplar-list, facets (issue 10 §7; rendered by PublicViewTests); home/public-home is gone.
            let publicSiteViews = 10 - 1
            #expect(
                views.count == expectedViews + 8 + 1 + 2 + issue16Views + mediaProposalViews + eventViews
                    + replicationViews + storyViews + publicSiteViews
                    + 1 // the partial publicity/consent-section (issue 10 §2)
                    + 1 // the partial platform/unit-field (a form's unit, issue 11), rendered in the forms above
                    // the partials platform/unit-filter and unit-filter-matches (a list's unit, issue 11), rendered
                    // in the lists of registrations, events, media and replications, and the statistics forms
                    + 2
                    + 1 // the partial platform/units-field (several units, issue 11), rendered in the event form
                    + 1 // platform/audit-entry (one audit entry in full, issue 11)
                    + 1 // the partial platform/menu (the main menu, kept as rendered: MenuCacheTests)
                    // the partial monitoring/dashboard-sections (the dashboard's tables, kept as drawn:
                    // DashboardTests.keptTablesAreTheSamePage)
                    + 1
                    // the partial platform/options (a select's options, kept as rendered: RegistrationFilterTests)
                    + 1
                    // the row views lifecycle/registration-row, organisation/unit-row and commendation/award-row
                    // (written by RowTemplate: RowTemplateTests)
                    + 3,
                "a new view needs a render test: \(views.sorted())")
        }
    }
}
