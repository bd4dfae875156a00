import Domain
import Vapor

/// A JSON value that keeps the order of object keys (for a readable OpenAPI document).
indirect enum JSONValue: Encodable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)

    /// The string at `key` of an object, if there is one.
    func string(at key: String) -> String? {
        guard case .object(let pairs) = self, case .string(let v)? = pairs.first(where: { $0.0 == key })?.1 else {
            return nil
        }
        return v
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in pairs { try c.encode(v, forKey: Key(k)) }
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for v in items { try c.encode(v) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        }
    }
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// The OpenAPI 3.1 description of /api/v1. Written by hand, checked against the real routes by a test.
enum OpenAPIDocument {
    private static func obj(_ pairs: (String, JSONValue)...) -> JSONValue { .object(pairs) }
    private static func ref(_ name: String) -> JSONValue { obj(("$ref", .string("#/components/schemas/\(name)"))) }
    /// The stored codes of a status, for a field's description.
    private static func codes<S: CaseIterable & RawRepresentable>(_: S.Type) -> String where S.RawValue == String {
        S.allCases.map(\.rawValue).joined(separator: ", ")
    }

    private static func str(_ desc: String? = nil, format: String? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("string"))]
        if let format { p.append(("format", .string(format))) }
        if let desc { p.append(("description", .string(desc))) }
        return .object(p)
    }
    private static let int = obj(("type", .string("integer")))
    private static let bool = obj(("type", .string("boolean")))
    private static func nullable(_ type: String) -> JSONValue {
        obj(("type", .array([.string(type), .string("null")])))
    }
    private static func array(_ items: JSONValue) -> JSONValue { obj(("type", .string("array")), ("items", items)) }
    private static func schema(required: [String], _ props: [(String, JSONValue)]) -> JSONValue {
        obj(
            ("type", .string("object")), ("required", .array(required.map(JSONValue.string))),
            ("properties", .object(props)))
    }
    /// A keyset page (`Page`): `next`/`previous` are the cursors for `after`/`before`; `page` is set only when
    /// the page was asked by number; `total` is exact up to 10,000 (a search on PostgreSQL: up to the rows seen,
    /// `PageTotal.seen`), and `totalIsLowerBound` when there are more.
    private static func listOf(_ name: String) -> JSONValue {
        schema(
            required: ["items", "page", "perPage", "total", "totalIsLowerBound", "next", "previous"],
            [
                ("items", array(ref(name))), ("page", nullable("integer")), ("perPage", int), ("total", int),
                ("totalIsLowerBound", bool), ("next", nullable("string")), ("previous", nullable("string")),
            ])
    }

    /// The paging parameters of a keyset list (`listOf`).
    private static let paging: [JSONValue] = [
        query("page", "Trang (chỉ các trang đầu, đến 1.000 dòng; sâu hơn: after)", integer: true),
        query("perPage", "Số dòng mỗi trang (tối đa 500)", integer: true),
        query("after", "Con trỏ “next” của trang trước: các dòng sau nó"),
        query("before", "Con trỏ “previous”: các dòng trước nó"),
    ]

    private static func query(_ name: String, _ desc: String, integer: Bool = false) -> JSONValue {
        obj(
            ("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
            ("description", .string(desc)),
            ("schema", integer ? int : str()))
    }
    private static let statisticsCode = obj(
        ("name", .string("code")), ("in", .string("path")), ("required", .bool(true)),
        ("description", .string("Mã biểu, ví dụ 0601")), ("schema", str()))
    private static let idParam = obj(
        ("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", int))
    /// A cluster or block's year (issue 16, item 3): the group's id and the year.
    private static let groupYearParams = [
        idParam, obj(("name", .string("year")), ("in", .string("path")), ("required", .bool(true)), ("schema", int)),
    ]
    private static let groupMemberParams =
        groupYearParams + [
            obj(("name", .string("unitID")), ("in", .string("path")), ("required", .bool(true)), ("schema", int))
        ]

    /// What each error status means; every error answer has the `Error` body.
    private static let errorDescriptions: [Int: String] = [
        400: "Yêu cầu sai (tham số lọc không phải số nguyên, JSON sai định dạng)",
        401: "Chưa xác thực", 403: "Không có quyền", 404: "Không tìm thấy hoặc ngoài phạm vi", 409: "Xung đột",
        413: "Tệp hoặc nội dung gửi lên quá lớn", 415: "Kiểu nội dung gửi lên không được hỗ trợ",
        422: "Dữ liệu không hợp lệ (kể cả số hiệu trong đường dẫn không phải số nguyên)",
        429: "Đăng nhập sai quá nhiều lần; thử lại sau số giây trong Retry-After",
        503:
            "Máy chủ đang bận (code busy: nhiều lượt ghi cùng lúc, chưa có gì thay đổi) hoặc quá tải (code overloaded: "
            + "chưa lấy được kết nối cơ sở dữ liệu, một lượt ghi có thể đã lưu: kiểm tra trước khi gửi lại); "
            + "thử lại sau số giây trong Retry-After",
    ]

    /// The error answers of an operation, each status once, in order.
    private static func errors(_ codes: [Int]) -> [(String, JSONValue)] {
        Set(codes).sorted().map {
            let description = errorDescriptions[$0] ?? "Dữ liệu không hợp lệ"
            var pairs: [(String, JSONValue)] = [
                ("description", .string(description)),
                ("content", obj(("application/json", obj(("schema", ref("Error")))))),
            ]
            if $0 == 429 || $0 == 503 {
                pairs.append(("headers", obj(("Retry-After", obj(("required", .bool(true)), ("schema", int))))))
            }
            return (String($0), .object(pairs))
        }
    }

    /// The errors any operation of its shape can answer, whatever it does: a malformed query or body (400), no
    /// or a wrong token (401), another unit's record (403), a path id that is no integer (422) or no record (404),
    /// a body too large (413) or of another type (415), or a server too busy to take the request's turn (503).
    private static func commonErrors(params: [JSONValue], body: Bool, secured: Bool = true) -> [Int] {
        let hasPath = params.contains { $0.string(at: "in") == "path" }
        return [400] + (secured ? [401, 403] : []) + (hasPath ? [404, 422] : []) + (body ? [413, 415, 422] : [])
            + [503]
    }

    /// The media types a file download may have (exports, documents, evidence).
    static let fileTypes = [
        "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/pdf", "image/jpeg",
        "image/png", "image/heic",
    ]

    private static func op(
        _ summary: String, tag: String, params: [JSONValue] = [], body: String? = nil, status: Int = 200,
        response: JSONValue?, errorCodes: [Int] = [401, 403, 404], secured: Bool = true
    ) -> JSONValue {
        var p: [(String, JSONValue)] = [("summary", .string(summary)), ("tags", .array([.string(tag)]))]
        if !params.isEmpty { p.append(("parameters", .array(params))) }
        if let body {
            p.append(
                (
                    "requestBody",
                    obj(("required", .bool(true)), ("content", obj(("application/json", obj(("schema", ref(body)))))))
                ))
        }
        var responses: [(String, JSONValue)] = []
        if let response {
            let isFile = response.string(at: "format") == "binary"
            let types = isFile ? fileTypes : ["application/json"]
            responses.append(
                (
                    String(status),
                    obj(
                        ("description", .string("Thành công")),
                        ("content", .object(types.map { ($0, obj(("schema", response))) })))
                ))
        } else {
            responses.append((String(status), obj(("description", .string("Thành công, không có nội dung")))))
        }
        responses += errors(errorCodes + commonErrors(params: params, body: body != nil, secured: secured))
        p.append(("responses", .object(responses)))
        if !secured { p.append(("security", .array([]))) }
        return .object(p)
    }

    private static func multipartOp(
        _ summary: String, tag: String, params: [JSONValue], fields: [(String, JSONValue)], status: Int,
        response: JSONValue, errorCodes: [Int]
    ) -> JSONValue {
        let body = obj(
            ("required", .bool(true)),
            ("content", obj(("multipart/form-data", obj(("schema", schema(required: ["file"], fields)))))))
        let ok = obj(
            ("description", .string("Thành công")), ("content", obj(("application/json", obj(("schema", response))))))
        var p: [(String, JSONValue)] = [("summary", .string(summary)), ("tags", .array([.string(tag)]))]
        if !params.isEmpty { p.append(("parameters", .array(params))) }
        p.append(("requestBody", body))
        p.append(
            (
                "responses",
                .object([(String(status), ok)] + errors(errorCodes + commonErrors(params: params, body: true)))
            ))
        return .object(p)
    }

    /// One list export (issue 16): the list's filters and `format`; a streamed CSV (UTF-8 with BOM) or XLSX.
    private static func listExport(_ i: Int) -> (String, JSONValue) {
        let e = ListExportsAPIController.paths[i]
        return (
            e.path,
            obj(
                (
                    "get",
                    op(
                        e.summary + " (format=csv|xlsx; cùng tham số lọc và phạm vi như danh sách)", tag: "exports",
                        params: [query("format", "csv hoặc xlsx")]
                            + e.filters.map { query($0.0, $0.1, integer: $0.2) },
                        response: obj(("type", .string("string")), ("format", .string("binary"))),
                        errorCodes: [400, 401, 403, 404])
                ))
        )
    }

    /// One set-up import (units, groups, users): a spreadsheet in, every row written or none (422 names row and column).
    private static func setupImport(_ path: String, _ what: String) -> (String, JSONValue) {
        (
            path,
            obj(
                (
                    "post",
                    multipartOp(
                        "Thiết lập từ bảng tính: \(what) (multipart: file); có dòng sai thì không nhập gì, trả 422 kèm lỗi "
                            + "từng dòng, cột",
                        tag: "imports", params: [], fields: [("file", str(format: "binary"))], status: 200,
                        response: ref("SetupImportResult"), errorCodes: [400, 401, 403, 422])
                ))
        )
    }

    static let document: JSONValue = obj(
        ("openapi", .string("3.1.0")),
        (
            "info",
            obj(
                ("title", .string("Điển Hình API")), ("version", .string("1.0.0")),
                (
                    "description",
                    .string(
                        "API của hệ thống quản lý điển hình tiên tiến. Xác thực bằng Bearer token lấy tại POST /api/v1/auth/token. Lỗi trả về {code, message, fields}."
                    )
                ))
        ),
        ("servers", .array([obj(("url", .string("/api/v1")))])),
        ("security", .array([obj(("bearerAuth", .array([])))])),
        (
            "paths",
            obj(
                (
                    "/auth/token",
                    obj(
                        (
                            "post",
                            op(
                                "Lấy mã truy cập", tag: "auth", body: "TokenRequest", response: ref("Token"),
                                errorCodes: [401, 429], secured: false)
                        ),
                        (
                            "delete",
                            op(
                                "Thu hồi mã truy cập đang dùng", tag: "auth", status: 204, response: nil,
                                errorCodes: [401])
                        ))
                ),
                (
                    "/me",
                    obj(("get", op("Tài khoản đang đăng nhập", tag: "auth", response: ref("User"), errorCodes: [401])))
                ),
                (
                    "/me/password",
                    obj(
                        (
                            "post",
                            op(
                                "Đổi mật khẩu của mình; các phiên và mã truy cập khác kết thúc, mã đang dùng giữ nguyên",
                                tag: "auth", body: "PasswordChange", status: 204, response: nil,
                                errorCodes: [401, 422])
                        ))
                ),
                (
                    "/me/sessions",
                    obj(
                        (
                            "get",
                            op(
                                "Các phiên đăng nhập và mã truy cập còn hiệu lực của mình", tag: "auth",
                                response: array(ref("Session")), errorCodes: [401])
                        ))
                ),
                (
                    "/me/sessions/{id}",
                    obj(
                        (
                            "delete",
                            op(
                                "Kết thúc một phiên đăng nhập hoặc mã truy cập của mình", tag: "auth",
                                params: [idParam], status: 204, response: nil, errorCodes: [401, 404])
                        ))
                ),
                (
                    "/units",
                    obj(
                        (
                            "get",
                            op(
                                "Danh sách đơn vị trong phạm vi được xem", tag: "units",
                                params: [
                                    query("q", "Tìm theo tên hoặc mã, không phân biệt dấu"),
                                    query("kind", "Loại đơn vị"), query("parentID", "Đơn vị cấp trên", integer: true),
                                    query("groupID", "Cụm/khối thi đua", integer: true),
                                ] + paging,
                                response: listOf("Unit"), errorCodes: [400, 401])
                        ),
                        (
                            "post",
                            op(
                                "Thêm đơn vị", tag: "units", body: "UnitInput", status: 201, response: ref("Unit"),
                                errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/units/{id}",
                    obj(
                        ("get", op("Một đơn vị", tag: "units", params: [idParam], response: ref("Unit"))),
                        (
                            "put",
                            op("Sửa đơn vị", tag: "units", params: [idParam], body: "UnitInput", response: ref("Unit"))
                        ),
                        (
                            "delete",
                            op(
                                "Xóa đơn vị (khi không còn đơn vị trực thuộc, tài khoản, phong trào)", tag: "units",
                                params: [idParam], status: 204, response: nil, errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/unit-groups",
                    obj(
                        (
                            "get",
                            op("Cụm, khối thi đua", tag: "units", response: array(ref("UnitGroup")), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Thêm cụm, khối thi đua (Thường trực, quản trị)", tag: "units", body: "UnitGroupInput",
                                status: 201, response: ref("UnitGroup"), errorCodes: [401, 403, 422])
                        ))
                ),
                (
                    "/unit-groups/{id}",
                    obj(
                        (
                            "put",
                            op(
                                "Sửa cụm, khối thi đua; memberIDs (nếu có) thay toàn bộ đơn vị thành viên",
                                tag: "units",
                                params: [idParam], body: "UnitGroupInput", response: ref("UnitGroup"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}",
                    obj(
                        (
                            "get",
                            op(
                                "Một năm của cụm, khối: hạn nộp, cụm (khối) trưởng, tình hình nộp của từng thành viên "
                                    + "(Thường trực, Hội đồng, trưởng cụm năm đó)", tag: "groups",
                                params: groupYearParams, response: ref("GroupYear"))
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/deadline",
                    obj(
                        (
                            "put",
                            op(
                                "Đặt hạn nộp (dd/mm/yyyy; Thường trực)", tag: "groups", params: groupYearParams,
                                body: "GroupDeadlineInput", response: ref("GroupYear"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/head",
                    obj(
                        (
                            "put",
                            op(
                                "Chọn cụm (khối) trưởng của năm (luân phiên; Thường trực)", tag: "groups",
                                params: groupYearParams, body: "GroupHeadInput", response: ref("GroupYear"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/members/{unitID}",
                    obj(
                        (
                            "get",
                            op(
                                "Hồ sơ năm của một thành viên (chính đơn vị, trưởng cụm, Thường trực)", tag: "groups",
                                params: groupMemberParams, response: ref("GroupMember"))
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/members/{unitID}/submission",
                    obj(
                        (
                            "post",
                            multipartOp(
                                "Nộp (hoặc nộp lại) kế hoạch và danh sách điển hình (multipart: file, exemplarIDs là "
                                    + "các mã đăng ký cách nhau bởi dấu phẩy)", tag: "groups",
                                params: groupMemberParams,
                                fields: [("file", str(format: "binary")), ("exemplarIDs", str())], status: 201,
                                response: ref("GroupMember"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/members/{unitID}/return",
                    obj(
                        (
                            "post",
                            op(
                                "Trả lại hồ sơ kèm lý do (Thường trực)", tag: "groups", params: groupMemberParams,
                                body: "GroupReturnInput", response: ref("GroupMember"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/members/{unitID}/accept",
                    obj(
                        (
                            "post",
                            op(
                                "Tiếp nhận hồ sơ đã nộp (Thường trực); hồ sơ đã tiếp nhận vẫn có thể trả lại kèm lý do",
                                tag: "groups", params: groupMemberParams, response: ref("GroupMember"),
                                errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/members/{unitID}/pledge",
                    obj(
                        (
                            "post",
                            multipartOp(
                                "Ghi nhận ký giao ước thi đua (multipart: signedOn dd/mm/yyyy, signer, file không "
                                    + "bắt buộc)", tag: "groups", params: groupMemberParams,
                                fields: [("signedOn", str()), ("signer", str()), ("file", str(format: "binary"))],
                                status: 201, response: ref("GroupMember"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/scores",
                    obj(
                        (
                            "put",
                            op(
                                "Nhập điểm từng thành viên theo tiêu chí (Thường trực); trả về xếp hạng",
                                tag: "groups", params: groupYearParams, body: "GroupScoresInput",
                                response: ref("GroupRanking"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/groups/{id}/years/{year}/ranking",
                    obj(
                        (
                            "get",
                            op(
                                "Xếp hạng và đề nghị Cờ thi đua, Bằng khen theo quy định chấm điểm (tệp dữ liệu)",
                                tag: "groups", params: groupYearParams, response: ref("GroupRanking"))
                        ))
                ),
                (
                    "/group-files/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Tải tệp kế hoạch hoặc bản giao ước đã ký", tag: "groups", params: [idParam],
                                response: str(format: "binary"))
                        ))
                ),
                (
                    "/users",
                    obj(
                        (
                            "get",
                            op(
                                "Danh sách tài khoản trong phạm vi", tag: "users",
                                params: [
                                    query("q", "Tên đăng nhập hoặc họ tên, không phân biệt dấu; khớp đầu các từ"),
                                    query("role", "Vai trò"),
                                ] + paging,
                                response: listOf("User"), errorCodes: [400, 401])
                        ),
                        (
                            "post",
                            op("Tạo tài khoản", tag: "users", body: "UserInput", status: 201, response: ref("User"))
                        ))
                ),
                (
                    "/users/{id}",
                    obj(
                        ("get", op("Một tài khoản", tag: "users", params: [idParam], response: ref("User"))),
                        (
                            "put",
                            op(
                                "Sửa tài khoản (mật khẩu để trống thì giữ nguyên)", tag: "users", params: [idParam],
                                body: "UserInput", response: ref("User"))
                        ))
                ),
                (
                    "/users/{id}/password-reset",
                    obj(
                        (
                            "post",
                            op(
                                "Đặt lại mật khẩu dùng một lần (chỉ trả về một lần; phải đổi khi đăng nhập)",
                                tag: "users", params: [idParam], response: ref("PasswordReset"),
                                errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/movements",
                    obj(
                        (
                            "get",
                            op(
                                "Danh sách phong trào", tag: "movements",
                                params: [
                                    query("q", "Mã hoặc tên phong trào (đầu từ, không dấu cũng được)"),
                                    query("year", "Đang diễn ra trong năm", integer: true),
                                    query("unitID", "Đơn vị chủ trì hoặc phối hợp", integer: true),
                                ] + paging,
                                response: listOf("Movement"), errorCodes: [400, 401])
                        ),
                        (
                            "post",
                            op(
                                "Thêm phong trào", tag: "movements", body: "MovementInput", status: 201,
                                response: ref("Movement"))
                        ))
                ),
                (
                    "/movements/{id}",
                    obj(
                        ("get", op("Một phong trào", tag: "movements", params: [idParam], response: ref("Movement"))),
                        (
                            "put",
                            op(
                                "Sửa phong trào", tag: "movements", params: [idParam], body: "MovementInput",
                                response: ref("Movement"))
                        ))
                ),
                (
                    "/catalogue-versions",
                    obj(
                        (
                            "get",
                            op(
                                "Các phiên bản danh mục", tag: "catalogue", response: array(ref("CatalogueVersion")),
                                errorCodes: [401])
                        ))
                ),
                (
                    "/calendar",
                    obj(
                        (
                            "get",
                            op(
                                "Lịch ngày nghỉ, ngày làm bù của một năm", tag: "calendar",
                                params: [query("year", "Năm (mặc định: năm nay)", integer: true)],
                                response: ref("CalendarYear"), errorCodes: [401])
                        ))
                ),
                (
                    "/notices",
                    obj(
                        (
                            "get",
                            op(
                                "Hộp thông báo của tài khoản và đơn vị của tài khoản, mới nhất trước", tag: "notices",
                                params: [
                                    query("unread", "1: chỉ thông báo chưa đọc"),
                                    query(
                                        "before", "Xem tiếp sau thông báo này (giá trị next của trang trước)",
                                        integer: true),
                                    query("perPage", "Số thông báo một trang (tối đa 200)", integer: true),
                                ],
                                response: ref("NoticeList"), errorCodes: [401])
                        ))
                ),
                (
                    "/notices/{id}/read",
                    obj(
                        (
                            "post",
                            op(
                                "Đánh dấu đã đọc một thông báo", tag: "notices", params: [idParam],
                                response: ref("Notice"), errorCodes: [401, 404])
                        ))
                ),
                // Replication (nhân rộng, issue 10 §5).
                (
                    "/replications",
                    obj(
                        (
                            "get",
                            op(
                                "Đơn vị nhân rộng mô hình, điển hình trong phạm vi của tài khoản, mới nhất trước",
                                tag: "replications",
                                params: [
                                    query("year", "Năm áp dụng", integer: true),
                                    query("unitID", "Đơn vị áp dụng (gồm trực thuộc)", integer: true),
                                    query("typeCode", "Mã loại mô hình, điển hình của danh mục"),
                                    query(
                                        "before", "Xem tiếp sau bản ghi này (giá trị next của trang trước)",
                                        integer: true),
                                    query("perPage", "Số bản ghi một trang (tối đa 200)", integer: true),
                                ],
                                response: ref("ReplicationList"), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Ghi nhận một đơn vị nhân rộng mô hình (ngày dd/mm/yyyy)", tag: "replications",
                                body: "ReplicationInput", status: 201, response: ref("Replication"),
                                errorCodes: [401, 403, 404, 422])
                        )
                    )
                ),
                (
                    "/replications/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một lần nhân rộng và các lần đánh giá kết quả", tag: "replications", params: [idParam],
                                response: ref("ReplicationDetail"))
                        ),
                        (
                            "put",
                            op(
                                "Sửa đơn vị áp dụng, ngày, nội dung điều chỉnh, người phụ trách", tag: "replications",
                                params: [idParam], body: "ReplicationInput", response: ref("Replication"),
                                errorCodes: [401, 403, 404, 422])
                        )
                    )
                ),
                (
                    "/replications/{id}/move",
                    obj(
                        (
                            "post",
                            op(
                                "Chuyển trạng thái nhân rộng (adopting, running, assessed, stopped)",
                                tag: "replications", params: [idParam], body: "ReplicationMove",
                                response: ref("Replication"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/replications/{id}/assessments",
                    obj(
                        (
                            "post",
                            op(
                                "Đánh giá kết quả theo tiêu chuẩn của mô hình (cùng bộ chấm tiêu chí với đánh giá định kỳ)",
                                tag: "replications", params: [idParam], body: "ReplicationAssessmentInput", status: 201,
                                response: ref("ReplicationAssessment"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/registrations/{id}/spread",
                    obj(
                        (
                            "get",
                            op(
                                "Nơi mô hình đã được nhân rộng: số lượt, đơn vị, bảng theo xã (chỉ tên đơn vị và số lượng)",
                                tag: "replications", params: [idParam], response: ref("ModelSpread"))
                        ))
                ),
                (
                    "/reports",
                    obj(
                        (
                            "get",
                            op(
                                "Báo cáo sơ kết, tổng kết của các Hội đồng mà tài khoản làm Thường trực hoặc là thành viên",
                                tag: "reports", response: array(ref("PeriodicReport")), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Tạo bản nháp báo cáo sơ kết, tổng kết (Thường trực Hội đồng của cấp ban hành); đã có "
                                    + "báo cáo cùng loại, cùng kỳ thì 409",
                                tag: "reports", body: "PeriodicReportInput", status: 201,
                                response: ref("PeriodicReport"), errorCodes: [401, 403, 409, 422])
                        )
                    )
                ),
                (
                    "/reports/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một báo cáo sơ kết, tổng kết", tag: "reports", params: [idParam],
                                response: ref("PeriodicReport"))
                        ),
                        (
                            "put",
                            op(
                                "Sửa nội dung, số, ngày, người ký, nơi nhận của báo cáo (trường bỏ trống: giữ nguyên)",
                                tag: "reports", params: [idParam], body: "PeriodicReportInput",
                                response: ref("PeriodicReport"), errorCodes: [401, 403, 404, 422])
                        )
                    )
                ),
                (
                    "/reports/{id}/docx",
                    obj(
                        (
                            "get",
                            op(
                                "Báo cáo dạng Word (Nghị định 30/2020/NĐ-CP) kèm phụ lục số liệu lấy từ cùng truy vấn "
                                    + "với trang Tổng quan",
                                tag: "reports", params: [idParam],
                                response: obj(("type", .string("string")), ("format", .string("binary"))))
                        ))
                ),
                (
                    "/fields",
                    obj(
                        (
                            "get",
                            op(
                                "Lĩnh vực", tag: "catalogue",
                                params: [query("version", "Phiên bản danh mục (mặc định: đang áp dụng)")],
                                response: array(ref("Field")))
                        ))
                ),
                (
                    "/general-criteria",
                    obj(
                        (
                            "get",
                            op(
                                "Tiêu chí chung (mục III.2)", tag: "catalogue",
                                params: [query("version", "Phiên bản danh mục")], response: array(ref("Criterion")))
                        ))
                ),
                (
                    "/model-types",
                    obj(
                        (
                            "get",
                            op(
                                "Loại mô hình tập thể (mục III.3a)", tag: "catalogue",
                                params: [query("version", "Phiên bản danh mục")], response: array(ref("SubjectType")))
                        ))
                ),
                (
                    "/individual-types",
                    obj(
                        (
                            "get",
                            op(
                                "Loại điển hình cá nhân (mục III.3b)", tag: "catalogue",
                                params: [query("version", "Phiên bản danh mục")], response: array(ref("SubjectType")))
                        ))
                ),
                (
                    "/audit",
                    obj(
                        (
                            "get",
                            op(
                                "Nhật ký thao tác (quản trị, thường trực)", tag: "audit",
                                params: [query("entity", "Loại dữ liệu")] + paging,
                                response: listOf("AuditEntry"), errorCodes: [400, 401, 403, 404])
                        ))
                ),
                (
                    "/audit/verify",
                    obj(
                        (
                            "get",
                            op(
                                "Kiểm tra chuỗi mã băm của nhật ký (mục đầu tiên bị sửa, xóa hoặc đổi thứ tự)",
                                tag: "audit", response: ref("AuditVerification"), errorCodes: [401, 403])
                        ))
                ),
                (
                    "/registrations",
                    obj(
                        (
                            "get",
                            op(
                                "Danh sách đăng ký trong phạm vi (lọc, tìm không dấu, thứ tự tên Việt)",
                                tag: "registrations",
                                params: [
                                    query(
                                        "q",
                                        "Tìm theo tên đối tượng, nội dung, đơn vị; không phân biệt dấu. Kết quả tìm "
                                            + "xếp đăng ký mới nhất trước (order = newest). total đếm đến 10.001 "
                                            + "(tìm: 1.001; trên PostgreSQL: đến số dòng đã xem + 1); "
                                            + "totalIsLowerBound = true khi còn nhiều hơn total - 1"),
                                    query("year", "Năm", integer: true),
                                    query("unitID", "Đơn vị (gồm trực thuộc)", integer: true),
                                    query("groupID", "Cụm/khối", integer: true), query("fieldCode", "Lĩnh vực"),
                                    query("typeCode", "Loại mô hình/điển hình"),
                                    query("movementID", "Phong trào", integer: true),
                                    query("subjectKind", "collective, individual, household"),
                                    query("status", "Trạng thái"),
                                ] + paging,
                                response: schema(
                                    required: [
                                        "items", "page", "perPage", "total", "totalIsLowerBound", "order", "next",
                                        "previous",
                                    ],
                                    [
                                        ("items", array(ref("Registration"))), ("page", nullable("integer")),
                                        ("perPage", int), ("total", int), ("totalIsLowerBound", bool),
                                        (
                                            "order",
                                            obj(
                                                ("type", .string("string")),
                                                ("enum", .array([.string("name"), .string("newest")])))
                                        ),
                                        ("next", nullable("string")), ("previous", nullable("string")),
                                    ]), errorCodes: [400, 401])
                        ),
                        (
                            "post",
                            op(
                                "Đăng ký mô hình, điển hình (đối tượng có sẵn hoặc mới)", tag: "registrations",
                                body: "RegistrationInput", status: 201, response: ref("Registration"))
                        ))
                ),
                (
                    "/registrations/export",
                    obj(
                        (
                            "get",
                            op(
                                "Xuất danh sách đã lọc (format=csv|xlsx; cùng tham số lọc như danh sách)",
                                tag: "registrations",
                                params: [query("format", "csv hoặc xlsx")],
                                response: obj(("type", .string("string")), ("format", .string("binary"))),
                                errorCodes: [400, 401])
                        ))
                ),
                (
                    "/registrations/{id}",
                    obj(
                        (
                            "get",
                            op("Một đăng ký", tag: "registrations", params: [idParam], response: ref("Registration"))
                        ),
                        (
                            "put",
                            op(
                                "Sửa đăng ký", tag: "registrations", params: [idParam], body: "RegistrationInput",
                                response: ref("Registration"))
                        ))
                ),
                (
                    "/registrations/{id}/transitions",
                    obj(
                        (
                            "get",
                            op(
                                "Lịch sử trạng thái", tag: "registrations", params: [idParam],
                                response: array(ref("Transition")))
                        ),
                        (
                            "post",
                            op(
                                "Chuyển trạng thái (theo máy trạng thái; chuyển sai bị từ chối với lý do)",
                                tag: "registrations", params: [idParam], body: "TransitionInput",
                                response: ref("Registration"))
                        ))
                ),
                (
                    "/registrations/{id}/criteria",
                    obj(
                        (
                            "get",
                            op(
                                "Các tiêu chí áp dụng và kết quả lần đánh giá gần nhất", tag: "registrations",
                                params: [idParam], response: array(ref("CriterionStatus")))
                        ))
                ),
                (
                    "/registrations/{id}/actions",
                    obj(
                        (
                            "get",
                            op(
                                "Kế hoạch bồi dưỡng", tag: "nurturing", params: [idParam],
                                response: array(ref("Action")))
                        ),
                        (
                            "post",
                            op(
                                "Thêm việc bồi dưỡng", tag: "nurturing", params: [idParam], body: "ActionInput",
                                status: 201, response: ref("Action"))
                        ))
                ),
                (
                    "/actions/{id}",
                    obj(
                        (
                            "put",
                            op(
                                "Cập nhật việc bồi dưỡng", tag: "nurturing", params: [idParam], body: "ActionInput",
                                response: ref("Action"))
                        ))
                ),
                (
                    "/registrations/{id}/evaluations",
                    obj(
                        (
                            "get",
                            op(
                                "Các lần kiểm tra, đánh giá", tag: "evaluations", params: [idParam],
                                response: array(ref("Evaluation")))
                        ),
                        (
                            "post",
                            op(
                                "Ghi một lần đánh giá định kỳ (kết quả từng tiêu chí do hệ thống tính)",
                                tag: "evaluations", params: [idParam], body: "EvaluationInput", status: 201,
                                response: ref("Evaluation"))
                        ))
                ),
                (
                    "/registrations/{id}/evidence",
                    obj(
                        (
                            "get",
                            op("Tệp minh chứng", tag: "evidence", params: [idParam], response: array(ref("Evidence")))
                        ),
                        (
                            "post",
                            multipartOp(
                                "Tải lên minh chứng (multipart/form-data: file, description, evaluationID); loại tệp xác định theo nội dung",
                                tag: "evidence",
                                params: [idParam],
                                fields: [
                                    ("file", str(format: "binary")), ("description", str()), ("evaluationID", str()),
                                ],
                                status: 201, response: ref("Evidence"), errorCodes: [401, 403, 404, 413, 422])
                        ))
                ),
                (
                    "/evidence/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Tải tệp minh chứng (chỉ người được xem đăng ký)", tag: "evidence", params: [idParam],
                                response: obj(("type", .string("string")), ("format", .string("binary"))))
                        ))
                ),
                (
                    "/subjects/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Đối tượng và quá trình qua các năm", tag: "subjects", params: [idParam],
                                response: ref("SubjectTimeline"))
                        ))
                ),
                (
                    "/subjects/{id}/annual-records",
                    obj(
                        (
                            "put",
                            op(
                                "Ghi kết quả một năm (xếp loại, danh hiệu, kỷ luật, thời gian nghỉ được tính, số liệu thành viên của tập thể)",
                                tag: "subjects", params: [idParam], body: "AnnualRecordInput",
                                response: ref("AnnualRecord"))
                        ))
                ),
                (
                    "/unit-criteria",
                    obj(
                        (
                            "get",
                            op(
                                "Tiêu chí cụ thể của các đơn vị trong phạm vi", tag: "criteria",
                                params: [
                                    query("unitID", "Đơn vị", integer: true), query("year", "Năm", integer: true),
                                ], response: array(ref("UnitCriterion")), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Thêm tiêu chí cụ thể của đơn vị", tag: "criteria", body: "UnitCriterionInput",
                                status: 201, response: ref("UnitCriterion"))
                        ))
                ),
                (
                    "/imports/template",
                    obj(
                        (
                            "get",
                            op(
                                "Tệp mẫu nhập đăng ký (format=xlsx|csv)", tag: "imports",
                                params: [query("format", "xlsx hoặc csv")],
                                response: obj(("type", .string("string")), ("format", .string("binary"))),
                                errorCodes: [401])
                        ))
                ),
                (
                    "/imports",
                    obj(
                        (
                            "post",
                            multipartOp(
                                "Nhập đăng ký từ tệp .xlsx/.csv (multipart: file); kiểm tra toàn bộ trước, có dòng sai thì không nhập gì",
                                tag: "imports",
                                params: [], fields: [("file", str(format: "binary"))], status: 202,
                                response: ref("ImportJob"), errorCodes: [400, 401, 422])
                        ))
                ),
                (
                    "/imports/annual-records/template",
                    obj(
                        (
                            "get",
                            op(
                                "Tệp mẫu nhập kết quả hằng năm (.xlsx)", tag: "imports",
                                response: obj(("type", .string("string")), ("format", .string("binary"))),
                                errorCodes: [401])
                        ))
                ),
                (
                    "/imports/annual-records",
                    obj(
                        (
                            "post",
                            multipartOp(
                                "Nhập kết quả hằng năm, sáng kiến, khen thưởng (multipart: file); có dòng sai thì không nhập gì, trả 422 kèm lỗi từng dòng",
                                tag: "imports",
                                params: [], fields: [("file", str(format: "binary"))], status: 200,
                                response: ref("AnnualImportResult"), errorCodes: [400, 401, 422])
                        ))
                ),
                setupImport("/imports/units", "nhập cây đơn vị (mã, tên, loại, mã cấp trên…)"),
                setupImport("/imports/groups", "nhập cụm, khối thi đua và đơn vị thành viên"),
                setupImport(
                    "/imports/users",
                    "nhập tài khoản; mỗi tài khoản nhận mật khẩu dùng một lần, phải đổi khi đăng nhập lần đầu"),
                (
                    "/imports/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Tiến độ và lỗi của một lần nhập", tag: "imports", params: [idParam],
                                response: ref("ImportJob"))
                        ))
                ),
                (
                    "/rule-sets",
                    obj(
                        (
                            "get",
                            op(
                                "Các bộ quy tắc khen thưởng theo thời kỳ (căn cứ pháp lý, hình thức, thẩm quyền)",
                                tag: "commendation", response: array(ref("RuleSet")), errorCodes: [401])
                        ))
                ),
                (
                    "/subjects/{id}/eligibility",
                    obj(
                        (
                            "get",
                            op(
                                "Điều kiện khen thưởng của đối tượng trong một năm: từng hình thức, từng điều kiện (đạt / chưa đạt / thiếu dữ liệu) kèm lý do và điều khoản",
                                tag: "commendation",
                                params: [
                                    idParam, query("year", "Năm thành tích", integer: true),
                                    query("date", "Ngày áp dụng quy tắc yyyy-mm-dd (mặc định 31/12 của năm)"),
                                ],
                                response: ref("Eligibility"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/subjects/{id}/eligibility/answers",
                    obj(
                        (
                            "get",
                            op(
                                "Các câu hỏi đánh giá (điều kiện do con người nhận định) của đối tượng trong một năm, kèm câu trả lời",
                                tag: "commendation",
                                params: [idParam, query("year", "Năm thành tích", integer: true)],
                                response: array(ref("JudgementAnswer")), errorCodes: [401, 403, 404, 422])
                        ),
                        (
                            "post",
                            op(
                                "Trả lời (hoặc sửa) một câu hỏi đánh giá: Có/Không, ghi chú, cuộc họp, tệp minh chứng; người được trả lời theo quy tắc (thủ trưởng đơn vị, Hội đồng)",
                                tag: "commendation", params: [idParam], body: "JudgementAnswerInput", status: 201,
                                response: ref("JudgementAnswer"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/subjects/{id}/awards",
                    obj(
                        (
                            "get",
                            op(
                                "Khen thưởng đã nhận của đối tượng, kèm quyết định", tag: "commendation",
                                params: [idParam], response: array(ref("Award")))
                        ),
                        (
                            "post",
                            op(
                                "Ghi khen thưởng đã nhận (một thành tích không khen hai lần)", tag: "commendation",
                                params: [idParam], body: "AwardInput", status: 201, response: ref("Award"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/subjects/{id}/initiatives",
                    obj(
                        (
                            "get",
                            op(
                                "Sáng kiến, đề tài của đối tượng", tag: "commendation", params: [idParam],
                                response: array(ref("Initiative")))
                        ),
                        (
                            "post",
                            op(
                                "Ghi sáng kiến, đề tài và phạm vi công nhận", tag: "commendation", params: [idParam],
                                body: "InitiativeInput", status: 201, response: ref("Initiative"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/awards",
                    obj(
                        (
                            "get",
                            op(
                                "Tra cứu khen thưởng theo tên (không dấu cũng được), năm, hình thức",
                                tag: "commendation",
                                params: [
                                    query(
                                        "q",
                                        "Họ tên, tên tập thể (đầu từ, không dấu cũng được). Kết quả tìm xếp người "
                                            + "ghi nhận sau cùng trước; trên PostgreSQL total đến số dòng đã xem + 1, "
                                            + "totalIsLowerBound = true khi còn nhiều hơn total - 1"),
                                    query("year", "Năm thành tích", integer: true),
                                    query("formCode", "Mã hình thức"),
                                ] + paging,
                                response: listOf("Award"), errorCodes: [400, 401])
                        ))
                ),
                (
                    "/dossiers",
                    obj(
                        (
                            "get",
                            op(
                                "Hồ sơ đề nghị khen thưởng trong phạm vi", tag: "dossiers",
                                params: [
                                    query("status", "Trạng thái"), query("year", "Năm", integer: true),
                                    query("q", "Trích yếu hoặc tên đơn vị (đầu từ, không dấu cũng được)"),
                                ] + paging,
                                response: listOf("Dossier"), errorCodes: [400, 401])
                        ),
                        (
                            "post",
                            op(
                                "Lập hồ sơ đề nghị (bộ quy tắc theo năm thành tích)", tag: "dossiers",
                                body: "DossierInput", status: 201, response: ref("Dossier"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/dossiers/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Hồ sơ: người được đề nghị, tài liệu, tài liệu còn thiếu, quá trình xử lý",
                                tag: "dossiers", params: [idParam], response: ref("Dossier"))
                        ))
                ),
                (
                    "/dossiers/{id}/nominees",
                    obj(
                        (
                            "post",
                            op(
                                "Thêm người được đề nghị; chưa đủ điều kiện thì trả 422 kèm lý do, trừ khi acknowledgeWarning = true",
                                tag: "dossiers", params: [idParam],
                                body: "NomineeInput", status: 201, response: ref("Dossier"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/dossiers/{id}/submit",
                    obj(
                        (
                            "post",
                            op(
                                "Gửi (hoặc gửi lại) hồ sơ cho Phòng Nội vụ thẩm định; thiếu tài liệu bắt buộc thì bị từ chối",
                                tag: "dossiers", params: [idParam],
                                response: ref("Dossier"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/dossiers/{id}/nominees/{nid}/appraisal",
                    obj(
                        (
                            "post",
                            op(
                                "Thẩm định từng trường hợp: passed hoặc returned (kèm lý do)", tag: "dossiers",
                                params: [
                                    idParam,
                                    obj(
                                        ("name", .string("nid")), ("in", .string("path")), ("required", .bool(true)),
                                        ("schema", int)),
                                ],
                                body: "AppraisalInput", response: ref("Dossier"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/dossiers/{id}/nominees/{nid}/withdraw",
                    obj(
                        (
                            "post",
                            op(
                                "Rút một đề nghị, ghi rõ lý do (một thành tích chỉ một hình thức — Luật TĐKT 2022 Điều 5 khoản 2 điểm c)",
                                tag: "dossiers",
                                params: [
                                    idParam,
                                    obj(
                                        ("name", .string("nid")), ("in", .string("path")), ("required", .bool(true)),
                                        ("schema", int)),
                                ],
                                body: "WithdrawalInput", response: ref("Dossier"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/dossiers/{id}/appraisal/finish",
                    obj(
                        (
                            "post",
                            op(
                                "Kết thúc thẩm định: trả lại đơn vị hoặc trình Hội đồng", tag: "dossiers",
                                params: [idParam], response: ref("Dossier"), errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/dossiers/{id}/decision",
                    obj(
                        (
                            "post",
                            op(
                                "Ghi quyết định khen thưởng: khen thưởng vào quá trình, đăng ký chuyển “đã khen thưởng”; hồ sơ chỉ còn xem",
                                tag: "dossiers", params: [idParam],
                                body: "DecisionInput", response: ref("Dossier"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/decisions",
                    obj(
                        (
                            "get",
                            op(
                                "Sổ quyết định của một cấp khen thưởng trong một năm (mới nhất trước; trang theo khóa)",
                                tag: "decisions",
                                params: [
                                    query(
                                        "authority", "Cấp khen thưởng (mặc định: Hội đồng đầu tiên của người dùng)",
                                        integer: true),
                                    query("year", "Năm (mặc định: năm nay)", integer: true),
                                    query("before", "Trang sau: giá trị next của trang trước", integer: true),
                                ],
                                response: ref("DecisionList"), errorCodes: [401, 403, 404])
                        ),
                        (
                            "post",
                            op(
                                "Ban hành một quyết định cho các hồ sơ đã xét của cùng một cấp (số lấy từ sổ, hoặc số ghi tay được kiểm tra)",
                                tag: "decisions", body: "IssueDecisionInput", status: 201,
                                response: ref("DecisionDetail"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/decisions/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một quyết định: hồ sơ, khen thưởng, quyết định thu hồi hoặc đính chính",
                                tag: "decisions",
                                params: [idParam], response: ref("DecisionDetail"))
                        ))
                ),
                (
                    "/decisions/{id}/withdraw",
                    obj(
                        (
                            "post",
                            op(
                                "Thu hồi quyết định (một quyết định mới trong sổ; khen thưởng được đánh dấu đã thu hồi)",
                                tag: "decisions", params: [idParam], body: "DecisionChangeInput", status: 201,
                                response: ref("DecisionDetail"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/decisions/{id}/correct",
                    obj(
                        (
                            "post",
                            op(
                                "Đính chính, thay thế quyết định (quyết định mới trong sổ mang các khen thưởng)",
                                tag: "decisions", params: [idParam], body: "DecisionChangeInput", status: 201,
                                response: ref("DecisionDetail"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/authorities/{id}/fund",
                    obj(
                        (
                            "get",
                            op(
                                "Sổ quỹ thi đua, khen thưởng của một cấp khen thưởng (mới nhất trước; trang theo khóa) và số dư",
                                tag: "fund",
                                params: [
                                    idParam, query("before", "Trang sau: giá trị next của trang trước", integer: true),
                                ],
                                response: ref("FundLedger"))
                        ),
                        (
                            "post",
                            op(
                                "Ghi một khoản thu vào quỹ (ngân sách cấp, trích, đóng góp); khoản chi do quyết định ghi",
                                tag: "fund", params: [idParam], body: "FundIncomeInput", status: 201,
                                response: ref("FundEntry"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/authorities/{id}/fund/{year}",
                    obj(
                        (
                            "get",
                            op(
                                "Báo cáo quỹ năm: số dư đầu năm, thu theo nguồn, chi theo quyết định, số dư cuối năm",
                                tag: "fund",
                                params: [
                                    idParam,
                                    obj(
                                        ("name", .string("year")), ("in", .string("path")), ("required", .bool(true)),
                                        ("schema", int)),
                                ],
                                response: ref("FundReport"))
                        ))
                ),
                (
                    "/dossier-documents/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Tải tài liệu của hồ sơ", tag: "dossiers", params: [idParam],
                                response: obj(("type", .string("string")), ("format", .string("binary"))))
                        ))
                ),
                (
                    "/authorities",
                    obj(
                        (
                            "get",
                            op(
                                "Cấp có thẩm quyền khen thưởng: khối ký, nơi nhận, mẫu số văn bản, hình thức đang tặng",
                                tag: "councils", response: array(ref("Authority")), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Khai báo cấp khen thưởng mới (quản trị hệ thống)", tag: "councils",
                                body: "AuthorityInput", status: 201, response: ref("Authority"),
                                errorCodes: [401, 403, 422])
                        ))
                ),
                (
                    "/authorities/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một cấp khen thưởng", tag: "councils", params: [idParam], response: ref("Authority"))
                        ),
                        (
                            "put",
                            op(
                                "Cập nhật cấp khen thưởng (Thường trực Hội đồng của cấp đó, quản trị); đơn vị và cấp không đổi",
                                tag: "councils", params: [idParam], body: "AuthorityInput", response: ref("Authority"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/authorities/{id}/certificate-layouts",
                    obj(
                        (
                            "get",
                            op(
                                "Mẫu in giấy khen, bằng khen trên phôi của một cấp khen thưởng (mặc định trước)",
                                tag: "certificates", params: [idParam], response: array(ref("CertificateLayout")))
                        ),
                        (
                            "post",
                            op(
                                "Thêm mẫu in (Thường trực Hội đồng của cấp đó, quản trị); trường bỏ trống lấy mẫu chuẩn",
                                tag: "certificates", params: [idParam], body: "CertificateLayoutInput", status: 201,
                                response: ref("CertificateLayout"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/certificate-layouts/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một mẫu in: khổ giấy, hình thức áp dụng, vị trí từng trường (mm, pt)",
                                tag: "certificates", params: [idParam], response: ref("CertificateLayout"))
                        ),
                        (
                            "put",
                            op(
                                "Sửa mẫu in (Thường trực Hội đồng của cấp đó, quản trị); trường bỏ trống giữ giá trị cũ",
                                tag: "certificates", params: [idParam], body: "CertificateLayoutInput",
                                response: ref("CertificateLayout"), errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/councils",
                    obj(
                        (
                            "get",
                            op(
                                "Các Hội đồng Thi đua - Khen thưởng người dùng làm việc cùng (Thường trực hoặc thành viên)",
                                tag: "councils", response: array(ref("Council")), errorCodes: [401, 404])
                        ))
                ),
                (
                    "/councils/{id}/members",
                    obj(
                        (
                            "get",
                            op(
                                "Danh sách thành viên Hội đồng (kể cả người đã thôi)", tag: "councils",
                                params: [idParam], response: array(ref("CouncilMember")))
                        ),
                        (
                            "post",
                            op(
                                "Thêm thành viên Hội đồng (Thường trực Hội đồng)", tag: "councils", params: [idParam],
                                body: "CouncilMemberInput", status: 201, response: ref("CouncilMember"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/council-members/{mid}/active",
                    obj(
                        (
                            "post",
                            op(
                                "Thôi hoặc khôi phục một thành viên Hội đồng", tag: "councils",
                                params: [
                                    obj(
                                        ("name", .string("mid")), ("in", .string("path")), ("required", .bool(true)),
                                        ("schema", int))
                                ],
                                body: "MemberActive", response: ref("CouncilMember"), errorCodes: [401, 403, 404])
                        ))
                ),
                (
                    "/councils/{id}/meetings",
                    obj(
                        (
                            "get",
                            op(
                                "Các cuộc họp của Hội đồng, mới nhất trước", tag: "councils", params: [idParam],
                                response: array(ref("MeetingSummary")))
                        ),
                        (
                            "post",
                            op(
                                "Lập cuộc họp trên các hồ sơ đã gửi tới Hội đồng và đã thẩm định đạt", tag: "councils",
                                params: [idParam], body: "MeetingInput", status: 201, response: ref("Meeting"),
                                errorCodes: [401, 403, 404, 422])
                        ))
                ),
                (
                    "/meetings/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Cuộc họp: thành viên, người được xét, kết quả sau khi kết thúc (không có phiếu của từng người)",
                                tag: "councils", params: [idParam], response: ref("Meeting"))
                        ))
                ),
                (
                    "/meetings/{id}/attendance",
                    obj(
                        (
                            "put",
                            op(
                                "Điểm danh: có mặt, vắng có phiếu gửi bằng văn bản; còn lại là vắng", tag: "councils",
                                params: [idParam], body: "AttendanceInput", response: ref("Meeting"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/meetings/{id}/open",
                    obj(
                        (
                            "post",
                            op(
                                "Mở bỏ phiếu kín (đủ số thành viên dự họp)", tag: "councils", params: [idParam],
                                response: ref("Meeting"), errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/meetings/{id}/ballots",
                    obj(
                        (
                            "post",
                            op(
                                "Bỏ phiếu cho ghế của mình; memberID chỉ dành cho Thường trực nhập phiếu giấy, phiếu gửi bằng văn bản",
                                tag: "councils", params: [idParam], body: "BallotInput", response: ref("Meeting"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/meetings/{id}/close",
                    obj(
                        (
                            "post",
                            op(
                                "Kết thúc bỏ phiếu và kiểm phiếu; hồ sơ chuyển sang chờ quyết định", tag: "councils",
                                params: [idParam], body: "MeetingClose", response: ref("Meeting"),
                                errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/meetings/{id}/minutes",
                    obj(
                        (
                            "get",
                            op(
                                "Tải biên bản họp Hội đồng (DOCX), sau khi kết thúc bỏ phiếu", tag: "councils",
                                params: [idParam],
                                response: obj(("type", .string("string")), ("format", .string("binary"))),
                                errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/dossiers/{id}/forward",
                    obj(
                        (
                            "post",
                            op(
                                "Chuyển các trường hợp do cấp trên quyết định lên Hội đồng cấp trên; trả về hồ sơ mới ở cấp trên",
                                tag: "councils", params: [idParam], status: 201, response: ref("Dossier"),
                                errorCodes: [401, 403, 404, 409])
                        ))
                ),
                (
                    "/dossiers/{id}/state-proposals",
                    obj(
                        (
                            "post",
                            op(
                                "Tỉnh trình cấp Nhà nước (tờ trình) các trường hợp Bằng khen của Thủ tướng, Chiến sĩ thi đua toàn quốc, Huân chương mà Hội đồng tỉnh đã thông qua",
                                tag: "councils", params: [idParam], body: "StateProposalInput", status: 201,
                                response: ref("StateProposal"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/dossiers/{id}/state-decisions",
                    obj(
                        (
                            "post",
                            op(
                                "Ghi quyết định của Chủ tịch nước, Thủ tướng Chính phủ cho các trường hợp đã trình: được khen (khen thưởng vào quá trình) hoặc không được khen (kèm lý do)",
                                tag: "councils", params: [idParam], body: "StateDecisionInput", status: 201,
                                response: ref("StateDecision"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                (
                    "/state-decisions/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một quyết định cấp Nhà nước đã ghi: tờ trình, các trường hợp, khen thưởng",
                                tag: "councils", params: [idParam], response: ref("StateDecision"))
                        ))
                ),
                (
                    "/statistics/forms",
                    obj(
                        (
                            "get",
                            op(
                                "Biểu mẫu thống kê thi đua, khen thưởng (Thông tư 02/2023/TT-BNV, biểu 0601–0605): căn cứ, kỳ báo cáo, điều cần xác minh",
                                tag: "statistics", response: ref("StatisticsFormList"), errorCodes: [401])
                        ))
                ),
                (
                    "/statistics/forms/{code}",
                    obj(
                        (
                            "get",
                            op(
                                "Một biểu thống kê của một đơn vị trong một kỳ: mã số dòng, mã cột, số liệu (null: hệ thống không tính được)",
                                tag: "statistics",
                                params: [
                                    statisticsCode,
                                    query(
                                        "unit", "Đơn vị báo cáo (mặc định: đơn vị cao nhất tài khoản được xem)",
                                        integer: true),
                                    query("year", "Năm báo cáo (mặc định: năm nay)", integer: true),
                                    query("period", "Kỳ: nam (01/12 năm trước–30/11) hoặc 6-thang"),
                                ],
                                response: ref("StatisticsForm"), errorCodes: [400, 401, 403, 404])
                        ))
                ),
                (
                    "/statistics/forms/{code}/xlsx",
                    obj(
                        (
                            "get",
                            op(
                                "Một biểu thống kê dạng XLSX theo mẫu (phần đầu biểu, dòng tiêu đề cố định, độ rộng cột)",
                                tag: "statistics",
                                params: [
                                    statisticsCode,
                                    query("unit", "Đơn vị báo cáo", integer: true),
                                    query("year", "Năm báo cáo", integer: true),
                                    query("period", "Kỳ: nam hoặc 6-thang"),
                                ],
                                response: obj(("type", .string("string")), ("format", .string("binary"))),
                                errorCodes: [400, 401, 403, 404])
                        ))
                ),
                (
                    "/dashboard",
                    obj(
                        (
                            "get",
                            op(
                                "Số liệu theo dõi điển hình của một phạm vi (toàn bộ, đơn vị, phong trào, cụm/khối) trong một năm hoặc giai đoạn: cùng truy vấn với trang theo dõi và báo cáo định kỳ",
                                tag: "monitoring",
                                params: [
                                    query(
                                        "scope",
                                        "all, unit-<mã>, movement-<mã> hoặc group-<mã> (mặc định: phạm vi của tài khoản)"
                                    ),
                                    query("year", "Một năm (2025) hoặc một giai đoạn (2023-2025)"),
                                ],
                                response: ref("DashboardStats"), errorCodes: [400, 401, 403, 404])
                        ))
                ),
                // Events (issue 10 §4): study visits, experience talks, interim and final review conferences.
                (
                    "/events",
                    obj(
                        (
                            "get",
                            op(
                                "Sự kiện (tham quan học tập, báo cáo kinh nghiệm, hội nghị sơ kết, tổng kết) trong phạm vi "
                                    + "của tài khoản, mới nhất trước", tag: "events",
                                params: [
                                    query("year", "Năm tổ chức", integer: true),
                                    query("kind", "Loại: " + codes(EventKind.self)),
                                    query("unit", "Đơn vị tổ chức (gồm trực thuộc)", integer: true),
                                    query("after", "Xem tiếp sau dòng này (giá trị next của trang trước)"),
                                    query("perPage", "Số dòng một trang (tối đa 200)", integer: true),
                                ],
                                response: ref("EventList"), errorCodes: [400, 401])
                        ),
                        (
                            "post",
                            op(
                                "Ghi một sự kiện (ngày dd/mm/yyyy; trạng thái đầu: planned)", tag: "events",
                                body: "EventInput", status: 201, response: ref("Event"),
                                errorCodes: [401, 403, 422])
                        )
                    )
                ),
                (
                    "/events/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một sự kiện: điển hình chủ trì, được biểu dương, đơn vị và người tham dự, tài liệu",
                                tag: "events", params: [idParam], response: ref("Event"))
                        ),
                        (
                            "put",
                            op(
                                "Sửa sự kiện (gửi đủ các trường)", tag: "events", params: [idParam], body: "EventInput",
                                response: ref("Event"), errorCodes: [401, 403, 404, 422])
                        )
                    )
                ),
                (
                    "/events/{id}/status",
                    obj(
                        (
                            "post",
                            op(
                                "Chuyển trạng thái sự kiện (" + codes(EventStatus.self)
                                    + "); sự kiện đã tổ chức không hủy được (409)", tag: "events", params: [idParam],
                                body: "EventStatusInput", response: ref("Event"), errorCodes: [401, 403, 404, 409, 422])
                        ))
                ),
                // Stories (issue 10 §1): the editors' side; schemas and operations in the extension at the end.
                storiesPath, storyPath, storyMovePath,
                consentsPath, consentWithdrawPath, // consents (issue 10 §2), in the extension at the end
                // The media log and citizens' proposals (issue 10 §3, §6).
                (
                    "/media",
                    obj(
                        (
                            "get",
                            op(
                                "Sổ theo dõi tuyên truyền điển hình trong phạm vi của tài khoản, mới nhất trước",
                                tag: "media",
                                params: [
                                    query("subject", "Mã điển hình (đối tượng)", integer: true),
                                    query("unit", "Đơn vị của điển hình (gồm trực thuộc)", integer: true),
                                    query("year", "Năm đăng, phát", integer: true),
                                    query("kind", "Loại kênh: radio, television, print, online, social, loudspeaker"),
                                    query("after", "Xem tiếp sau bản ghi này (giá trị next của trang trước)"),
                                    query("perPage", "Số bản ghi một trang (tối đa 200)", integer: true),
                                ],
                                response: ref("MediaEntryList"), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Ghi một tin, bài tuyên truyền về điển hình (đường dẫn http/https hoặc ghi chú)",
                                tag: "media", body: "MediaEntryInput", status: 201, response: ref("MediaEntry"),
                                errorCodes: [401, 403, 404, 422])
                        )
                    )
                ),
                (
                    "/media/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một tin, bài tuyên truyền", tag: "media", params: [idParam],
                                response: ref("MediaEntry"), errorCodes: [401, 404])
                        ),
                        (
                            "put",
                            op(
                                "Sửa một tin, bài tuyên truyền", tag: "media", params: [idParam],
                                body: "MediaEntryInput", response: ref("MediaEntry"),
                                errorCodes: [401, 403, 404, 422])
                        ),
                        (
                            "delete",
                            op(
                                "Xóa một tin, bài tuyên truyền", tag: "media", params: [idParam], status: 204,
                                response: nil, errorCodes: [401, 403, 404])
                        )
                    )
                ),
                (
                    "/proposals",
                    obj(
                        (
                            "get",
                            op(
                                "Hàng chờ lời giới thiệu điển hình của người dân (đơn vị được giới thiệu và Thường trực)",
                                tag: "proposals",
                                params: [
                                    query("status", "Trạng thái: " + codes(ProposalStatus.self)),
                                    query(
                                        "before", "Xem tiếp sau bản ghi này (giá trị next của trang trước)",
                                        integer: true),
                                    query("perPage", "Số bản ghi một trang (tối đa 200)", integer: true),
                                ],
                                response: ref("ProposalList"), errorCodes: [401])
                        ),
                        (
                            "post",
                            op(
                                "Người dân giới thiệu điển hình (không cần mã truy cập; tối đa 5 lần một giờ cho một "
                                    + "địa chỉ, quá thì 429 với Retry-After)",
                                tag: "proposals", body: "ProposalInput", status: 202,
                                response: ref("ProposalSubmitted"),
                                errorCodes: [422, 429], secured: false)
                        )
                    )
                ),
                (
                    "/proposals/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một lời giới thiệu (liên hệ của người giới thiệu chỉ với vai trò được xem dữ liệu cá nhân)",
                                tag: "proposals", params: [idParam], response: ref("Proposal"), errorCodes: [401, 404])
                        )
                    )
                ),
                (
                    "/proposals/{id}/move",
                    obj(
                        (
                            "post",
                            op(
                                "Tiếp nhận hoặc không tiếp nhận (ghi lý do) một lời giới thiệu mới", tag: "proposals",
                                params: [idParam], body: "ProposalMoveInput", response: ref("Proposal"),
                                errorCodes: [401, 403, 404, 409, 422])
                        )
                    )
                ),
                (
                    "/public/stories",
                    obj(
                        (
                            "get",
                            op(
                                "Bài viết đã đăng, mới nhất trước (công khai, không cần mã truy cập; after = nextAfter "
                                    + "của trang trước)", tag: "public",
                                params: [
                                    query("after", "Mã bài cuối của trang trước", integer: true),
                                    query("limit", "Số bài mỗi trang (1–100, mặc định 20)", integer: true),
                                    query("column", "Mã chuyên mục"),
                                ], response: ref("PublicStoryList"), errorCodes: [404], secured: false)
                        ))
                ),
                (
                    "/public/stories/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một bài viết đã đăng (công khai); 404 khi chưa đăng, đã gỡ hoặc người được nêu chưa "
                                    + "đồng ý công khai", tag: "public", params: [idParam],
                                response: ref("PublicStory"), errorCodes: [404], secured: false)
                        ))
                ),
                (
                    "/public/exemplars/{id}",
                    obj(
                        (
                            "get",
                            op(
                                "Một điển hình được công nhận và được phép công khai (công khai)", tag: "public",
                                params: [idParam], response: ref("PublicExemplar"), errorCodes: [404],
                                secured: false)
                        ))
                ),
                listExport(0), listExport(1), listExport(2), listExport(3), listExport(4), listExport(5),
                listExport(6),
                (
                    "/openapi.json",
                    obj(
                        (
                            "get",
                            op(
                                "Tài liệu OpenAPI này", tag: "meta", response: obj(("type", .string("object"))),
                                errorCodes: [], secured: false)
                        ))
                )
            )
        ),
        (
            "components",
            obj(
                ("securitySchemes", obj(("bearerAuth", obj(("type", .string("http")), ("scheme", .string("bearer")))))),
                (
                    "schemas",
                    obj(
                        (
                            "Error",
                            schema(
                                required: ["code", "message"],
                                [
                                    (
                                        "code",
                                        str(
                                            "Mã lỗi ổn định: unauthorized, forbidden, not_found, validation_failed, conflict, bad_request…"
                                        )
                                    ),
                                    ("message", str("Thông báo tiếng Việt")),
                                    ("fields", obj(("type", .string("object")), ("additionalProperties", str()))),
                                ])
                        ),
                        (
                            "MediaEntryInput",
                            schema(
                                required: ["outletKind", "outletName", "date", "title"],
                                [
                                    (
                                        "subjectID",
                                        obj(
                                            ("type", .string("integer")),
                                            ("description", .string("Bắt buộc khi ghi mới")))
                                    ),
                                    ("outletKind", str("radio, television, print, online, social, loudspeaker")),
                                    ("outletName", str()), ("date", str("dd/mm/yyyy")), ("title", str()),
                                    ("link", str("http:// hoặc https://; bắt buộc khi không có ghi chú")),
                                    ("note", str("Bắt buộc khi không có đường dẫn")),
                                ])
                        ),
                        (
                            "MediaEntry",
                            schema(
                                required: [
                                    "id", "subjectID", "unitID", "outletKind", "outletKindLabel", "outletName", "date",
                                    "title", "link", "note",
                                ],
                                [
                                    ("id", int), ("subjectID", int), ("unitID", int), ("outletKind", str()),
                                    ("outletKindLabel", str()), ("outletName", str()), ("date", str("dd/mm/yyyy")),
                                    ("title", str()), ("link", str()), ("note", str()),
                                ])
                        ),
                        (
                            "MediaEntryList",
                            schema(
                                required: ["items"],
                                [("items", array(ref("MediaEntry"))), ("next", nullable("string"))])
                        ),
                        (
                            "ProposalInput",
                            schema(
                                required: ["subjectName", "subjectKind", "unitID", "achievements", "proposerName"],
                                [
                                    ("subjectName", str()), ("subjectKind", str("collective, individual, household")),
                                    ("unitID", str("Mã đơn vị (số), xã, thị trấn hoặc cơ quan cấp huyện")),
                                    ("achievements", str()), ("proposerName", str()),
                                    ("proposerPhone", str("Số điện thoại hoặc thư điện tử: ít nhất một")),
                                    ("proposerEmail", str()),
                                    ("consent", str("on: đồng ý để được liên hệ lại (bắt buộc)")),
                                ])
                        ),
                        ("ProposalSubmitted", schema(required: ["message"], [("message", str())])),
                        (
                            "ProposalMoveInput",
                            schema(
                                required: ["status"],
                                [
                                    ("status", str("accepted hoặc rejected")),
                                    ("reason", str("Bắt buộc khi không tiếp nhận")),
                                ])
                        ),
                        (
                            "Proposal",
                            schema(
                                required: [
                                    "id", "unitID", "subjectName", "subjectKind", "achievements", "status",
                                    "statusLabel", "decisionReason", "submittedAt",
                                ],
                                [
                                    ("id", int), ("unitID", int), ("subjectName", str()), ("subjectKind", str()),
                                    ("achievements", str()), ("status", str(codes(ProposalStatus.self))),
                                    ("statusLabel", str()), ("decisionReason", str()),
                                    ("submittedAt", str(format: "date-time")),
                                    ("proposerName", str("Chỉ với vai trò được xem dữ liệu cá nhân")),
                                    ("proposerPhone", str()), ("proposerEmail", str()),
                                ])
                        ),
                        (
                            "ProposalList",
                            schema(
                                required: ["items"], [("items", array(ref("Proposal"))), ("next", nullable("integer"))])
                        ),
                        (
                            "PublicStory",
                            schema(
                                required: ["id", "title", "column", "columnName", "lead", "publishedAt", "url"],
                                [
                                    ("id", int), ("title", str()), ("column", str()), ("columnName", str()),
                                    ("lead", str()), ("publishedAt", str(format: "date-time")), ("url", str()),
                                    ("bodyHTML", str("Chỉ khi xem một bài")), ("minoritySummary", str()),
                                    ("minorityLang", str("Mã ngôn ngữ BCP 47")), ("minorityTranslator", str()),
                                    ("exemplarIDs", array(int)),
                                ])
                        ),
                        (
                            "PublicStoryList",
                            schema(
                                required: ["items"],
                                [("items", array(ref("PublicStory"))), ("nextAfter", nullable("integer"))])
                        ),
                        (
                            "PublicExemplar",
                            schema(
                                required: ["id", "name", "kind", "unitName", "fields", "url", "stories", "awards"],
                                [
                                    ("id", int), ("name", str()), ("kind", str()), ("unitName", str()),
                                    ("fields", array(str())), ("url", str()), ("stories", array(ref("PublicStory"))),
                                    (
                                        "awards",
                                        array(
                                            schema(
                                                required: ["formName", "year", "authority", "decision"],
                                                [
                                                    ("formName", str()), ("year", int), ("authority", str()),
                                                    ("decision", str()),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "TokenRequest",
                            schema(required: ["username", "password"], [("username", str()), ("password", str())])
                        ),
                        (
                            "Token",
                            schema(
                                required: ["token", "tokenType", "expiresAt", "user"],
                                [
                                    ("token", str()), ("tokenType", str()), ("expiresAt", str(format: "date-time")),
                                    ("user", ref("User")),
                                ])
                        ),
                        (
                            "Unit",
                            schema(
                                required: [
                                    "id", "code", "name", "shortName", "kind", "kindLabel", "path", "place",
                                    "abbreviation", "active",
                                ],
                                [
                                    ("id", int), ("code", str()), ("name", str()), ("shortName", str()),
                                    ("kind", str()), ("kindLabel", str()), ("parentID", nullable("integer")),
                                    ("path", str("Đường dẫn trong cây: /1/5/23/")), ("place", str()),
                                    ("abbreviation", str()), ("active", bool),
                                ])
                        ),
                        (
                            "UnitInput",
                            schema(
                                required: ["code", "name", "kind"],
                                [
                                    ("code", str()), ("name", str()), ("shortName", str()), ("kind", str()),
                                    ("parentID", nullable("integer")),
                                    ("place", str()), ("abbreviation", str()),
                                ])
                        ),
                        (
                            "UnitGroup",
                            schema(
                                required: ["id", "code", "name", "kind", "kindLabel", "memberIDs"],
                                [
                                    ("id", int), ("code", str()), ("name", str()), ("kind", str()),
                                    ("kindLabel", str()), ("memberIDs", array(int)),
                                ])
                        ),
                        (
                            "GroupMember",
                            schema(
                                required: ["unitID", "unitName", "standing", "standingLabel", "exemplarIDs"],
                                [
                                    ("unitID", int), ("unitName", str()),
                                    ("standing", str(codes(GroupStanding.self))), ("standingLabel", str()),
                                    ("status", nullable("string")), ("submittedAt", nullable("string")),
                                    ("exemplarIDs", array(int)), ("planFileID", nullable("integer")),
                                    ("returnReason", nullable("string")), ("pledgeSignedOn", nullable("string")),
                                    ("pledgeSigner", nullable("string")), ("pledgeFileID", nullable("integer")),
                                    ("acceptedAt", nullable("string")),
                                ])
                        ),
                        (
                            "GroupCounts",
                            schema(
                                required: ["submitted", "accepted", "returned", "onTime", "late", "missing"],
                                [
                                    ("submitted", int), ("accepted", int), ("returned", int), ("onTime", int),
                                    ("late", int), ("missing", int),
                                ])
                        ),
                        (
                            "GroupYear",
                            schema(
                                required: ["groupID", "groupName", "year", "members"],
                                [
                                    ("groupID", int), ("groupName", str()), ("year", int),
                                    ("deadline", nullable("string")), ("headUnitID", nullable("integer")),
                                    ("suggestedHeadUnitID", nullable("integer")),
                                    ("members", array(ref("GroupMember"))), ("counts", ref("GroupCounts")),
                                ])
                        ),
                        ("GroupDeadlineInput", schema(required: ["deadline"], [("deadline", str("dd/mm/yyyy"))])),
                        ("GroupHeadInput", schema(required: ["headUnitID"], [("headUnitID", int)])),
                        ("GroupReturnInput", schema(required: ["reason"], [("reason", str())])),
                        (
                            "GroupScoresInput",
                            schema(
                                required: ["scores"],
                                [
                                    (
                                        "scores",
                                        array(
                                            schema(
                                                required: ["unitID", "criterion", "points"],
                                                [
                                                    ("unitID", int), ("criterion", str()),
                                                    ("points", str("8 hoặc 8,5; rỗng: xóa")),
                                                ]))
                                    )
                                ])
                        ),
                        (
                            "GroupRanking",
                            schema(
                                required: ["ruleVersion", "legalBasis", "maxTotal", "ranking"],
                                [
                                    ("ruleVersion", str()), ("legalBasis", str()),
                                    ("maxTotal", obj(("type", .string("number")))),
                                    (
                                        "ranking",
                                        array(
                                            schema(
                                                required: ["unitID", "unitName", "total", "complete"],
                                                [
                                                    ("unitID", int), ("unitName", str()),
                                                    ("total", obj(("type", .string("number")))),
                                                    ("rank", nullable("integer")), ("complete", bool),
                                                    ("proposal", nullable("string")),
                                                    ("proposalLabel", nullable("string")),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "User",
                            schema(
                                required: ["id", "username", "fullName", "role", "roleLabel", "active"],
                                [
                                    ("id", int), ("username", str()), ("fullName", str()), ("role", str()),
                                    ("roleLabel", str()), ("unitID", nullable("integer")), ("active", bool),
                                    ("mustChangePassword", bool), ("disabledAt", nullable("string")),
                                ])
                        ),
                        (
                            "PasswordChange",
                            schema(
                                required: ["currentPassword", "newPassword"],
                                [
                                    ("currentPassword", str()),
                                    (
                                        "newPassword",
                                        str("Ít nhất \(Check.minimumPasswordLength) ký tự, khác mật khẩu cũ")
                                    ),
                                    ("confirmPassword", str("Nhập lại mật khẩu mới (không bắt buộc)")),
                                ])
                        ),
                        (
                            "Session",
                            schema(
                                required: ["id", "kind", "expiresAt", "current"],
                                [
                                    ("id", int), ("kind", str("web hoặc api")), ("createdAt", nullable("string")),
                                    ("lastSeenAt", nullable("string")), ("expiresAt", str(format: "date-time")),
                                    ("userAgent", nullable("string")), ("ip", nullable("string")), ("current", bool),
                                ])
                        ),
                        (
                            "PasswordReset",
                            schema(
                                required: ["user", "password"],
                                [("user", ref("User")), ("password", str("Mật khẩu dùng một lần"))])
                        ),
                        (
                            "UserInput",
                            schema(
                                required: ["username", "fullName", "role"],
                                [
                                    ("username", str()), ("fullName", str()),
                                    (
                                        "role",
                                        str("admin, standing-office, council-member, lead-agency, unit-officer, editor")
                                    ),
                                    ("unitID", nullable("integer")), ("password", str()), ("active", bool),
                                    (
                                        "email",
                                        str("E-mail nhận thông báo; chuỗi rỗng: không có; không gửi trường: giữ nguyên")
                                    ),
                                    (
                                        "mustChangePassword",
                                        obj(
                                            ("type", .string("boolean")),
                                            (
                                                "description",
                                                .string(
                                                    "Buộc đổi mật khẩu ở lần đăng nhập tới (mặc định false qua API; "
                                                        + "biểu mẫu web mặc định bật)")
                                            ))
                                    ),
                                ])
                        ),
                        (
                            "Movement",
                            schema(
                                required: [
                                    "id", "code", "name", "kind", "kindLabel", "level", "levelLabel", "fromYear",
                                    "toYear", "description", "legalBasis", "agencies",
                                ],
                                [
                                    ("id", int), ("code", str()), ("name", str()), ("kind", str()),
                                    ("kindLabel", str()), ("level", str()), ("levelLabel", str()), ("fromYear", int),
                                    ("toYear", int),
                                    ("description", str()), ("legalBasis", str()),
                                    ("catalogueVersion", nullable("string")),
                                    (
                                        "agencies",
                                        array(
                                            schema(
                                                required: ["unitID", "code", "name", "role"],
                                                [
                                                    ("unitID", int), ("code", str()), ("name", str()),
                                                    ("role", str("lead hoặc coordinating")),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "MovementInput",
                            schema(
                                required: ["code", "name", "kind", "level", "fromYear", "toYear", "leadAgencyIDs"],
                                [
                                    ("code", str()), ("name", str()), ("kind", str()), ("level", str()),
                                    ("fromYear", int), ("toYear", int), ("description", str()), ("legalBasis", str()),
                                    ("leadAgencyIDs", array(int)), ("coordinatingAgencyIDs", array(int)),
                                ])
                        ),
                        (
                            "CatalogueVersion",
                            schema(
                                required: ["version", "title", "legalBasis", "effectiveFrom"],
                                [
                                    ("version", str()), ("title", str()), ("legalBasis", str()),
                                    ("effectiveFrom", str(format: "date")),
                                ])
                        ),
                        (
                            "CalendarYear",
                            schema(required: ["year", "days"], [("year", int), ("days", array(ref("CalendarDay")))])
                        ),
                        (
                            "NoticeList",
                            schema(
                                required: ["items", "unread"],
                                [
                                    ("items", array(ref("Notice"))),
                                    ("next", nullable("integer")), ("unread", int),
                                ])
                        ),
                        (
                            "Notice",
                            schema(
                                required: ["id", "kind", "kindLabel", "title", "body", "link", "createdAt", "read"],
                                [
                                    ("id", int), ("kind", str(codes(NoticeKind.self))), ("kindLabel", str()),
                                    ("title", str()), ("body", str()), ("link", str("Đường dẫn trong trang web")),
                                    ("createdAt", str(format: "date-time")), ("read", bool),
                                ])
                        ),
                        (
                            "PeriodicReport",
                            schema(
                                required: [
                                    "id", "authorityID", "issuer", "kind", "kindLabel", "periodFrom", "periodTo",
                                    "summary",
                                    "number", "place", "signingMode", "chiefTitle", "signerTitle", "signerName",
                                    "recipients", "sections", "docx",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("issuer", str()),
                                    ("kind", str(codes(PeriodicReportKind.self))), ("kindLabel", str()),
                                    ("periodFrom", str(format: "date")), ("periodTo", str(format: "date")),
                                    ("summary", str()), ("number", str("Số ghi tay; rỗng khi còn là bản nháp")),
                                    ("day", nullable("string")), ("place", str()),
                                    ("signingMode", str(codes(SigningMode.self))), ("chiefTitle", str()),
                                    ("signerTitle", str()), ("signerName", str()), ("recipients", array(str())),
                                    (
                                        "sections",
                                        array(
                                            schema(
                                                required: ["key", "heading", "text"],
                                                [("key", str()), ("heading", str()), ("text", str())]))
                                    ),
                                    ("docx", str("Đường dẫn tải tệp Word")),
                                ])
                        ),
                        (
                            "PeriodicReportInput",
                            schema(
                                required: [],
                                [
                                    ("authorityID", int),
                                    ("kind", str(codes(PeriodicReportKind.self) + "; chỉ khi tạo")),
                                    ("periodFrom", str("dd/mm/yyyy hoặc yyyy-mm-dd; chỉ khi tạo")),
                                    ("periodTo", str("dd/mm/yyyy hoặc yyyy-mm-dd; chỉ khi tạo")), ("summary", str()),
                                    ("number", str("Ví dụ 45/BC-UBND")), ("day", str("dd/mm/yyyy hoặc yyyy-mm-dd")),
                                    ("place", str()), ("signingMode", str(codes(SigningMode.self))),
                                    ("chiefTitle", str()),
                                    ("signerTitle", str()), ("signerName", str()),
                                    ("recipients", str("Mỗi dòng một nơi")),
                                    ("situation", str()), ("results", str()), ("shortcomings", str()),
                                    ("directions", str()), ("proposals", str()),
                                ])
                        ),
                        (
                            "CalendarDay",
                            schema(
                                required: ["day", "kind", "kindLabel", "name", "basis", "verified", "source"],
                                [
                                    ("day", str(format: "date")), ("kind", str(codes(CalendarDayKind.self))),
                                    ("kindLabel", str()), ("name", str()), ("basis", str()), ("verified", bool),
                                    ("source", str("file, manual")),
                                ])
                        ),
                        (
                            "Field",
                            schema(
                                required: ["code", "name", "version"],
                                [("code", str()), ("name", str()), ("note", nullable("string")), ("version", str())])
                        ),
                        (
                            "Criterion",
                            schema(
                                required: ["code", "text", "kind", "kindLabel", "params", "section"],
                                [
                                    ("code", str()), ("text", str()), ("kind", str()), ("kindLabel", str()),
                                    ("params", str("JSON")), ("section", str()),
                                ])
                        ),
                        (
                            "SubjectType",
                            schema(
                                required: [
                                    "code", "name", "section", "standard", "subjectKinds", "version", "criteria",
                                ],
                                [
                                    ("code", str()), ("name", str()), ("group", nullable("string")),
                                    ("field", nullable("string")), ("movement", nullable("string")), ("section", str()),
                                    ("standard", str()), ("subjectKinds", array(str())), ("version", str()),
                                    ("criteria", array(ref("Criterion"))),
                                ])
                        ),
                        (
                            "Subject",
                            schema(
                                // Personal and sensitive keys are absent unless the reader may see them
                                // (Policy.readableClasses); `withheld` names the absent ones.
                                required: ["id", "kind", "kindLabel", "name", "unitID", "position", "withheld"],
                                [
                                    ("id", int), ("kind", str()), ("kindLabel", str()), ("name", str()),
                                    ("unitID", int),
                                    ("gender", str("male, female")), ("genderLabel", str()),
                                    ("ethnicity", str("mã dân tộc 01–54, Quyết định 121-TCTK/PPCĐ")),
                                    ("ethnicityName", str()), ("position", str()),
                                    ("headsUnitID", nullable("integer")), ("representsUnitID", nullable("integer")),
                                    ("birthDate", str()), ("idNumber", str()),
                                    ("phone", str()), ("address", str()), ("withheld", array(str())),
                                ])
                        ),
                        (
                            "SubjectInput",
                            schema(
                                required: ["kind", "name"],
                                [
                                    ("kind", str("collective, individual, household")), ("name", str()),
                                    ("gender", str("male, female (hoặc Nam, Nữ)")),
                                    ("ethnicity", str("mã 01–54 hoặc tên dân tộc")), ("position", str()),
                                    ("birthDate", str("dd/mm/yyyy")), ("idNumber", str()), ("phone", str()),
                                    ("address", str()), ("headsUnitID", nullable("integer")),
                                    ("representsUnitID", nullable("integer")),
                                ])
                        ),
                        (
                            "Registration",
                            schema(
                                required: [
                                    "id", "year", "status", "statusLabel", "subject", "unitID", "unitName",
                                    "subjectKind", "catalogueVersion", "fieldCode", "movementIDs", "title",
                                ],
                                [
                                    ("id", int), ("year", int), ("status", str()), ("statusLabel", str()),
                                    ("subject", ref("Subject")), ("unitID", int), ("unitName", str()),
                                    ("subjectKind", str()),
                                    ("typeCode", nullable("string")), ("typeName", nullable("string")),
                                    ("catalogueVersion", str()), ("fieldCode", str()), ("movementIDs", array(int)),
                                    ("title", str()), ("description", str()), ("goals", str()), ("contact", str()),
                                ])
                        ),
                        (
                            "RegistrationInput",
                            schema(
                                required: ["year", "unitID", "title"],
                                [
                                    ("year", int), ("unitID", int), ("subjectID", nullable("integer")),
                                    ("subject", ref("SubjectInput")),
                                    ("typeCode", str()), ("fieldCode", str()), ("movementIDs", array(int)),
                                    ("title", str()), ("description", str()), ("goals", str()), ("contact", str()),
                                ])
                        ),
                        (
                            "Transition",
                            schema(
                                required: ["from", "to", "toLabel", "at", "username", "reason"],
                                [
                                    ("from", str()), ("to", str()), ("toLabel", str()),
                                    ("at", str(format: "date-time")), ("username", str()), ("reason", str()),
                                ])
                        ),
                        (
                            "TransitionInput",
                            schema(
                                required: ["to"],
                                [
                                    (
                                        "to",
                                        str(
                                            "registered, nurturing, achieved, not-achieved, nominated, awarded, replicated, stopped"
                                        )
                                    ), ("reason", str()),
                                ])
                        ),
                        (
                            "CriterionStatus",
                            schema(
                                required: ["source", "code", "text", "kind", "outcome", "outcomeLabel", "reason"],
                                [
                                    ("source", str("general, type, unit")), ("sourceLabel", str()), ("code", str()),
                                    ("text", str()),
                                    ("kind", str()), ("kindLabel", str()),
                                    ("outcome", str("met, unmet, missing, not-evaluated")), ("outcomeLabel", str()),
                                    ("reason", str()),
                                ])
                        ),
                        (
                            "Action",
                            schema(
                                required: [
                                    "id", "registrationID", "title", "responsible", "dueDate", "status", "statusLabel",
                                    "overdue",
                                ],
                                [
                                    ("id", int), ("registrationID", int), ("title", str()), ("responsible", str()),
                                    ("responsibleUnitID", nullable("integer")), ("dueDate", str("dd/mm/yyyy")),
                                    ("status", str()), ("statusLabel", str()), ("overdue", bool), ("note", str()),
                                ])
                        ),
                        (
                            "ActionInput",
                            schema(
                                required: ["title", "responsible", "dueDate"],
                                [
                                    ("title", str()), ("responsible", str()),
                                    ("responsibleUnitID", nullable("integer")), ("dueDate", str("dd/mm/yyyy")),
                                    ("status", str(codes(ActionStatus.self))), ("note", str()),
                                ])
                        ),
                        (
                            "CriterionInput",
                            schema(
                                required: [],
                                [
                                    ("met", bool), ("numerator", obj(("type", .string("number")))),
                                    ("denominator", obj(("type", .string("number")))),
                                    ("subNumerator", obj(("type", .string("number")))),
                                    ("subDenominator", obj(("type", .string("number")))), ("count", int),
                                    ("value", obj(("type", .string("number")))),
                                    ("previousValue", obj(("type", .string("number")))), ("evidence", str()),
                                ])
                        ),
                        (
                            "Evaluation",
                            schema(
                                required: [
                                    "id", "registrationID", "date", "period", "evaluator", "conclusion", "met", "unmet",
                                    "missing", "results",
                                ],
                                [
                                    ("id", int), ("registrationID", int), ("date", str()), ("period", str()),
                                    ("evaluator", str()), ("effect", str()), ("effectiveness", str()),
                                    ("growthPotential", str()),
                                    ("influence", str()), ("difficulties", str()), ("helpGiven", str()),
                                    ("conclusion", str()), ("conclusionLabel", str()), ("summary", str()), ("met", int),
                                    ("unmet", int), ("missing", int),
                                    (
                                        "results",
                                        array(
                                            schema(
                                                required: ["source", "code", "text", "kind", "outcome", "reason"],
                                                [
                                                    ("source", str()), ("code", str()), ("text", str()),
                                                    ("kind", str()), ("outcome", str()),
                                                    ("outcomeLabel", str()), ("reason", str()),
                                                    ("input", ref("CriterionInput")),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "EvaluationInput",
                            schema(
                                required: ["date", "period", "evaluator", "conclusion"],
                                [
                                    ("date", str("dd/mm/yyyy")), ("period", str()), ("evaluator", str()),
                                    ("effect", str()), ("effectiveness", str()),
                                    ("growthPotential", str()), ("influence", str()), ("difficulties", str()),
                                    ("helpGiven", str()), ("conclusion", str(codes(EvaluationConclusion.self))),
                                    ("summary", str()),
                                    (
                                        "inputs",
                                        obj(
                                            ("type", .string("object")), ("additionalProperties", ref("CriterionInput"))
                                        )
                                    ),
                                ])
                        ),
                        (
                            "Evidence",
                            schema(
                                required: ["id", "registrationID", "name", "contentType", "size", "sha256", "href"],
                                [
                                    ("id", int), ("registrationID", int), ("evaluationID", nullable("integer")),
                                    ("name", str()),
                                    ("contentType", str()), ("size", int), ("sha256", str()), ("description", str()),
                                    ("uploadedAt", str(format: "date-time")), ("href", str()),
                                ])
                        ),
                        (
                            "AnnualRecord",
                            schema(
                                // Sensitive keys (note, discipline, leave, exclusions) are absent unless the
                                // reader may see them; `withheld` names the absent ones.
                                required: ["year", "titles", "withheld"],
                                [
                                    ("year", int), ("taskRating", nullable("string")),
                                    ("taskRatingLabel", nullable("string")), ("titles", array(str())), ("note", str()),
                                    ("discipline", nullable("string")), ("disciplineLabel", nullable("string")),
                                    ("disciplinePending", bool), ("maternityLeave", bool), ("treatmentLeave", bool),
                                    (
                                        "familyExclusions",
                                        obj(("type", .array([.string("array"), .string("null")])), ("items", str()))
                                    ),
                                    ("memberCount", nullable("integer")), ("membersCompleting", nullable("integer")),
                                    ("membersLDTT", nullable("integer")), ("membersCSTD", nullable("integer")),
                                    ("membersDisciplined", nullable("integer")), ("withheld", array(str())),
                                ])
                        ),
                        (
                            "AnnualRecordInput",
                            schema(
                                required: ["year"],
                                [
                                    ("year", int), ("taskRating", str("htxs, htt, ht, khong-ht")),
                                    ("titles", array(str())), ("note", str()),
                                    (
                                        "discipline",
                                        str(
                                            "khien-trach, canh-cao, ha-bac-luong, giang-chuc, cach-chuc, buoc-thoi-viec"
                                        )
                                    ), ("disciplinePending", bool), ("maternityLeave", bool), ("treatmentLeave", bool),
                                    ("familyExclusions", array(str())), ("memberCount", int),
                                    ("membersCompleting", int), ("membersLDTT", int), ("membersCSTD", int),
                                    ("membersDisciplined", int),
                                ])
                        ),
                        (
                            "SubjectTimeline",
                            schema(
                                required: ["subject", "annualRecords", "years"],
                                [
                                    ("subject", ref("Subject")), ("annualRecords", array(ref("AnnualRecord"))),
                                    (
                                        "years",
                                        array(
                                            schema(
                                                required: ["year", "registrationID", "title", "status", "evaluations"],
                                                [
                                                    ("year", int), ("registrationID", int), ("title", str()),
                                                    ("unitName", str()),
                                                    ("status", str()), ("statusLabel", str()),
                                                    ("evaluations", array(ref("Evaluation"))),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "UnitCriterion",
                            schema(
                                required: ["id", "unitID", "year", "code", "text", "kind", "subjectKinds"],
                                [
                                    ("id", int), ("unitID", int), ("year", int), ("code", str()), ("text", str()),
                                    ("kind", str()),
                                    ("kindLabel", str()), ("subjectKinds", array(str())),
                                    ("spec", obj(("type", .string("object")))),
                                ])
                        ),
                        (
                            "UnitCriterionInput",
                            schema(
                                required: ["unitID", "year", "code", "text", "kind"],
                                [
                                    ("unitID", int), ("year", int), ("code", str()), ("text", str()), ("kind", str()),
                                    ("subjectKinds", array(str())),
                                    ("threshold", obj(("type", .string("number")))), ("strict", bool),
                                    ("subThreshold", obj(("type", .string("number")))), ("population", str()),
                                    ("subGroup", str()),
                                    ("measure", str()), ("direction", str("increase, decrease")), ("title", str()),
                                    ("rank", int), ("spanYears", int),
                                ])
                        ),
                        (
                            "UnitGroupInput",
                            schema(
                                required: ["code", "name", "kind"],
                                [
                                    ("code", str()), ("name", str()), ("kind", str("cum, khoi")),
                                    ("memberIDs", array(int)),
                                ])
                        ),
                        (
                            "SetupImportResult",
                            schema(
                                required: ["kind", "created", "errors", "warnings", "accounts"],
                                [
                                    ("kind", str("units, groups, users")), ("created", int),
                                    (
                                        "errors",
                                        array(
                                            schema(
                                                required: ["row", "column", "message"],
                                                [("row", int), ("column", str()), ("message", str())]))
                                    ),
                                    (
                                        "warnings",
                                        array(
                                            schema(
                                                required: ["row", "column", "message"],
                                                [("row", int), ("column", str()), ("message", str())]))
                                    ),
                                    (
                                        "accounts",
                                        array(
                                            schema(
                                                required: ["username", "fullName", "password"],
                                                [("username", str()), ("fullName", str()), ("password", str())]))
                                    ),
                                ])
                        ),
                        (
                            "AnnualImportResult",
                            schema(
                                required: ["created", "updated", "errors", "warnings"],
                                [
                                    ("created", int), ("updated", int),
                                    (
                                        "errors",
                                        array(
                                            schema(
                                                required: ["row", "column", "message"],
                                                [("row", int), ("column", str()), ("message", str())]))
                                    ),
                                    (
                                        "warnings",
                                        array(
                                            schema(
                                                required: ["row", "column", "message"],
                                                [
                                                    ("row", int), ("column", str()), ("message", str()),
                                                    ("warning", bool),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "ImportJob",
                            schema(
                                required: [
                                    "id", "filename", "status", "statusLabel", "total", "processed", "created",
                                    "errorCount", "errors", "warnings", "finished",
                                ],
                                [
                                    ("id", int), ("filename", str()), ("status", str(codes(ImportJobStatus.self))),
                                    ("statusLabel", str()), ("total", int), ("processed", int), ("created", int),
                                    ("errorCount", int),
                                    (
                                        "errors",
                                        array(
                                            schema(
                                                required: ["row", "column", "message"],
                                                [("row", int), ("column", str()), ("message", str())]))
                                    ),
                                    (
                                        "warnings",
                                        array(
                                            schema(
                                                required: ["row", "column", "message"],
                                                [
                                                    ("row", int), ("column", str()), ("message", str()),
                                                    ("warning", bool),
                                                ]))
                                    ), ("finished", bool),
                                ])
                        ),
                        (
                            "RuleSet",
                            schema(
                                required: ["id", "title", "legalBasis", "effectiveFrom", "jurisdiction", "forms"],
                                [
                                    ("id", str()), ("title", str()), ("legalBasis", str()),
                                    ("effectiveFrom", str(format: "date")),
                                    ("effectiveTo", nullable("string")), ("jurisdiction", str()),
                                    (
                                        "forms",
                                        array(
                                            schema(
                                                required: ["code", "name", "kind", "subject", "rank", "conferredBy"],
                                                [
                                                    ("code", str()), ("name", str()), ("kind", str("title, award")),
                                                    ("subject", str("individual, collective, household, village")),
                                                    ("rank", int), ("conferredBy", str()),
                                                    ("voteThreshold", nullable("integer")),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "Eligibility",
                            schema(
                                required: [
                                    "subjectID", "year", "judgedOn", "ruleSetID", "ruleSetTitle", "legalBasis",
                                    "jurisdiction", "forms",
                                ],
                                [
                                    ("subjectID", int), ("year", int), ("judgedOn", str(format: "date")),
                                    ("ruleSetID", str()), ("ruleSetTitle", str()), ("legalBasis", str()),
                                    ("jurisdiction", str()),
                                    ("highest", nullable("string")),
                                    (
                                        "forms",
                                        array(
                                            schema(
                                                required: [
                                                    "code", "name", "rank", "statusLabel", "conferredBy", "conditions",
                                                ],
                                                [
                                                    ("code", str()), ("name", str()), ("rank", int),
                                                    ("eligible", nullable("boolean")), ("statusLabel", str()),
                                                    ("conferredBy", str()),
                                                    ("voteThreshold", nullable("integer")),
                                                    ("alreadyRewarded", nullable("string")),
                                                    ("conferrer", nullable("string")),
                                                    ("conferrerBasis", nullable("string")),
                                                    (
                                                        "conditions",
                                                        array(
                                                            schema(
                                                                required: [
                                                                    "code", "text", "article", "verified", "outcome",
                                                                    "outcomeLabel", "reason",
                                                                ],
                                                                [
                                                                    ("code", str()), ("text", str()),
                                                                    ("article", str()), ("verified", bool),
                                                                    ("verification", nullable("string")),
                                                                    ("outcome", str("met, unmet, missing")),
                                                                    ("outcomeLabel", str()), ("reason", str()),
                                                                ]))
                                                    ),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "Award",
                            schema(
                                required: [
                                    "id", "subjectID", "formCode", "formName", "level", "levelLabel", "year", "period",
                                    "decisionNumber", "decisionDate", "authority", "source",
                                ],
                                [
                                    ("id", int), ("subjectID", int), ("subjectName", nullable("string")),
                                    ("formCode", str()), ("formName", str()), ("level", str()), ("levelLabel", str()),
                                    ("year", int),
                                    ("period", str()), ("decisionNumber", str()), ("decisionDate", str("dd/mm/yyyy")),
                                    ("authority", str()), ("dossierID", nullable("integer")),
                                    ("source", str("nhap-tay, nhap-tep, quyet-dinh, state")),
                                    ("status", str(codes(AwardStatus.self))), ("statusNote", str()),
                                    ("decisionID", nullable("integer")),
                                    ("rewardAmount", nullable("integer")), ("rewardCoefficient", nullable("string")),
                                    ("baseSalary", nullable("integer")), ("rewardVerified", nullable("boolean")),
                                    ("kind", str(codes(AwardKind.self))), ("kindLabel", str()),
                                ])
                        ),
                        (
                            "AwardInput",
                            schema(
                                required: ["formCode", "level", "year", "decisionNumber", "decisionDate", "authority"],
                                [
                                    ("formCode", str("Mã hình thức trong bộ quy tắc, hoặc rỗng kèm formName")),
                                    ("formName", str()), ("level", str("co-so, xa, huyen, tinh, bo, toan-quoc")),
                                    ("year", int),
                                    ("period", str()), ("decisionNumber", str()),
                                    ("decisionDate", str("dd/mm/yyyy hoặc yyyy-mm-dd")), ("authority", str()),
                                    ("kind", str(codes(AwardKind.self) + "; để trống: thuong-xuyen")),
                                    ("initiativeIDs", array(int)),
                                ])
                        ),
                        (
                            "Initiative",
                            schema(
                                required: [
                                    "id", "year", "kind", "kindLabel", "title", "scope", "scopeLabel", "recognition",
                                ],
                                [
                                    ("id", int), ("year", int), ("kind", str()), ("kindLabel", str()), ("title", str()),
                                    ("scope", str()), ("scopeLabel", str()), ("recognition", str()),
                                ])
                        ),
                        (
                            "JudgementAnswer",
                            schema(
                                required: [
                                    "key", "question", "articles", "forms", "answeredBy", "answeredByLabel", "state",
                                    "stateLabel", "canAnswer",
                                ],
                                [
                                    ("key", str()), ("question", str()), ("articles", array(str())),
                                    ("forms", array(str())), ("answeredBy", array(str("unitHead, council"))),
                                    ("answeredByLabel", str()), ("state", str("yes, no, open")), ("stateLabel", str()),
                                    ("answer", nullable("boolean")), ("capacity", nullable("string")),
                                    ("answerer", nullable("string")), ("answeredOn", nullable("string")),
                                    ("note", nullable("string")), ("meetingID", nullable("integer")),
                                    ("evidenceFileID", nullable("integer")), ("canAnswer", bool),
                                ])
                        ),
                        (
                            "JudgementAnswerInput",
                            schema(
                                required: ["key", "year", "answer"],
                                [
                                    ("key", str()), ("year", int), ("answer", str("co, khong (hoặc true/false)")),
                                    ("note", str()), ("meetingID", int), ("meetingLabel", str()),
                                    ("evidenceFileID", int),
                                ])
                        ),
                        (
                            "InitiativeInput",
                            schema(
                                required: ["year", "kind", "title", "scope"],
                                [
                                    ("year", int), ("kind", str("sang-kien, de-tai")), ("title", str()),
                                    ("scope", str("co-so, tinh, toan-quoc")), ("recognition", str()),
                                ])
                        ),
                        (
                            "Dossier",
                            schema(
                                required: [
                                    "id", "unitID", "unitName", "year", "title", "number", "status", "statusLabel",
                                    "ruleSetID", "nominees",
                                ],
                                [
                                    ("id", int), ("unitID", int), ("unitName", str()), ("year", int), ("title", str()),
                                    ("number", str()), ("status", str(codes(DossierStatus.self))),
                                    ("statusLabel", str()), ("ruleSetID", str()), ("submittedDay", nullable("string")),
                                    ("appraisalDue", nullable("string")), ("meetingID", nullable("integer")),
                                    (
                                        "decision",
                                        schema(
                                            required: ["number", "date", "authority", "signer"],
                                            [
                                                ("number", str()), ("date", str(format: "date")), ("authority", str()),
                                                ("signer", str()),
                                            ])
                                    ),
                                    ("nominees", array(ref("Nominee"))), ("missingDocuments", array(str())),
                                    (
                                        "documents",
                                        array(
                                            schema(
                                                required: [
                                                    "id", "kind", "name", "size", "sha256", "generated", "href",
                                                ],
                                                [
                                                    ("id", int), ("kind", str()), ("name", str()), ("size", int),
                                                    ("sha256", str()), ("generated", bool), ("href", str()),
                                                ]))
                                    ),
                                    (
                                        "events",
                                        array(
                                            schema(
                                                required: ["at", "username", "action", "toStatus", "note"],
                                                [
                                                    ("at", str(format: "date-time")), ("username", str()),
                                                    ("action", str(codes(DossierEventAction.self))),
                                                    ("toStatus", str(codes(DossierStatus.self))), ("note", str()),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "Nominee",
                            schema(
                                required: [
                                    "id", "subjectID", "subjectName", "formCode", "formName", "achievement",
                                    "eligibility", "warning", "appraisal", "appraisalLabel", "appraisalNote",
                                ],
                                [
                                    ("id", int), ("subjectID", int), ("subjectName", str()), ("formCode", str()),
                                    ("formName", str()), ("achievement", str()),
                                    ("eligibility", str(codes(NomineeEligibility.self))),
                                    ("warning", str()), ("appraisal", str(codes(NomineeAppraisal.self))),
                                    ("appraisalLabel", str()), ("appraisalNote", str()),
                                    ("registrationID", nullable("integer")), ("awardID", nullable("integer")),
                                    ("kind", str(codes(AwardKind.self))), ("kindLabel", str()),
                                    ("achievementKey", str("subject|năm|loại: một thành tích một hình thức")),
                                    ("withdrawn", bool), ("withdrawalReason", str()),
                                    (
                                        "vote",
                                        schema(
                                            required: [
                                                "yes", "no", "recused", "written", "totalMembers", "threshold",
                                                "passed",
                                            ],
                                            [
                                                ("yes", int), ("no", int), ("recused", int), ("written", int),
                                                ("totalMembers", int), ("threshold", int), ("passed", bool),
                                            ])
                                    ),
                                ])
                        ),
                        (
                            "DossierInput",
                            schema(
                                required: ["unitID", "year", "title"],
                                [("unitID", int), ("year", int), ("title", str()), ("number", str())])
                        ),
                        (
                            "NomineeInput",
                            schema(
                                required: ["subjectID", "formCode"],
                                [
                                    ("subjectID", int), ("formCode", str()), ("achievement", str()),
                                    ("acknowledgeWarning", bool),
                                    ("kind", str(codes(AwardKind.self) + "; để trống: thuong-xuyen")),
                                    ("initiativeIDs", array(int)),
                                ])
                        ),
                        (
                            "WithdrawalInput",
                            schema(required: ["reason"], [("reason", str("Lý do rút đề nghị"))])
                        ),
                        (
                            "AppraisalInput",
                            schema(required: ["result"], [("result", str("passed, returned")), ("note", str())])
                        ),
                        (
                            "DecisionInput",
                            schema(
                                required: ["date"],
                                [
                                    ("number", str("Để trống: số tiếp theo trong sổ")), ("date", str("dd/mm/yyyy")),
                                    ("authority", str()), ("signer", str()), ("level", str()),
                                ])
                        ),
                        (
                            "IssueDecisionInput",
                            schema(
                                required: ["dossierIDs", "date"],
                                [
                                    ("dossierIDs", array(int)), ("number", str("Để trống: số tiếp theo trong sổ")),
                                    ("date", str("yyyy-mm-dd hoặc dd/mm/yyyy")), ("signer", str()), ("issuer", str()),
                                    ("level", str()),
                                ])
                        ),
                        (
                            "DecisionChangeInput",
                            schema(
                                required: ["reason", "date"],
                                [("reason", str()), ("date", str("yyyy-mm-dd hoặc dd/mm/yyyy")), ("number", str())])
                        ),
                        (
                            "Decision",
                            schema(
                                required: [
                                    "id", "authorityID", "year", "kind", "number", "day", "summary", "issuer",
                                    "signingMode", "signerTitle", "signerName", "status", "statusLabel", "reason",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("year", int),
                                    ("kind", str(codes(DecisionKind.self))), ("seq", nullable("integer")),
                                    ("number", str()), ("day", str(format: "date")), ("meetingID", nullable("integer")),
                                    ("summary", str()), ("issuer", str()),
                                    ("signingMode", str(codes(SigningMode.self))),
                                    ("signerTitle", str()), ("signerName", str()),
                                    ("status", str(codes(DecisionStatus.self))), ("statusLabel", str()),
                                    ("reason", str()),
                                    ("correctsID", nullable("integer")),
                                ])
                        ),
                        (
                            "DecisionDetail",
                            schema(
                                required: ["decision", "dossierIDs", "awards", "rewardTotal"],
                                [
                                    ("decision", ref("Decision")), ("dossierIDs", array(int)),
                                    ("awards", array(ref("Award"))), ("rewardTotal", int),
                                    (
                                        "corrects",
                                        obj(("oneOf", .array([ref("Decision"), obj(("type", .string("null")))])))
                                    ),
                                    (
                                        "correctedBy",
                                        obj(("oneOf", .array([ref("Decision"), obj(("type", .string("null")))])))
                                    ),
                                ])
                        ),
                        (
                            "DecisionList",
                            schema(
                                required: ["authorityID", "year", "items", "perPage", "total"],
                                [
                                    ("authorityID", int), ("year", int), ("items", array(ref("Decision"))),
                                    ("perPage", int),
                                    ("total", int), ("next", nullable("integer")),
                                ])
                        ),
                        (
                            "FundIncomeInput",
                            schema(
                                required: ["kind", "amount", "date", "description"],
                                [
                                    ("kind", str("ngan-sach, trich, dong-gop")),
                                    ("amount", obj(("type", .array([.string("integer"), .string("string")])))),
                                    ("date", str("yyyy-mm-dd hoặc dd/mm/yyyy")), ("description", str()),
                                    ("reference", str()),
                                ])
                        ),
                        (
                            "FundEntry",
                            schema(
                                required: [
                                    "id", "authorityID", "year", "day", "kind", "kindLabel", "amount", "description",
                                    "reference",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("year", int), ("day", str(format: "date")),
                                    ("kind", str(codes(FundEntryKind.self))), ("kindLabel", str()),
                                    (
                                        "amount",
                                        obj(
                                            ("type", .string("integer")),
                                            ("description", .string("Số đồng có dấu: thu, hoàn chi dương; chi âm")))
                                    ),
                                    ("description", str()), ("reference", str()), ("decisionID", nullable("integer")),
                                ])
                        ),
                        (
                            "FundLedger",
                            schema(
                                required: ["authorityID", "balance", "items", "perPage", "total"],
                                [
                                    ("authorityID", int), ("balance", int), ("items", array(ref("FundEntry"))),
                                    ("perPage", int), ("total", int), ("next", nullable("integer")),
                                ])
                        ),
                        (
                            "FundReport",
                            schema(
                                required: [
                                    "authorityID", "year", "opening", "income", "incomeTotal", "spending",
                                    "spendingTotal", "closing",
                                ],
                                [
                                    ("authorityID", int), ("year", int), ("opening", int),
                                    (
                                        "income",
                                        array(
                                            schema(
                                                required: ["kind", "kindLabel", "amount"],
                                                [("kind", str()), ("kindLabel", str()), ("amount", int)]))
                                    ),
                                    ("incomeTotal", int),
                                    (
                                        "spending",
                                        array(
                                            schema(
                                                required: ["citation", "amount"],
                                                [
                                                    ("decisionID", nullable("integer")), ("citation", str()),
                                                    ("amount", int),
                                                ]))
                                    ),
                                    ("spendingTotal", int), ("closing", int),
                                ])
                        ),
                        (
                            "StateProposalInput",
                            schema(
                                required: ["number", "date"],
                                [
                                    ("number", str("Số tờ trình, ví dụ 45/TTr-UBND")),
                                    ("date", str("dd/mm/yyyy hoặc yyyy-mm-dd; không sau hôm nay")),
                                    ("addressee", str("Để trống: Thủ tướng Chính phủ (qua Bộ Nội vụ)")),
                                    ("nomineeIDs", array(int)),
                                ])
                        ),
                        (
                            "StateProposal",
                            schema(
                                required: [
                                    "id", "authorityID", "dossierID", "number", "day", "addressee", "nomineeIDs",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("dossierID", int), ("number", str()),
                                    ("day", str(format: "date")), ("addressee", str()), ("nomineeIDs", array(int)),
                                ])
                        ),
                        (
                            "StateDecisionInput",
                            schema(
                                required: ["outcome", "issuer", "date", "nomineeIDs"],
                                [
                                    ("outcome", str(codes(StateOutcome.self))),
                                    ("issuer", str(codes(StateIssuer.self))),
                                    ("number", str("Số quyết định (bắt buộc khi được khen thưởng)")),
                                    (
                                        "date",
                                        str("dd/mm/yyyy hoặc yyyy-mm-dd; không sau hôm nay, không trước tờ trình")
                                    ),
                                    ("fileReference", str()), ("reason", str("Bắt buộc khi không được khen thưởng")),
                                    ("nomineeIDs", array(int)),
                                ])
                        ),
                        (
                            "StateDecision",
                            schema(
                                required: [
                                    "id", "authorityID", "dossierID", "outcome", "outcomeLabel", "issuer",
                                    "issuerLabel", "number", "day", "formCode", "formName", "fileReference", "reason",
                                    "proposals", "nominees",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("dossierID", int),
                                    ("outcome", str(codes(StateOutcome.self))), ("outcomeLabel", str()),
                                    ("issuer", str(codes(StateIssuer.self))), ("issuerLabel", str()),
                                    ("number", str()), ("day", str(format: "date")), ("formCode", str()),
                                    ("formName", str()), ("fileReference", str()), ("reason", str()),
                                    ("proposals", array(ref("StateProposal"))),
                                    (
                                        "nominees",
                                        array(
                                            schema(
                                                required: [
                                                    "nomineeID", "subjectID", "subjectName", "formCode", "formName",
                                                ],
                                                [
                                                    ("nomineeID", int), ("subjectID", int), ("subjectName", str()),
                                                    ("formCode", str()), ("formName", str()),
                                                    ("awardID", nullable("integer")),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "Authority",
                            schema(
                                required: [
                                    "id", "unitID", "unitName", "level", "levelLabel", "name", "headTitle",
                                    "councilName", "standingUnitID", "standingUnitName", "signingMode", "chiefTitle",
                                    "signerTitle", "signerName", "place", "decisionFormat", "minutesFormat",
                                    "executors", "recipients", "confers",
                                ],
                                [
                                    ("id", int), ("unitID", int), ("unitName", str()),
                                    ("level", str(codes(AuthorityLevel.self))), ("levelLabel", str()), ("name", str()),
                                    ("headTitle", str()), ("councilName", str()), ("standingUnitID", int),
                                    ("standingUnitName", str()), ("validFrom", str(format: "date")),
                                    ("validTo", str(format: "date")),
                                    ("signingMode", str(codes(SigningMode.self))), ("chiefTitle", str()),
                                    ("signerTitle", str()), ("signerName", str()), ("place", str()),
                                    ("decisionFormat", str()), ("minutesFormat", str()),
                                    ("executors", str("Điều 3, mỗi dòng một nơi")),
                                    ("recipients", str("Nơi nhận, mỗi dòng một nơi")),
                                    ("confers", array(str("Mã hình thức theo bộ quy tắc đang áp dụng"))),
                                ])
                        ),
                        (
                            "CertificateField",
                            schema(
                                required: ["printed", "x", "y", "width", "fontSize", "align", "bold"],
                                [
                                    ("printed", obj(("type", .string("boolean")))),
                                    ("x", obj(("type", .string("number")), ("description", .string("mm, mép trái")))),
                                    ("y", obj(("type", .string("number")), ("description", .string("mm, mép trên")))),
                                    ("width", obj(("type", .string("number")), ("description", .string("mm")))),
                                    (
                                        "fontSize",
                                        obj(("type", .string("number")), ("description", .string("pt, 6–72")))
                                    ),
                                    ("align", str(codes(CertificateAlign.self))),
                                    ("bold", obj(("type", .string("boolean")))),
                                ])
                        ),
                        (
                            "CertificateFields",
                            schema(
                                required: CertificateField.allCases.map(\.rawValue),
                                CertificateField.allCases.map { ($0.rawValue, ref("CertificateField")) })
                        ),
                        (
                            "CertificateLayout",
                            schema(
                                required: [
                                    "id", "authorityID", "name", "paper", "orientation", "width", "height", "forms",
                                    "achievement", "isDefault", "fields",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("name", str()),
                                    ("paper", str(codes(PaperSize.self))),
                                    ("orientation", str(codes(PaperOrientation.self))),
                                    ("width", obj(("type", .string("number")), ("description", .string("mm")))),
                                    ("height", obj(("type", .string("number")), ("description", .string("mm")))),
                                    ("forms", array(str("Mã hình thức; rỗng: mọi hình thức"))),
                                    ("achievement", str("Lời văn thành tích; {ky} là thời gian thành tích")),
                                    ("isDefault", obj(("type", .string("boolean")))),
                                    ("fields", ref("CertificateFields")),
                                ])
                        ),
                        (
                            "CertificateLayoutInput",
                            schema(
                                required: [],
                                [
                                    ("name", str()), ("paper", str(codes(PaperSize.self))),
                                    ("orientation", str(codes(PaperOrientation.self))), ("forms", array(str())),
                                    ("achievement", str()), ("isDefault", obj(("type", .string("boolean")))),
                                    ("fields", ref("CertificateFields")),
                                ])
                        ),
                        (
                            "AuthorityInput",
                            schema(
                                required: [
                                    "unitID", "level", "name", "headTitle", "councilName", "standingUnitID",
                                    "signingMode", "chiefTitle", "signerTitle", "place", "decisionFormat",
                                    "minutesFormat",
                                ],
                                [
                                    ("unitID", int), ("level", str(codes(AuthorityLevel.self))), ("name", str()),
                                    ("headTitle", str()), ("councilName", str()), ("standingUnitID", int),
                                    ("validFrom", str("dd/mm/yyyy; trống: không giới hạn")),
                                    ("validTo", str("dd/mm/yyyy; trống: không giới hạn")),
                                    ("signingMode", str(codes(SigningMode.self))), ("chiefTitle", str()),
                                    ("signerTitle", str()), ("signerName", str()), ("place", str()),
                                    ("decisionFormat", str("có {n}, ví dụ {n}/QĐ-UBND")),
                                    ("minutesFormat", str("có {n}, ví dụ {n}/BB-HĐTĐKT")), ("executors", str()),
                                    ("recipients", str()),
                                ])
                        ),
                        (
                            "Council",
                            schema(
                                required: [
                                    "id", "councilName", "authorityName", "headTitle", "level", "standingUnitID",
                                    "standingUnitName", "canManage",
                                ],
                                [
                                    ("id", int), ("councilName", str()), ("authorityName", str()), ("headTitle", str()),
                                    ("level", str(codes(AuthorityLevel.self))), ("standingUnitID", int),
                                    ("standingUnitName", str()), ("canManage", bool),
                                ])
                        ),
                        (
                            "CouncilMember",
                            schema(
                                required: [
                                    "id", "authorityID", "name", "position", "role", "roleLabel", "unitName", "active",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("name", str()), ("position", str()),
                                    ("role", str(codes(CouncilRole.self))), ("roleLabel", str()),
                                    ("unitID", nullable("integer")), ("unitName", str()),
                                    ("username", nullable("string")), ("active", bool),
                                ])
                        ),
                        (
                            "CouncilMemberInput",
                            schema(
                                required: ["name", "position"],
                                [
                                    ("name", str()), ("position", str()), ("unitID", int),
                                    ("username", str("Tài khoản bỏ phiếu trực tuyến; trống: bỏ phiếu giấy")),
                                    ("role", str(codes(CouncilRole.self))),
                                ])
                        ),
                        ("MemberActive", schema(required: ["active"], [("active", bool)])),
                        (
                            "MeetingSummary",
                            schema(
                                required: ["id", "title", "date", "status", "statusLabel"],
                                [
                                    ("id", int), ("title", str()), ("date", str(format: "date")),
                                    ("status", str(codes(MeetingStatus.self))), ("statusLabel", str()),
                                ])
                        ),
                        (
                            "MeetingInput",
                            schema(
                                required: ["title", "date", "location", "chair", "secretary", "dossierIDs"],
                                [
                                    ("title", str()), ("date", str("dd/mm/yyyy")), ("location", str()),
                                    ("chair", str()), ("secretary", str()), ("dossierIDs", array(int)),
                                ])
                        ),
                        (
                            "Meeting",
                            schema(
                                required: [
                                    "id", "authorityID", "councilName", "title", "date", "location", "chair",
                                    "secretary", "status", "statusLabel", "ruleSetID", "notes", "totalMembers",
                                    "present", "quorumNeeded", "quorumMet", "dossierIDs", "seats", "nominees",
                                    "canManage",
                                ],
                                [
                                    ("id", int), ("authorityID", int), ("councilName", str()), ("title", str()),
                                    ("date", str(format: "date")), ("location", str()), ("chair", str()),
                                    ("secretary", str()), ("status", str(codes(MeetingStatus.self))),
                                    ("statusLabel", str()), ("ruleSetID", str()), ("notes", str()),
                                    ("totalMembers", int), ("present", int), ("quorumNeeded", int), ("quorumMet", bool),
                                    ("dossierIDs", array(int)),
                                    (
                                        "seats",
                                        array(
                                            schema(
                                                required: [
                                                    "memberID", "name", "position", "role", "present", "written",
                                                    "online", "enteredBySecretary", "votedNomineeIDs",
                                                ],
                                                [
                                                    ("memberID", int), ("name", str()), ("position", str()),
                                                    ("role", str(codes(CouncilRole.self))), ("present", bool),
                                                    ("written", bool), ("online", bool), ("enteredBySecretary", bool),
                                                    ("votedNomineeIDs", array(int)),
                                                ]))
                                    ),
                                    (
                                        "nominees",
                                        array(
                                            schema(
                                                required: [
                                                    "id", "dossierID", "subjectName", "unitName", "formCode",
                                                    "formName", "threshold", "conflictedMemberIDs", "cast",
                                                ],
                                                [
                                                    ("id", int), ("dossierID", int), ("subjectName", str()),
                                                    ("unitName", str()), ("formCode", str()), ("formName", str()),
                                                    (
                                                        "threshold",
                                                        schema(
                                                            required: ["percent", "strict", "article", "verified"],
                                                            [
                                                                ("percent", int), ("strict", bool), ("article", str()),
                                                                ("verified", bool),
                                                            ])
                                                    ),
                                                    ("conflictedMemberIDs", array(int)), ("cast", int),
                                                    (
                                                        "vote",
                                                        schema(
                                                            required: [
                                                                "yes", "no", "recused", "written", "totalMembers",
                                                                "threshold", "passed",
                                                            ],
                                                            [
                                                                ("yes", int), ("no", int), ("recused", int),
                                                                ("written", int), ("totalMembers", int),
                                                                ("threshold", int), ("passed", bool),
                                                            ])
                                                    ),
                                                ]))
                                    ),
                                    ("ownMemberID", nullable("integer")), ("canManage", bool),
                                ])
                        ),
                        (
                            "AttendanceInput",
                            schema(
                                required: ["present"],
                                [
                                    ("present", array(int)),
                                    ("written", array(int)),
                                ])
                        ),
                        (
                            "BallotInput",
                            schema(
                                required: ["choices"],
                                [
                                    ("memberID", int),
                                    (
                                        "choices",
                                        obj(
                                            ("type", .string("object")),
                                            (
                                                "description",
                                                .string("Mã người được xét → agree, disagree hoặc recuse")
                                            ),
                                            ("additionalProperties", obj(("type", .string("string")))))
                                    ),
                                ])
                        ),
                        (
                            "StatisticsFormList",
                            schema(
                                required: ["legalBasis", "verified", "verification", "periods", "forms"],
                                [
                                    ("legalBasis", str()), ("verified", bool), ("verification", str()),
                                    (
                                        "periods",
                                        array(
                                            schema(
                                                required: ["code", "label", "verified", "note"],
                                                [
                                                    ("code", str()), ("label", str()), ("verified", bool),
                                                    ("note", str()),
                                                ]))
                                    ),
                                    (
                                        "forms",
                                        array(
                                            schema(
                                                required: ["code", "symbol", "title", "source", "verified", "note"],
                                                [
                                                    ("code", str()), ("symbol", str()), ("title", str()),
                                                    ("source", str("movements, awards hoặc none")), ("verified", bool),
                                                    ("note", str()),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "StatisticsForm",
                            schema(
                                required: [
                                    "code", "symbol", "title", "issuedLine", "legalBasis", "verified", "verification",
                                    "unitID", "unitName", "receiver", "year", "period", "from", "to", "scope",
                                    "columns",
                                    "rows",
                                ],
                                [
                                    ("code", str()), ("symbol", str()), ("title", str()), ("issuedLine", str()),
                                    ("legalBasis", str()), ("verified", bool), ("verification", str()), ("unitID", int),
                                    ("unitName", str()), ("receiver", str()), ("receivingDate", nullable("string")),
                                    ("unitOfMeasure", nullable("string")), ("year", int), ("period", str()),
                                    ("from", str(format: "date")), ("to", str(format: "date")), ("scope", str()),
                                    (
                                        "columns",
                                        array(
                                            schema(
                                                required: ["code", "label"],
                                                [("code", str()), ("label", str()), ("group", nullable("string"))]))
                                    ),
                                    (
                                        "rows",
                                        array(
                                            schema(
                                                required: ["code", "label", "unit", "values", "computedBy", "note"],
                                                [
                                                    ("code", str()), ("label", str()), ("unit", str()),
                                                    ("values", array(nullable("integer"))), ("computedBy", str()),
                                                    ("note", str()),
                                                ]))
                                    ),
                                ])
                        ),
                        (
                            "DashboardStats",
                            schema(
                                required: [
                                    "scope", "scopeLabel", "fromYear", "toYear", "total", "byYear", "byField",
                                    "byModelType", "byIndividualType", "byMovement", "bySubjectKind", "byStatus",
                                    "byUnit", "overdueActions", "awaitingAppraisal", "awaitingDecision",
                                    "evaluationsDue", "replicated",
                                ],
                                [
                                    ("scope", str()), ("scopeLabel", str()), ("fromYear", int), ("toYear", int),
                                    ("total", int), ("byYear", array(ref("DashboardCount"))),
                                    ("byField", array(ref("DashboardCount"))),
                                    ("byModelType", array(ref("DashboardCount"))),
                                    ("byIndividualType", array(ref("DashboardCount"))),
                                    ("byMovement", array(ref("DashboardCount"))),
                                    ("bySubjectKind", array(ref("DashboardCount"))),
                                    ("byStatus", array(ref("DashboardCount"))),
                                    ("byUnit", array(ref("DashboardCount"))), ("overdueActions", int),
                                    ("awaitingAppraisal", int), ("awaitingDecision", int), ("evaluationsDue", int),
                                    ("replicated", int), ("replications", int), ("replicatedModels", int),
                                ])
                        ),
                        (
                            "DashboardCount",
                            schema(
                                required: ["key", "label", "count"],
                                [
                                    ("key", str()), ("label", str()), ("count", int),
                                    ("parts", array(int)),
                                ])
                        ),
                        (
                            "EventPerson",
                            schema(
                                required: ["name", "position", "unit"],
                                [("name", str()), ("position", str()), ("unit", str())])
                        ),
                        (
                            "EventSubject",
                            schema(
                                required: ["subjectID", "name", "honour"],
                                [
                                    ("subjectID", int), ("name", str()),
                                    ("honour", str("Hình thức biểu dương, khen thưởng")),
                                ])
                        ),
                        (
                            "Event",
                            schema(
                                required: [
                                    "id", "unitID", "unitName", "kind", "kindLabel", "title", "date", "time", "place",
                                    "status", "statusLabel", "hosts", "honoured", "unitIDs", "people", "outcomes",
                                    "files",
                                    "invitationNumber", "reportNumber",
                                ],
                                [
                                    ("id", int), ("unitID", int), ("unitName", str()),
                                    ("kind", str(codes(EventKind.self))),
                                    ("kindLabel", str()), ("title", str()), ("date", str("dd/mm/yyyy")),
                                    ("time", str()),
                                    ("place", str()), ("status", str(codes(EventStatus.self))), ("statusLabel", str()),
                                    ("hosts", array(ref("EventSubject"))), ("honoured", array(ref("EventSubject"))),
                                    ("unitIDs", array(int)), ("people", array(ref("EventPerson"))), ("outcomes", str()),
                                    (
                                        "files",
                                        array(
                                            schema(
                                                required: ["id", "name", "contentType", "size"],
                                                [("id", int), ("name", str()), ("contentType", str()), ("size", int)]))
                                    ),
                                    ("invitationNumber", str()), ("reportNumber", str()),
                                ])
                        ),
                        (
                            "EventList",
                            schema(
                                required: ["items"],
                                [
                                    (
                                        "items",
                                        array(
                                            schema(
                                                required: [
                                                    "id", "unitID", "unitName", "kind", "title", "date", "place",
                                                    "status",
                                                ],
                                                [
                                                    ("id", int), ("unitID", int), ("unitName", str()), ("kind", str()),
                                                    ("title", str()), ("date", str("dd/mm/yyyy")), ("place", str()),
                                                    ("status", str()),
                                                ]))
                                    ),
                                    ("next", nullable("string")),
                                ])
                        ),
                        (
                            "EventInput",
                            schema(
                                required: ["kind", "title", "date", "place"],
                                [
                                    ("unitID", int), ("kind", str(codes(EventKind.self))), ("title", str()),
                                    ("date", str("dd/mm/yyyy")), ("time", str()), ("place", str()),
                                    ("hostSubjectIDs", array(int)), ("unitIDs", array(int)),
                                    ("people", array(ref("EventPerson"))), ("outcomes", str()),
                                    (
                                        "honoured",
                                        array(
                                            schema(
                                                required: ["subjectID"], [("subjectID", int), ("honour", str())]))
                                    ),
                                    ("invitationNumber", str()), ("reportNumber", str()), ("signerCapacity", str()),
                                    ("signerName", str()), ("recipients", str()),
                                ])
                        ),
                        ("EventStatusInput", schema(required: ["status"], [("status", str(codes(EventStatus.self)))])),
                        storySchema, storyListSchema, storyInputSchema, storyMoveSchema,
                        consentSchema, consentListSchema, consentInputSchema, consentWithdrawSchema,
                        ("MeetingClose", schema(required: [], [("notes", str())])),
                        (
                            "Replication",
                            schema(
                                required: [
                                    "id", "registrationID", "subjectID", "modelTitle", "modelSubject", "adoptingUnitID",
                                    "adoptingUnitName", "adoptedOn", "year", "adaptation", "responsible", "status",
                                    "statusLabel",
                                ],
                                [
                                    ("id", int), ("registrationID", int), ("subjectID", int), ("modelTitle", str()),
                                    ("modelSubject", str()), ("adoptingUnitID", int), ("adoptingUnitName", str()),
                                    ("adoptedOn", str("dd/mm/yyyy")), ("year", int), ("adaptation", str()),
                                    ("responsible", str()), ("status", str(codes(ReplicationStatus.self))),
                                    ("statusLabel", str()),
                                ])
                        ),
                        (
                            "ReplicationList",
                            schema(
                                required: ["items"],
                                [("items", array(ref("Replication"))), ("next", nullable("integer"))])
                        ),
                        (
                            "ReplicationDetail",
                            schema(
                                required: ["replication", "assessments"],
                                [
                                    ("replication", ref("Replication")),
                                    ("assessments", array(ref("ReplicationAssessment"))),
                                ])
                        ),
                        (
                            "ReplicationInput",
                            schema(
                                required: ["adoptedOn"],
                                [
                                    ("registrationID", int), ("adoptingUnitID", int), ("adoptedOn", str("dd/mm/yyyy")),
                                    ("adaptation", str()), ("responsible", str()),
                                ])
                        ),
                        ("ReplicationMove", schema(required: ["to"], [("to", str(codes(ReplicationStatus.self)))])),
                        (
                            "ReplicationAssessmentInput",
                            schema(
                                required: ["assessedOn", "assessor"],
                                [
                                    ("year", int), ("assessedOn", str("dd/mm/yyyy")), ("assessor", str()),
                                    ("summary", str()),
                                    (
                                        "inputs",
                                        obj(
                                            ("type", .string("object")),
                                            (
                                                "description",
                                                .string(
                                                    "Theo mã tiêu chí: met, numerator, denominator, subNumerator, subDenominator, count, value, previousValue, evidence"
                                                )
                                            )
                                        )
                                    ),
                                ])
                        ),
                        (
                            "ReplicationAssessment",
                            schema(
                                required: [
                                    "id", "replicationID", "year", "assessedOn", "assessor", "met", "unmet", "missing",
                                    "summary", "results",
                                ],
                                [
                                    ("id", int), ("replicationID", int), ("year", int), ("assessedOn", str()),
                                    ("assessor", str()), ("met", int), ("unmet", int), ("missing", int),
                                    ("summary", str()), ("results", array(obj(("type", .string("object"))))),
                                ])
                        ),
                        (
                            "ModelSpread",
                            schema(
                                required: [
                                    "registrationID", "count", "unitCount", "units", "areaName", "byCommune",
                                    "elsewhere",
                                ],
                                [
                                    ("registrationID", int), ("count", int), ("unitCount", int),
                                    ("units", array(ref("SpreadUnit"))), ("areaName", str()),
                                    ("byCommune", array(ref("SpreadUnit"))), ("elsewhere", int),
                                ])
                        ),
                        (
                            "SpreadUnit",
                            schema(
                                required: ["unitID", "name", "count"],
                                [("unitID", int), ("name", str()), ("count", int)])
                        ),
                        (
                            "AuditEntry",
                            schema(
                                required: ["id", "at", "username", "action", "entity", "summary"],
                                [
                                    ("id", int), ("at", str(format: "date-time")), ("userID", nullable("integer")),
                                    ("username", str()), ("action", str()), ("entity", str()),
                                    ("entityID", nullable("string")), ("unitID", nullable("integer")),
                                    ("summary", str()), ("before", nullable("string")), ("after", nullable("string")),
                                ])
                        ),
                        (
                            "AuditVerification",
                            schema(
                                required: ["ok", "checked", "message"],
                                [
                                    ("ok", bool), ("checked", int),
                                    ("badEntryID", nullable("integer")), ("message", str()),
                                ])
                        )
                    )
                )
            )
        )
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

/// Stories (issue 10 §1), kept out of the document's one long expression so that it type-checks quickly.
extension OpenAPIDocument {
    fileprivate static let storiesPath: (String, JSONValue) = (
        "/stories",
        obj(
            (
                "get",
                op(
                    "Bài viết tuyên truyền trong phạm vi của tài khoản, mới sửa trước", tag: "stories",
                    params: [
                        query("status", "Trạng thái: " + codes(StoryStatus.self)),
                        query("column", "Mã chuyên mục (Resources/Catalogue/columns.json)"),
                        query("after", "Xem tiếp sau dòng này (giá trị next của trang trước)"),
                        query("perPage", "Số dòng một trang (tối đa 200)", integer: true),
                    ],
                    response: ref("StoryList"), errorCodes: [400, 401])
            ),
            (
                "post",
                op(
                    "Viết bài (bản nháp); nội dung HTML được lọc theo danh sách thẻ cho phép", tag: "stories",
                    body: "StoryInput", status: 201, response: ref("Story"), errorCodes: [401, 403, 422])
            )
        )
    )
    fileprivate static let storyPath: (String, JSONValue) = (
        "/stories/{id}",
        obj(
            (
                "get",
                op(
                    "Một bài viết: nội dung, điển hình, ảnh, tóm tắt tiếng dân tộc", tag: "stories", params: [idParam],
                    response: ref("Story"))
            ),
            (
                "put",
                op(
                    "Sửa bài viết (bản nháp hoặc đang chờ duyệt; gửi đủ các trường)", tag: "stories",
                    params: [idParam], body: "StoryInput", response: ref("Story"),
                    errorCodes: [401, 403, 404, 409, 422])
            )
        )
    )
    fileprivate static let storyMovePath: (String, JSONValue) = (
        "/stories/{id}/move",
        obj(
            (
                "post",
                op(
                    "Chuyển bước duyệt bài (" + StoryMove.allCases.map(\.rawValue).joined(separator: ", ")
                        + "); người viết không tự duyệt (403); trả lại và gỡ bài cần lý do (422)", tag: "stories",
                    params: [idParam], body: "StoryMove", response: ref("Story"), errorCodes: [401, 403, 404, 409, 422])
            )
        )
    )
    fileprivate static let storySchema: (String, JSONValue) = (
        "Story",
        schema(
            required: [
                "id", "unitID", "unitName", "columnCode", "columnName", "title", "slug", "lead", "bodyHTML", "status",
                "statusLabel", "minoritySummary", "minorityLang", "minorityTranslator", "subjects", "photos",
                "createdAt", "updatedAt",
            ],
            [
                ("id", int), ("unitID", int), ("unitName", str()), ("columnCode", str()), ("columnName", str()),
                ("title", str()), ("slug", str()), ("lead", str()), ("bodyHTML", str("HTML đã lọc")),
                ("status", str(codes(StoryStatus.self))), ("statusLabel", str()), ("minoritySummary", str()),
                ("minorityLang", str("Thẻ ngôn ngữ BCP 47")), ("minorityTranslator", str()),
                (
                    "subjects",
                    array(schema(required: ["subjectID", "name"], [("subjectID", int), ("name", str())]))
                ),
                (
                    "photos",
                    array(
                        schema(
                            required: ["id", "alt", "caption", "width", "height", "contentType", "href"],
                            [
                                ("id", int), ("alt", str()), ("caption", str()), ("width", int), ("height", int),
                                ("contentType", str()), ("href", str()),
                            ]))
                ),
                ("authorID", nullable("integer")), ("approvedBy", nullable("integer")),
                ("publishedAt", nullable("string")), ("withdrawnAt", nullable("string")),
                ("withdrawReason", nullable("string")), ("returnReason", nullable("string")),
                ("createdAt", str(format: "date-time")), ("updatedAt", str(format: "date-time")),
            ])
    )
    fileprivate static let storyListSchema: (String, JSONValue) = (
        "StoryList",
        schema(
            required: ["items"],
            [
                (
                    "items",
                    array(
                        schema(
                            required: ["id", "unitID", "columnCode", "title", "status", "updatedAt"],
                            [
                                ("id", int), ("unitID", int), ("columnCode", str()), ("title", str()),
                                ("status", str(codes(StoryStatus.self))), ("updatedAt", str(format: "date-time")),
                                ("publishedAt", nullable("string")),
                            ]))
                ),
                ("next", nullable("string")),
            ])
    )
    fileprivate static let storyInputSchema: (String, JSONValue) = (
        "StoryInput",
        schema(
            required: ["columnCode", "title", "lead", "bodyHTML", "subjectIDs"],
            [
                ("unitID", int), ("columnCode", str()), ("title", str()), ("lead", str()),
                ("bodyHTML", str("HTML; chỉ giữ các thẻ cho phép")), ("subjectIDs", array(int)),
                ("minoritySummary", str()), ("minorityLang", str()), ("minorityTranslator", str()),
            ])
    )
    fileprivate static let storyMoveSchema: (String, JSONValue) = (
        "StoryMove",
        schema(
            required: ["step"],
            [("step", str(StoryMove.allCases.map(\.rawValue).joined(separator: ", "))), ("reason", str())])
    )
}

/// Consents to publication (issue 10 §2), kept out of the document's one long expression.
extension OpenAPIDocument {
    fileprivate static let consentsPath: (String, JSONValue) = (
        "/subjects/{id}/consents",
        obj(
            (
                "get",
                op(
                    "Các lần đồng ý công khai của một cá nhân, hộ gia đình, mới nhất trước (bản quét phiếu chỉ tải "
                        + "trên trang nội bộ)", tag: "consents", params: [idParam], response: ref("ConsentList"),
                    errorCodes: [401, 404])
            ),
            (
                "post",
                op(
                    "Ghi nhận sự đồng ý công khai (cá nhân, hộ gia đình). Qua API không kèm tệp, kể cả khi đồng ý bằng "
                        + "phiếu có chữ ký (written-form): bản quét phiếu chỉ bắt buộc và chỉ tải lên trên biểu mẫu "
                        + "web của trang đối tượng. Ngày dd/mm/yyyy, không sau hôm nay.",
                    tag: "consents", params: [idParam], body: "ConsentInput", status: 201, response: ref("Consent"),
                    errorCodes: [401, 403, 404, 422])
            )
        )
    )
    fileprivate static let consentWithdrawPath: (String, JSONValue) = (
        "/consents/{id}/withdraw",
        obj(
            (
                "post",
                op(
                    "Rút lại sự đồng ý (bắt buộc lý do): đối tượng và các bài viết về đối tượng rời trang công khai "
                        + "ngay", tag: "consents", params: [idParam], body: "ConsentWithdraw", response: ref("Consent"),
                    errorCodes: [401, 403, 404, 422])
            )
        )
    )
    fileprivate static let consentSchema: (String, JSONValue) = (
        "Consent",
        schema(
            required: [
                "id", "subjectID", "givenBy", "givenOn", "method", "methodLabel", "scopeNote", "hasFile", "recordedAt",
                "inForce",
            ],
            [
                ("id", int), ("subjectID", int), ("givenBy", str()), ("givenOn", str("dd/mm/yyyy")),
                ("method", str(codes(ConsentMethod.self))), ("methodLabel", str()), ("scopeNote", str()),
                ("hasFile", bool), ("fileName", nullable("string")), ("recordedBy", nullable("integer")),
                ("recordedAt", str(format: "date-time")), ("inForce", bool), ("withdrawnAt", nullable("string")),
                ("withdrawnBy", nullable("integer")), ("withdrawReason", nullable("string")),
            ])
    )
    fileprivate static let consentListSchema: (String, JSONValue) = (
        "ConsentList",
        schema(required: ["items", "inForce"], [("items", array(ref("Consent"))), ("inForce", bool)])
    )
    fileprivate static let consentInputSchema: (String, JSONValue) = (
        "ConsentInput",
        schema(
            required: ["givenBy", "givenOn", "method"],
            [
                ("givenBy", str("Người đồng ý (cá nhân hoặc đại diện hộ)")), ("givenOn", str("dd/mm/yyyy")),
                ("method", str(codes(ConsentMethod.self))), ("scopeNote", str()),
            ])
    )
    fileprivate static let consentWithdrawSchema: (String, JSONValue) = (
        "ConsentWithdraw", schema(required: ["reason"], [("reason", str())])
    )
}
