import Domain
import Fluent
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Access is decided in one place and holds on every route")
struct AccessTests {
    @Test("A commune officer of Đăk Ruồng cannot list, read, change or delete Phòng GD&ĐT's records — HTML")
    func communeOfficerHTML() async throws {
        try await withTestApp { app in
            let pgd = try await unitID(app, "KR-GDDT")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let village = try await unitID(app, "KR-DAKRUONG-T01")
            let b = Browser(app)
            try await b.login("dakruong")

            let list = try await b.send(.GET, "/app/units?q=giao+duc")
            #expect(list.status == .ok)
            #expect(!list.text.contains("Phòng Giáo dục và Đào tạo"))
            let all = try await b.send(.GET, "/app/units")
            #expect(all.text.contains("Đăk Ruồng"))
            #expect(!all.text.contains("KR-GDDT"))

            for path in ["/app/units/\(pgd)", "/app/units/\(pgd)/edit"] {
                let r = try await b.send(.GET, path)
                #expect(r.status == .notFound, "\(path) → \(r.status)")
                #expect(!r.text.contains("KR-GDDT"))
            }
            let change = try await b.post(
                "/app/units/\(pgd)", [("code", "KR-GDDT"), ("name", "Bị sửa"), ("kind", "phong"), ("parentID", "")])
            #expect(change.status == .notFound)
            let delete = try await b.post("/app/units/\(pgd)/delete", [])
            #expect([.notFound, .seeOther].contains(delete.status))
            #expect(try await UnitModel.find(pgd, on: app.db)?.name == "Phòng Giáo dục và Đào tạo huyện Kon Rẫy")

            // Schools under PGD are PGD's records too.
            let school = try await unitID(app, "KR-GDDT-TH-DAKRUONG")
            #expect(try await b.send(.GET, "/app/units/\(school)").status == .notFound)
            // Users of PGD are not listed.
            let users = try await b.send(.GET, "/app/users")
            #expect(!users.text.contains("giaoduc"))

            // Its own records: readable, and the villages below it are editable.
            #expect(try await b.send(.GET, "/app/units/\(dakRuong)").status == .ok)
            let ownEdit = try await b.send(.GET, "/app/units/\(dakRuong)/edit")
            #expect(ownEdit.status == .forbidden)
            #expect(try await b.send(.GET, "/app/units/\(village)/edit").status == .ok)
        }
    }

    @Test("The same through the API, and Phòng Nội vụ reads both")
    func communeOfficerAPI() async throws {
        try await withTestApp { app in
            let pgd = try await unitID(app, "KR-GDDT")
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let api = try await APIClient.login(app, "dakruong")

            let list = try await api.send(.GET, "/api/v1/units?perPage=500")
            #expect(list.status == .ok)
            let codes = try list.json(ListResponse<UnitDTO>.self).items.map(\.code)
            #expect(codes.contains("KR-DAKRUONG"))
            #expect(!codes.contains("KR-GDDT"))
            #expect(codes.allSatisfy { $0.hasPrefix("KR-DAKRUONG") })

            let read = try await api.send(.GET, "/api/v1/units/\(pgd)")
            #expect(read.status == .notFound)
            #expect(try read.jsonObject()["code"] as? String == "not_found")
            #expect(!read.text.contains("Giáo dục"))
            let put = try await api.send(
                .PUT, "/api/v1/units/\(pgd)", json: ["code": "KR-GDDT", "name": "Bị sửa", "kind": "phong"])
            #expect(put.status == .notFound)
            let del = try await api.send(.DELETE, "/api/v1/units/\(pgd)")
            #expect(del.status == .notFound)
            let users = try await api.send(.GET, "/api/v1/users")
            #expect(!users.text.contains("giaoduc"))
            let giaoduc = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "giaoduc").first()?.id)
            #expect(try await api.send(.GET, "/api/v1/users/\(giaoduc)").status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/audit").status == .notFound)
            #expect(try await UnitModel.find(pgd, on: app.db)?.name == "Phòng Giáo dục và Đào tạo huyện Kon Rẫy")

            let office = try await APIClient.login(app, "noivu")
            #expect(try await office.send(.GET, "/api/v1/units/\(pgd)").status == .ok)
            #expect(try await office.send(.GET, "/api/v1/units/\(dakRuong)").status == .ok)
            #expect(try await office.send(.GET, "/api/v1/users/\(giaoduc)").status == .ok)
            let b = Browser(app)
            try await b.login("noivu")
            #expect(try await b.send(.GET, "/app/units/\(pgd)").text.contains("Phòng Giáo dục và Đào tạo"))
            #expect(try await b.send(.GET, "/app/units/\(dakRuong)").text.contains("Đăk Ruồng"))
        }
    }

    /// Routes anyone may use without signing in. Every other route must refuse a visitor.
    static let publicRoutes: Set<String> = [
        "GET /", "GET /healthz", "GET /dang-nhap", "POST /dang-nhap", "POST /dang-xuat",
        "GET /api/v1/openapi.json", "POST /api/v1/auth/token",
        // The public site (issue 10 §7).
        "GET /chuyen-muc/1", "GET /chuyen-muc/1/feed.atom", "GET /bai-viet/1", "GET /anh/1", "GET /dien-hinh",
        "GET /dien-hinh/1", "GET /tim-kiem", "GET /feed.atom", "GET /sitemap.xml", "GET /sitemap/1", "GET /robots.txt",
        "GET /api/v1/public/stories", "GET /api/v1/public/stories/1", "GET /api/v1/public/exemplars/1",
        "GET /gioi-thieu-dien-hinh", "POST /gioi-thieu-dien-hinh", "POST /api/v1/proposals",
    ]

    @Test("Every route refuses a visitor who is not signed in, except the public ones")
    func everyRouteNeedsSignIn() async throws {
        try await withTestApp(demo: false) { app in
            var checked = 0
            for route in app.routes.all {
                let path =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter = c { return "1" }
                        return c.description
                    }.joined(separator: "/")
                let key = "\(route.method.rawValue) \(route.path.isEmpty ? "/" : path)"
                if Self.publicRoutes.contains(key) { continue }
                let res = try await app.testing().sendRequest(route.method, path)
                if path.hasPrefix("/api/") {
                    #expect(res.status == .unauthorized, "\(key) → \(res.status)")
                } else if route.method == .GET {
                    #expect(
                        res.status == .seeOther && (res.headers.first(name: .location) ?? "").hasPrefix("/dang-nhap"),
                        "\(key) → \(res.status)")
                } else {
                    #expect(res.status == .forbidden || res.status == .unauthorized, "\(key) → \(res.status)")
                }
                checked += 1
            }
            #expect(checked >= 30)
        }
    }

    /// Every signed-in page and API read, for every demo role: never a 500, and a unit officer never
    /// sees another unit's code on a page of the signed-in area.
    @Test(
        "Every GET route answers each role without a server error",
        arguments: ["admin", "noivu", "hoidong", "giaoduc", "dakruong", "bientap"])
    func everyRoleEveryRoute(username: String) async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login(username, username == "admin" ? adminPassword : demoPassword)
            let api = try await APIClient.login(app, username, username == "admin" ? adminPassword : demoPassword)
            let pgd = try await unitID(app, "KR-GDDT")
            for route in app.routes.all where route.method == .GET {
                let path =
                    "/"
                    + route.path.map { c -> String in
                        if case .parameter(let name) = c { return name == "version" ? "2023.1" : String(pgd) }
                        return c.description
                    }.joined(separator: "/")
                let res = path.hasPrefix("/api/") ? try await api.send(.GET, path) : try await b.send(.GET, path)
                #expect(res.status.code < 500, "\(username) GET \(path) → \(res.status)")
                if username == "dakruong" && path.hasPrefix("/app/units") {
                    #expect(!res.text.contains("KR-GDDT"), "\(path) leaks PGD to a commune officer")
                }
            }
        }
    }
}
