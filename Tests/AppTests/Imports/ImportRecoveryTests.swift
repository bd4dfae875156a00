import Domain
import Fluent
import Foundation
import Testing

@testable import App

@Suite("Imports cut short by a stop of the server")
struct ImportRecoveryTests {
    @Test(
        "A job left validating or importing is failed on the next start (Bootstrap.prepare), with a message; finished jobs are left alone"
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

            #expect(try await ImportService.failInterrupted(on: app.db) == 2)

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
            #expect(try await ImportService.failInterrupted(on: app.db) == 0)

            // The start itself does it, after the migrations.
            let stuck = try await job("dang-kiem-tra.csv", [])
            try await Bootstrap.prepare(app)
            #expect(try await ImportJobModel.find(stuck, on: app.db)?.status == .failed)
        }
    }
}
