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

    static func tooLarge(_ path: String, limit: Int) -> OOXMLError {
        OOXMLError("Tệp quá lớn: phần \(path) khi giải nén vượt quá giới hạn \(limit / 1_048_576) MB.")
    }

    static func bomb(_ path: String) -> OOXMLError {
        OOXMLError(
            "Tệp bất thường: phần \(path) giải nén ra lớn gấp hơn \(PackageReader.maxRatio) lần kích thước nén "
                + "(“bom nén”), nên bị từ chối. Hãy mở tệp bằng Excel, xoá các ô thừa "
                + "rồi lưu lại.")
    }
}
