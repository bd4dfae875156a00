// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "DienHinh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dienhinh", targets: ["dienhinh"]),
        // For the in-process benchmarks (`Benchmarks/inprocess`), a package of their own.
        .library(name: "DienHinhKit", targets: ["Domain", "OOXML", "App"]),
    ],
    dependencies: [
        // Vapor 4.122.3 with a patch that reads a request's path without Foundation's string replacement when it holds
        // no `%` (Vendor/vapor/PATCHES.md); it takes the place of the remote `vapor` that Fluent and Leaf name.
        .package(path: "Vendor/vapor"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        // LeafKit 1.14.3 with patches that make rendering cheaper and change no output (Vendor/leaf-kit/PATCHES.md).
        // A root package's path dependency takes the place of the remote one Leaf names: same identity, `leaf-kit`.
        .package(path: "Vendor/leaf-kit"),
        // SQLKit 3.36.0 with a patch that makes quoting identifiers cheaper and changes no SQL
        // (Vendor/sql-kit/PATCHES.md); it takes the place of the remote `sql-kit` that Fluent and the drivers name.
        .package(path: "Vendor/sql-kit"),
        // SQLiteNIO 1.13.2 with a patch that keeps each connection's compiled statements for the next run of the same
        // text (Vendor/sqlite-nio/PATCHES.md); it takes the place of the remote `sqlite-nio` that SQLiteKit names.
        .package(path: "Vendor/sqlite-nio"),
        // PostgresNIO 1.33.2 with patches that let a row's cell be read without a `PostgresCell` and a prepared
        // statement run by its name with its rows handed to a callback (Vendor/postgres-nio/PATCHES.md); it takes
        // the place of the remote `postgres-nio` that PostgresKit names.
        .package(path: "Vendor/postgres-nio"),
        // OOXML (XLSX import/export, DOCX documents) is a zip of XML parts; ZIPFoundation reads and writes the zip.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
    ],
    targets: [
        // Pure domain logic: no Vapor, no Fluent. Unit-tested fast.
        .target(name: "Domain"),
        // Spreadsheets and Word documents (XLSX, CSV, DOCX): no Vapor, tested on its own.
        // The system zlib (already linked by ZIPFoundation) for streamed deflate: exports of any size.
        .systemLibrary(name: "DHZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "OOXML", dependencies: ["DHZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Story photos: decode, resize and re-encode through the system libjpeg-turbo and libpng (issue 10 §1).
        .systemLibrary(name: "DHJpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "DHPng", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .target(name: "Imaging", dependencies: ["DHJpeg", "DHPng"]),
        // The Swift runtime's global-executor hook, for NIO's event loops as Swift Concurrency's executor (LoopExecutor).
        .target(name: "DHExecutorHook"),
        .target(
            name: "App",
            dependencies: [
                "Domain",
                "OOXML",
                "Imaging",
                "DHExecutorHook",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(name: "dienhinh", dependencies: ["App"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(
            name: "OOXMLTests",
            dependencies: ["OOXML", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "OOXML",
                "Imaging",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Warnings are errors in our own targets (not in dependencies): CI keeps the count at zero.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
