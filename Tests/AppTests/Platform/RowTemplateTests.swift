import Foundation
import Leaf
import Testing
import Vapor

@testable import App

extension WrittenRows {
    /// `rows` as a page mock shows them: written by their row view in this checkout (empty if it cannot be read, so
    /// the page's render test misses the rows' text and fails).
    static func mock<Row: TemplatedRow>(_ rows: [Row]) -> WrittenRows {
        (try? RowTemplates(viewsDirectory: packageRoot + "/Resources/Views", keeps: false).write(rows))
            ?? WrittenRows(count: 0, html: "")
    }
}

@Suite("Row views written without Leaf")
struct RowTemplateTests {
    /// A row of each kind with every character Leaf escapes, and text in Vietnamese.
    static let awkward = RegistrationRow(
        id: 7, href: "/app/registrations/7?a=1&b=2", year: 2025, subjectName: "Hộ ông A Blơi <Xơ Đăng>",
        subjectKindLabel: "Hộ gia đình", title: #"Mô hình "trồng" sâm dây & nuôi ong 'mật'"#, unitName: "Xã Đăk Ruồng",
        typeName: "—", statusLabel: "Đạt điển hình", status: "achieved")

    static let awkwardUnit = UnitRow(
        UnitModel(
            code: "KR-<A&B>", name: "Thôn \"Kon Gung\" & 'Đăk Lấp'", shortName: "Kon Gung", kind: .thon, parentID: nil,
            place: "Đăk Ruồng", abbreviation: "UBND"))
    static let awkwardAward = AwardsPage.Row(
        subjectName: "Y <Hoa>", subjectHref: "/app/subjects/2?x=1&y=2", unitName: "Xã \"Tân Lập\"", year: 2023,
        formName: "Giấy khen & tiền thưởng", levelLabel: "Cấp xã", decision: "Số 5/QĐ-UBND — 'đã thu hồi'")

    @Test("Every row view gives the bytes Leaf renders from it, with both encoders, row after row")
    func sameBytesAsLeaf() async throws {
        try await withTestApp(demo: false) { app in
            func check<Row: TemplatedRow & Encodable>(_ rows: [Row]) async throws {
                var leafs = ""
                var pages = ""
                for row in rows {
                    let context = ["row": row]
                    leafs += String(
                        buffer: try await app.leaf.renderer.render(path: Row.rowView, context: context).get())
                    pages += String(buffer: try await app.view.render(Row.rowView, context).get().data)
                }
                let written = try app.rowTemplates.write(rows)
                #expect(written.count == rows.count)
                #expect(written.html == leafs, "\(Row.rowView): written rows differ from Leaf's")
                #expect(written.html == pages, "\(Row.rowView): written rows differ from the app's pages")
                #expect(!written.html.contains("#("), "\(Row.rowView) has an unrendered tag")
            }
            try await check([Self.awkward, RegistrationRow.mock, Self.awkward])
            try await check([UnitRow.mock, Self.awkwardUnit])
            try await check([AwardsPage.Row.mock, Self.awkwardAward])
            #expect(
                try app.rowTemplates.write([Self.awkward]).html.contains(
                    "Mô hình &quot;trồng&quot; sâm dây &amp; nuôi ong &#39;mật&#39;"))
            #expect(try app.rowTemplates.write([Self.awkward]).html.contains("Hộ ông A Blơi &lt;Xơ Đăng&gt;"))
            let none = try app.rowTemplates.write([RegistrationRow]())
            #expect(none.count == 0 && none.html.isEmpty)
        }
    }

    @Test("A row view with anything but text and #(row.field) of a known field is refused, naming the view")
    func refusesWhatItCannotWrite() throws {
        for source in [
            "<td>#(row.unknown)</td>", "<td>#if(row.title):x#endif</td>", "<td>#(r.title)</td>",
            "<td>#unsafeHTML(row.title)</td>", "<td>\\#(row.title)</td>", "<td>#(row.title</td>",
            "<a href=\"#top\">", "#extend(\"platform/pager\")",
        ] {
            #expect(throws: RowTemplateError.self, "\(source)") {
                _ = try RowTemplate<RegistrationRow>(source: source)
            }
        }
        do {
            _ = try RowTemplate<RegistrationRow>(source: "<td>#(row.unknown)</td>")
        } catch {
            #expect("\(error)".contains("lifecycle/registration-row.leaf"))
            #expect("\(error)".contains("#(row.unknown)"))
        }
        let plain = try RowTemplate<RegistrationRow>(source: "<td>#(row.year)</td><td>#(row.title)</td>\n")
        #expect(plain.write([RegistrationRow.mock]).html == "<td>2024</td><td>Mô hình trồng sâm dây</td>\n")
    }

    @Test("A row view is kept once read when views are kept (release), and read again when they are not")
    func keptOrReadAgain() throws {
        let folder = NSTemporaryDirectory() + "row-views-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/lifecycle", withIntermediateDirectories: true)
        let file = folder + "/" + RegistrationRow.rowView + ".leaf"
        try "<p>#(row.title)</p>".write(toFile: file, atomically: true, encoding: .utf8)
        let kept = RowTemplates(viewsDirectory: folder, keeps: true)
        let fresh = RowTemplates(viewsDirectory: folder, keeps: false)
        #expect(try kept.write([RegistrationRow.mock]).html == "<p>Mô hình trồng sâm dây</p>")
        #expect(try fresh.write([RegistrationRow.mock]).html == "<p>Mô hình trồng sâm dây</p>")
        try "<p>#(row.unitName)</p>".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try kept.write([RegistrationRow.mock]).html == "<p>Mô hình trồng sâm dây</p>")
        #expect(try fresh.write([RegistrationRow.mock]).html == "<p>Xã Đăk Ruồng</p>")
    }
}
