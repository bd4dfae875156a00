import Foundation
import Testing

@testable import App

@Suite("DIENHINH_DEMO: the demo only when asked for")
struct DemoSwitchTests {
    @Test("Off by default; 1/true on; anything else names the variable")
    func parse() throws {
        let dir = NSTemporaryDirectory()
        #expect(try AppConfig.fromEnvironment([:], workingDirectory: dir).demo == false)
        #expect(try AppConfig.fromEnvironment(["DIENHINH_DEMO": "1"], workingDirectory: dir).demo == true)
        #expect(try AppConfig.fromEnvironment(["DIENHINH_DEMO": "true"], workingDirectory: dir).demo == true)
        #expect(try AppConfig.fromEnvironment(["DIENHINH_DEMO": "0"], workingDirectory: dir).demo == false)
        expectRefused(["DIENHINH_DEMO": "có"], naming: "DIENHINH_DEMO")
    }
}
