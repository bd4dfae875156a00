import Domain
import Fluent
import Foundation
import OOXML
import Testing
import Vapor
import VaporTesting

@testable import App

/// Setting up from spreadsheets (issue 15, item 3): units, clusters and blocks, accounts; XLSX and CSV; all or
/// nothing, every error naming its row and column.
@Suite("Set-up imports")
struct SetupImportTests {
    static func xlsx(_ rows: [[String]]) throws -> [UInt8] {
        Array(
            try XLSXWriter.data(sheets: [
                XLSXSheet(
                    name: "Dữ liệu", rows: rows.map { $0.map(XLSXCell.text) }, columnWidths: nil, boldFirstRow: true)
            ]))
    }

    static func csv(_ rows: [[String]]) -> [UInt8] {
        var text = CSV.utf8BOM
        for r in rows { text += CSV.line(r) }
        return Array(text.utf8)
    }

    static let unitHeader = SetupImport.templateRows(.units)[0]
    static let groupHeader = SetupImport.templateRows(.groups)[0]
    static let userHeader = SetupImport.templateRows(.users)[0]

    /// A small tree: a commune under the demo district, two villages under it (one listed before its parent).
    static let tree: [[String]] = [
        unitHeader,
        ["ST-THON2", "Thôn Kon Bring", "", "thôn", "ST-XA", "", ""],
        ["ST-XA", "Ủy ban nhân dân xã Thử Nghiệm", "Xã Thử Nghiệm", "Xã", "KR", "Kon Rẫy", "UBND"],
        ["ST-THON1", "Thôn Đăk Pơ Xi", "", "thon", "ST-XA", "", ""],
    ]

    func importCount(_ app: Application) async throws -> Int {
        try await AuditEntryModel.query(on: app.db).filter(\.$entity == "import").count()
    }

    @Test("Units from XLSX: parents from the file (in any order) or the database; paths follow the tree; audited")
    func unitsXLSX() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let before = try await importCount(app)
            let res = try await api.upload(
                "/api/v1/imports/units", filename: "cay-don-vi.xlsx", bytes: try Self.xlsx(Self.tree))
            #expect(res.status == .ok, "\(res.text)")
            #expect(try res.json(SetupImportResult.self).created == 3)
            let district = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "KR").first())
            let xa = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "ST-XA").first())
            let thon = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "ST-THON2").first())
            #expect(xa.$parent.id == district.id)
            #expect(xa.kind == UnitKind.xa.rawValue)
            #expect(xa.shortName == "Xã Thử Nghiệm")
            #expect(thon.$parent.id == xa.id)
            #expect(thon.kind == UnitKind.thon.rawValue)
            #expect(thon.shortName == "Thôn Kon Bring")
            #expect(thon.path == "\(xa.path)\(thon.id!)/")
            #expect(try await importCount(app) == before + 1)
        }
    }

    @Test("Units: one bad row writes nothing; every error names its row and column")
    func unitsBadRow() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let count = try await UnitModel.query(on: app.db).count()
            var rows = Self.tree
            rows.append(["ST-THON3", "Thôn Ba", "", "Làng xã hội", "ST-XA", "", ""]) // row 5: unknown kind
            rows.append(["ST-THON4", "Thôn Bốn", "", "Thôn", "ST-KHONGCO", "", ""]) // row 6: unknown parent
            rows.append(["ST-XA", "Trùng mã", "", "Xã", "", "", ""]) // row 7: duplicate
            rows.append(["KR-DAKRUONG", "Đã có", "", "Xã", "", "", ""]) // row 8: already in the database
            let res = try await api.upload("/api/v1/imports/units", filename: "sai.csv", bytes: Self.csv(rows))
            #expect(res.status == .unprocessableEntity)
            let r = try res.json(SetupImportResult.self)
            #expect(r.created == 0)
            #expect(r.errors.map(\.row) == [5, 6, 7, 8])
            #expect(r.errors[0].column == "Loại đơn vị")
            #expect(r.errors[0].message.contains("“Làng xã hội” không có"))
            #expect(
                r.errors[1]
                    == ImportErrorItem(
                        row: 6, column: "Mã đơn vị cấp trên",
                        message: "Không có đơn vị cấp trên mã “ST-KHONGCO” trong tệp hay trong hệ thống."))
            #expect(
                r.errors[2]
                    == ImportErrorItem(row: 7, column: "Mã đơn vị", message: "Mã “ST-XA” trùng với dòng 3 của tệp."))
            #expect(r.errors[3].column == "Mã đơn vị")
            #expect(try await UnitModel.query(on: app.db).count() == count)
        }
    }

    @Test("Units: a loop of parents is named on every row of the loop, and nothing is written")
    func unitsCycle() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "admin", adminPassword)
            let count = try await UnitModel.query(on: app.db).count()
            let rows = [
                Self.unitHeader,
                ["ST-A", "Đơn vị A", "", "Thôn", "ST-B", "", ""],
                ["ST-B", "Đơn vị B", "", "Thôn", "ST-A", "", ""],
                ["ST-C", "Đơn vị C", "", "Thôn", "ST-A", "", ""],
            ]
            let res = try await api.upload("/api/v1/imports/units", filename: "vong.xlsx", bytes: try Self.xlsx(rows))
            #expect(res.status == .unprocessableEntity)
            let r = try res.json(SetupImportResult.self)
            #expect(
                r.errors == [
                    ImportErrorItem(
                        row: 2, column: "Mã đơn vị cấp trên",
                        message: "Cấp trên lặp vòng: ST-A → ST-B → ST-A. Một đơn vị không thể nằm dưới chính nó."),
                    ImportErrorItem(
                        row: 3, column: "Mã đơn vị cấp trên",
                        message: "Cấp trên lặp vòng: ST-B → ST-A → ST-B. Một đơn vị không thể nằm dưới chính nó."),
                ])
            #expect(try await UnitModel.query(on: app.db).count() == count)
        }
    }

    @Test("Groups from CSV with their members; a bad row (unknown kind, unknown member) writes nothing")
    func groups() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let groupsBefore = try await UnitGroupModel.query(on: app.db).count()
            var rows = [
                Self.groupHeader,
                ["CUM-MOI", "Cụm thi đua số 3", "Cụm thi đua", "KR-DAKRUONG; KR-TANLAP"],
                ["KHOI-MOI", "Khối các trường", "khối", ""],
                ["CUM-SAI", "Cụm sai", "Nhóm", "KR-DAKRUONG; KR-KHONGCO"],
            ]
            let bad = try await api.upload("/api/v1/imports/groups", filename: "cum.csv", bytes: Self.csv(rows))
            #expect(bad.status == .unprocessableEntity)
            let r = try bad.json(SetupImportResult.self)
            #expect(
                r.errors == [
                    ImportErrorItem(
                        row: 4, column: "Loại", message: "Loại “Nhóm” phải là Cụm thi đua hoặc Khối thi đua."),
                    ImportErrorItem(
                        row: 4, column: "Mã các đơn vị thành viên", message: "Không có đơn vị mã “KR-KHONGCO”."),
                ])
            #expect(try await UnitGroupModel.query(on: app.db).count() == groupsBefore)

            rows.removeLast()
            let ok = try await api.upload("/api/v1/imports/groups", filename: "cum.xlsx", bytes: try Self.xlsx(rows))
            #expect(ok.status == .ok, "\(ok.text)")
            #expect(try ok.json(SetupImportResult.self).created == 2)
            let cum = try #require(
                try await UnitGroupModel.query(on: app.db).filter(\.$code == "CUM-MOI").with(\.$members).first())
            #expect(cum.kind == "cum")
            #expect(Set(cum.members.map(\.code)) == ["KR-DAKRUONG", "KR-TANLAP"])
            let khoi = try #require(try await UnitGroupModel.query(on: app.db).filter(\.$code == "KHOI-MOI").first())
            #expect(khoi.kind == "khoi")
        }
    }

    @Test("Accounts: one-time passwords that must be changed; a bad row writes nothing; who may import is the Policy's")
    func users() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let usersBefore = try await UserModel.query(on: app.db).count()
            var rows = [
                Self.userHeader,
                ["dakruong.vanhoa", "Y Thương", "Cán bộ đơn vị", "KR-DAKRUONG", "ythuong@konray.gov.vn"],
                ["hoidong2", "A Blơi", "council-member", "", ""],
                ["tanlap.x", "Nguyễn Văn X", "Cán bộ đơn vị", "", "khong-phai-email"],
                ["quantri2", "Quản trị mới", "Quản trị hệ thống", "", ""],
            ]
            let bad = try await api.upload("/api/v1/imports/users", filename: "tk.csv", bytes: Self.csv(rows))
            #expect(bad.status == .unprocessableEntity)
            let r = try bad.json(SetupImportResult.self)
            #expect(r.accounts.isEmpty)
            #expect(
                r.errors == [
                    ImportErrorItem(
                        row: 4, column: "Mã đơn vị",
                        message: "Vai trò “Cán bộ đơn vị” phải thuộc một đơn vị: hãy ghi mã đơn vị."),
                    ImportErrorItem(
                        row: 4, column: "E-mail",
                        message: "Địa chỉ e-mail phải có dạng ten@donvi.gov.vn, hoặc để trống."),
                    ImportErrorItem(
                        row: 5, column: "Vai trò", message: "Chỉ quản trị hệ thống được quản lý tài khoản quản trị."),
                ])
            #expect(try await UserModel.query(on: app.db).count() == usersBefore)

            rows.removeLast(2)
            let ok = try await api.upload("/api/v1/imports/users", filename: "tk.xlsx", bytes: try Self.xlsx(rows))
            #expect(ok.status == .ok, "\(ok.text)")
            let done = try ok.json(SetupImportResult.self)
            #expect(done.created == 2)
            #expect(done.accounts.map(\.username) == ["dakruong.vanhoa", "hoidong2"])
            let user = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "dakruong.vanhoa").first())
            #expect(user.mustChangePassword)
            #expect(user.userRole == .unitOfficer)
            #expect(user.email == "ythuong@konray.gov.vn")
            #expect(
                try await UserModel.query(on: app.db).filter(\.$username == "hoidong2").first()?.role
                    == "council-member")
            // The one-time password signs in (and the account must then change it).
            let password = done.accounts[0].password
            #expect(password.count == 14)
            let token = try await APIClient(app: app, token: nil).send(
                .POST, "/api/v1/auth/token", json: ["username": "dakruong.vanhoa", "password": password])
            #expect(token.status != .unauthorized, "\(token.text)")

            // A unit officer may not set up anything: refused before the file is read.
            let officer = try await APIClient.login(app, "dakruong")
            let refused = try await officer.upload("/api/v1/imports/users", filename: "x.csv", bytes: Array("x".utf8))
            #expect(refused.status == .forbidden)
        }
    }

    @Test("A missing column names the column, on row 1; a file without rows says so")
    func missingColumn() async throws {
        try await withTestApp { app in
            let api = try await APIClient.login(app, "noivu")
            let res = try await api.upload(
                "/api/v1/imports/units", filename: "x.csv",
                bytes: Self.csv([["Mã đơn vị", "Tên đơn vị"], ["A", "B"]]))
            #expect(res.status == .unprocessableEntity)
            #expect(
                try res.json(SetupImportResult.self).errors == [
                    ImportErrorItem(
                        row: 1, column: "Loại đơn vị",
                        message: "Thiếu cột “Loại đơn vị”. Hãy dùng tệp mẫu của mục “Cây đơn vị”.")
                ])
            let empty = try await api.upload(
                "/api/v1/imports/groups", filename: "x.csv", bytes: Self.csv([Self.groupHeader]))
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Tệp không có dòng dữ liệu nào"))
        }
    }

    @Test("The page offers three templates; a template is an XLSX with the header and one example row")
    func templatesAndPage() async throws {
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("noivu")
            let page = try await web.send(.GET, "/app/setup")
            #expect(page.status == .ok)
            for kind in SetupImportKind.allCases {
                #expect(page.text.contains("/app/setup/\(kind.rawValue)/template"))
                let t = try await web.send(.GET, "/app/setup/\(kind.rawValue)/template")
                #expect(t.status == .ok)
                let rows = try XLSXReader.rows(data: Data(t.bytes), sheet: nil)
                #expect(rows.count == 2)
                #expect(rows[0] == SetupImport.templateRows(kind)[0])
                // The template's example row imports as it is (units: under Đăk Ruồng).
            }
            let officer = Browser(app)
            try await officer.login("dakruong")
            #expect(try await officer.send(.GET, "/app/setup").status == .forbidden)
        }
    }

    @Test("The web form: a bad file shows its errors on the page; a good one redirects to the unit list")
    func webUpload() async throws {
        try await withTestApp { app in
            let web = Browser(app)
            try await web.login("noivu")
            try await web.send(.GET, "/app/setup")
            func upload(_ rows: [[String]]) async throws -> Sent {
                let (h, body) = multipart(
                    [("_csrf", web.csrf ?? "")], file: ("file", "don-vi.csv", "text/csv", Self.csv(rows)))
                var headers = h
                headers.replaceOrAdd(
                    name: .cookie, value: web.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                let res = try await app.testing().sendRequest(.POST, "/app/setup/units", headers: headers, body: body)
                return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
            }
            var rows = Self.tree
            rows[2][3] = "Quận"
            let bad = try await upload(rows)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Loại đơn vị “Quận” không có trong danh sách"))
            #expect(bad.text.contains("<td data-label=\"Dòng\">3</td>"))
            let ok = try await upload(Self.tree)
            #expect(ok.status == .seeOther, "\(ok.text.prefix(500))")
            #expect(ok.location == "/app/units")
            #expect(
                try await UnitModel.query(on: app.db).filter(\.$code ~~ ["ST-XA", "ST-THON1", "ST-THON2"]).count() == 3)
        }
    }

    @Test("The CLI command imports a file and prints the one-time passwords; a bad file fails naming the row")
    func command() async throws {
        try await withTestApp { app in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("setup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let hasher = app.passwordHasher(on: app.eventLoopGroup.next())
            let units = dir.appendingPathComponent("don-vi.xlsx")
            try Data(try Self.xlsx(Self.tree)).write(to: units)
            let lines = try await SetupImportCommand.execute(
                kind: "units", path: units.path, hasher: hasher, on: app.db)
            #expect(lines.first == "Đã nhập 3 đơn vị từ \(units.path).")

            let users = dir.appendingPathComponent("tai-khoan.csv")
            try Data(Self.csv([Self.userHeader, ["xa.thunghiem", "Đinh Thị Hoa", "Cán bộ đơn vị", "ST-XA", ""]]))
                .write(to: users)
            let out = try await SetupImportCommand.execute(kind: "users", path: users.path, hasher: hasher, on: app.db)
            #expect(out.count == 3)
            #expect(out[2].hasPrefix("xa.thunghiem\t"))

            // Groups: a bad member code names its row and column and writes nothing; the fixed file writes both.
            let groupsBefore = try await UnitGroupModel.query(on: app.db).count()
            var groupRows = [
                Self.groupHeader, ["CUM-CLI", "Cụm thi đua dòng lệnh", "Cụm thi đua", "KR-DAKRUONG; ST-XA"],
                ["KHOI-CLI", "Khối dòng lệnh", "khối", "KR-KHONGCO"],
            ]
            let groups = dir.appendingPathComponent("cum-khoi.csv")
            try Data(Self.csv(groupRows)).write(to: groups)
            do {
                _ = try await SetupImportCommand.execute(kind: "groups", path: groups.path, hasher: hasher, on: app.db)
                Issue.record("a group with an unknown member should fail")
            } catch let f as CommandFailure {
                #expect(
                    f.description.contains("Dòng 3, cột “Mã các đơn vị thành viên”: Không có đơn vị mã “KR-KHONGCO”."))
            }
            #expect(try await UnitGroupModel.query(on: app.db).count() == groupsBefore)
            groupRows[2][3] = ""
            try Data(try Self.xlsx(groupRows)).write(to: groups.deletingPathExtension().appendingPathExtension("xlsx"))
            let made = try await SetupImportCommand.execute(
                kind: "groups", path: groups.deletingPathExtension().appendingPathExtension("xlsx").path,
                hasher: hasher,
                on: app.db)
            #expect(made.first?.hasPrefix("Đã nhập 2 cụm, khối từ ") == true, "\(made)")
            let cum = try #require(
                try await UnitGroupModel.query(on: app.db).filter(\.$code == "CUM-CLI").with(\.$members).first())
            #expect(Set(cum.members.map(\.code)) == ["KR-DAKRUONG", "ST-XA"])

            let again = dir.appendingPathComponent("lai.csv")
            try Data(Self.csv(Self.tree)).write(to: again)
            do {
                _ = try await SetupImportCommand.execute(kind: "units", path: again.path, hasher: hasher, on: app.db)
                Issue.record("a second import of the same codes should fail")
            } catch let f as CommandFailure {
                #expect(f.description.contains("Dòng 2, cột “Mã đơn vị”: Mã “ST-THON2” đã có trong hệ thống"))
            }
            await #expect(throws: CommandFailure.self) {
                try await SetupImportCommand.execute(kind: "nguoi", path: again.path, hasher: hasher, on: app.db)
            }
        }
    }
}
