import Foundation
import Leaf
import Testing
import Vapor

@testable import App

extension WrittenRows {
    /// `rows` as a page mock shows them: written by their row view in this checkout (empty if it cannot be read, so
    /// the page's render test misses the rows' text and fails).
    static func mock<Row: TemplatedRow>(_ rows: [Row]) -> WrittenRows {
        let path = packageRoot + "/Resources/Views/" + Row.rowView + ".leaf"
        guard let source = try? String(contentsOfFile: path, encoding: .utf8),
            let template = try? RowTemplate<Row>(source: source)
        else { return WrittenRows(count: 0, html: "") }
        return template.write(rows)
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

    @Test("Every row view gives the bytes Leaf renders from it, with both encoders, and shows every field it is given")
    func sameBytesAsLeaf() async throws {
        try await withTestApp(demo: false) { app in
            var checked: Set<String> = []
            func check<Row: TemplatedRow & Encodable>(_ rows: [Row]) async throws {
                var leafs = ""
                var pages = ""
                for row in rows {
                    let context = ["row": row]
                    leafs += String(
                        buffer: try await app.leaf.renderer.render(path: Row.rowView, context: context).get())
                    pages += String(buffer: try await app.view.render(Row.rowView, context).get().data)
                }
                let written = try await app.rowTemplates.write(rows)
                #expect(written.count == rows.count)
                #expect(written.html == leafs, "\(Row.rowView): written rows differ from Leaf's")
                #expect(written.html == pages, "\(Row.rowView): written rows differ from the app's pages")
                #expect(!written.html.contains("#("), "\(Row.rowView) has an unrendered tag")
                // A field the row type gives and its view leaves out was a column of the list before.
                let shown = try await app.rowTemplates.template(for: Row.self).fieldNames
                #expect(Set(shown) == Set(Row.rowFields.keys), "\(Row.rowView) leaves fields out")
                checked.insert(Row.rowView)
            }
            try await check([Self.awkward, RegistrationRow.mock, Self.awkward])
            try await check([UnitRow.mock, Self.awkwardUnit])
            try await check([AwardsPage.Row.mock, Self.awkwardAward])
            // Every row type is checked here, and every row view in Resources/Views is one of theirs.
            let registered = Set(RowTemplates.all.map { $0.rowView })
            #expect(checked == registered)
            let files = (FileManager.default.subpaths(atPath: packageRoot + "/Resources/Views") ?? [])
                .filter { $0.hasSuffix("-row.leaf") }.map { String($0.dropLast(".leaf".count)) }
            #expect(Set(files) == registered)

            let awkward = try await app.rowTemplates.write([Self.awkward]).html
            #expect(awkward.contains("Mô hình &quot;trồng&quot; sâm dây &amp; nuôi ong &#39;mật&#39;"))
            #expect(awkward.contains("Hộ ông A Blơi &lt;Xơ Đăng&gt;"))
            let none = try await app.rowTemplates.write([RegistrationRow]())
            #expect(none.count == 0 && none.html.isEmpty)
        }
    }

    @Test("A row view with anything but text and #(row.field) of a known field is refused, naming the view")
    func refusesWhatItCannotWrite() throws {
        for source in [
            "<td>#(row.unknown)</td>", "<td>#if(row.title):x#endif</td>", "<td>#(r.title)</td>",
            "<td>#unsafeHTML(row.title)</td>", "<td>\\#(row.title)</td>", "<td>#(row.title</td>",
            "<a href=\"#top\">", "#extend(\"platform/pager\")", "<td>#(row.title)</td>#",
        ] {
            #expect(throws: RowTemplateError.self, "\(source)") {
                _ = try RowTemplate<RegistrationRow>(source: source)
            }
        }
        let error = #expect(throws: RowTemplateError.self) {
            _ = try RowTemplate<RegistrationRow>(source: "<td>#(row.unknown)</td>")
        }
        #expect(error?.description.contains("lifecycle/registration-row.leaf") == true)
        #expect(error?.description.contains("#(row.unknown)") == true)
        let plain = try RowTemplate<RegistrationRow>(source: "<td>#(row.year):</td><td>#(row.title)</td>\n")
        #expect(plain.write([RegistrationRow.mock]).html == "<td>2024:</td><td>Mô hình trồng sâm dây</td>\n")
        #expect(plain.fieldNames == ["year", "title"])
        let empty = RegistrationRow(
            id: 1, href: "", year: 2024, subjectName: "", subjectKindLabel: "", title: "", unitName: "", typeName: "",
            statusLabel: "", status: "")
        #expect(plain.write([empty]).html == "<td>2024:</td><td></td>\n")
    }

    @Test("Row views are read at start and kept when views are kept (release), read again at each use otherwise")
    func keptOrReadAgain() async throws {
        let folder = NSTemporaryDirectory() + "row-views-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for row in RowTemplates.all {
            let file = folder + "/" + row.rowView + ".leaf"
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: packageRoot + "/Resources/Views/" + row.rowView + ".leaf", toPath: file)
        }
        let file = folder + "/" + RegistrationRow.rowView + ".leaf"
        try "<p>#(row.title)</p>".write(toFile: file, atomically: true, encoding: .utf8)
        let kept = RowTemplates(viewsDirectory: folder, keeps: true, threadPool: .singleton)
        let fresh = RowTemplates(viewsDirectory: folder, keeps: false, threadPool: .singleton)
        try await kept.preload()
        try "<p>#(row.unitName)</p>".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try await kept.write([RegistrationRow.mock]).html == "<p>Mô hình trồng sâm dây</p>")
        #expect(try await fresh.write([RegistrationRow.mock]).html == "<p>Xã Đăk Ruồng</p>")
        // Invalid UTF-8 is repaired as Leaf repairs it, not refused.
        try Data([0x3C, 0x70, 0x3E, 0xFF, 0x3C, 0x2F, 0x70, 0x3E]).write(to: URL(fileURLWithPath: file))
        #expect(try await fresh.write([RegistrationRow.mock]).html == "<p>\u{FFFD}</p>")

        // A broken row view stops the start of a release build, naming the view; a missing one too.
        try "<p>#(row.nothing)</p>".write(toFile: file, atomically: true, encoding: .utf8)
        let broken = RowTemplates(viewsDirectory: folder, keeps: true, threadPool: .singleton)
        let error = await #expect(throws: RowTemplateError.self) { try await broken.preload() }
        #expect(error?.description.contains("lifecycle/registration-row.leaf") == true)
        try FileManager.default.removeItem(atPath: file)
        await #expect(throws: (any Error).self) {
            try await RowTemplates(viewsDirectory: folder, keeps: true, threadPool: .singleton).preload()
        }
        // Without kept views nothing is read at start.
        try await RowTemplates(viewsDirectory: folder, keeps: false, threadPool: .singleton).preload()
    }
}
