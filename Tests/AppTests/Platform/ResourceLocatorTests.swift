import Foundation
import Testing

@testable import App

@Suite("Resources are found from any working directory")
struct ResourceLocatorTests {
    @Test("DIENHINH_RESOURCES wins; a folder without Resources/ and Public/ stops the start naming the variable")
    func environment() throws {
        #expect(
            try ResourceLocator.locate(
                environment: ["DIENHINH_RESOURCES": packageRoot], executablePath: "/usr/bin/dienhinh",
                workingDirectory: "/srv") == packageRoot)
        #expect(
            throws: ConfigError(
                variable: "DIENHINH_RESOURCES",
                message: "phải là thư mục chứa Resources/ và Public/ (đang là “/nowhere”).")
        ) {
            try ResourceLocator.locate(
                environment: ["DIENHINH_RESOURCES": "/nowhere"], executablePath: "/usr/bin/dienhinh",
                workingDirectory: packageRoot)
        }
    }

    @Test("Beside the executable or in a folder above it (a build tree, an install); else the working directory")
    func besideTheExecutable() throws {
        let inBuildTree = packageRoot + "/.build/x86_64-unknown-linux-gnu/release/dienhinh"
        #expect(
            try ResourceLocator.locate(environment: [:], executablePath: inBuildTree, workingDirectory: "/srv")
                == packageRoot)
        let elsewhere = NSTemporaryDirectory() + "dienhinh-\(UUID().uuidString)/bin/dienhinh"
        #expect(
            try ResourceLocator.locate(environment: [:], executablePath: elsewhere, workingDirectory: "/srv") == "/srv")
    }
}
