import Domain
import Fluent
import Testing
import Vapor

@testable import App

@Suite("Organisation tree")
struct UnitTests {
    @Test("Bad input comes back with Vietnamese messages next to the fields and everything typed kept")
    func badInputKept() async throws {
        try await withTestApp { app in
            let b = Browser(app)
            try await b.login("noivu")
            try await b.send(.GET, "/app/units/new")
            let res = try await b.post(
                "/app/units",
                [
                    ("code", "kr đăk lâm"), ("name", ""), ("shortName", "Thôn Đăk Lâm"), ("kind", ""),
                    ("parentID", String(try await unitID(app, "KR-DAKRUONG"))), ("place", "Đăk Ruồng"),
                    ("abbreviation", ""),
                ])
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("Mã chỉ gồm chữ in hoa không dấu"))
            #expect(res.text.contains("Tên đơn vị không được để trống."))
            #expect(res.text.contains("Vui lòng chọn loại đơn vị."))
            #expect(res.text.contains("value=\"KR ĐĂK LÂM\"") || res.text.contains("value=\"kr đăk lâm\""))
            #expect(res.text.contains("value=\"Thôn Đăk Lâm\""))
            #expect(res.text.contains("aria-invalid=\"true\""))
            let dup = try await b.post(
                "/app/units", [("code", "KR-PNV"), ("name", "Trùng"), ("kind", "phong"), ("parentID", "")])
            #expect(dup.status == .unprocessableEntity)
            #expect(dup.text.contains("đã được dùng cho đơn vị khác"))
        }
    }

    @Test("Decomposed (NFD) input is stored as NFC and found by folded search; đ folds to d")
    func nfcAndSearch() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let parent = try await unitID(app, "KR-DAKRUONG")
            let nfd = "Thôn Đăk Lâm Mới".decomposedStringWithCanonicalMapping
            #expect(nfd.unicodeScalars.count != "Thôn Đăk Lâm Mới".unicodeScalars.count)
            let created = try await api.send(
                .POST, "/api/v1/units",
                json: ["code": "kr-dakruong-t99", "name": nfd, "kind": "thon", "parentID": parent])
            #expect(created.status == .created)
            let stored = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG-T99").first())
            #expect(Array(stored.name.utf8) == Array("Thôn Đăk Lâm Mới".precomposedStringWithCanonicalMapping.utf8))
            #expect(stored.path.hasPrefix(try #require(try await UnitModel.find(parent, on: app.db)).path))
            for q in ["dak lam moi", "ĐĂK LÂM", "Đăk Lâm".decomposedStringWithCanonicalMapping] {
                let found = try await api.send(
                    .GET, "/api/v1/units?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                ).json(ListResponse<UnitDTO>.self)
                #expect(found.items.map(\.code).contains("KR-DAKRUONG-T99"), "query \(q)")
            }
            let ruong = try await api.send(.GET, "/api/v1/units?q=dak%20ruong&kind=xa").json(ListResponse<UnitDTO>.self)
            #expect(ruong.items.map(\.code) == ["KR-DAKRUONG"])
            let b = Browser(app)
            try await b.login("noivu")
            #expect(try await b.send(.GET, "/app/units?q=dak+ruong").text.contains("Ủy ban nhân dân xã Đăk Ruồng"))
        }
    }

    @Test("Search matches word starts of code and name via the full-text index, kept up on rename and delete")
    func wordStartSearch() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            func codes(_ q: String, kind: String = "") async throws -> [String] {
                let e = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await api.send(.GET, "/api/v1/units?q=\(e)&kind=\(kind)&perPage=200")
                    .json(ListResponse<UnitDTO>.self).items.map(\.code)
            }
            #expect(try await codes("ruồng", kind: "xa") == ["KR-DAKRUONG"])
            #expect(try await codes("ruo", kind: "xa") == ["KR-DAKRUONG"]) // the start of a word
            #expect(try await codes("uong", kind: "xa").isEmpty) // not the inside of one
            #expect(try await codes("kr-dakruong", kind: "xa") == ["KR-DAKRUONG"]) // the code, in parts
            #expect(try await codes("100%_").isEmpty) // LIKE's wildcards are plain characters

            // Renamed: found by the new name, no longer by the old; deleted: gone from the index.
            let parent = try await unitID(app, "KR-DAKRUONG")
            let made = try await api.send(
                .POST, "/api/v1/units",
                json: [
                    "code": "KR-DAKRUONG-T98", "name": "Thôn Pleiku Zơ", "kind": "thon",
                    "parentID": parent,
                ])
            #expect(made.status == .created)
            let id = try await unitID(app, "KR-DAKRUONG-T98")
            #expect(try await codes("pleiku zo") == ["KR-DAKRUONG-T98"])
            let renamed = try await api.send(
                .PUT, "/api/v1/units/\(id)",
                json: ["code": "KR-DAKRUONG-T98", "name": "Thôn Kon Hơ Ring", "kind": "thon", "parentID": parent])
            #expect(renamed.status == .ok)
            #expect(try await codes("pleiku").isEmpty)
            #expect(try await codes("kon ho ring") == ["KR-DAKRUONG-T98"])
            #expect(try await api.send(.DELETE, "/api/v1/units/\(id)").status == .noContent)
            #expect(try await codes("kon ho ring").isEmpty)

            // A word in many units is read in tree order, each unit's own text tested (SQLite walks the path
            // index with GLOB); the rows are the index's, for words at the start, after a space, a hyphen, a comma.
            let search = FoldedTextSearch(table: UnitModel.schema)
            let thon = FoldedTextSearch.words("thôn")
            #expect(try await search.isCommon(thon, on: app.db) == false) // a few dozen demo villages
            #expect(try await search.isCommon(thon, over: 5, on: app.db) == !app.db.isPostgres)
            for q in ["thôn", "kr", "dakruong", "đăk ruồng", "1", "ủy ban", "xa", "khongai"] {
                let words = FoldedTextSearch.words(q)
                let indexed = try await UnitQueries.filtered(UnitFilter(q: q), scope: .all, on: app.db)
                    .sort(\.$path).sort(\.$id).all().map(\.code)
                var walked = UnitModel.query(on: app.db)
                for c in search.matching(words, walk: true, on: app.db) { walked = walked.filter(.sql(c)) }
                #expect(try await walked.sort(\.$path).sort(\.$id).all().map(\.code) == indexed, "“\(q)”")
                #expect(q == "1" || indexed.isEmpty == (q == "khongai"), "“\(q)”: \(indexed.count)")
                if !app.db.isPostgres {
                    let plan = try await RegistrationListScaleTests.explain(
                        app, walked.sort(\.$path).sort(\.$id).limit(51).readSQL)
                    #expect(plan.first?.hasPrefix("SCAN units USING INDEX units_path") == true, "\(plan)")
                    #expect(!plan.joined().contains("TEMP B-TREE"), "\(plan)")
                }
            }
            // The list of a common word (here past 5 of them) is the same page and total either way.
            let all = try await UnitQueries.filtered(UnitFilter(q: "thôn"), scope: .all, on: app.db).count()
            let page = try await UnitQueries.filtered(UnitFilter(q: "thôn"), scope: .all, on: app.db, walk: true)
                .keysetPage(
                    ListQuery(q: nil, page: 1, perPage: 5), order: UnitQueries.order,
                    total: .counted(by: UnitQueries.filtered(UnitFilter(q: "thôn"), scope: .all, on: app.db)))
            #expect(page.total == all && page.items.count == 5 && all > 5)
        }
    }

    @Test("A commune officer adds a village below its commune but not elsewhere; moving a unit moves its subtree")
    func createAndMove() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let tanLap = try await unitID(app, "KR-TANLAP")
            let b = Browser(app)
            try await b.login("dakruong")
            try await b.send(.GET, "/app/units/new")
            let ok = try await b.post(
                "/app/units",
                [
                    ("code", "KR-DAKRUONG-T20"), ("name", "Làng Kon Đrei"), ("kind", "thon"),
                    ("parentID", String(dakRuong)),
                ])
            #expect(ok.status == .seeOther)
            let elsewhere = try await b.post(
                "/app/units",
                [("code", "KR-TANLAP-T20"), ("name", "Thôn lạ"), ("kind", "thon"), ("parentID", String(tanLap))])
            #expect(elsewhere.status == .forbidden)
            #expect(try await UnitModel.query(on: app.db).filter(\.$code == "KR-TANLAP-T20").count() == 0)

            // Standing office moves Đăk Ruồng's new village (with a child) under Tân Lập: paths follow.
            let office = try await APIClient.login(app, "noivu")
            let village = try await unitID(app, "KR-DAKRUONG-T20")
            let child = try await office.send(
                .POST, "/api/v1/units",
                json: ["code": "KR-DAKRUONG-T20-TO1", "name": "Tổ 1", "kind": "khac", "parentID": village])
            #expect(child.status == .created)
            let moved = try await office.send(
                .PUT, "/api/v1/units/\(village)",
                json: ["code": "KR-DAKRUONG-T20", "name": "Làng Kon Đrei", "kind": "thon", "parentID": tanLap])
            #expect(moved.status == .ok)
            let tanLapPath = try #require(try await UnitModel.find(tanLap, on: app.db)).path
            let childModel = try #require(
                try await UnitModel.query(on: app.db).filter(\.$code == "KR-DAKRUONG-T20-TO1").first())
            #expect(childModel.path == tanLapPath + "\(village)/\(childModel.id!)/")
            // Not under itself.
            let cycle = try await office.send(
                .PUT, "/api/v1/units/\(village)",
                json: ["code": "KR-DAKRUONG-T20", "name": "Làng Kon Đrei", "kind": "thon", "parentID": childModel.id!])
            #expect(cycle.status == .unprocessableEntity)
            #expect(
                (try cycle.jsonObject()["fields"] as? [String: String])?["parentID"]?.contains("bên dưới chính nó")
                    == true)
            // A unit with children cannot be deleted.
            let del = try await office.send(.DELETE, "/api/v1/units/\(village)")
            #expect(del.status == .conflict)
            #expect(try await office.send(.DELETE, "/api/v1/units/\(childModel.id!)").status == .noContent)
        }
    }

    @Test("Clusters and blocks: the cluster of 7 communes and 3 school blocks")
    func groups() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let groups = try await api.send(.GET, "/api/v1/unit-groups").json([UnitsAPIController.GroupDTO].self)
            #expect(groups.first { $0.code == "CUM-XA" }?.memberIDs.count == 7)
            #expect(groups.filter { $0.code.hasPrefix("KHOI-") && $0.code != "KHOI-PHONG" }.count == 3)
            let b = Browser(app)
            try await b.login("noivu")
            let page = try await b.send(.GET, "/app/groups")
            #expect(page.text.contains("Cụm thi đua các xã, thị trấn"))
            #expect(page.text.contains("Thị trấn Đăk Rve") || page.text.contains("Ủy ban nhân dân thị trấn Đăk Rve"))
        }
    }
}
