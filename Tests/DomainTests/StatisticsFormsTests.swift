import Foundation
import Testing

@testable import Domain

@Suite("Statistics forms of Thông tư 02/2023/TT-BNV as data")
struct StatisticsFormsTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules/statistics-forms-tt02-2023.json")

    func shipped() throws -> StatisticsFormSet { try StatisticsFormSet.load(Data(contentsOf: Self.file)) }

    /// The shipped file as JSON to tamper with.
    func raw() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: Any])
    }

    func load(_ json: [String: Any]) throws -> StatisticsFormSet {
        try StatisticsFormSet.load(JSONSerialization.data(withJSONObject: json))
    }

    /// Changes one row of one form in the raw file.
    func tampered(form: String, row index: Int, _ change: (inout [String: Any]) -> Void) throws -> [String: Any] {
        var json = try raw()
        var forms = try #require(json["forms"] as? [[String: Any]])
        let fi = try #require(forms.firstIndex { $0["code"] as? String == form })
        var rows = try #require(forms[fi]["rows"] as? [[String: Any]])
        change(&rows[index])
        forms[fi]["rows"] = rows
        json["forms"] = forms
        return json
    }

    @Test("The shipped file loads: five forms 0601–0605, every data row and column coded, all marked unverified")
    func shippedFile() throws {
        let set = try shipped()
        #expect(set.forms.map(\.code) == ["0601", "0602", "0603", "0604", "0605"])
        #expect(set.forms.map(\.symbol).allSatisfy { $0.hasSuffix(".N/BNV-TĐKT") })
        #expect(!set.verified && set.verification.contains("cần xác minh"))
        for f in set.forms {
            #expect(f.dataRows.allSatisfy { !($0.code ?? "").isEmpty })
            #expect(Set(f.columns.map(\.code)).count == f.columns.count)
        }
        let f0601 = try #require(set.form("0601"))
        #expect(f0601.dataRows.map { $0.code ?? "" } == (1...12).map { String(format: "%02d", $0) })
        #expect(f0601.unitOfMeasure == "Phong trào")
        #expect(f0601.columns.first?.sumOf == ["2", "3", "4"])
    }

    @Test("Periods: the emulation year runs 01/12 of the year before to 30/11")
    func periods() throws {
        let set = try shipped()
        let year = try #require(set.period("nam")?.range(year: 2025))
        #expect(year.from == "2024-12-01" && year.to == "2025-11-30")
        let half = try #require(set.period("6-thang")?.range(year: 2025))
        #expect(half.from == "2024-12-01" && half.to == "2025-05-31")
    }

    @Test("Award forms fall into the columns' groups by prefix; anything else is 'khac'")
    func awardGroups() throws {
        let set = try shipped()
        #expect(set.awardGroup(of: "huan-chuong-lao-dong-hang-ba") == "huan-chuong")
        #expect(set.awardGroup(of: "bang-khen-thu-tuong-tap-the") == "bang-khen")
        #expect(set.awardGroup(of: "cstd-toan-quoc") == "cstd")
        #expect(set.awardGroup(of: "giay-khen") == "khac")
    }

    @Test("Duration bands of movements recorded by years")
    func durationBands() {
        #expect(StatisticsSource.durationBand(fromYear: 2025, toYear: 2025) == "1-nam")
        #expect(StatisticsSource.durationBand(fromYear: 2024, toYear: 2025) == "1-3-nam")
        #expect(StatisticsSource.durationBand(fromYear: 2023, toYear: 2025) == "3-5-nam")
        #expect(StatisticsSource.durationBand(fromYear: 2022, toYear: 2025) == "3-5-nam")
        #expect(StatisticsSource.durationBand(fromYear: 2021, toYear: 2025) == "tu-5-nam")
    }

    @Test("0601 filled from facts: cells by filter, the total column adds 2+3+4, row 01 adds rows 06–10")
    func fill0601() throws {
        let form = try #require(try shipped().form("0601"))
        let facts = [
            StatisticsFact(["level": "trung-uong", "duration": "tu-5-nam", "kind": "phong-trao"], count: 2),
            StatisticsFact(["level": "tinh", "duration": "1-nam", "kind": "phong-trao"], count: 1),
            StatisticsFact(["level": "huyen", "duration": "3-5-nam", "kind": "cuoc-van-dong"], count: 3),
            StatisticsFact(["level": "xa", "duration": "1-nam", "kind": "phong-trao"], count: 1),
        ]
        let filled = form.fill(facts)
        #expect(filled.value(row: "01", column: "1") == 7)
        #expect(filled.value(row: "01", column: "2") == 2)
        #expect(filled.value(row: "01", column: "3") == 1)
        #expect(filled.value(row: "01", column: "4") == 4)
        #expect(filled.value(row: "02", column: "1") == 2)
        #expect(filled.value(row: "05", column: "4") == 4)
        #expect(filled.value(row: "05", column: "2") == 0)
        #expect(filled.value(row: "07", column: "1") == 2)
        #expect(filled.value(row: "07", column: "4") == 1)
        #expect(filled.value(row: "09", column: "4") == 3)
        #expect(filled.value(row: "06", column: "1") == 0)
        #expect(filled.value(row: "04", column: "1") == nil, "clusters' movements are not recorded")
        #expect(filled.value(row: "11", column: "1") == nil)
    }

    @Test("0602 keeps only State-level awards; a total row is unknown when one of its parts is")
    func fill0602() throws {
        let form = try #require(try shipped().form("0602"))
        let facts = [
            StatisticsFact(["group": "bang-khen", "subject": "individual", "level": "toan-quoc"], count: 2),
            StatisticsFact(["group": "bang-khen", "subject": "collective", "level": "toan-quoc"], count: 1),
            StatisticsFact(["group": "huan-chuong", "subject": "individual", "level": "toan-quoc"], count: 1),
            StatisticsFact(["group": "bang-khen", "subject": "individual", "level": "tinh"], count: 9),
        ]
        let filled = form.fill(facts)
        #expect(filled.value(row: "1", column: "1") == 4)
        #expect(filled.value(row: "9", column: "7-CN") == 2)
        #expect(filled.value(row: "6", column: "7-TT") == 1)
        #expect(filled.value(row: "9", column: "2-CN") == 1)
        #expect(filled.value(row: "3", column: "1") == 4)
        #expect(filled.value(row: "10", column: "1") == nil)
    }

    @Test("A form file with a data row without a code is refused, naming the form and the row")
    func missingRowCode() throws {
        let json = try tampered(form: "0601", row: 2) { $0["code"] = "" }
        #expect {
            try load(json)
        } throws: { error in
            "\(error)".contains("biểu 0601: dòng thứ 3 (“Toàn quốc”) chưa có mã số")
        }
    }

    @Test("A total that names a row the form does not have is refused")
    func badSumOf() throws {
        let json = try tampered(form: "0601", row: 0) { $0["sumOf"] = ["06", "99"] }
        #expect {
            try load(json)
        } throws: { error in
            "\(error)".contains("dòng tổng nêu mã số “99” không có trong biểu")
        }
    }

    @Test("Repeated row codes, filters on unrecorded dimensions and self-adding totals are refused")
    func otherProblems() throws {
        var json = try tampered(form: "0603", row: 2) { $0["code"] = "01" }
        #expect(throws: StatisticsFormError.self) { try load(json) }
        json = try tampered(form: "0601", row: 2) { $0["filter"] = ["subject": ["individual"]] }
        #expect {
            try load(json)
        } throws: { error in
            "\(error)".contains("không lọc được theo “subject”")
        }
        json = try tampered(form: "0601", row: 0) { $0["sumOf"] = ["01"] }
        #expect {
            try load(json)
        } throws: { error in
            "\(error)".contains("cộng lại chính nó")
        }
    }
}
