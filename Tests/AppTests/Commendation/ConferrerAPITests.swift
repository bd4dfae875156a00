import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Conferring authority on the eligibility answer (Luật TĐKT 2022 art. 80)")
struct ConferrerAPITests {
    @Test(
        "Art. 80(2), (3): a Đăk Ruồng civil servant — LĐTT by the commune chairman, CSTĐ cơ sở by the district chairman in 2024 and by the commune chairman in 2025"
    )
    func communeCivilServant() async throws {
        try await withTestApp { app in
            let unitAPI = try await APIClient.login(app, "dakruong")
            let (s, _) = try await CommendationTests.person(app, unitAPI, name: "Y Thẩm")
            let e24 = try await unitAPI.send(.GET, "/api/v1/subjects/\(s)/eligibility?year=2024").json(
                EligibilityDTO.self)
            let ldtt = try #require(e24.forms.first { $0.code == "lao-dong-tien-tien" })
            #expect(ldtt.conferrer == "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng")
            #expect(ldtt.conferrerBasis == "Luật TĐKT 2022 art. 80(3)")
            let cstd24 = try #require(e24.forms.first { $0.code == "cstd-co-so" })
            #expect(cstd24.conferrer == "Chủ tịch Ủy ban nhân dân huyện Kon Rẫy")
            let e25 = try await unitAPI.send(.GET, "/api/v1/subjects/\(s)/eligibility?year=2025").json(
                EligibilityDTO.self)
            #expect(e25.forms.first { $0.code == "cstd-co-so" }?.conferrer == "Chủ tịch Ủy ban nhân dân xã Đăk Ruồng")
            #expect(
                e25.forms.first { $0.code == "bang-khen-ubnd-tinh" }?.conferrer
                    == "Chủ tịch Ủy ban nhân dân tỉnh Kon Tum")
            #expect(
                e25.forms.first { $0.code == "bang-khen-ubnd-tinh" }?.conferrerBasis?.contains("cần xác minh") == true)
            // The page names the same authority.
            let web = Browser(app)
            try await web.login("dakruong")
            let page = try await web.send(.GET, "/app/subjects/\(s)/eligibility?year=2024")
            #expect(page.status == .ok)
            #expect(page.text.contains("Chủ tịch Ủy ban nhân dân xã Đăk Ruồng (Luật TĐKT 2022 art. 80(3))"))
        }
    }
}
