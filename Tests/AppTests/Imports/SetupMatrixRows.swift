import Domain
import Foundation
import Vapor

@testable import App

// Rows of the read and write matrices for the set-up imports and the editing of clusters and blocks (issue 15,
// item 3). Policy `.setupImport` and `.unitGroups`: the standing office and the administrator write (403 to
// everyone else, who still reads the clusters and blocks).

extension ReadMatrix {
    static let setupReads: [ReadRow] = [
        ReadRow("/app/setup", any: "A A F F F F") { _, _ in .page("/app/setup") },
        ReadRow("/app/setup/:kind/template", any: everyone) { _, _ in .page("/app/setup/units/template") },
        ReadRow("/app/groups/new", any: "A A F F F F") { _, _ in .page("/app/groups/new") },
        ReadRow("/app/groups/:id/edit", any: "A A F F F F") { fx, _ in
            .page("/app/groups/\(try await fx.groupID())/edit")
        },
    ]
}

extension WriteMatrix {
    /// Setting up and clusters/blocks: the standing office and the administrator (403 to the others).
    static let setupOnly = "A A F F F F"

    static let setup: [WriteRow] = [
        WriteRow(.POST, "/app/setup/:kind", any: setupOnly) { fx, _ in
            MatrixCall(path: "/app/setup/units", body: fx.unitTreeFile(), kind: .importSync)
        },
        WriteRow(.POST, "/api/v1/imports/units", any: setupOnly) { fx, _ in
            MatrixCall(path: "/api/v1/imports/units", body: fx.unitTreeFile(), kind: .importSync)
        },
        WriteRow(.POST, "/api/v1/imports/groups", any: setupOnly) { fx, _ in
            MatrixCall(path: "/api/v1/imports/groups", body: fx.groupFile(), kind: .importSync)
        },
        WriteRow(.POST, "/api/v1/imports/users", any: setupOnly) { fx, _ in
            MatrixCall(path: "/api/v1/imports/users", body: fx.userFile(), kind: .importSync)
        },
        WriteRow(.POST, "/app/groups", any: setupOnly) { fx, _ in .form("/app/groups", fx.newGroupFields()) },
        WriteRow(.POST, "/app/groups/:id", any: setupOnly) { fx, _ in
            .form("/app/groups/\(try await fx.freshGroup())", fx.newGroupFields())
        },
        WriteRow(.POST, "/app/groups/:id/members", any: setupOnly) { fx, _ in
            .form(
                "/app/groups/\(try await fx.freshGroup())/members",
                [("unitID", String(try await fx.unitID(code: "KR-DAKRUONG")))])
        },
        WriteRow(.POST, "/app/groups/:id/members/:unitID/delete", any: setupOnly) { fx, _ in
            let unit = try await fx.unitID(code: "KR-DAKRUONG")
            return .form("/app/groups/\(try await fx.freshGroup(members: [unit]))/members/\(unit)/delete")
        },
        WriteRow(.POST, "/api/v1/unit-groups", any: setupOnly) { fx, _ in
            .json("/api/v1/unit-groups", form: fx.newGroupFields())
        },
        WriteRow(.PUT, "/api/v1/unit-groups/:id", any: setupOnly) { fx, _ in
            .json("/api/v1/unit-groups/\(try await fx.freshGroup())", form: fx.newGroupFields())
        },
    ]
}

extension MatrixFixture {
    func unitTreeFile() -> MatrixCall.Body {
        let n = next()
        let csv =
            "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên\r\n"
            + "WMS-T\(n),Thôn nhập \(n),Thôn,KR-DAKRUONG\r\n"
        return .upload(fields: [], filename: "don-vi.csv", type: "text/csv", bytes: Array(csv.utf8))
    }

    func groupFile() -> MatrixCall.Body {
        let n = next()
        let csv =
            "\"Mã cụm, khối\",\"Tên cụm, khối\",Loại,Mã các đơn vị thành viên\r\n"
            + "WMS-C\(n),Cụm nhập \(n),Cụm thi đua,KR-DAKRUONG\r\n"
        return .upload(fields: [], filename: "cum-khoi.csv", type: "text/csv", bytes: Array(csv.utf8))
    }

    func userFile() -> MatrixCall.Body {
        let n = next()
        let csv =
            "Tên đăng nhập,Họ và tên,Vai trò,Mã đơn vị\r\n"
            + "wms.user\(n)\(role),Người nhập \(n),Cán bộ đơn vị,KR-DAKRUONG\r\n"
        return .upload(fields: [], filename: "tai-khoan.csv", type: "text/csv", bytes: Array(csv.utf8))
    }

    func newGroupFields() -> [(String, String)] {
        let n = next()
        return [("code", "WMS-G\(n)"), ("name", "Khối thử \(n)"), ("kind", UnitGroupKind.khoi.rawValue)]
    }

    /// A new cluster made by the administrator through the API.
    func freshGroup(members: [Int] = []) async throws -> Int {
        let n = next()
        return try await created(
            "/api/v1/unit-groups",
            ["code": "WMS-F\(n)", "name": "Cụm dựng sẵn \(n)", "kind": "cum", "memberIDs": members])
    }
}
