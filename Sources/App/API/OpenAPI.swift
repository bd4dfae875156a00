import Vapor

/// A JSON value that keeps the order of object keys (for a readable OpenAPI document).
indirect enum JSONValue: Encodable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in pairs { try c.encode(v, forKey: Key(k)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for v in items { try c.encode(v) }
        case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
        case .int(let i): var c = encoder.singleValueContainer(); try c.encode(i)
        case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
        }
    }
    struct Key: CodingKey {
        var stringValue: String; var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The OpenAPI 3.1 description of /api/v1. Written by hand, checked against the real routes by a test.
enum OpenAPIDocument {
    private static func obj(_ pairs: (String, JSONValue)...) -> JSONValue { .object(pairs) }
    private static func ref(_ name: String) -> JSONValue { obj(("$ref", .string("#/components/schemas/\(name)"))) }
    private static func str(_ desc: String? = nil, format: String? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("string"))]
        if let format { p.append(("format", .string(format))) }
        if let desc { p.append(("description", .string(desc))) }
        return .object(p)
    }
    private static let int = obj(("type", .string("integer")))
    private static let bool = obj(("type", .string("boolean")))
    private static func nullable(_ type: String) -> JSONValue { obj(("type", .array([.string(type), .string("null")]))) }
    private static func array(_ items: JSONValue) -> JSONValue { obj(("type", .string("array")), ("items", items)) }
    private static func schema(required: [String], _ props: [(String, JSONValue)]) -> JSONValue {
        obj(("type", .string("object")), ("required", .array(required.map(JSONValue.string))), ("properties", .object(props)))
    }
    private static func listOf(_ name: String) -> JSONValue {
        schema(required: ["items", "page", "perPage", "total"], [("items", array(ref(name))), ("page", int), ("perPage", int), ("total", int)])
    }

    private static func query(_ name: String, _ desc: String, integer: Bool = false) -> JSONValue {
        obj(("name", .string(name)), ("in", .string("query")), ("required", .bool(false)), ("description", .string(desc)),
            ("schema", integer ? int : str()))
    }
    private static let idParam = obj(("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", int))

    private static func errors(_ codes: [Int]) -> [(String, JSONValue)] {
        codes.map { (String($0), obj(("description", .string($0 == 401 ? "Chưa xác thực" : $0 == 403 ? "Không có quyền" : $0 == 404 ? "Không tìm thấy hoặc ngoài phạm vi" : $0 == 409 ? "Xung đột" : "Dữ liệu không hợp lệ")),
                                   ("content", obj(("application/json", obj(("schema", ref("Error")))))))) }
    }

    private static func op(_ summary: String, tag: String, params: [JSONValue] = [], body: String? = nil, status: Int = 200,
                           response: JSONValue?, errorCodes: [Int] = [401, 403, 404], secured: Bool = true) -> JSONValue {
        var p: [(String, JSONValue)] = [("summary", .string(summary)), ("tags", .array([.string(tag)]))]
        if !params.isEmpty { p.append(("parameters", .array(params))) }
        if let body {
            p.append(("requestBody", obj(("required", .bool(true)), ("content", obj(("application/json", obj(("schema", ref(body)))))))))
        }
        var responses: [(String, JSONValue)] = []
        if let response {
            responses.append((String(status), obj(("description", .string("Thành công")), ("content", obj(("application/json", obj(("schema", response))))))))
        } else {
            responses.append((String(status), obj(("description", .string("Thành công, không có nội dung")))))
        }
        responses += errors(errorCodes + (body != nil ? [400, 422] : []))
        p.append(("responses", .object(responses)))
        if !secured { p.append(("security", .array([]))) }
        return .object(p)
    }

    static let document: JSONValue = obj(
        ("openapi", .string("3.1.0")),
        ("info", obj(("title", .string("Điển Hình API")), ("version", .string("1.0.0")),
                     ("description", .string("API của hệ thống quản lý điển hình tiên tiến. Xác thực bằng Bearer token lấy tại POST /api/v1/auth/token. Lỗi trả về {code, message, fields}.")))),
        ("servers", .array([obj(("url", .string("/api/v1")))])),
        ("security", .array([obj(("bearerAuth", .array([])))])),
        ("paths", obj(
            ("/auth/token", obj(
                ("post", op("Lấy mã truy cập", tag: "auth", body: "TokenRequest", response: ref("Token"), errorCodes: [401], secured: false)),
                ("delete", op("Thu hồi mã truy cập đang dùng", tag: "auth", status: 204, response: nil, errorCodes: [401])))),
            ("/me", obj(("get", op("Tài khoản đang đăng nhập", tag: "auth", response: ref("User"), errorCodes: [401])))),
            ("/units", obj(
                ("get", op("Danh sách đơn vị trong phạm vi được xem", tag: "units",
                           params: [query("q", "Tìm theo tên hoặc mã, không phân biệt dấu"), query("kind", "Loại đơn vị"), query("parentID", "Đơn vị cấp trên", integer: true),
                                    query("groupID", "Cụm/khối thi đua", integer: true), query("page", "Trang", integer: true), query("perPage", "Số dòng mỗi trang (tối đa 500)", integer: true)],
                           response: listOf("Unit"), errorCodes: [401])),
                ("post", op("Thêm đơn vị", tag: "units", body: "UnitInput", status: 201, response: ref("Unit"), errorCodes: [401, 403, 404, 409])))),
            ("/units/{id}", obj(
                ("get", op("Một đơn vị", tag: "units", params: [idParam], response: ref("Unit"))),
                ("put", op("Sửa đơn vị", tag: "units", params: [idParam], body: "UnitInput", response: ref("Unit"))),
                ("delete", op("Xóa đơn vị (khi không còn đơn vị trực thuộc, tài khoản, phong trào)", tag: "units", params: [idParam], status: 204, response: nil, errorCodes: [401, 403, 404, 409])))),
            ("/unit-groups", obj(("get", op("Cụm, khối thi đua", tag: "units", response: array(ref("UnitGroup")), errorCodes: [401])))),
            ("/users", obj(
                ("get", op("Danh sách tài khoản trong phạm vi", tag: "users", params: [query("q", "Tên đăng nhập hoặc họ tên"), query("role", "Vai trò"), query("page", "Trang", integer: true)],
                           response: listOf("User"), errorCodes: [401])),
                ("post", op("Tạo tài khoản", tag: "users", body: "UserInput", status: 201, response: ref("User"))))),
            ("/users/{id}", obj(
                ("get", op("Một tài khoản", tag: "users", params: [idParam], response: ref("User"))),
                ("put", op("Sửa tài khoản (mật khẩu để trống thì giữ nguyên)", tag: "users", params: [idParam], body: "UserInput", response: ref("User"))))),
            ("/movements", obj(
                ("get", op("Danh sách phong trào", tag: "movements", params: [query("q", "Tìm theo tên, không phân biệt dấu"), query("year", "Đang diễn ra trong năm", integer: true),
                                                                             query("unitID", "Đơn vị chủ trì hoặc phối hợp", integer: true), query("page", "Trang", integer: true)],
                           response: listOf("Movement"), errorCodes: [401])),
                ("post", op("Thêm phong trào", tag: "movements", body: "MovementInput", status: 201, response: ref("Movement"))))),
            ("/movements/{id}", obj(
                ("get", op("Một phong trào", tag: "movements", params: [idParam], response: ref("Movement"))),
                ("put", op("Sửa phong trào", tag: "movements", params: [idParam], body: "MovementInput", response: ref("Movement"))))),
            ("/catalogue-versions", obj(("get", op("Các phiên bản danh mục", tag: "catalogue", response: array(ref("CatalogueVersion")), errorCodes: [401])))),
            ("/fields", obj(("get", op("Lĩnh vực", tag: "catalogue", params: [query("version", "Phiên bản danh mục (mặc định: đang áp dụng)")], response: array(ref("Field")))))),
            ("/general-criteria", obj(("get", op("Tiêu chí chung (mục III.2)", tag: "catalogue", params: [query("version", "Phiên bản danh mục")], response: array(ref("Criterion")))))),
            ("/model-types", obj(("get", op("Loại mô hình tập thể (mục III.3a)", tag: "catalogue", params: [query("version", "Phiên bản danh mục")], response: array(ref("SubjectType")))))),
            ("/individual-types", obj(("get", op("Loại điển hình cá nhân (mục III.3b)", tag: "catalogue", params: [query("version", "Phiên bản danh mục")], response: array(ref("SubjectType")))))),
            ("/audit", obj(("get", op("Nhật ký thao tác (quản trị, thường trực)", tag: "audit", params: [query("entity", "Loại dữ liệu"), query("page", "Trang", integer: true)],
                                      response: listOf("AuditEntry"))))),
            ("/openapi.json", obj(("get", op("Tài liệu OpenAPI này", tag: "meta", response: obj(("type", .string("object"))), errorCodes: [], secured: false))))
        )),
        ("components", obj(
            ("securitySchemes", obj(("bearerAuth", obj(("type", .string("http")), ("scheme", .string("bearer")))))),
            ("schemas", obj(
                ("Error", schema(required: ["code", "message"], [("code", str("Mã lỗi ổn định: unauthorized, forbidden, not_found, validation_failed, conflict, bad_request…")),
                                                                 ("message", str("Thông báo tiếng Việt")), ("fields", obj(("type", .string("object")), ("additionalProperties", str()))) ])),
                ("TokenRequest", schema(required: ["username", "password"], [("username", str()), ("password", str())])),
                ("Token", schema(required: ["token", "tokenType", "expiresAt", "user"], [("token", str()), ("tokenType", str()), ("expiresAt", str(format: "date-time")), ("user", ref("User"))])),
                ("Unit", schema(required: ["id", "code", "name", "shortName", "kind", "kindLabel", "path", "place", "abbreviation", "active"],
                                [("id", int), ("code", str()), ("name", str()), ("shortName", str()), ("kind", str()), ("kindLabel", str()), ("parentID", nullable("integer")),
                                 ("path", str("Đường dẫn trong cây: /1/5/23/")), ("place", str()), ("abbreviation", str()), ("active", bool)])),
                ("UnitInput", schema(required: ["code", "name", "kind"], [("code", str()), ("name", str()), ("shortName", str()), ("kind", str()), ("parentID", nullable("integer")),
                                                                          ("place", str()), ("abbreviation", str())])),
                ("UnitGroup", schema(required: ["id", "code", "name", "kind", "kindLabel", "memberIDs"], [("id", int), ("code", str()), ("name", str()), ("kind", str()), ("kindLabel", str()), ("memberIDs", array(int))])),
                ("User", schema(required: ["id", "username", "fullName", "role", "roleLabel", "active"],
                                [("id", int), ("username", str()), ("fullName", str()), ("role", str()), ("roleLabel", str()), ("unitID", nullable("integer")), ("active", bool)])),
                ("UserInput", schema(required: ["username", "fullName", "role"], [("username", str()), ("fullName", str()), ("role", str("admin, standing-office, council-member, lead-agency, unit-officer, editor")),
                                                                                ("unitID", nullable("integer")), ("password", str()), ("active", bool)])),
                ("Movement", schema(required: ["id", "code", "name", "kind", "kindLabel", "level", "levelLabel", "fromYear", "toYear", "description", "legalBasis", "agencies"],
                                    [("id", int), ("code", str()), ("name", str()), ("kind", str()), ("kindLabel", str()), ("level", str()), ("levelLabel", str()), ("fromYear", int), ("toYear", int),
                                     ("description", str()), ("legalBasis", str()), ("catalogueVersion", nullable("string")),
                                     ("agencies", array(schema(required: ["unitID", "code", "name", "role"], [("unitID", int), ("code", str()), ("name", str()), ("role", str("lead hoặc coordinating"))])))])),
                ("MovementInput", schema(required: ["code", "name", "kind", "level", "fromYear", "toYear", "leadAgencyIDs"],
                                         [("code", str()), ("name", str()), ("kind", str()), ("level", str()), ("fromYear", int), ("toYear", int), ("description", str()), ("legalBasis", str()),
                                          ("leadAgencyIDs", array(int)), ("coordinatingAgencyIDs", array(int))])),
                ("CatalogueVersion", schema(required: ["version", "title", "legalBasis", "effectiveFrom"], [("version", str()), ("title", str()), ("legalBasis", str()), ("effectiveFrom", str(format: "date"))])),
                ("Field", schema(required: ["code", "name", "version"], [("code", str()), ("name", str()), ("note", nullable("string")), ("version", str())])),
                ("Criterion", schema(required: ["code", "text", "kind", "kindLabel", "params", "section"], [("code", str()), ("text", str()), ("kind", str()), ("kindLabel", str()), ("params", str("JSON")), ("section", str())])),
                ("SubjectType", schema(required: ["code", "name", "section", "standard", "subjectKinds", "version", "criteria"],
                                       [("code", str()), ("name", str()), ("group", nullable("string")), ("field", nullable("string")), ("movement", nullable("string")), ("section", str()),
                                        ("standard", str()), ("subjectKinds", array(str())), ("version", str()), ("criteria", array(ref("Criterion")))])),
                ("AuditEntry", schema(required: ["id", "at", "username", "action", "entity", "summary"],
                                      [("id", int), ("at", str(format: "date-time")), ("userID", nullable("integer")), ("username", str()), ("action", str()), ("entity", str()),
                                       ("entityID", nullable("string")), ("unitID", nullable("integer")), ("summary", str()), ("before", nullable("string")), ("after", nullable("string"))]))
            ))
        ))
    )

    static func response(for req: Request) throws -> Response {
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes]
        let data = try enc.encode(document)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
