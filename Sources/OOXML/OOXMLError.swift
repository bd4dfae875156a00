import Foundation

/// An error from reading or writing a spreadsheet, a CSV file or a Word document.
/// `description` is a Vietnamese sentence that can be shown to the user as it is.
public struct OOXMLError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    static let notXLSX = OOXMLError("Tệp không phải là tệp Excel (.xlsx) hợp lệ.")
    static let legacyXLS = OOXMLError(
        "Tệp là định dạng Excel 97–2003 (.xls) hoặc đã được đặt mật khẩu; hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
    )

    static let wordDocument = OOXMLError("Tệp là tài liệu Word, không phải tệp Excel (.xlsx).")

    static func corruptPart(_ path: String) -> OOXMLError {
        OOXMLError("Tệp Excel bị hỏng: không đọc được phần \(path).")
    }

    static func tooLarge(_ path: String) -> OOXMLError {
        OOXMLError("Tệp quá lớn: phần \(path) vượt quá giới hạn cho phép.")
    }
}
