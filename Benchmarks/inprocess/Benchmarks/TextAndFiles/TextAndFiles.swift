import Benchmark
import Domain
import Foundation
import OOXML

// Pure code on the hot paths of lists, imports and exports. Each figure is read beside the others of the same run
// (the machine is noisy): `run.sh` prints them with their ratios.

/// 1,000 Vietnamese person names, made the same way every run (family, middle, given name).
private let names: [String] = {
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    let middle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thu"]
    let given = [
        "Anh", "Ánh", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hằng", "Hùng", "Hương",
        "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Trung",
        "Tuấn", "Uyên", "Việt", "Yến", "Y Bơ", "Sâm Dây",
    ]
    return (0..<1_000).map { i in
        "\(family[i % family.count]) \(middle[(i / 7) % middle.count]) \(given[(i * 31) % given.count])"
    }
}()

/// One row of the registration export: the same cells the server writes.
private func exportRow(_ i: Int) -> [XLSXCell] {
    [
        .integer(i), .text(names[i % names.count]), .text("Cá nhân"), .text("Xã Đăk Ruồng"),
        .integer(2024), .text("Đang bồi dưỡng"), .text("Sản xuất, kinh doanh giỏi"),
        .date(year: 2024, month: 3, day: 1 + i % 28), .text("Gương sáng thôn \(i % 97)"),
    ]
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3))

    // A loop that only walks the names (the compiler makes it almost free: a check that the harness costs nothing).
    Benchmark("text: walk 1,000 names") { benchmark in
        for _ in benchmark.scaledIterations {
            var n = 0
            for name in names { n &+= name.utf8.count }
            blackHole(n)
        }
    }
    Benchmark("text: fold 1,000 names (search key)") { benchmark in
        for _ in benchmark.scaledIterations {
            for name in names { blackHole(VietnameseText.fold(name)) }
        }
    }
    Benchmark("text: person sort key of 1,000 names") { benchmark in
        for _ in benchmark.scaledIterations {
            for name in names { blackHole(VietnameseText.personSortKey(name)) }
        }
    }
    Benchmark("text: clean 1,000 names (NFC, spaces; every input)") { benchmark in
        for _ in benchmark.scaledIterations {
            for name in names { blackHole(VietnameseText.clean(name)) }
        }
    }
    Benchmark("text: sort 1,000 names by given name (collation)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(names.sorted(by: VietnameseText.personNameLess))
        }
    }
    Benchmark("text: sort 1,000 names by their sort keys") { benchmark in
        let keyed = names.map { (VietnameseText.personSortKey($0), $0) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(keyed.sorted { $0.0 < $1.0 })
        }
    }

    // Exports: 10,000 rows of the registration export each time, into a sink that only counts bytes.
    Benchmark("export: 10,000 rows as CSV lines") { benchmark in
        for _ in benchmark.scaledIterations {
            var bytes = 0
            for i in 0..<10_000 { bytes += CSV.line(exportRow(i).map(csvText)).utf8.count }
            blackHole(bytes)
        }
    }
    Benchmark("export: 10,000 rows as streamed XLSX") { benchmark in
        for _ in benchmark.scaledIterations {
            let counter = ByteCounter()
            let stream = XLSXStream(
                sheet: XLSXSheet(name: "Đăng ký", rows: []),
                columns: [
                    .init(), .init(), .init(sharedText: true), .init(sharedText: true), .init(),
                    .init(sharedText: true), .init(sharedText: true),
                ],
                sink: { data in await counter.add(data.count) })
            try await stream.start()
            for i in 0..<10_000 { try await stream.append(exportRow(i)) }
            try await stream.finish()
            blackHole(await counter.total)
        }
    }
}

private func csvText(_ cell: XLSXCell) -> String {
    switch cell {
    case .text(let s): return s
    case .integer(let n): return String(n)
    case .date(let y, let m, let d): return String(format: "%02d/%02d/%04d", d, m, y)
    default: return ""
    }
}

private actor ByteCounter {
    var total = 0
    func add(_ n: Int) { total += n }
}
