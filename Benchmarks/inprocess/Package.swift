// swift-tools-version:6.2
import PackageDescription

// In-process benchmarks (issue 11, item 9), on demand: `Benchmarks/inprocess/run.sh`. A package of its own, so that
// the project's build, its tests and CI neither resolve nor build the benchmark package and its plug-in.
// ordo-one/benchmark: percentiles, allocation counts (its malloc interposer) and a baseline to compare against.
let package = Package(
    name: "DienHinhBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // `dienhinh` is a link to the project root, whatever the clone's folder is called (a path package is named by it).
        .package(path: "dienhinh"),
        // The project's patched LeafKit (dienhinh/Vendor/leaf-kit/PATCHES.md), named here too: a path dependency of the
        // root package is the one that takes the place of the remote `leaf-kit` Leaf names.
        .package(path: "dienhinh/Vendor/leaf-kit"),
        // And the patched SQLKit (dienhinh/Vendor/sql-kit/PATCHES.md), for the same reason.
        .package(path: "dienhinh/Vendor/sql-kit"),
        // And the patched SQLiteNIO (dienhinh/Vendor/sqlite-nio/PATCHES.md).
        .package(path: "dienhinh/Vendor/sqlite-nio"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        // And the patched Vapor (dienhinh/Vendor/vapor/PATCHES.md).
        .package(path: "dienhinh/Vendor/vapor"),
    ],
    targets: [
        // Pure code: Vietnamese text, CSV and the streamed XLSX writer.
        .executableTarget(
            name: "TextAndFiles",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DienHinhKit", package: "dienhinh"),
            ],
            path: "Benchmarks/TextAndFiles",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Whole requests through the app's responder (middleware, auth, SQL, Leaf) with no socket, on a filled
        // database (DIENHINH_BENCH_DATABASE or DATABASE_URL), each beside the bare route.
        .executableTarget(
            name: "Pages",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DienHinhKit", package: "dienhinh"),
                .product(name: "Vapor", package: "vapor"),
            ],
            path: "Benchmarks/Pages",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
