import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// A tiny JPEG for evidence uploads: SOI, the JFIF header a phone camera starts with, a 1×1 frame (SOF0), EOI.
let jpegBytes: [UInt8] =
    [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [
        0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9,
    ]

func multipart(_ fields: [(String, String)], file: (name: String, filename: String, type: String, bytes: [UInt8])) -> (
    HTTPHeaders, ByteBuffer
) {
    let boundary = "----dienhinh\(UUID().uuidString)"
    var body = ByteBuffer()
    for (k, v) in fields {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
    }
    body.writeString(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n"
    )
    body.writeBytes(file.bytes)
    body.writeString("\r\n--\(boundary)--\r\n")
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
    return (headers, body)
}

extension Browser {
    @discardableResult
    func upload(
        _ path: String, fields: [(String, String)], file: (name: String, filename: String, type: String, bytes: [UInt8])
    ) async throws -> Sent {
        let (h, body) = multipart([("_csrf", csrf ?? "")] + fields, file: file)
        var headers = h
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        return Sent(status: res.status, headers: res.headers, text: String(buffer: res.body))
    }
}

@Suite("The exemplar lifecycle")
struct LifecycleTests {
    /// The seed's story through the browser: xã Đăk Ruồng adds a specific criterion, registers a household
    /// and a collective for 2024, plans and completes nurturing, evaluates with evidence, and both reach "đạt điển hình".
    @Test("The seed's story in the browser (HTML forms)")
    func storyHTML() async throws {
        try await withTestApp { app in
            let dakRuong = try await unitID(app, "KR-DAKRUONG")
            let vnn = try #require(try await MovementModel.query(on: app.db).filter(\.$code == "PT-VNN").first()?.id)
            let b = Browser(app)
            try await b.login("dakruong")

            // 1. A specific criterion of the commune for 2024, for households.
            try await b.send(.GET, "/app/criteria")
            let crit = try await b.post(
                "/app/criteria",
                [
                    ("unitID", String(dakRuong)), ("year", "2024"), ("code", "DR-01"),
                    ("text", "Không có con em bỏ học"),
                    ("kind", "zeroCount"), ("measure", "con em bỏ học"), ("subjectKinds[]", "household"),
                ])
            #expect(crit.status == .seeOther)
            #expect(try await b.send(.GET, "/app/criteria").text.contains("Không có con em bỏ học"))

            // 2. Register a household (MH-15, vì người nghèo) and a collective (MH-03, thôn văn hóa).
            try await b.send(.GET, "/app/registrations/new")
            let bad = try await b.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(dakRuong)), ("subjectKind", "household"), ("subjectName", ""),
                    ("idNumber", "12ab"), ("typeCode", "MH-15"), ("title", "Mô hình trồng sâm dây"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Tên đối tượng không được để trống."))
            #expect(bad.text.contains("Số CCCD gồm đúng 12 chữ số"))
            #expect(bad.text.contains("value=\"Mô hình trồng sâm dây\""))
            let household = try await b.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(dakRuong)), ("subjectKind", "household"),
                    ("subjectName", "Hộ ông A Blơi"), ("ethnicity", "Xơ Đăng"), ("idNumber", "062080001234"),
                    ("phone", "0905123456"), ("address", "Thôn 1, xã Đăk Ruồng"), ("typeCode", "MH-15"),
                    ("movementIDs[]", String(vnn)), ("title", "Mô hình trồng sâm dây dưới tán rừng"),
                    ("goals", "Thu nhập tăng 20%"),
                ])
            #expect(household.status == .seeOther)
            let hPath = try #require(household.location)
            let collective = try await b.post(
                "/app/registrations",
                [
                    ("year", "2024"), ("unitID", String(dakRuong)), ("subjectKind", "collective"),
                    ("subjectName", "Thôn 1, xã Đăk Ruồng"), ("typeCode", "MH-03"), ("title", "Thôn văn hóa kiểu mẫu"),
                ])
            #expect(collective.status == .seeOther)
            let cPath = try #require(collective.location)
            let hID = try #require(Int(hPath.split(separator: "/").last!))
            let cID = try #require(Int(cPath.split(separator: "/").last!))

            // 3. Nurturing: plan an action, an overdue one shows on the dashboard, then complete both.
            let page = try await b.send(.GET, hPath)
            #expect(page.text.contains("Hộ ông A Blơi"))
            #expect(page.text.contains("DR-01"))
            #expect(page.text.contains("062080001234"))
            let noDate = try await b.post(
                hPath + "/actions",
                [
                    ("title", "Tập huấn kỹ thuật trồng sâm"), ("responsible", "Hội Nông dân xã"),
                    ("dueDate", "31/02/2024"),
                ])
            #expect(noDate.status == .unprocessableEntity)
            #expect(noDate.text.contains("Hạn hoàn thành phải có dạng dd/mm/yyyy."))
            #expect(noDate.text.contains("value=\"Tập huấn kỹ thuật trồng sâm\""))
            #expect(
                try await b.post(
                    hPath + "/actions",
                    [
                        ("title", "Tập huấn kỹ thuật trồng sâm"), ("responsible", "Hội Nông dân xã"),
                        ("dueDate", "30/06/2024"),
                    ]
                ).status == .seeOther)
            #expect(
                try await b.post(
                    cPath + "/actions",
                    [("title", "Xây dựng hương ước"), ("responsible", "Trưởng thôn"), ("dueDate", "30/09/2024")]
                ).status == .seeOther)
            let home = try await b.send(.GET, "/app")
            #expect(home.text.contains("Tập huấn kỹ thuật trồng sâm"), "overdue action on the unit dashboard")
            let lead = Browser(app)
            try await lead.login("noivu")
            #expect(
                try await lead.send(.GET, "/app").text.contains("Tập huấn kỹ thuật trồng sâm"),
                "overdue action on the standing office dashboard")
            for rid in [hID, cID] {
                let action = try #require(
                    try await NurturingActionModel.query(on: app.db).filter(\.$registration.$id == rid).first())
                try await b.send(.GET, RegistrationsPath.registration(.id(rid)).href)
                let done = try await b.post(
                    "/app/actions/\(action.id!)",
                    [
                        ("title", action.title), ("responsible", action.responsible),
                        ("dueDate", action.dueDate.isoToVietnamese), ("status", "done"),
                    ])
                #expect(done.status == .seeOther)
                #expect(
                    try await b.post(
                        RegistrationsPath.registration(.id(rid)).href + "/transitions",
                        [("to", "nurturing"), ("reason", "")]
                    ).status == .seeOther)
            }
            #expect(!(try await b.send(.GET, "/app").text.contains("Tập huấn kỹ thuật trồng sâm")))

            // The household's annual records: Gia đình văn hóa 2023 and 2024.
            let subjectID = try #require(try await RegistrationModel.find(hID, on: app.db)?.$subject.id)
            try await b.send(.GET, SubjectsPath.subject(.id(subjectID)).href)
            for y in ["2023", "2024"] {
                #expect(
                    try await b.post(
                        SubjectsPath.subject(.id(subjectID)).href + "/annual-records",
                        [("year", y), ("taskRating", ""), ("titles", "Gia đình văn hóa")]
                    ).status == .seeOther)
            }

            // 4. Achieved refused before an evaluation; evaluation with evidence; then achieved.
            try await b.send(.GET, hPath)
            let early = try await b.post(hPath + "/transitions", [("to", "achieved"), ("reason", "")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.text.contains("Cần có ít nhất một lần đánh giá kết luận đạt"))
            let evalForm = try await b.send(.GET, hPath + "/evaluations/new")
            #expect(evalForm.text.contains("MH-15-TC"))
            #expect(
                try await b.upload(
                    hPath + "/evidence", fields: [("description", "Ảnh vườn sâm")],
                    file: ("file", "IMG_2024.jpg", "image/jpeg", jpegBytes)
                ).status == .seeOther)
            #expect(
                try await b.upload(
                    hPath + "/evidence", fields: [],
                    file: ("file", "virus.pdf", "application/pdf", Array("MZ not a pdf".utf8))
                ).status == .unprocessableEntity)
            for (rid, path) in [(hID, hPath), (cID, cPath)] {
                let r = try await RegistrationModel.query(on: app.db).filter(\.$id == rid).with(\.$unit).with(
                    \.$subject
                ).with(\.$subjectType).with(\.$movements).first()!
                let specs = try await CriteriaService.criteria(for: r, on: app.db)
                var fields: [(String, String)] = [
                    ("date", "15/09/2024"), ("period", "9 tháng năm 2024"), ("evaluator", "UBND xã Đăk Ruồng"),
                    ("difficulties", "Thiếu vốn mở rộng"), ("helpGiven", "Giới thiệu vay vốn ưu đãi"),
                    ("conclusion", "achieved"),
                ]
                for c in specs.map(\.spec) { fields += Self.goodInputs(c) }
                try await b.send(.GET, path + "/evaluations/new")
                let saved = try await b.post(path + "/evaluations", fields)
                #expect(saved.status == .seeOther, "\(path): \(saved.text.prefix(2000))")
                let after = try await b.send(.GET, path)
                #expect(after.text.contains("Giới thiệu vay vốn ưu đãi"))
                #expect(
                    try await b.post(
                        path + "/transitions", [("to", "achieved"), ("reason", "Đạt sau đánh giá 9 tháng")]
                    ).status == .seeOther)
                #expect(try await RegistrationModel.find(rid, on: app.db)?.status == .achieved)
            }
            let final = try await b.send(.GET, hPath)
            #expect(final.text.contains("Đạt điển hình"))
            #expect(final.text.contains("IMG_2024.jpg"))
            #expect(!final.text.contains("virus.pdf"))
        }
    }

    /// Inputs that meet a criterion of the given kind, as an evaluator would type them in the form.
    static func goodInputs(_ c: CriterionSpec) -> [(String, String)] {
        let p = "inputs[\(c.code)]"
        switch c.kind {
        case .boolean: return [("\(p)[met]", "yes"), ("\(p)[evidence]", "Biên bản kiểm tra")]
        case .share:
            return [
                ("\(p)[numerator]", "95"), ("\(p)[denominator]", "100"), ("\(p)[subNumerator]", "5"),
                ("\(p)[subDenominator]", "5"),
            ]
        case .zeroCount: return [("\(p)[count]", "0")]
        case .trend:
            return (c.direction ?? "decrease") == "decrease"
                ? [("\(p)[value]", "8,5"), ("\(p)[previousValue]", "12")]
                : [("\(p)[value]", "120"), ("\(p)[previousValue]", "100")]
        case .rankInLocality: return [("\(p)[value]", "250")]
        default: return []
        }
    }
}
