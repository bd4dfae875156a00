import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("The seed's catalogue as versioned data")
struct CatalogueTests {
    /// The seed plan's standards (§III.3a collectives, §III.3b individuals): code, section, the standard's opening words.
    static let seedStandards: [(code: String, section: String, opening: String)] = [
        ("MH-01", "III.3a", "Là tập thể các cơ quan, ban, ngành, Mặt "),
        ("MH-02", "III.3a", "Là các tổ chức hội, đoàn thể ở cơ sở; cá"),
        ("MH-03", "III.3a", "Là khu dân cư, thôn, làng, xã, thị trấn "),
        ("MH-04", "III.3a", "Các trường học có chất lượng giáo dục ng"),
        ("MH-05", "III.3a", "Là các tập thể cơ quan, đơn vị, ngành y "),
        ("MH-06", "III.3a", "Là các tập thể, đơn vị có thành tích tiê"),
        ("MH-07", "III.3a", "Là các tập thể có thành tích tiêu biểu t"),
        ("MH-08", "III.3a", "Là các tập thể có thành tích tiêu biểu t"),
        ("MH-09", "III.3a", "Là các tập thể có thành tích tiêu biểu t"),
        ("MH-10", "III.3a", "Là các tập thể có cách làm sáng tạo, đổi"),
        ("MH-11", "III.3a", "Là tập thể thuộc các đơn vị lực lượng vũ"),
        ("MH-12", "III.3a", "Các cơ quan, đơn vị, địa phương có thành"),
        ("MH-13", "III.3a", "Là những doanh nghiệp, hợp tác xã có nhi"),
        ("MH-14", "III.3a", "Là các tập thể thực hiện tốt việc tham m"),
        ("MH-15", "III.3a", "Là tập thể cơ quan, đơn vị, doanh nghiệp"),
        ("MH-16", "III.3a", "Là tập thể cơ quan, đơn vị có thành tích"),
        ("MH-17", "III.3a", "Là tập thể cơ quan, đơn vị có thành tích"),
        ("MH-18", "III.3a", "Là tập thể cơ quan, đơn vị tiếp nhận và "),
        ("CN-01", "III.3b", "Có tinh thần trách nhiệm cao, năng động,"),
        ("CN-02", "III.3b", "Đối với cá nhân giữ chức vụ lãnh đạo, qu"),
        ("CN-03", "III.3b", "Là các cá nhân tích cực hưởng ứng các ph"),
        ("CN-04", "III.3b", "Luôn gương mẫu chấp hành tốt các chủ trư"),
    ]

    @Test("The catalogue counts match the seed: 18 collective model types, 4 individual types, 11 movements of §IV.3")
    func countsAgainstSeed() async throws {
        let file = try CatalogueFile.decode(
            try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Resources/Catalogue/catalogue-2023.1.json")))
        #expect(file.problems().isEmpty)
        #expect(file.modelTypes.count == 18)
        #expect(file.individualTypes.count == 4)
        #expect(file.movements.count == 11)
        #expect(file.generalCriteria.count == 5)
        // The seed's first and last collective types, in its order.
        #expect(file.modelTypes.first?.name.contains("cơ quan, đơn vị kiểu mẫu") == true)
        #expect(file.modelTypes.last?.name.contains("cải cách hành chính") == true)
        // Every type carries its standard text from the seed plan, with criteria split out. The expected opening of
        // each standard is written here, with the plan's section, so the test needs nothing outside the repository.
        let types = file.modelTypes + file.individualTypes
        #expect(types.map(\.code) == Self.seedStandards.map(\.code))
        for (t, expected) in zip(types, Self.seedStandards) {
            #expect(t.criteria.count >= 2, "\(t.code)")
            #expect(t.section == expected.section, "\(t.code): section")
            #expect(
                t.standard.hasPrefix(expected.opening),
                "\(t.code): the standard does not open as §\(expected.section) does")
        }
        // The measurable criteria the domain brief names have their kinds.
        let all = (file.modelTypes + file.individualTypes).flatMap(\.criteria)
        #expect(all.contains { $0.kind == .share && $0.threshold == 70 && $0.subThreshold == 100 })
        #expect(all.contains { $0.kind == .zeroCount && ($0.measure ?? "").contains("trễ hẹn") })
        #expect(all.contains { $0.kind == .trend && ($0.measure ?? "").contains("hộ nghèo") })
        #expect(all.contains { $0.kind == .titleEveryYear && $0.title == "Gia đình văn hóa" })
        #expect(all.contains { $0.kind == .rankInLocality })
        #expect(all.contains { $0.kind == .leaderRule })
    }

    @Test("Loaded into the database and served by the API, with the movements' lead agencies from §IV.3")
    func loadedAndServed() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let types = try await api.send(.GET, "/api/v1/model-types")
            #expect(types.status == .ok)
            #expect(try types.json([CatalogueAPIController.TypeDTO].self).count == 18)
            #expect(
                try await api.send(.GET, "/api/v1/individual-types").json([CatalogueAPIController.TypeDTO].self).count
                    == 4)
            #expect(
                try await api.send(.GET, "/api/v1/general-criteria").json([CatalogueAPIController.CriterionDTO].self)
                    .count == 5)
            let movements = try await api.send(.GET, "/api/v1/movements").json(ListResponse<MovementDTO>.self)
            #expect(movements.total == 11)
            let leads = Dictionary(
                uniqueKeysWithValues: movements.items.map { m in
                    (m.code, Set(m.agencies.filter { $0.role == "lead" }.map(\.code)))
                })
            #expect(leads["PT-DTHT"] == ["KR-GDDT"])
            #expect(leads["PT-QPAN"] == ["KR-CA", "KR-BCHQS"])
            #expect(leads["PT-VNN"] == ["KR-LDTBXH"])
            #expect(leads["PT-CCHC"] == ["KR-PNV"])
            #expect(leads["PT-VHCS"] == ["KR-PNV"])
            #expect(movements.items.first { $0.code == "PT-CCHC" }?.toYear == 2030)
            let versions = try await api.send(.GET, "/api/v1/catalogue-versions").json(
                [CatalogueAPIController.VersionDTO].self)
            #expect(versions.map(\.version) == ["2023.1"])
            #expect(try await api.send(.GET, "/api/v1/model-types?version=1999.9").status == .notFound)

            let b = Browser(app)
            try await b.login("dakruong")
            let page = try await b.send(.GET, "/app/catalogue")
            #expect(page.status == .ok)
            #expect(page.text.contains("Mô hình trong phong trào thi đua"))
            #expect(page.text.contains("MH-18"))
        }
    }

    @Test("A new catalogue version is added beside the old one; the old one is kept unchanged")
    func newVersionKeepsOld() async throws {
        try await withTestApp(demo: false) { app in
            let data = try Data(
                contentsOf: URL(fileURLWithPath: packageRoot + "/Resources/Catalogue/catalogue-2023.1.json"))
            var file = try CatalogueFile.decode(data)
            file.version = "2026.1"
            file.effectiveFrom = "2026-01-01"
            file.modelTypes.removeLast()
            let encoded = try JSONEncoder().encode(file)
            try await CatalogueService.load(file, content: String(decoding: encoded, as: UTF8.self), on: app.db)
            let api = try await APIClient.login(app, "admin", adminPassword)
            #expect(
                try await api.send(.GET, "/api/v1/model-types").json([CatalogueAPIController.TypeDTO].self).count == 17)
            #expect(
                try await api.send(.GET, "/api/v1/model-types?version=2023.1").json(
                    [CatalogueAPIController.TypeDTO].self
                ).count == 18)
            // Loading the shipped files again changes nothing.
            #expect(try await CatalogueService.loadShipped(workingDirectory: packageRoot, on: app.db).isEmpty)
        }
    }

    @Test(
        "The standing office loads a new catalogue version through the admin screen; duplicates and broken files are refused"
    )
    func uploadNewVersion() async throws {
        try await withTestApp(demo: false) { app in
            let data = try Data(
                contentsOf: URL(fileURLWithPath: packageRoot + "/Resources/Catalogue/catalogue-2023.1.json"))
            var file = try CatalogueFile.decode(data)
            file.version = "2025.1"
            file.effectiveFrom = "2025-07-01"
            file.legalBasis = "Danh mục sửa đổi theo Nghị định 152/2025/NĐ-CP"
            let encoded = Array(try JSONEncoder().encode(file))
            let office = try await APIClient.login(app, "admin", adminPassword)
            _ = try await office.send(
                .POST, "/api/v1/users",
                json: [
                    "username": "noivu2", "fullName": "Thường trực", "role": "standing-office",
                    "password": "mat-khau-thuong-truc",
                ])
            let b = Browser(app)
            try await b.login("noivu2", "mat-khau-thuong-truc")
            let page = try await b.send(.GET, "/app/catalogue")
            #expect(page.text.contains("Nạp phiên bản danh mục mới"))
            let ok = try await b.upload(
                "/app/catalogue", fields: [], file: ("file", "catalogue-2025.1.json", "application/json", encoded))
            #expect(ok.status == .seeOther)
            #expect(ok.location == "/app/catalogue/2025.1")
            #expect(try await b.send(.GET, "/app/catalogue").text.contains("Nghị định 152/2025"))
            #expect(try await b.send(.GET, "/app/catalogue/2023.1").text.contains("Phiên bản 2023.1"))
            try await b.send(.GET, "/app/catalogue")
            let again = try await b.upload(
                "/app/catalogue", fields: [], file: ("file", "lai.json", "application/json", encoded))
            #expect(again.status == .conflict)
            #expect(again.text.contains("phải mang số phiên bản mới"))
            try await b.send(.GET, "/app/catalogue")
            let broken = try await b.upload(
                "/app/catalogue", fields: [],
                file: ("file", "hong.json", "application/json", Array("{\"version\": 1".utf8)))
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.text.contains("không đọc được"))
            let versions = try await office.send(.GET, "/api/v1/catalogue-versions").json(
                [CatalogueAPIController.VersionDTO].self)
            #expect(versions.map(\.version) == ["2023.1", "2025.1"])
            let audit = try await office.send(.GET, "/api/v1/audit?entity=catalogue").json(
                ListResponse<AuditAPIController.EntryDTO>.self)
            #expect(audit.items.first?.username == "noivu2")
        }
    }
}
