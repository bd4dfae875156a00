import Domain
import Foundation

@testable import App

// The page mocks of this feature: each view's render test draws one (SurfaceTests.everyViewRenders).

extension CataloguePage {
    static let mock = CataloguePage(
        layout: .mock("Danh mục"),
        versions: [
            Version(
                version: "2023.1", title: "Danh mục", effectiveFrom: "01/01/2023", href: "/app/catalogue/2023.1",
                selected: true)
        ],
        current: Version(
            version: "2023.1", title: "Danh mục", effectiveFrom: "01/01/2023", href: "/app/catalogue/2023.1",
            selected: true),
        legalBasis: "Kế hoạch", fields: [Field(code: "LV-GDDT", name: "Giáo dục, đào tạo")],
        generalCriteria: [
            Criterion(code: "TCC-01", text: "Có thành tích tiêu biểu", kindLabel: CriterionKind.boolean.label)
        ],
        modelTypes: [
            TypeRow(
                code: "MH-01", name: "Mô hình cơ quan, đơn vị kiểu mẫu", group: nil, fieldName: "Cải cách hành chính",
                standard: "…", subjectKinds: "Tập thể", movementCode: nil,
                criteria: [Criterion(code: "MH-01-TC01", text: "…", kindLabel: CriterionKind.boolean.label)])
        ],
        individualTypes: [], canUpload: true, uploadError: "Tệp danh mục có lỗi: Mã loại điển hình trùng: MH-01")
}
