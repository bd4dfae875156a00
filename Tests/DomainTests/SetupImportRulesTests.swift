import Testing

@testable import Domain

@Suite("Set-up imports: the unit tree from a file, kinds and roles as people type them")
struct SetupImportRulesTests {
    typealias R = UnitTreeOrder.Row

    @Test("Parents come first whatever their place in the file; existing parents are accepted")
    func order() {
        let rows = [
            R(row: 2, code: "T1", parentCode: "X"), R(row: 3, code: "X", parentCode: "KR"),
            R(row: 4, code: "T2", parentCode: "X"), R(row: 5, code: "R", parentCode: ""),
        ]
        let (order, problems) = UnitTreeOrder.order(rows, existing: ["KR"])
        #expect(problems.isEmpty)
        #expect(order.count == 4)
        #expect(order.firstIndex(of: 1)! < order.firstIndex(of: 0)!)
        #expect(order.firstIndex(of: 1)! < order.firstIndex(of: 2)!)
    }

    @Test("Duplicates, codes already used, unknown parents and loops are named by row")
    func problems() {
        let rows = [
            R(row: 2, code: "A", parentCode: "B"), R(row: 3, code: "B", parentCode: "C"),
            R(row: 4, code: "C", parentCode: "A"), R(row: 5, code: "D", parentCode: "A"),
            R(row: 6, code: "A", parentCode: ""), R(row: 7, code: "KR", parentCode: ""),
            R(row: 8, code: "E", parentCode: "Z"), R(row: 9, code: "S", parentCode: "S"),
        ]
        let (order, problems) = UnitTreeOrder.order(rows, existing: ["KR"])
        #expect(order.isEmpty)
        #expect(
            problems == [
                .cycle(row: 2, codes: ["A", "B", "C", "A"]), .cycle(row: 3, codes: ["B", "C", "A", "B"]),
                .cycle(row: 4, codes: ["C", "A", "B", "C"]), .duplicate(row: 6, firstRow: 2), .exists(row: 7),
                .unknownParent(row: 8), .cycle(row: 9, codes: ["S", "S"]),
            ])
    }

    @Test("Kinds, roles and group kinds from their codes or Vietnamese labels, with or without diacritics")
    func labels() {
        #expect(UnitKind(text: "Xã") == .xa)
        #expect(UnitKind(text: "xa") == .xa)
        #expect(UnitKind(text: "thôn") == .thon)
        #expect(UnitKind(text: "Thôn, làng, tổ dân phố") == .thon)
        #expect(UnitKind(text: "don-vi-su-nghiep") == .donViSuNghiep)
        #expect(UnitKind(text: "Quận") == nil)
        #expect(UnitKind(text: "") == nil)
        #expect(Role(text: "Cán bộ đơn vị") == .unitOfficer)
        #expect(Role(text: "can bo don vi") == .unitOfficer)
        #expect(Role(text: "Thường trực") == .standingOffice)
        #expect(Role(text: "unit-officer") == .unitOfficer)
        #expect(Role(text: "Giám đốc") == nil)
        #expect(UnitGroupKind(text: "Cụm thi đua") == .cum)
        #expect(UnitGroupKind(text: "khối") == .khoi)
        #expect(UnitGroupKind(text: "khoi") == .khoi)
        #expect(UnitGroupKind(text: "Nhóm") == nil)
    }
}
