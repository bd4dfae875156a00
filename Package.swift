// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DienHinh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dienhinh", targets: ["dienhinh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
    ],
    targets: [
        // Pure domain logic: no Vapor, no Fluent. Unit-tested fast.
        .target(name: "Domain"),
        .target(
            name: "App",
            dependencies: [
                "Domain",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
            ]
        ),
        .executableTarget(name: "dienhinh", dependencies: ["App"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
