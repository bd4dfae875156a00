import Domain
import Foundation
import Testing

@Suite("Reorganisation of units (domain)")
struct ReorganisationDomainTests {
    let tree: [String: ExistingUnit] = [
        "KONTUM": .init(code: "KONTUM", name: "Tỉnh Kon Tum", abolishedOn: nil),
        "A": .init(code: "A", name: "Xã A", abolishedOn: nil),
        "B": .init(code: "B", name: "Xã B", abolishedOn: nil),
        "C": .init(code: "C", name: "Xã C", abolishedOn: nil),
        "OLD": .init(code: "OLD", name: "Xã cũ", abolishedOn: "2024-01-01"),
    ]
    let basis = "Nghị quyết 1677/NQ-UBTVQH15"

    @Test("A merger into a new unit plans one succession per predecessor and ends each predecessor")
    func mergeIntoNew() {
        let file = ReorganisationFile(
            newUnits: [.init(code: "ab", name: "Xã AB", kind: "xa", parent: "KONTUM")],
            changes: [.init(kind: "merge", from: ["A", "B"], to: ["AB"], effective: "01/07/2025", basis: basis)])
        let (plan, problems) = Reorganisation.validate(file, existing: tree)
        #expect(problems.isEmpty)
        let p = try! #require(plan)
        #expect(p.newUnits.map(\.code) == ["AB"])
        #expect(
            p.successions.map { "\($0.predecessor)>\($0.successor)@\($0.effectiveDay)" } == [
                "A>AB@2025-07-01", "B>AB@2025-07-01",
            ])
        #expect(p.ended.map(\.code) == ["A", "B"])
    }

    @Test("Every wrong row is named, in Vietnamese, and nothing is planned")
    func everyWrongRowNamed() {
        let file = ReorganisationFile(
            newUnits: [.init(code: "X", name: "", kind: "nope", parent: "NOWHERE")],
            changes: [
                .init(kind: "merge", from: ["A", "ZZZ"], to: ["C"], effective: "31/02/2025", basis: basis),
                .init(kind: "merge", from: ["OLD"], to: ["C"], effective: "01/07/2025", basis: ""),
                .init(kind: "split", from: ["B"], to: ["C"], effective: "2025-07-01", basis: basis),
                .init(kind: "rename", from: ["C"], to: [], effective: "01/07/2025", basis: basis),
                .init(kind: "merge", from: ["B"], to: ["MISSING"], effective: "01/07/2025", basis: basis),
            ])
        let (plan, problems) = Reorganisation.validate(file, existing: tree)
        #expect(plan == nil)
        let text = problems.map(\.text).joined(separator: "\n")
        #expect(text.contains("Đơn vị mới, dòng 1: Tên đơn vị mới không được để trống."))
        #expect(text.contains("Loại đơn vị “nope” không có"))
        #expect(text.contains("Đơn vị cấp trên “NOWHERE” không có trong cây tổ chức."))
        #expect(text.contains("Thay đổi, dòng 1: Mã đơn vị “ZZZ” không có trong cây tổ chức."))
        #expect(text.contains("Thay đổi, dòng 1: Ngày hiệu lực “31/02/2025” không hợp lệ; ghi theo dạng dd/mm/yyyy."))
        #expect(text.contains("Thay đổi, dòng 2: Đơn vị “OLD” đã giải thể hoặc sáp nhập từ 01/01/2024."))
        #expect(text.contains("Thay đổi, dòng 2: Thiếu căn cứ pháp lý"))
        #expect(text.contains("Thay đổi, dòng 3: Ngày hiệu lực “2025-07-01” không hợp lệ"))
        #expect(text.contains("Thay đổi, dòng 3: Chia tách cần ít nhất hai đơn vị kế thừa (to)."))
        #expect(text.contains("Thay đổi, dòng 4: Loại thay đổi “rename” không có"))
        #expect(text.contains("Thay đổi, dòng 5: Đơn vị kế thừa “MISSING” không có trong cây tổ chức"))
        #expect(text.contains("Thay đổi, dòng 5: Đơn vị “B” đã được sắp xếp ở dòng 3."))
    }

    @Test("A unit cannot succeed itself, nor close a cycle with the stored lineage")
    func cycles() {
        let own = ReorganisationFile(
            changes: [.init(kind: "merge", from: ["A", "B"], to: ["A"], effective: "01/07/2025", basis: basis)])
        #expect(
            Reorganisation.validate(own, existing: tree).1.map(\.message).contains(
                "Đơn vị “A” không thể kế thừa chính nó."))
        // C already carries A's history; A taking C's would be a loop.
        let loop = ReorganisationFile(
            changes: [.init(kind: "abolish", from: ["C"], to: ["A"], effective: "01/07/2025", basis: basis)])
        let problems = Reorganisation.validate(loop, existing: tree, successions: [("A", "C")]).1
        #expect(
            problems.map(\.message).contains("Đơn vị “A” đã là đơn vị tiền thân; sắp xếp này tạo vòng lặp kế thừa."))
    }

    @Test("Lineage is transitive, nearest first, and safe on a cycle")
    func lineage() {
        let l = UnitLineage(edges: [(1, 3), (2, 3), (3, 5), (4, 5)])
        #expect(l.predecessors(of: 5) == [3, 4, 1, 2])
        #expect(l.predecessors(of: 1).isEmpty)
        let loop = UnitLineage(edges: [(1, 2), (2, 1)])
        #expect(loop.predecessors(of: 1) == [2])
    }

    @Test("The spreadsheet form reads the same file; codes split on ; or ,")
    func sheets() throws {
        let file = try Reorganisation.fromSheets(
            changes: [
                ["Loại", "Đơn vị bị sắp xếp", "Đơn vị kế thừa", "Ngày hiệu lực", "Căn cứ"],
                ["merge", "A; B", "AB", "01/07/2025", basis],
                ["", "", "", "", ""],
            ],
            newUnits: [["Mã", "Tên", "Loại", "Mã đơn vị cấp trên"], ["AB", "Xã AB", "xa", "KONTUM"]])
        #expect(file.changes.count == 1)
        #expect(file.changes[0].from == ["A", "B"])
        #expect(file.changes[0].row == 2)
        #expect(file.newUnits.map(\.code) == ["AB"])
        #expect(Reorganisation.validate(file, existing: tree).1.isEmpty)
        #expect(throws: ReorganisationFormatError.self) {
            try Reorganisation.fromSheets(changes: [["Loại", "Đơn vị"]], newUnits: [])
        }
    }

    @Test("A JSON file with a missing field is refused with a message naming it")
    func jsonMessage() {
        let data = Data(
            #"{"changes": [{"kind": "merge", "from": ["A"], "effective": "01/07/2025", "basis": "x"}]}"#.utf8)
        #expect(throws: ReorganisationFormatError.self) { try Reorganisation.decode(json: data) }
        do { _ = try Reorganisation.decode(json: data) } catch let e as ReorganisationFormatError {
            #expect(e.message.contains("“to”"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("The successor's officer reads the predecessor's records but writes none; others still get 404")
    func policy() {
        let successor = UnitPath(ids: [1, 20])
        let old = UnitPath(ids: [1, 3, 9])
        let other = UnitPath(ids: [1, 3, 10])
        let officer = Actor(
            userID: 9, username: "xamoi", role: .unitOfficer, unitID: 20, unitPath: successor, inheritedPaths: [old])
        #expect(Policy.decide(officer, .read, .unitRecord(old, movementIDs: [])) == .allow)
        #expect(Policy.decide(officer, .read, .unitRecord(old.child(40), movementIDs: [])) == .allow)
        #expect(
            Policy.decide(officer, .update, .unitRecord(old, movementIDs: [])) == .forbidden(Policy.inheritedReadOnly))
        #expect(Policy.decide(officer, .read, .unitRecord(other, movementIDs: [])) == .notFound)
        #expect(Policy.recordScope(officer) == .subtrees([successor, old]))
        #expect(Policy.registrationScope(officer) == .subtrees([successor, old]))
        #expect(Policy.readableClasses(officer, subjectUnit: old).contains(.personal))
        #expect(Policy.decide(officer, .read, .unit(old)) == .allow)
        #expect(Policy.decide(officer, .update, .unit(old)) != .allow)
        #expect(Policy.createScope(officer) == .subtree(successor))
        let plain = Actor(userID: 8, username: "x", role: .unitOfficer, unitID: 20, unitPath: successor)
        #expect(Policy.decide(plain, .read, .unitRecord(old, movementIDs: [])) == .notFound)
        #expect(Policy.recordScope(plain) == .subtree(successor))
        #expect(Policy.decide(officer, .create, .reorganisation) != .allow)
        let office = Actor(userID: 2, username: "noivu", role: .standingOffice, unitID: nil, unitPath: nil)
        #expect(Policy.decide(office, .create, .reorganisation) == .allow)
    }
}
