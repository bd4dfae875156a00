import Domain
import Vapor

/// An error a user or client can act on: a real status, a stable code and a Vietnamese message.
struct AppError: AbortError, Sendable {
    enum Code: String, Sendable {
        case unauthorized, forbidden, notFound = "not_found", validationFailed = "validation_failed"
        case conflict, badRequest = "bad_request", internalError = "internal_error", payloadTooLarge =
            "payload_too_large", busy, overloaded
    }
    let status: HTTPResponseStatus
    let code: Code
    let message: String
    var fields: FieldErrors = FieldErrors()
    /// Seconds the client should wait before trying again (sent as Retry-After).
    var retryAfter: Int? = nil

    var reason: String { message }

    /// Messages for a form: per field, plus "form" for the message that applies to the whole form.
    var formErrors: [String: String] {
        var d = fields.dictionary
        d["form"] = message
        return d
    }

    /// `formErrors`, with the field messages themselves in the page's alert — for forms whose fields are not all
    /// drawn with their own message (inline forms in a table, selects without a message slot).
    var formErrorsSpelledOut: [String: String] {
        var d = formErrors
        let details = fields.items.map(\.message)
        if !details.isEmpty { d["form"] = details.joined(separator: " ") }
        return d
    }

    static func notFound(_ what: String = "Không tìm thấy trang hoặc dữ liệu yêu cầu.") -> AppError {
        AppError(status: .notFound, code: .notFound, message: what)
    }
    static func forbidden(_ message: String) -> AppError {
        AppError(status: .forbidden, code: .forbidden, message: message)
    }
    static let unauthorized = AppError(status: .unauthorized, code: .unauthorized, message: Policy.mustSignIn)
    static func invalid(
        _ fields: FieldErrors, _ message: String = "Dữ liệu chưa hợp lệ, vui lòng kiểm tra các trường được đánh dấu."
    ) -> AppError {
        AppError(status: .unprocessableEntity, code: .validationFailed, message: message, fields: fields)
    }
    static func conflict(_ message: String) -> AppError {
        AppError(status: .conflict, code: .conflict, message: message)
    }
    static func badRequest(_ message: String) -> AppError {
        AppError(status: .badRequest, code: .badRequest, message: message)
    }
    /// A stored value that cannot be read (a 500 that names where it is): never replaced by a default.
    static func corrupt(table: String, column: String, id: String?) -> AppError {
        AppError(
            status: .internalServerError, code: .internalError,
            message: "Dữ liệu lưu trong cột \(table).\(column)" + (id.map { " (dòng \($0))" } ?? "")
                + " bị hỏng, không đọc được. Vui lòng báo quản trị viên.")
    }
    /// The server could not take the request's turn in time (a long write ahead of it): nothing was changed.
    static func busy(retryAfter: Int) -> AppError {
        AppError(
            status: .serviceUnavailable, code: .busy,
            message: "Máy chủ đang bận ghi dữ liệu khác; chưa có gì thay đổi. Vui lòng thử lại sau \(retryAfter) giây.",
            retryAfter: retryAfter)
    }
    /// Every pooled database connection stayed busy past the pool's wait (PostgreSQL: DIENHINH_PG_POOL_WAIT;
    /// SQLite's pools: 60 s): the instance or the database is overloaded. A write of the request may have been saved
    /// already, so the code is not `busy` (which says nothing changed) and the message asks to check.
    static func databaseBusy(retryAfter: Int) -> AppError {
        AppError(
            status: .serviceUnavailable, code: .overloaded,
            message: "Máy chủ đang quá tải, chưa lấy được kết nối tới cơ sở dữ liệu. Vui lòng thử lại sau "
                + "\(retryAfter) giây; nếu vừa gửi biểu mẫu, hãy tải lại trang để xem dữ liệu đã được lưu chưa.",
            retryAfter: retryAfter)
    }
}

/// The JSON body of every API error.
struct APIErrorBody: Content {
    let code: String
    let message: String
    let fields: [String: String]?
}

extension HTTPResponseStatus {
    /// Vietnamese title for an error page.
    var vietnameseTitle: String {
        switch code {
        case 400: return "Yêu cầu không hợp lệ"
        case 401: return "Chưa đăng nhập"
        case 403: return "Không có quyền truy cập"
        case 404: return "Không tìm thấy"
        case 405: return "Phương thức không được hỗ trợ"
        case 409: return "Dữ liệu bị trùng hoặc xung đột"
        case 413: return "Tệp hoặc dữ liệu quá lớn"
        case 415: return "Định dạng dữ liệu không được hỗ trợ"
        case 422: return "Dữ liệu chưa hợp lệ"
        case 429: return "Quá nhiều yêu cầu"
        case 503: return "Máy chủ đang bận"
        default: return code >= 500 ? "Lỗi hệ thống" : "Có lỗi xảy ra"
        }
    }

    var defaultVietnameseMessage: String {
        switch code {
        case 400: return "Yêu cầu gửi lên không đúng định dạng."
        case 401: return Policy.mustSignIn
        case 403: return "Bạn không có quyền thực hiện thao tác này."
        case 404: return "Không tìm thấy trang hoặc dữ liệu yêu cầu."
        case 405: return "Địa chỉ này không hỗ trợ phương thức yêu cầu."
        case 413: return "Dữ liệu gửi lên vượt quá dung lượng cho phép."
        case 415: return "Định dạng dữ liệu gửi lên không được hỗ trợ."
        case 422: return "Dữ liệu chưa hợp lệ."
        default:
            return code >= 500
                ? "Hệ thống gặp sự cố. Vui lòng thử lại sau hoặc liên hệ quản trị viên." : "Có lỗi xảy ra."
        }
    }
}
