import Foundation
import Testing

@testable import Domain

/// The seed's measurable criteria, as the catalogue 2023.1 writes them.
private enum Seed {
    static let leaders = CriterionSpec(
        code: "MH-12-TC07",
        text:
            "Trên 70% cán bộ, đảng viên (trong đó có 100% cán bộ lãnh đạo, quản lý) thực hiện tốt trách nhiệm nêu gương",
        kind: .share, threshold: 70, strict: true, population: "cán bộ, đảng viên",
        subGroup: "cán bộ lãnh đạo, quản lý", subThreshold: 100)
    static let poorRate = CriterionSpec(
        code: "MH-03-TC03", text: "Hàng năm giảm tỷ lệ hộ nghèo", kind: .trend, measure: "tỷ lệ hộ nghèo",
        direction: "decrease")
    static let revenue = CriterionSpec(
        code: "MH-13-TC04", text: "Chỉ tiêu về doanh thu hàng năm tăng trưởng", kind: .trend, measure: "doanh thu",
        direction: "increase")
    static let lateDossiers = CriterionSpec(
        code: "MH-18-TC01", text: "Không có hồ sơ trễ hẹn, tồn đọng", kind: .zeroCount,
        measure: "hồ sơ trễ hẹn, tồn đọng")
    static let income = CriterionSpec(
        code: "MH-15-TC03", text: "Thu nhập hàng năm của gia đình cao nhất trong số các hộ gia đình tại địa phương",
        kind: .rankInLocality, measure: "thu nhập hàng năm của gia đình", rank: 1, locality: "địa phương")
    static let culturalFamily = CriterionSpec(
        code: "MH-15-TC04", text: "Hàng năm gia đình phải đạt danh hiệu “Gia đình văn hóa”", kind: .titleEveryYear,
        title: "Gia đình văn hóa")
    static let excellentYearly = CriterionSpec(
        code: "CN-01-TC04", text: "Hàng năm được đánh giá, xếp loại hoàn thành xuất sắc nhiệm vụ",
        kind: .taskRatingEveryYear,
        rating: "hoàn thành xuất sắc nhiệm vụ")
    static let leaderRule = CriterionSpec(
        code: "CN-02-TC02", text: "Tập thể do người đó đứng đầu là tập thể điển hình hoàn thành xuất sắc nhiệm vụ",
        kind: .leaderRule,
        rating: "hoàn thành xuất sắc nhiệm vụ")
    static let plain = CriterionSpec(code: "TC-01", text: "Gương mẫu chấp hành chủ trương của Đảng", kind: .boolean)
}

private func eval(
    _ spec: CriterionSpec, _ input: CriterionInput = CriterionInput(),
    _ context: CriterionContext = CriterionContext(year: 2024)
) -> CriterionOutcome {
    CriteriaEngine.evaluate(spec, input, context)
}

@Suite("Criteria engine: outcomes, ratings and numbers")
struct CriteriaBasicsTests {
    @Test("Outcome codes and labels; a stored outcome round-trips")
    func outcome() {
        let all: [CriterionOutcome] = [.met("a"), .unmet("b"), .missingData("c")]
        #expect(all.map(\.code) == ["met", "unmet", "missing"])
        #expect(all.map(\.label) == ["Đạt", "Chưa đạt", "Thiếu dữ liệu"])
        #expect(all.map(\.reason) == ["a", "b", "c"])
        for o in all { #expect(CriterionOutcome(code: o.code, reason: o.reason) == o) }
        #expect(CriterionOutcome(code: "dat", reason: "x") == nil)
    }

    @Test("Summary counts; all met needs at least one criterion and none missing")
    func summary() {
        let s = CriteriaEngine.summary([.met("a"), .met("b"), .unmet("c"), .missingData("d")])
        #expect(s.met == 2 && s.unmet == 1 && s.missing == 1)
        #expect(CriteriaEngine.allMet([.met("a"), .met("b")]))
        #expect(!CriteriaEngine.allMet([.met("a"), .missingData("b")]))
        #expect(!CriteriaEngine.allMet([.met("a"), .unmet("b")]))
        #expect(!CriteriaEngine.allMet([]))
    }

    @Test(
        "Task ratings parse the catalogue's wording and codes",
        arguments: [
            ("hoàn thành xuất sắc nhiệm vụ", TaskRating.excellent),
            ("Hoàn thành xuất sắc nhiệm vụ được giao", .excellent),
            ("HTXS", .excellent), ("hoàn thành tốt nhiệm vụ", .good), ("htt", .good),
            ("Hoàn thành nhiệm vụ", .completed),
            ("ht", .completed), ("không hoàn thành nhiệm vụ", .notCompleted), ("khong-ht", .notCompleted),
            ("hoàn thành xuất sắc nhiệm vụ".decomposedStringWithCanonicalMapping, .excellent),
            ("  hoàn  thành tốt  nhiệm vụ ", .good),
        ])
    func ratingParse(text: String, expected: TaskRating) { #expect(TaskRating(text: text) == expected) }

    @Test("Unknown rating wording is refused", arguments: ["", "xuất sắc", "hoàn thành kế hoạch", "tốt"])
    func ratingRefused(text: String) { #expect(TaskRating(text: text) == nil) }

    @Test("Rating labels, levels and codes")
    func ratingLevels() {
        #expect(TaskRating.allCases.map(\.level) == [3, 2, 1, 0])
        #expect(TaskRating.allCases.map(\.rawValue) == ["htxs", "htt", "ht", "khong-ht"])
        for r in TaskRating.allCases { #expect(TaskRating(text: r.label) == r) }
        #expect(TaskRating.excellent.reaches(.good) && !TaskRating.good.reaches(.excellent))
    }

    @Test(
        "Numbers are written the Vietnamese way",
        arguments: [
            (68.46, 1, "68,5"), (70, 1, "70"), (1_234_567.5, 2, "1.234.567,5"), (120_000_000, 2, "120.000.000"),
            (-0.01, 1, "0"), (-1250, 0, "-1.250"), (999, 2, "999"), (0.25, 2, "0,25"),
        ])
    func numbers(x: Double, digits: Int, expected: String) {
        #expect(VietnameseNumber.format(x, maxFractionDigits: digits) == expected)
    }

    @Test("Percentages: one decimal, more only when rounding would read as the threshold")
    func percent() {
        #expect(VietnameseNumber.percent(68.5) == "68,5%")
        #expect(VietnameseNumber.percent(200.0 / 3) == "66,7%")
        #expect(VietnameseNumber.percent(70.04, against: 70) == "70,04%")
        #expect(VietnameseNumber.percent(71, against: 70) == "71%")
        #expect(VietnameseNumber.percent(70, against: 70) == "70%")
    }

    @Test("Decoding an input from JSON: absent fields are nil")
    func inputJSON() throws {
        let input = try JSONDecoder().decode(
            CriterionInput.self, from: Data(#"{"numerator":71,"denominator":100}"#.utf8))
        #expect(input == CriterionInput(numerator: 71, denominator: 100))
        #expect(input.subNumerator == nil && input.met == nil)
    }
}

@Suite("Criteria engine: boolean")
struct BooleanCriterionTests {
    @Test("Met, with the evidence cited")
    func met() {
        let o = eval(Seed.plain, CriterionInput(met: true, evidence: "Biên bản họp ngày 12/12/2024"))
        #expect(o == .met("Được đánh giá là đạt. Minh chứng: Biên bản họp ngày 12/12/2024."))
    }
    @Test("Unmet") func unmet() { #expect(eval(Seed.plain, CriterionInput(met: false)).code == "unmet") }
    @Test("Missing") func missing() { #expect(eval(Seed.plain) == .missingData("Chưa đánh giá tiêu chí này.")) }

    @Test("`met` overrides nothing but a boolean criterion")
    func metIsNotAnOverride() {
        #expect(eval(Seed.lateDossiers, CriterionInput(met: true)).code == "missing")
        #expect(eval(Seed.lateDossiers, CriterionInput(met: true, count: 2)).code == "unmet")
        #expect(
            eval(
                Seed.leaders,
                CriterionInput(met: true, numerator: 50, denominator: 100, subNumerator: 5, subDenominator: 5)
            ).code == "unmet")
    }
}

@Suite("Criteria engine: share (trên 70%, trong đó 100% lãnh đạo)")
struct ShareCriterionTests {
    @Test("71/100 with 5/5 leaders is met, citing both")
    func met() {
        let o = eval(Seed.leaders, CriterionInput(numerator: 71, denominator: 100, subNumerator: 5, subDenominator: 5))
        #expect(
            o
                == .met(
                    "Tỷ lệ cán bộ, đảng viên 71% (71/100) vượt ngưỡng 70%; tỷ lệ cán bộ lãnh đạo, quản lý 100% (5/5) đạt ngưỡng 100%."
                ))
    }

    @Test("71/100 with 4/5 leaders is unmet")
    func leadersShort() {
        let o = eval(Seed.leaders, CriterionInput(numerator: 71, denominator: 100, subNumerator: 4, subDenominator: 5))
        #expect(o.code == "unmet")
        #expect(o.reason.contains("cán bộ lãnh đạo, quản lý 80% (4/5) chưa đạt ngưỡng 100%"))
    }

    @Test("Exactly 70/100: unmet when strict ('trên 70%'), met when not")
    func boundary() {
        let input = CriterionInput(numerator: 70, denominator: 100, subNumerator: 5, subDenominator: 5)
        let strict = eval(Seed.leaders, input)
        #expect(strict.code == "unmet")
        #expect(strict.reason.hasPrefix("Tỷ lệ cán bộ, đảng viên 70% (70/100) chưa vượt ngưỡng 70%"))
        var loose = Seed.leaders
        loose.strict = false
        let o = eval(loose, input)
        #expect(o.code == "met")
        #expect(o.reason.contains("70% (70/100) đạt ngưỡng 70%"))
    }

    @Test("Strict is the default when the criterion does not say (the seed writes 'trên')")
    func strictDefault() {
        let spec = CriterionSpec(code: "X", text: "Trên 80% hộ dân", kind: .share, threshold: 80, population: "hộ dân")
        #expect(eval(spec, CriterionInput(numerator: 80, denominator: 100)).code == "unmet")
        #expect(
            eval(spec, CriterionInput(numerator: 81, denominator: 100))
                == .met("Tỷ lệ hộ dân 81% (81/100) vượt ngưỡng 80%."))
    }

    @Test("A share below the threshold is unmet and cites the percentage with a comma")
    func below() {
        let o = eval(Seed.leaders, CriterionInput(numerator: 137, denominator: 200, subNumerator: 5, subDenominator: 5))
        #expect(o.code == "unmet")
        #expect(o.reason.contains("68,5% (137/200) chưa vượt ngưỡng 70%"))
    }

    @Test(
        "Leader data missing → missing; main data missing → missing",
        arguments: [
            CriterionInput(numerator: 71, denominator: 100),
            CriterionInput(numerator: 71, denominator: 100, subNumerator: 5),
            CriterionInput(numerator: 71, denominator: 100, subDenominator: 5),
            CriterionInput(subNumerator: 5, subDenominator: 5),
            CriterionInput(numerator: 71, subNumerator: 5, subDenominator: 5),
            CriterionInput(),
        ])
    func missing(input: CriterionInput) { #expect(eval(Seed.leaders, input).code == "missing") }

    @Test("The missing reason says what to enter")
    func missingReason() {
        #expect(
            eval(Seed.leaders, CriterionInput(numerator: 71, denominator: 100))
                == .missingData(
                    "Chưa nhập số cán bộ lãnh đạo, quản lý đạt yêu cầu và tổng số cán bộ lãnh đạo, quản lý."))
        #expect(
            eval(Seed.leaders, CriterionInput(numerator: 71, subNumerator: 5, subDenominator: 5))
                == .missingData("Chưa nhập tổng số cán bộ, đảng viên."))
    }

    @Test("A failing main share decides even when the leaders' data is missing (unmet wins over missing)")
    func unmetWins() {
        let o = eval(Seed.leaders, CriterionInput(numerator: 60, denominator: 100))
        #expect(o.code == "unmet")
        #expect(o.reason.contains("60% (60/100)") && o.reason.contains("chưa nhập số cán bộ lãnh đạo"))
    }

    @Test("Invalid figures (negative, part above whole, zero whole) are missing data, with a clear reason")
    func invalid() {
        let over = eval(
            Seed.leaders, CriterionInput(numerator: 120, denominator: 100, subNumerator: 5, subDenominator: 5))
        #expect(
            over == .missingData("Số liệu không hợp lệ: số cán bộ, đảng viên đạt yêu cầu (120) lớn hơn tổng số (100)."))
        let negative = eval(
            Seed.leaders, CriterionInput(numerator: -1, denominator: 100, subNumerator: 5, subDenominator: 5))
        #expect(negative.code == "missing" && negative.reason.contains("không hợp lệ"))
        let zero = eval(Seed.leaders, CriterionInput(numerator: 0, denominator: 0, subNumerator: 5, subDenominator: 5))
        #expect(zero == .missingData("Tổng số cán bộ, đảng viên phải lớn hơn 0."))
        let subOver = eval(
            Seed.leaders, CriterionInput(numerator: 71, denominator: 100, subNumerator: 6, subDenominator: 5))
        #expect(subOver.code == "missing" && subOver.reason.contains("(6) lớn hơn tổng số (5)"))
    }

    @Test("A share just above the threshold is not shown as the threshold itself")
    func rounding() {
        let o = eval(
            Seed.leaders, CriterionInput(numerator: 1401, denominator: 2001, subNumerator: 5, subDenominator: 5))
        #expect(o.code == "met")
        #expect(o.reason.contains("70,01% (1.401/2.001) vượt ngưỡng 70%"))
    }

    @Test("Without a threshold the criterion cannot be judged")
    func noThreshold() {
        let spec = CriterionSpec(code: "X", text: "Tỷ lệ", kind: .share)
        #expect(
            eval(spec, CriterionInput(numerator: 1, denominator: 2))
                == .missingData("Tiêu chí chưa khai báo ngưỡng tỷ lệ."))
    }
}

@Suite("Criteria engine: zero count")
struct ZeroCountCriterionTests {
    @Test("None → met") func met() {
        #expect(eval(Seed.lateDossiers, CriterionInput(count: 0)) == .met("Không có hồ sơ trễ hẹn, tồn đọng."))
    }
    @Test("Some → unmet, citing the count") func unmet() {
        #expect(eval(Seed.lateDossiers, CriterionInput(count: 2)) == .unmet("Có 2 hồ sơ trễ hẹn, tồn đọng."))
    }
    @Test("Not entered → missing") func missing() {
        #expect(eval(Seed.lateDossiers) == .missingData("Chưa nhập số hồ sơ trễ hẹn, tồn đọng."))
    }
    @Test("Negative → missing (invalid)") func negative() {
        #expect(eval(Seed.lateDossiers, CriterionInput(count: -1)).code == "missing")
    }
}

@Suite("Criteria engine: trend (hàng năm giảm tỷ lệ hộ nghèo)")
struct TrendCriterionTests {
    @Test("Poor-household rate down from 2023 to 2024 → met")
    func decrease() {
        #expect(
            eval(Seed.poorRate, CriterionInput(value: 10.2, previousValue: 12.5))
                == .met("Tỷ lệ hộ nghèo năm 2024 (10,2) giảm so với năm 2023 (12,5)."))
    }
    @Test("Equal → unmet")
    func equal() {
        #expect(
            eval(Seed.poorRate, CriterionInput(value: 12.5, previousValue: 12.5))
                == .unmet("Tỷ lệ hộ nghèo năm 2024 (12,5) bằng năm 2023 (12,5), chưa giảm."))
    }
    @Test("Up → unmet")
    func increase() {
        #expect(
            eval(Seed.poorRate, CriterionInput(value: 13, previousValue: 12.5))
                == .unmet("Tỷ lệ hộ nghèo năm 2024 (13) tăng so với năm 2023 (12,5), chưa giảm."))
    }
    @Test("Previous year missing → missing, naming the year")
    func previousMissing() {
        #expect(
            eval(Seed.poorRate, CriterionInput(value: 10.2)) == .missingData("Chưa có số liệu tỷ lệ hộ nghèo năm 2023.")
        )
        #expect(
            eval(Seed.poorRate, CriterionInput(previousValue: 10.2))
                == .missingData("Chưa có số liệu tỷ lệ hộ nghèo năm 2024."))
        #expect(eval(Seed.poorRate) == .missingData("Chưa có số liệu tỷ lệ hộ nghèo năm 2023 và năm 2024."))
    }
    @Test("Close values are shown with enough decimals to differ")
    func closeValues() {
        #expect(
            eval(Seed.poorRate, CriterionInput(value: 12.341, previousValue: 12.344)).reason
                == "Tỷ lệ hộ nghèo năm 2024 (12,341) giảm so với năm 2023 (12,344).")
    }
    @Test("Direction 'increase' (revenue): up met, down and equal unmet")
    func revenue() {
        #expect(
            eval(Seed.revenue, CriterionInput(value: 1_500_000_000, previousValue: 1_200_000_000))
                == .met("Doanh thu năm 2024 (1.500.000.000) tăng so với năm 2023 (1.200.000.000)."))
        #expect(eval(Seed.revenue, CriterionInput(value: 1_000, previousValue: 1_200)).code == "unmet")
        #expect(eval(Seed.revenue, CriterionInput(value: 1_200, previousValue: 1_200)).code == "unmet")
    }
    @Test("No direction means decrease; an unknown direction cannot be judged")
    func directions() {
        var spec = Seed.poorRate
        spec.direction = nil
        #expect(eval(spec, CriterionInput(value: 1, previousValue: 2)).code == "met")
        spec.direction = "sideways"
        #expect(eval(spec, CriterionInput(value: 1, previousValue: 2)).code == "missing")
    }
}

@Suite("Criteria engine: title every year (Gia đình văn hóa)")
struct TitleEveryYearTests {
    let title: Set<String> = ["Gia đình văn hóa"]

    @Test("Two years held → met")
    func twoYears() {
        let ctx = CriterionContext(year: 2024, titlesByYear: [2023: title, 2024: title])
        #expect(
            eval(Seed.culturalFamily, CriterionInput(), ctx)
                == .met("Đạt danh hiệu “Gia đình văn hóa” các năm 2023, 2024."))
    }

    @Test("Three years: one year reviewed without the title → unmet naming the year")
    func threeYearsUnmet() {
        var spec = Seed.culturalFamily
        spec.spanYears = 3
        let ctx = CriterionContext(year: 2025, titlesByYear: [2023: title, 2024: [], 2025: title.union(["Khác"])])
        #expect(eval(spec, CriterionInput(), ctx) == .unmet("Không đạt danh hiệu “Gia đình văn hóa” năm 2024."))
        let all = CriterionContext(year: 2025, titlesByYear: [2023: title, 2024: title, 2025: title])
        #expect(eval(spec, CriterionInput(), all) == .met("Đạt danh hiệu “Gia đình văn hóa” các năm 2023, 2024, 2025."))
    }

    @Test("A year with no record at all → missing naming the year")
    func missing() {
        let ctx = CriterionContext(year: 2024, titlesByYear: [2024: title])
        #expect(
            eval(Seed.culturalFamily, CriterionInput(), ctx)
                == .missingData("Chưa có kết quả bình xét danh hiệu “Gia đình văn hóa” năm 2023."))
        #expect(eval(Seed.culturalFamily).code == "missing")
    }

    @Test("Unmet wins over missing, and the reason names both")
    func unmetWins() {
        var spec = Seed.culturalFamily
        spec.spanYears = 3
        let ctx = CriterionContext(year: 2025, titlesByYear: [2024: ["Khác"], 2025: title])
        #expect(
            eval(spec, CriterionInput(), ctx)
                == .unmet(
                    "Không đạt danh hiệu “Gia đình văn hóa” năm 2024; chưa có kết quả bình xét danh hiệu “Gia đình văn hóa” năm 2023."
                ))
    }

    @Test("Titles match whatever the accent placement or case (hóa / hoá)")
    func folding() {
        let ctx = CriterionContext(year: 2024, titlesByYear: [2023: ["Gia đình văn hoá"], 2024: ["gia đình văn hóa"]])
        #expect(eval(Seed.culturalFamily, CriterionInput(), ctx).code == "met")
    }

    @Test("Only the years of the span count")
    func span() {
        let ctx = CriterionContext(year: 2024, titlesByYear: [2021: [], 2023: title, 2024: title])
        #expect(eval(Seed.culturalFamily, CriterionInput(), ctx).code == "met")
    }
}

@Suite("Criteria engine: task rating every year")
struct TaskRatingEveryYearTests {
    @Test("Excellent both years → met")
    func met() {
        let ctx = CriterionContext(year: 2024, ratingsByYear: [2023: .excellent, 2024: .excellent])
        #expect(
            eval(Seed.excellentYearly, CriterionInput(), ctx)
                == .met("Đạt “Hoàn thành xuất sắc nhiệm vụ” các năm 2023, 2024."))
    }

    @Test("A 'good' year → unmet naming the year and its rating")
    func unmet() {
        let ctx = CriterionContext(year: 2024, ratingsByYear: [2023: .good, 2024: .excellent])
        #expect(
            eval(Seed.excellentYearly, CriterionInput(), ctx)
                == .unmet("Năm 2023 xếp loại “Hoàn thành tốt nhiệm vụ”, chưa đạt “Hoàn thành xuất sắc nhiệm vụ”."))
    }

    @Test("A year without a rating → missing")
    func missing() {
        let ctx = CriterionContext(year: 2024, ratingsByYear: [2024: .excellent])
        #expect(eval(Seed.excellentYearly, CriterionInput(), ctx) == .missingData("Chưa có kết quả xếp loại năm 2023."))
    }

    @Test("A lower requirement accepts better ratings; no rating stated means excellent")
    func levels() {
        var spec = Seed.excellentYearly
        spec.rating = "hoàn thành tốt nhiệm vụ"
        let ctx = CriterionContext(year: 2024, ratingsByYear: [2023: .excellent, 2024: .good])
        #expect(
            eval(spec, CriterionInput(), ctx) == .met("Đạt từ “Hoàn thành tốt nhiệm vụ” trở lên các năm 2023, 2024."))
        spec.rating = nil
        #expect(eval(spec, CriterionInput(), ctx).code == "unmet")
        spec.rating = "rất tốt"
        #expect(eval(spec, CriterionInput(), ctx).code == "missing")
    }
}

@Suite("Criteria engine: rank in locality (thu nhập cao nhất)")
struct RankInLocalityTests {
    @Test("Highest → met, citing the rank and how many were compared")
    func first() {
        let ctx = CriterionContext(year: 2024, peerValues: [80_000_000, 95_000_000])
        #expect(
            eval(Seed.income, CriterionInput(value: 120_000_000), ctx)
                == .met(
                    "Thu nhập hàng năm của gia đình 120.000.000 xếp thứ 1/3 trong địa phương, đạt yêu cầu cao nhất."))
    }

    @Test("Second → unmet: 'xếp thứ 2/15'")
    func second() {
        let peers = [150_000_000.0] + Array(repeating: 50_000_000.0, count: 13)
        let o = eval(Seed.income, CriterionInput(value: 120_000_000), CriterionContext(year: 2024, peerValues: peers))
        #expect(o.code == "unmet")
        #expect(o.reason.contains("xếp thứ 2/15"))
        #expect(o.reason.contains("cao nhất: 150.000.000"))
    }

    @Test("Ties share the rank: equal to the highest is still first")
    func ties() {
        let o = eval(Seed.income, CriterionInput(value: 100), CriterionContext(year: 2024, peerValues: [100, 90]))
        #expect(o.code == "met")
        #expect(o.reason.contains("xếp thứ 1/3 (đồng hạng)"))
        let behindTie = eval(
            Seed.income, CriterionInput(value: 90), CriterionContext(year: 2024, peerValues: [100, 100, 90]))
        #expect(behindTie.reason.contains("xếp thứ 3/4 (đồng hạng)"))
    }

    @Test("A rank requirement above 1 accepts the leading group")
    func topThree() {
        var spec = Seed.income
        spec.rank = 3
        let o = eval(spec, CriterionInput(value: 70), CriterionContext(year: 2024, peerValues: [100, 90, 60, 50]))
        #expect(o.code == "met")
        #expect(o.reason.contains("xếp thứ 3/5") && o.reason.contains("trong 3 vị trí dẫn đầu"))
    }

    @Test("Missing own value or peers → missing")
    func missing() {
        #expect(
            eval(Seed.income, CriterionInput(), CriterionContext(year: 2024, peerValues: [1]))
                == .missingData("Chưa nhập thu nhập hàng năm của gia đình năm 2024."))
        #expect(
            eval(Seed.income, CriterionInput(value: 10))
                == .missingData("Chưa có số liệu của các hộ khác trong địa phương để so sánh."))
    }
}

@Suite("Criteria engine: leader rule")
struct LeaderRuleTests {
    func ctx(_ c: HeadedCollective?) -> CriterionContext { CriterionContext(year: 2024, headedCollective: c) }

    @Test("Heads an exemplar collective rated excellent → met")
    func met() {
        let o = eval(
            Seed.leaderRule, CriterionInput(),
            ctx(HeadedCollective(name: "Phòng Nội vụ", isExemplar: true, rating: .excellent)))
        #expect(
            o
                == .met(
                    "Tập thể “Phòng Nội vụ” do người này đứng đầu là tập thể điển hình, năm 2024 xếp loại “Hoàn thành xuất sắc nhiệm vụ”."
                ))
    }

    @Test("The collective is not an exemplar → unmet")
    func notExemplar() {
        let o = eval(
            Seed.leaderRule, CriterionInput(),
            ctx(HeadedCollective(name: "UBND xã Đăk Ruồng", isExemplar: false, rating: .excellent)))
        #expect(o == .unmet("Tập thể “UBND xã Đăk Ruồng” do người này đứng đầu chưa là tập thể điển hình."))
    }

    @Test("Exemplar but rated below the requirement → unmet")
    func lowRating() {
        let o = eval(
            Seed.leaderRule, CriterionInput(),
            ctx(HeadedCollective(name: "Trường TH Đăk Tờ Re", isExemplar: true, rating: .good)))
        #expect(o.code == "unmet" && o.reason.contains("chưa đạt “Hoàn thành xuất sắc nhiệm vụ”"))
    }

    @Test("No collective recorded, or its rating missing → missing")
    func missing() {
        #expect(
            eval(Seed.leaderRule, CriterionInput(), ctx(nil))
                == .missingData("Chưa ghi nhận tập thể do người này đứng đầu."))
        let o = eval(Seed.leaderRule, CriterionInput(), ctx(HeadedCollective(name: "Phòng Nội vụ", isExemplar: true)))
        #expect(o == .missingData("Chưa có kết quả xếp loại năm 2024 của tập thể “Phòng Nội vụ”."))
    }

    @Test("Without a rating in the criterion, an exemplar collective suffices")
    func noRatingRequired() {
        var spec = Seed.leaderRule
        spec.rating = nil
        #expect(
            eval(spec, CriterionInput(), ctx(HeadedCollective(name: "Phòng Nội vụ", isExemplar: true))).code == "met")
    }
}

@Suite("Criteria engine: the real catalogue")
struct CatalogueCriteriaTests {
    /// Every non-boolean criterion of the shipped catalogue has the parameters its kind needs.
    @Test("Every kind of the catalogue yields met with good data")
    func shippedCatalogue() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Resources/Catalogue/catalogue-2023.1.json")
        let data = try Data(contentsOf: url)
        let catalogue = try CatalogueFile.decode(data)
        let good = CriterionInput(
            met: true, numerator: 90, denominator: 100, subNumerator: 5, subDenominator: 5, count: 0)
        for type in catalogue.modelTypes + catalogue.individualTypes {
            for spec in type.criteria {
                var input = good
                if spec.kind == .trend {
                    let down = CriteriaEngine.direction(spec.direction) == .decrease
                    input.value = down ? 1 : 2
                    input.previousValue = down ? 2 : 1
                }
                if spec.kind == .rankInLocality { input.value = 10 }
                let ctx = CriterionContext(
                    year: 2024, titlesByYear: [2023: [spec.title ?? ""], 2024: [spec.title ?? ""]],
                    ratingsByYear: [2023: .excellent, 2024: .excellent], peerValues: [5],
                    headedCollective: HeadedCollective(name: "X", isExemplar: true, rating: .excellent))
                let o = CriteriaEngine.evaluate(spec, input, ctx)
                #expect(o.code == "met", "\(spec.code): \(o.reason)")
            }
        }
    }
}
