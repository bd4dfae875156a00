import Domain
import Fluent
import Foundation
import Testing

@testable import App

@Suite("Imports cut short by a stop of the server")
struct ImportRecoveryTests {
    @Test(
        "A job left validating or importing is failed at a start (Bootstrap.prepare) or when read, once its heartbeat is silent; running and finished jobs are left alone"
    )
    func interruptedJobsFail() async throws {
        try await withTestApp(demo: false) { app in
            let admin = try #require(
                try await UserModel.query(on: app.db).filter(\.$username == "admin").first()?.requireID())
            func job(_ name: String, _ moves: [ImportJobStatus]) async throws -> Int {
                let j = ImportJobModel(userID: admin, filename: name, total: 3)
                for s in moves { try j.move(to: s) }
                try await j.create(on: app.db)
                return try j.requireID()
            }
            let validating = try await job("dang-kiem-tra.xlsx", [])
            let importing = try await job("dang-ghi.xlsx", [.importing])
            let done = try await job("xong.xlsx", [.importing, .done])

            // Their heartbeats are fresh: another instance may be running them.
            #expect(try await ImportService.failInterrupted(on: app.db) == 0)
            #expect(try await ImportJobModel.find(validating, on: app.db)?.status == .validating)
            // Silent for longer than `silentFor`: cut short by a stop.
            let later = Date().addingTimeInterval(ImportService.silentFor + 60)
            #expect(try await ImportService.failInterrupted(now: later, on: app.db) == 2)

            for id in [validating, importing] {
                let j = try #require(try await ImportJobModel.find(id, on: app.db))
                #expect(j.status == .failed)
                #expect(j.finishedAt != nil && j.createdCount == 0 && j.errorCount == 1)
                #expect(
                    try j.errorItems() == [
                        ImportErrorItem(row: 0, column: "", message: "Máy chủ dừng khi đang nhập; hãy nhập lại tệp.")
                    ])
                let dto = try ImportJobDTO(j)
                #expect(dto.finished && dto.status == "failed")
            }
            #expect(try await ImportJobModel.find(done, on: app.db)?.status == .done)
            // A second start finds nothing left to fail.
            #expect(try await ImportService.failInterrupted(now: later, on: app.db) == 0)

            func silence(_ id: Int) async throws {
                try await ImportJobModel.query(on: app.db).filter(\.$id == id)
                    .set(\.$heartbeatAt, to: Date().addingTimeInterval(-3600)).update()
            }
            // The start itself does it, after the migrations.
            let stuck = try await job("dang-kiem-tra.csv", [])
            let running = try await job("dang-chay.csv", [])
            try await silence(stuck)
            try await Bootstrap.prepare(app)
            #expect(try await ImportJobModel.find(stuck, on: app.db)?.status == .failed)
            #expect(try await ImportJobModel.find(running, on: app.db)?.status == .validating)

            // Between starts, whoever reads a silent job sees it failed.
            try await silence(running)
            let admins = Actor(userID: admin, username: "admin", role: .admin, unitID: nil, unitPath: nil)
            #expect(try await ImportService.readable(running, actor: admins, on: app.db).status == .failed)
        }
    }
}
