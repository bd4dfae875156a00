import Domain
import Fluent
import Foundation
import OOXML
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("The exemplar lifecycle through the API")
struct LifecycleAPITests {
    func inputs(_ specs: [CriterionSpec]) -> [String: Any] {
        var out: [String: Any] = [:]
        for c in specs {
            switch c.kind {
            case .boolean: out[c.code] = ["met": true, "evidence": "Biên bản"]
            case .share: out[c.code] = ["numerator": 80, "denominator": 100, "subNumerator": 4, "subDenominator": 4]
            case .zeroCount: out[c.code] = ["count": 0]
            case .trend:
                out[c.code] =
                    (c.direction ?? "decrease") == "decrease"
                    ? ["value": 5.5, "previousValue": 9] : ["value": 110, "previousValue": 100]
            case .rankInLocality: out[c.code] = ["value": 300]
            default: break
            }
        }
        return out
    }

    @Test(
        "The seed's story through the API: criterion, two registrations, nurturing, evaluation with evidence, đạt điển hình"
    )
    func storyAPI() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "dakruong")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let crit = try await api.send(
                .POST, "/api/v1/unit-criteria",
                json: [
                    "unitID": unit, "year": 2024, "code": "DR-02", "text": "Không có hộ tái nghèo trong thôn",
                    "kind": "zeroCount", "measure": "hộ tái nghèo", "subjectKinds": ["collective"],
                ])
            #expect(crit.status == .created)
            let badCrit = try await api.send(
                .POST, "/api/v1/unit-criteria",
                json: ["unitID": unit, "year": 2024, "code": "DR-02", "text": "", "kind": "share"])
            #expect(badCrit.status == .unprocessableEntity)
            let badFields = try #require(try badCrit.jsonObject()["fields"] as? [String: String])
            #expect(badFields["code"] != nil && badFields["text"] != nil && badFields["threshold"] != nil)

            var ids: [Int] = []
            for (kind, name, type) in [
                ("household", "Hộ bà Y Lan", "MH-15"), ("collective", "Thôn 2, xã Đăk Ruồng", "MH-03"),
            ] {
                let res = try await api.send(
                    .POST, "/api/v1/registrations",
                    json: [
                        "year": 2024, "unitID": unit, "typeCode": type, "title": "Mô hình của \(name)",
                        "subject": ["kind": kind, "name": name, "phone": "0912345678"],
                    ])
                #expect(res.status == .created, "\(res.text)")
                let dto = try res.json(RegistrationDTO.self)
                #expect(dto.status == "registered")
                #expect(dto.subject.phone == "0912345678")
                ids.append(dto.id)
            }
            // A second registration of the same subject in the same year is refused; the next year is fine.
            let first = try await api.send(.GET, "/api/v1/registrations/\(ids[0])").json(RegistrationDTO.self)
            let dup = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Lần hai",
                    "subjectID": first.subject.id,
                ])
            #expect(dup.status == .unprocessableEntity)
            #expect(
                (try dup.jsonObject()["fields"] as? [String: String])?["year"]?.contains("đã được đăng ký năm 2024")
                    == true)
            // A household cannot take an individual-only type.
            let wrongType = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": unit, "typeCode": "CN-01", "title": "x",
                    "subject": ["kind": "household", "name": "Hộ X"],
                ])
            #expect(wrongType.status == .unprocessableEntity)

            for id in ids {
                let illegal = try await api.send(
                    .POST, "/api/v1/registrations/\(id)/transitions", json: ["to": "awarded"])
                #expect(illegal.status == .unprocessableEntity)
                let action = try await api.send(
                    .POST, "/api/v1/registrations/\(id)/actions",
                    json: ["title": "Hỗ trợ giống cây", "responsible": "Phòng NN&PTNT", "dueDate": "30/08/2024"])
                #expect(action.status == .created)
                let actionID = try #require(try action.jsonObject()["id"] as? Int)
                #expect(
                    try await api.send(
                        .PUT, "/api/v1/actions/\(actionID)",
                        json: [
                            "title": "Hỗ trợ giống cây", "responsible": "Phòng NN&PTNT", "dueDate": "30/08/2024",
                            "status": "done",
                        ]
                    ).status == .ok)
                #expect(
                    try await api.send(.POST, "/api/v1/registrations/\(id)/transitions", json: ["to": "nurturing"])
                        .status == .ok)

                let criteria = try await api.send(.GET, "/api/v1/registrations/\(id)/criteria").json(
                    [CriterionStatusDTO].self)
                #expect(criteria.contains { $0.source == "general" } && criteria.contains { $0.source == "type" })
                #expect(
                    criteria.contains { $0.code == "DR-02" } == (id == ids[1]),
                    "the unit criterion applies to collectives only")
                let r = try await RegistrationModel.query(on: app.db).filter(\.$id == id).with(\.$unit).with(\.$subject)
                    .with(\.$subjectType).with(\.$movements).first()!
                let specs = try await CriteriaService.criteria(for: r, on: app.db).map(\.spec)
                let eval = try await api.send(
                    .POST, "/api/v1/registrations/\(id)/evaluations",
                    json: [
                        "date": "20/10/2024", "period": "Quý III/2024", "evaluator": "Đoàn kiểm tra của UBND xã",
                        "conclusion": "achieved",
                        "effect": "Lan tỏa trong thôn", "helpGiven": "Hỗ trợ giống", "inputs": inputs(specs),
                    ])
                #expect(eval.status == .created, "\(eval.text)")
                let dto = try eval.json(EvaluationDTO.self)
                #expect(dto.unmet == 0)
                #expect(dto.results.count == specs.count)
                let (h, body) = multipart(
                    [("description", "Biên bản kiểm tra")],
                    file: (
                        "file", "bien-ban.pdf", "application/pdf",
                        Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\nstartxref\n19\n%%EOF".utf8)
                    ))
                var headers = h
                headers.bearerAuthorization = BearerAuthorization(token: api.token!)
                let up = try await app.testing().sendRequest(
                    .POST, "/api/v1/registrations/\(id)/evidence", headers: headers, body: body)
                #expect(up.status == .created)
                let done = try await api.send(
                    .POST, "/api/v1/registrations/\(id)/transitions",
                    json: ["to": "achieved", "reason": "Kết quả đánh giá quý III"])
                #expect(done.status == .ok)
                #expect(try done.json(RegistrationDTO.self).statusLabel == "Đạt điển hình")
            }
            let history = try await api.send(.GET, "/api/v1/registrations/\(ids[0])/transitions").json(
                [TransitionDTO].self)
            #expect(history.map(\.to) == ["registered", "nurturing", "achieved"])
            #expect(history.last?.reason == "Kết quả đánh giá quý III")
            #expect(history.last?.username == "dakruong")

            // Evidence: downloadable by the unit and the standing office, not by another commune, not by a visitor.
            let files = try await api.send(.GET, "/api/v1/registrations/\(ids[0])/evidence").json([EvidenceDTO].self)
            let file = try #require(files.first)
            #expect(file.contentType == "application/pdf")
            let down = try await api.send(.GET, file.href)
            #expect(down.status == .ok)
            #expect(down.text.hasPrefix("%PDF-"))
            #expect(try await APIClient.login(app, "noivu").send(.GET, file.href).status == .ok)
            let other = try await APIClient.login(app, "admin", adminPassword)
            let tanLap = try await unitID(app, "KR-TANLAP")
            _ = try await other.send(
                .POST, "/api/v1/users",
                json: [
                    "username": "tanlap2", "fullName": "Cán bộ Tân Lập", "role": "unit-officer", "unitID": tanLap,
                    "password": "mat-khau-tan-lap",
                ])
            let tl = try await APIClient.login(app, "tanlap2", "mat-khau-tan-lap")
            #expect(try await tl.send(.GET, file.href).status == .notFound)
            #expect(try await tl.send(.GET, "/api/v1/registrations/\(ids[0])").status == .notFound)
            #expect(
                try await tl.send(.GET, "/api/v1/registrations").json(ListResponse<RegistrationDTO>.self).total == 0)
            #expect(try await APIClient(app: app, token: nil).send(.GET, file.href).status == .unauthorized)

            // Personal data: the council member sees the registration but not the phone number.
            let council = try await APIClient.login(app, "hoidong").send(.GET, "/api/v1/registrations/\(ids[0])").json(
                RegistrationDTO.self)
            #expect(council.subject.phone == nil)
            // The subject's timeline holds the year, its evaluation and status.
            let timeline = try await api.send(.GET, "/api/v1/subjects/\(first.subject.id)").json(
                SubjectTimelineDTO.self)
            #expect(timeline.years.map(\.year) == [2024])
            #expect(timeline.years.first?.evaluations.count == 1)
        }
    }

    @Test(
        "Criteria evaluation uses the database: the previous year's value for a trend, the locality's values for a rank, the leader rule"
    )
    func dataBackedCriteria() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let unit = try await unitID(app, "KR-DAKRUONG")
            // A village (collective, MH-03) with a poor-household rate in 2023 and 2024.
            var village = 0
            for year in [2023, 2024] {
                var body: [String: Any] = [
                    "year": year, "unitID": unit, "typeCode": "MH-03", "title": "Thôn văn hóa \(year)",
                ]
                if village == 0 {
                    body["subject"] = ["kind": "collective", "name": "Làng Kon Rlong"]
                } else {
                    body["subjectID"] = village
                }
                let r = try await api.send(.POST, "/api/v1/registrations", json: body).json(RegistrationDTO.self)
                village = r.subject.id
                let model = try await RegistrationModel.query(on: app.db).filter(\.$id == r.id).with(\.$unit).with(
                    \.$subject
                ).with(\.$subjectType).with(\.$movements).first()!
                let trend = try #require(
                    try await CriteriaService.criteria(for: model, on: app.db).map(\.spec).first { $0.kind == .trend })
                // 2023 records 12%; 2024 records 15% and leaves the previous value blank: it comes from 2023 → unmet.
                let value = year == 2023 ? 12.0 : 15.0
                var input: [String: Any] = ["value": value]
                if year == 2023 { input["previousValue"] = 14 }
                let e = try await api.send(
                    .POST, "/api/v1/registrations/\(r.id)/evaluations",
                    json: [
                        "date": "01/12/\(year)", "period": "Năm \(year)", "evaluator": "Xã",
                        "conclusion": "in-progress", "inputs": [trend.code: input],
                    ])
                #expect(e.status == .created)
                let res = try #require(try e.json(EvaluationDTO.self).results.first { $0.code == trend.code })
                if year == 2023 {
                    #expect(res.outcome == "met")
                } else {
                    #expect(res.outcome == "unmet", "\(res.reason)")
                    #expect(res.input?.previousValue == 12)
                }
            }
            // Households of the commune: the highest income ranks first.
            var households: [Int] = []
            for (name, income) in [("Hộ ông A Dũng", 180.0), ("Hộ bà Y Đức", 240.0), ("Hộ ông A Bình", 120.0)] {
                let r = try await api.send(
                    .POST, "/api/v1/registrations",
                    json: [
                        "year": 2024, "unitID": unit, "typeCode": "MH-15", "title": "Kinh tế hộ",
                        "subject": ["kind": "household", "name": name],
                    ]
                ).json(RegistrationDTO.self)
                households.append(r.id)
                let model = try await RegistrationModel.query(on: app.db).filter(\.$id == r.id).with(\.$unit).with(
                    \.$subject
                ).with(\.$subjectType).with(\.$movements).first()!
                let rank = try #require(
                    try await CriteriaService.criteria(for: model, on: app.db).map(\.spec).first {
                        $0.kind == .rankInLocality
                    })
                _ = try await api.send(
                    .POST, "/api/v1/registrations/\(r.id)/evaluations",
                    json: [
                        "date": "01/12/2024", "period": "Năm 2024", "evaluator": "Xã", "conclusion": "in-progress",
                        "inputs": [rank.code: ["value": income]],
                    ])
            }
            // Re-evaluate the first household now that all three have values: 180 ranks 2nd of 3.
            let model = try await RegistrationModel.query(on: app.db).filter(\.$id == households[0]).with(\.$unit).with(
                \.$subject
            ).with(\.$subjectType).with(\.$movements).first()!
            let rank = try #require(
                try await CriteriaService.criteria(for: model, on: app.db).map(\.spec).first {
                    $0.kind == .rankInLocality
                })
            let again = try await api.send(
                .POST, "/api/v1/registrations/\(households[0])/evaluations",
                json: [
                    "date": "15/12/2024", "period": "Năm 2024 (lần 2)", "evaluator": "Xã",
                    "conclusion": "achieved", "inputs": [rank.code: ["value": 180]],
                ])
            #expect(again.status == .unprocessableEntity, "an unmet criterion blocks the 'achieved' conclusion")
            let fine = try await api.send(
                .POST, "/api/v1/registrations/\(households[0])/evaluations",
                json: [
                    "date": "15/12/2024", "period": "Năm 2024 (lần 2)", "evaluator": "Xã",
                    "conclusion": "in-progress", "inputs": [rank.code: ["value": 180]],
                ])
            let res = try #require(try fine.json(EvaluationDTO.self).results.first { $0.code == rank.code })
            #expect(res.outcome == "unmet")
            #expect(res.reason.contains("2/3"), "\(res.reason)")

            // Leader rule: the head of Phòng Tư pháp is an exemplar only when the office is.
            let tp = try await unitID(app, "KR-TP")
            let office = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": tp, "typeCode": "MH-01", "title": "Cơ quan kiểu mẫu",
                    "subject": ["kind": "collective", "name": "Phòng Tư pháp huyện", "representsUnitID": tp],
                ]
            ).json(RegistrationDTO.self)
            let leader = try await api.send(
                .POST, "/api/v1/registrations",
                json: [
                    "year": 2024, "unitID": tp, "typeCode": "CN-02", "title": "Lãnh đạo tiêu biểu",
                    "subject": [
                        "kind": "individual", "name": "Nguyễn Văn Hùng", "position": "Trưởng phòng", "headsUnitID": tp,
                    ],
                ]
            ).json(RegistrationDTO.self)
            func leaderOutcome() async throws -> String {
                let m = try await RegistrationModel.query(on: app.db).filter(\.$id == leader.id).with(\.$unit).with(
                    \.$subject
                ).with(\.$subjectType).with(\.$movements).first()!
                let spec = try #require(
                    try await CriteriaService.criteria(for: m, on: app.db).map(\.spec).first { $0.kind == .leaderRule })
                return CriteriaEngine.evaluate(
                    spec, CriterionInput(), try await CriteriaService.context(for: m, on: app.db)
                ).code
            }
            #expect(try await leaderOutcome() == "unmet")
            _ = try await api.send(
                .PUT, "/api/v1/subjects/\(office.subject.id)/annual-records",
                json: ["year": 2024, "taskRating": "htxs"])
            let officeModel = try #require(try await RegistrationModel.find(office.id, on: app.db))
            officeModel.$status.value = .achieved // a fixture: skips the workflow on purpose
            try await officeModel.save(on: app.db)
            #expect(try await leaderOutcome() == "met")
        }
    }

    @Test(
        "Search ignores diacritics and folds đ; people are ordered by given name, Vietnamese alphabet; pages are stable"
    )
    func searchAndOrder() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let unit = try await unitID(app, "KR-DAKRUONG")
            let names = [
                "Trần Văn Đức", "Lê Văn Dũng", "Nguyễn Thị Ánh", "Phạm Thị Anh", "A Thuận", "Y Nhung", "Nguyễn Văn Anh",
                "Đinh Thị Hồng Thu",
            ]
            for (i, n) in names.enumerated() {
                let name = i % 2 == 0 ? n.decomposedStringWithCanonicalMapping : n
                let r = try await api.registerIndividual(name, unit: unit, title: "Người tốt việc tốt")
                #expect(r.status == .created)
            }
            let all = try await api.send(.GET, "/api/v1/registrations?year=2025&perPage=100").json(
                ListResponse<RegistrationDTO>.self)
            #expect(
                all.items.map(\.subject.name) == [
                    "Nguyễn Văn Anh", "Phạm Thị Anh", "Nguyễn Thị Ánh", "Lê Văn Dũng", "Trần Văn Đức", "Y Nhung",
                    "Đinh Thị Hồng Thu", "A Thuận",
                ])
            #expect(all.items.map(\.subject.name) == names.sorted(by: VietnameseText.personNameLess))
            // Stable pages: page 1 + page 2 of size 3 = the first 6, no repeats.
            let p1 = try await api.send(.GET, "/api/v1/registrations?year=2025&perPage=3&page=1").json(
                ListResponse<RegistrationDTO>.self)
            let p2 = try await api.send(.GET, "/api/v1/registrations?year=2025&perPage=3&page=2").json(
                ListResponse<RegistrationDTO>.self)
            #expect((p1.items + p2.items).map(\.id) == Array(all.items.prefix(6)).map(\.id))
            for (q, expected) in [
                ("duc", "Trần Văn Đức"), ("đức", "Trần Văn Đức"), ("DINH THI HONG", "Đinh Thị Hồng Thu"),
                ("nguyen anh", "Nguyễn Văn Anh"),
                ("Ánh".decomposedStringWithCanonicalMapping, "Nguyễn Thị Ánh"),
            ] {
                let found = try await api.send(
                    .GET,
                    "/api/v1/registrations?year=2025&q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                ).json(ListResponse<RegistrationDTO>.self)
                #expect(found.items.map(\.subject.name).contains(expected), "q=\(q)")
            }
            let dak = try await api.send(.GET, "/api/v1/registrations?q=dak%20ruong").json(
                ListResponse<RegistrationDTO>.self)
            #expect(dak.total == names.count, "the unit's name is searchable without diacritics")
            // Filters: cluster, kind, status, type.
            let cluster = try #require(
                try await UnitGroupModel.query(on: app.db).filter(\.$code == "CUM-XA").first()?.id)
            #expect(
                try await api.send(.GET, "/api/v1/registrations?groupID=\(cluster)").json(
                    ListResponse<RegistrationDTO>.self
                ).total == names.count)
            #expect(
                try await api.send(.GET, "/api/v1/registrations?subjectKind=household").json(
                    ListResponse<RegistrationDTO>.self
                ).total == 0)
            #expect(
                try await api.send(.GET, "/api/v1/registrations?typeCode=CN-03&status=registered").json(
                    ListResponse<RegistrationDTO>.self
                ).total == names.count)
            // The web list in the same order, and exports with the same rows.
            let b = Browser(app)
            try await b.login("noivu")
            let page = try await b.send(.GET, "/app/registrations?year=2025&q=thi")
            #expect(page.text.contains("Phạm Thị Anh") && !page.text.contains("Lê Văn Dũng"))
            let csv = try await b.send(.GET, "/app/registrations/export?format=csv&year=2025")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType)?.contains("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == names.count + 1)
            #expect(lines[1].contains("Nguyễn Văn Anh"))
            let xlsx = try await app.testing().sendRequest(
                .GET, "/api/v1/registrations/export?format=xlsx&year=2025",
                headers: ["Authorization": "Bearer \(api.token!)"])
            #expect(xlsx.status == .ok)
            let rows = try XLSXReader.rows(data: Data(buffer: xlsx.body))
            #expect(rows.count == names.count + 1)
            #expect(rows[1].contains("Nguyễn Văn Anh"))
        }
    }
}
