import App
import Foundation
import Vapor

// The one executable: serve (default), migrate, demo-data, user create|list.
// First of all, before any task is made: async work runs on NIO's event loops (`LoopExecutor`).
let onLoops = LoopExecutor.wanted(ProcessInfo.processInfo.environment) && LoopExecutor.install()
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
app.logger.info("Swift Concurrency's executor: \(onLoops ? "NIO's event loops" : "its own pool")")
var exitCode: Int32 = 0
do {
    let environment = ProcessInfo.processInfo.environment
    let resources = try ResourceLocator.locate(
        environment: environment, executablePath: Bundle.main.executablePath ?? CommandLine.arguments[0],
        workingDirectory: FileManager.default.currentDirectoryPath)
    var config = try AppConfig.fromEnvironment(environment, workingDirectory: resources)
    // What was installed above, before Vapor read `.env`: the heavy pages go off the loops only when they are on them.
    config.loopExecutor = onLoops
    try await configure(app, config)
    if CommandLineDispatch.runsFirstStart(Array(app.environment.arguments.dropFirst())) {
        try await Bootstrap.firstStart(app)
    }
    try await app.execute()
} catch let error as ConfigError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exitCode = 1
} catch {
    FileHandle.standardError.write(Data(("Lỗi: \(error)\n").utf8))
    exitCode = 1
}
try await app.asyncShutdown()
exit(exitCode)
