import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App
@testable import OOXML

/// Certificates printed on an authority's own blanks (issue 14, item 1).
@Suite("Certificates: layouts per authority, preview, batch print as HTML and DOCX")
struct CertificatesTests {
    static func demoDecision(_ app: Application) async throws -> DecisionModel {
        try #require(
            try await DecisionModel.query(on: app.db).filter(\.$kind == .decision).sort(\.$id).first())
    }

    /// No layout yet, whatever the demo made: each test makes its own.
    static func fresh(_ app: Application) async throws {
        try await CertificateLayoutModel.query(on: app.db).delete()
    }

    static func fields(_ l: CertificateLayout) -> [(String, String)] {
        l.formValues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + l.formCodes.map { ("apply_" + $0, "on") }
    }

    /// Creates a layout through the form as `office`; returns its id.
    static func create(_ office: Browser, authority: Int, _ l: CertificateLayout) async throws -> Int {
        try await office.send(.GET, "/app/authorities/\(authority)/certificate-layouts/new")
        let res = try await office.post("/app/authorities/\(authority)/certificate-layouts", fields(l))
        #expect(res.status == .seeOther, "\(res.status): \(res.text.prefix(400))")
        guard let location = res.location, let id = Int(location.split(separator: "/").last ?? "") else {
            throw CertificateTestError("no layout made: \(res.status) \(res.text.prefix(300))")
        }
        return id
    }

    @Test("The standing office adds and moves a layout through the form; it is kept, shown with its preview")
    func createAndEdit() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            let d = try await Self.demoDecision(app)
            let aid = d.$authority.id
            let office = Browser(app)
            try await office.login("noivu")
            let authorityPage = try await office.send(.GET, "/app/authorities/\(aid)")
            #expect(authorityPage.text.contains("/app/authorities/\(aid)/certificate-layouts"))
            var l = CertificateLayout.standard(name: "Giấy khen mẫu 2024")
            l.fields.name.x = 33.5
            l.formCodes = ["cstd-co-so", "giay-khen"]
            let auditBefore = try await AuditEntryModel.query(on: app.db).max(\.$id) ?? 0
            let id = try await Self.create(office, authority: aid, l)
            let m = try #require(try await CertificateLayoutModel.find(id, on: app.db))
            #expect(try m.layout() == l)
            #expect(m.isDefault, "the first layout of an authority is its default")
            let page = try await office.send(.GET, "/app/certificate-layouts/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("class=\"cert-preview\""))
            #expect(page.text.contains("value=\"33,5\""))
            // The preview's stylesheet places the name where the layout says.
            let href = try #require(
                page.text.range(of: "/app/certificates/layout.css?").map { r in
                    String(page.text[r.lowerBound...].prefix { $0 != "\"" })
                })
            let css = try await office.send(.GET, href.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(css.status == .ok)
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.text.contains(".cf-name { left: 33.50mm; top: 85.00mm; width: 257.00mm; font-size: 24.0pt"))
            #expect(css.text.contains("@page { size: 297.00mm 210.00mm; margin: 0; }"))

            // Moving the name: "Lưu và xem lại" keeps it and shows it.
            var form = Self.fields(l)
            form.removeAll { $0.0 == "name_y" || $0.0 == "name_x" }
            form += [("name_x", "40"), ("name_y", "90,5")]
            let saved = try await office.post("/app/certificate-layouts/\(id)", form)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/app/certificate-layouts/\(id)")
            let moved = try #require(try await CertificateLayoutModel.find(id, on: app.db)).layout().fields.name
            #expect(moved.x == 40 && moved.y == 90.5)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entity == "certificate_layout")
                .filter(\.$entityID == String(id)).filter(\.$id > auditBefore).count()
            #expect(audit == 2, "created, then changed")
        }
    }

    @Test("Bad numbers come back as typed, with Vietnamese messages, 422, and nothing is saved")
    func validation() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            let aid = try await Self.demoDecision(app).$authority.id
            let office = Browser(app)
            try await office.login("noivu")
            try await office.send(.GET, "/app/authorities/\(aid)/certificate-layouts/new")
            var form = Self.fields(.standard(name: "Mẫu sai"))
            form.removeAll { ["name_x", "signer_size", "title_width"].contains($0.0) }
            form += [("name_x", "hai mươi"), ("signer_size", "80"), ("title_width", "300")]
            let res = try await office.post("/app/authorities/\(aid)/certificate-layouts", form)
            #expect(res.status == .unprocessableEntity)
            #expect(res.text.contains("value=\"hai mươi\""))
            #expect(res.text.contains("Lề trái (x) của “Họ tên (tên tập thể)” phải là một số (mm)"))
            #expect(try await CertificateLayoutModel.query(on: app.db).count() == 0)
            form.removeAll { $0.0 == "name_x" }
            form.append(("name_x", "20"))
            let second = try await office.post("/app/authorities/\(aid)/certificate-layouts", form)
            #expect(second.status == .unprocessableEntity)
            #expect(second.text.contains("“Người ký”: cỡ chữ từ 6 đến 72 pt (đang là 80 pt)."))
            #expect(second.text.contains("ô chữ vượt quá mép phải khổ giấy"))
            #expect(try await CertificateLayoutModel.query(on: app.db).count() == 0)
        }
    }

    @Test("Others read the layouts but may not change them (403); a council seat reads the print")
    func access() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            let aid = try await Self.demoDecision(app).$authority.id
            let office = Browser(app)
            try await office.login("noivu")
            let id = try await Self.create(office, authority: aid, .standard(name: "Mẫu chung"))
            for user in ["dakruong", "giaoduc", "hoidong"] {
                let b = Browser(app)
                try await b.login(user)
                let list = try await b.send(.GET, "/app/authorities/\(aid)/certificate-layouts")
                #expect(list.status == .ok, "\(user)")
                #expect(!list.text.contains("Thêm mẫu in"), "\(user)")
                let page = try await b.send(.GET, "/app/certificate-layouts/\(id)")
                #expect(page.status == .ok && !page.text.contains("Lưu và xem lại"), "\(user)")
                let post = try await b.post("/app/certificate-layouts/\(id)", Self.fields(.standard(name: "Đổi")))
                #expect(post.status == .forbidden, "\(user)")
                #expect(post.text.contains("Thường trực Hội đồng của cấp khen thưởng đó"), "\(user)")
            }
            #expect(try await CertificateLayoutModel.find(id, on: app.db)?.name == "Mẫu chung")
        }
    }

    @Test("The print page has one sheet per valid award at the stored positions; withdrawn awards are not printed")
    func printPage() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            let d = try await Self.demoDecision(app)
            let did = try d.requireID()
            let office = Browser(app)
            try await office.login("noivu")
            var l = CertificateLayout.standard(name: "Giấy khen mẫu 2024")
            l.fields.name.x = 41
            l.fields.name.y = 77
            l.fields.name.width = 200
            let id = try await Self.create(office, authority: d.$authority.id, l)
            let awards = try await AwardModel.query(on: app.db).filter(\.$decisionID == did).with(\.$subject).all()
            #expect(awards.count >= 2, "the demo decision carries several awards")
            let withdrawn = awards[0]
            try withdrawn.move(to: .withdrawn, note: "Thử")
            try await withdrawn.save(on: app.db)
            let decisionPage = try await office.send(.GET, "/app/decisions/\(did)")
            #expect(decisionPage.text.contains("/app/decisions/\(did)/certificates?layout=\(id)"))
            let res = try await office.send(.GET, "/app/decisions/\(did)/certificates?layout=\(id)")
            #expect(res.status == .ok)
            #expect(!res.text.contains("main-nav"), "no header or navigation on the sheets")
            let sheets = res.text.components(separatedBy: "class=\"cert-sheet\"").count - 1
            #expect(sheets == awards.count - 1)
            for a in awards.dropFirst() {
                #expect(
                    res.text.contains("<p class=\"cert-field cf-name\">\(a.subject.name)</p>"), "\(a.subject.name)")
            }
            if !awards.dropFirst().contains(where: { $0.$subject.id == withdrawn.$subject.id }) {
                #expect(!res.text.contains(">\(withdrawn.subject.name)</p>"))
            }
            #expect(res.text.contains("ngày 20 tháng 12 năm 2024"))
            let href = try #require(
                res.text.range(of: "/app/certificates/layout.css?").map { r in
                    String(res.text[r.lowerBound...].prefix { $0 != "\"" })
                })
            let css = try await office.send(.GET, href.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(css.text.contains(".cf-name { left: 41.00mm; top: 77.00mm;"))
            // Without ?layout the authority's default prints; another authority's layout is not offered.
            #expect(try await office.send(.GET, "/app/decisions/\(did)/certificates").status == .ok)
            let other = try #require(
                try await AuthorityModel.query(on: app.db).filter(\.$id != d.$authority.id).first())
            let foreign = try await CertificateService.create(
                authorityID: try other.requireID(), .standard(), isDefault: false,
                actor: Actor(userID: 1, username: "admin", role: .admin, unitID: nil, unitPath: nil),
                sets: app.ruleSets, on: app.db)
            let refused = try await office.send(
                .GET, "/app/decisions/\(did)/certificates?layout=\(try foreign.requireID())")
            #expect(refused.status == .notFound)
            // Someone who does not read the decision does not print it.
            let unit = Browser(app)
            try await unit.login("dakruong")
            #expect(try await unit.send(.GET, "/app/decisions/\(did)/certificates?layout=\(id)").status == .notFound)
        }
    }

    @Test("The DOCX has one page per award, each field in a frame at its position on the page")
    func docx() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            let d = try await Self.demoDecision(app)
            let did = try d.requireID()
            let office = Browser(app)
            try await office.login("noivu")
            var l = CertificateLayout.standard(name: "Bằng khen A3", paper: .a3, orientation: .landscape)
            l.fields.name.x = 50
            l.fields.name.y = 120
            let id = try await Self.create(office, authority: d.$authority.id, l)
            let res = try await office.send(.GET, "/app/decisions/\(did)/certificates.docx?layout=\(id)")
            #expect(res.status == .ok)
            let reader = try PackageReader(data: Data(res.bytes), notAPackage: OOXMLError("not a package"))
            let xml = String(decoding: try #require(try reader.read("word/document.xml")), as: UTF8.self)
            let awards = try await AwardModel.query(on: app.db).filter(\.$decisionID == did)
                .filter(\.$status == .valid).with(\.$subject).sort(\.$id).all()
            #expect(xml.components(separatedBy: "w:type=\"page\"").count - 1 == awards.count - 1)
            #expect(xml.contains("<w:pgSz w:w=\"\(DOCXWriter.twips(mm: 420))\" w:h=\"\(DOCXWriter.twips(mm: 297))\"/>"))
            // Each name sits in a frame at x = 50 mm, y = 120 mm from the page's corner.
            let frame =
                "<w:framePr w:w=\"\(DOCXWriter.twips(mm: l.fields.name.width))\" w:hSpace=\"0\" w:wrap=\"around\" "
                + "w:vAnchor=\"page\" w:hAnchor=\"page\" w:x=\"\(DOCXWriter.twips(mm: 50))\" "
                + "w:y=\"\(DOCXWriter.twips(mm: 120))\"/>"
            let paragraphs = xml.components(separatedBy: "<w:p>").filter { $0.contains(frame) }
            #expect(paragraphs.count == awards.count)
            for (p, a) in zip(paragraphs, awards) {
                #expect(p.contains(">\(a.subject.name)</w:t>"), "\(a.subject.name)")
            }
            let text = try pythonDocxText(Data(res.bytes))
            for a in awards { #expect(text.contains(a.subject.name)) }
        }
    }

    @Test("The API lists, creates, reads and changes layouts; a stored value that does not decode is an error")
    func api() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            let aid = try await Self.demoDecision(app).$authority.id
            let api = try await APIClient.login(app, "noivu")
            let created = try await api.send(
                .POST, "/api/v1/authorities/\(aid)/certificate-layouts",
                json: ["name": "Giấy khen API", "paper": "a4", "orientation": "portrait", "forms": ["giay-khen"]])
            #expect(created.status == .created, "\(created.text)")
            let dto = try created.json(CertificateLayoutDTO.self)
            #expect(dto.width == 210 && dto.height == 297 && dto.forms == ["giay-khen"] && dto.isDefault)
            var fields = dto.fields
            fields.name.fontSize = 90
            let bad = try await api.send(
                .PUT, "/api/v1/certificate-layouts/\(dto.id)",
                json: try JSONSerialization.jsonObject(with: JSONEncoder().encode(["fields": fields])))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("cỡ chữ từ 6 đến 72 pt"))
            fields.name.fontSize = 30
            let ok = try await api.send(
                .PUT, "/api/v1/certificate-layouts/\(dto.id)",
                json: try JSONSerialization.jsonObject(with: JSONEncoder().encode(["fields": fields])))
            #expect(ok.status == .ok)
            #expect(try ok.json(CertificateLayoutDTO.self).fields.name.fontSize == 30)
            let list = try await api.send(.GET, "/api/v1/authorities/\(aid)/certificate-layouts")
            #expect(try list.json([CertificateLayoutDTO].self).map(\.id) == [dto.id])
            let other = try await APIClient.login(app, "dakruong")
            #expect(try await other.send(.GET, "/api/v1/certificate-layouts/\(dto.id)").status == .ok)
            let refused = try await other.send(.PUT, "/api/v1/certificate-layouts/\(dto.id)", json: ["name": "X"])
            #expect(refused.status == .forbidden)

            // A stored value missing a field does not decode: an error naming the column, never a default.
            try await (app.db as! any SQLDatabase).raw(
                "UPDATE certificate_layouts SET fields = '{\"name\":{}}' WHERE id = \(bind: dto.id)"
            ).run()
            let broken = try await api.send(.GET, "/api/v1/certificate-layouts/\(dto.id)")
            #expect(broken.status == .internalServerError)
            #expect(broken.text.contains("certificate_layouts.fields"))
        }
    }

    @Test("The demo's layouts: each authority gets one default, and a decision prints without choosing one")
    func demoLayouts() async throws {
        try await withTestApp { app in
            try await Self.fresh(app)
            try await DemoCertificates.load(app: app, on: app.db)
            try await DemoCertificates.load(app: app, on: app.db)
            let authorities = try await AuthorityModel.query(on: app.db).count()
            let layouts = try await CertificateLayoutModel.query(on: app.db).all()
            #expect(layouts.count == authorities && layouts.allSatisfy(\.isDefault), "one default each, loaded once")
            let office = Browser(app)
            try await office.login("noivu")
            let did = try await Self.demoDecision(app).requireID()
            let res = try await office.send(.GET, "/app/decisions/\(did)/certificates")
            #expect(res.status == .ok && res.text.contains("Giấy khen mẫu chung (A4 ngang)"))
        }
    }
}

struct CertificateTestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

@Suite("Certificate form bodies")
struct CertificateBodyTests {
    @Test("A layout form body with a stray %, a space or markup is refused with a Vietnamese 400; the server stays up")
    func malformedBody() async throws {
        try await withTestApp { app in
            let d = try await CertificatesTests.demoDecision(app)
            let office = Browser(app)
            try await office.login("noivu")
            let new = "/app/authorities/\(d.$authority.id)/certificate-layouts"
            try await office.send(.GET, new + "/new")
            let token = try #require(office.csrf)
            let res = try await office.send(
                .POST, new, raw: "_csrf=\(token)&name=M%zz%&name_x=1 2<\"&paper=A4")
            #expect(res.status == .badRequest)
            #expect(res.text.contains("Biểu mẫu gửi lên không đúng định dạng"))
            #expect(try await office.send(.GET, new + "/new").status == .ok)
        }
    }
}
