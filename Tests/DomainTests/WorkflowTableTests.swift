import Testing

@testable import Domain

/// Every move of a table, as "from→to" codes.
private func moves<W: WorkflowTable>(_: W.Type, _ all: [W.Status]) -> Set<String> {
    Set(all.flatMap { from in W.targets(from: from).map { "\(from.rawValue)→\($0.rawValue)" } })
}

/// Every pair of statuses: allowed exactly when the table lists it.
private func allowedMatchesTable<W: WorkflowTable>(_: W.Type, _ all: [W.Status], legal: Set<String>) {
    for from in all {
        for to in all {
            #expect(
                W.allowed(from: from, to: to) == legal.contains("\(from.rawValue)→\(to.rawValue)"),
                "\(from.rawValue)→\(to.rawValue)")
        }
    }
}

@Suite("Workflow tables: dossiers, council meetings, import jobs")
struct WorkflowTableTests {
    @Test("Stored codes are English kebab-case")
    func codes() {
        #expect(
            DossierStatus.allCases.map(\.rawValue) == [
                "draft", "submitted", "returned", "appraised", "reviewed", "decided", "forwarded",
            ])
        #expect(NomineeAppraisal.allCases.map(\.rawValue) == ["pending", "passed", "returned"])
        #expect(NomineeEligibility.allCases.map(\.rawValue) == ["eligible", "not-eligible", "missing-data"])
        #expect(MeetingStatus.allCases.map(\.rawValue) == ["preparing", "voting", "closed"])
        #expect(ImportJobStatus.allCases.map(\.rawValue) == ["validating", "importing", "done", "failed"])
        let all =
            DossierStatus.allCases.map(\.rawValue) + NomineeAppraisal.allCases.map(\.rawValue)
            + NomineeEligibility.allCases.map(\.rawValue)
            + MeetingStatus.allCases.map(\.rawValue) + ImportJobStatus.allCases.map(\.rawValue)
            + RegistrationStatus.allCases.map(\.rawValue)
        for code in all { #expect(code.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }, "\(code)") }
    }

    @Test(
        "Dossier: submitted by the unit, appraised or returned, reviewed by the council, decided — or forwarded up when the council decides none of it"
    )
    func dossier() {
        let legal: Set<String> = [
            "draft→submitted", "returned→submitted", "submitted→appraised", "submitted→returned",
            "appraised→reviewed", "reviewed→decided", "reviewed→forwarded",
        ]
        #expect(moves(DossierWorkflow.self, DossierStatus.allCases) == legal)
        allowedMatchesTable(DossierWorkflow.self, DossierStatus.allCases, legal: legal)
    }

    @Test("Council meeting: preparing → voting → closed, never back")
    func meeting() {
        let legal: Set<String> = ["preparing→voting", "voting→closed"]
        #expect(moves(MeetingWorkflow.self, MeetingStatus.allCases) == legal)
        allowedMatchesTable(MeetingWorkflow.self, MeetingStatus.allCases, legal: legal)
    }

    @Test("Import job: validating → importing → done; failed from either running status; done and failed are final")
    func importJob() {
        let legal: Set<String> = ["validating→importing", "validating→failed", "importing→done", "importing→failed"]
        #expect(moves(ImportJobWorkflow.self, ImportJobStatus.allCases) == legal)
        allowedMatchesTable(ImportJobWorkflow.self, ImportJobStatus.allCases, legal: legal)
        #expect(ImportJobStatus.allCases.filter(\.isFinished) == [.done, .failed])
    }

    @Test("The refusal names both statuses and what is allowed, or that the status is final")
    func messages() {
        #expect(
            MeetingWorkflow.illegalMessage(from: .preparing, to: .closed)
                == "Không thể chuyển từ “Chuẩn bị (điểm danh)” sang “Đã kết thúc”. Từ “Chuẩn bị (điểm danh)” chỉ có thể chuyển sang: “Đang bỏ phiếu”."
        )
        #expect(
            DossierWorkflow.illegalMessage(from: .decided, to: .submitted)
                == "Không thể chuyển từ “Đã có quyết định khen thưởng” sang “Đã gửi, chờ thẩm định”. “Đã có quyết định khen thưởng” là bước cuối, không chuyển tiếp được."
        )
        #expect(ImportJobWorkflow.illegalMessage(from: .done, to: .failed).contains("“Đã nhập xong”"))
        #expect(ImportJobWorkflow.illegalMessage(from: .done, to: .failed).contains("“Không nhập (tệp có lỗi)”"))
    }

    @Test("Eligibility when a nominee is added: met, not met, or not enough data")
    func eligibility() {
        #expect(NomineeEligibility(true) == .eligible)
        #expect(NomineeEligibility(false) == .notEligible)
        #expect(NomineeEligibility(nil) == .missingData)
        #expect(NomineeEligibility.allCases.map(\.label) == ["Đủ điều kiện", "Chưa đủ điều kiện", "Thiếu dữ liệu"])
    }
}
