import Foundation

/// Where an import of registrations from a file stands: the whole file is checked, then written in one
/// transaction; a file with any bad row, or a stop of the server half-way, imports nothing.
public enum ImportJobStatus: String, CaseIterable, Codable, Sendable, WorkflowStatus {
    case validating
    case importing
    case done
    case failed

    public var label: String {
        switch self {
        case .validating: return "Đang kiểm tra"
        case .importing: return "Đang ghi vào cơ sở dữ liệu"
        case .done: return "Đã nhập xong"
        case .failed: return "Không nhập (tệp có lỗi)"
        }
    }

    /// Nothing more happens to the job.
    public var isFinished: Bool { self == .done || self == .failed }
}

/// The import job's moves: checked, then written, then done; it may fail while checking or writing.
public enum ImportJobWorkflow: WorkflowTable {
    public static func targets(from: ImportJobStatus) -> [ImportJobStatus] {
        switch from {
        case .validating: return [.importing, .failed]
        case .importing: return [.done, .failed]
        case .done, .failed: return []
        }
    }

    /// Shown in the job's errors when a start of the server finds it unfinished.
    public static let interruptedMessage = "Máy chủ dừng khi đang nhập; hãy nhập lại tệp."
}
