import Testing

@testable import Domain

private typealias S = RegistrationStatus

/// The brief's table, written out independently of the implementation.
private let legal: [(S, S)] = [
    (.registered, .nurturing), (.registered, .stopped),
    (.nurturing, .achieved), (.nurturing, .notAchieved), (.nurturing, .stopped),
    (.notAchieved, .nurturing), (.notAchieved, .stopped),
    (.achieved, .nominated), (.achieved, .replicated), (.achieved, .nurturing), (.achieved, .stopped),
    (.nominated, .awarded), (.nominated, .achieved), (.nominated, .stopped),
    (.awarded, .replicated),
    (.replicated, .stopped),
    (.stopped, .registered), (.stopped, .nurturing),
]

/// Everything the guards could ask for.
private let everything = TransitionContext(hasAchievingEvaluation: true, byDecision: true)

@Suite("Registration workflow")
struct RegistrationWorkflowTests {
    @Test("Labels and codes")
    func labels() {
        #expect(
            S.allCases.map(\.label) == [
                "Đăng ký", "Đang bồi dưỡng", "Đạt điển hình", "Chưa đạt", "Đề nghị khen thưởng",
                "Đã khen thưởng", "Nhân rộng", "Dừng theo dõi",
            ])
        #expect(S.notAchieved.rawValue == "not-achieved")
        #expect(S(rawValue: "not-achieved") == .notAchieved)
    }

    @Test("Exemplar statuses")
    func exemplar() {
        #expect(S.allCases.filter(\.isExemplar) == [.achieved, .nominated, .awarded, .replicated])
    }

    @Test("The table is exactly the brief's")
    func table() {
        let fromTable = Set(
            S.allCases.flatMap { from in
                RegistrationWorkflow.targets(from: from).map { "\(from.rawValue)→\($0.rawValue)" }
            })
        #expect(fromTable == Set(legal.map { "\($0.0.rawValue)→\($0.1.rawValue)" }))
        #expect(RegistrationWorkflow.targets(from: .awarded) == [.replicated])
        #expect(RegistrationWorkflow.targets(from: .registered) == [.nurturing, .stopped])
        for s in S.allCases { #expect(!RegistrationWorkflow.targets(from: s).isEmpty, "\(s) is a dead end") }
    }

    @Test("Every legal transition is allowed (with a reason and the guards satisfied)", arguments: legal)
    func legalAllowed(from: RegistrationStatus, to: RegistrationStatus) {
        #expect(
            RegistrationWorkflow.check(from: from, to: to, reason: "Theo biên bản kiểm tra", context: everything)
                == .allowed)
    }

    @Test(
        "Illegal transitions are refused, naming both statuses and the allowed targets",
        arguments: [
            (S.registered, S.achieved), (.registered, .awarded), (.nurturing, .nominated), (.notAchieved, .achieved),
            (.achieved, .awarded), (.awarded, .stopped), (.awarded, .nurturing), (.replicated, .nurturing),
            (.stopped, .achieved), (.nominated, .replicated),
        ])
    func illegalRefused(from: RegistrationStatus, to: RegistrationStatus) {
        let check = RegistrationWorkflow.check(from: from, to: to, reason: "lý do", context: everything)
        guard case .refused(let message) = check else {
            Issue.record("\(from) → \(to) should be refused")
            return
        }
        #expect(message.contains("“\(from.label)”") && message.contains("“\(to.label)”"))
        for target in RegistrationWorkflow.targets(from: from) { #expect(message.contains("“\(target.label)”")) }
    }

    @Test("The illegal message, exactly")
    func illegalMessage() {
        #expect(
            RegistrationWorkflow.check(from: .registered, to: .achieved, reason: "", context: everything)
                == .refused(
                    "Không thể chuyển từ “Đăng ký” sang “Đạt điển hình”. Từ “Đăng ký” chỉ có thể chuyển sang: “Đang bồi dưỡng”, “Dừng theo dõi”."
                ))
    }

    @Test("Staying in the same status is refused", arguments: S.allCases)
    func same(status: RegistrationStatus) {
        #expect(
            RegistrationWorkflow.check(from: status, to: status, reason: "x", context: everything)
                == .refused("Hồ sơ đang ở trạng thái “\(status.label)”."))
    }

    @Test("'Đạt điển hình' needs an evaluation that concluded 'đạt'", arguments: [S.nurturing, .nominated])
    func achievedGuard(from: RegistrationStatus) {
        let without = RegistrationWorkflow.check(
            from: from, to: .achieved, reason: "Không được khen", context: TransitionContext(byDecision: true))
        #expect(without == .refused(RegistrationWorkflow.needsAchievingEvaluation))
        #expect(without == .refused("Cần có ít nhất một lần đánh giá kết luận đạt trước khi công nhận đạt điển hình."))
        let with = RegistrationWorkflow.check(
            from: from, to: .achieved, reason: "Không được khen",
            context: TransitionContext(hasAchievingEvaluation: true))
        #expect(with == .allowed)
    }

    @Test("Only a commendation decision sets 'Đã khen thưởng'")
    func awardedGuard() {
        #expect(
            RegistrationWorkflow.check(
                from: .nominated, to: .awarded, reason: "", context: TransitionContext(hasAchievingEvaluation: true))
                == .refused("Chỉ quyết định khen thưởng mới chuyển sang đã khen thưởng."))
        #expect(
            RegistrationWorkflow.check(
                from: .nominated, to: .awarded, reason: "", context: TransitionContext(byDecision: true)) == .allowed)
    }

    @Test("Which moves need a reason", arguments: legal)
    func reasonRule(from: RegistrationStatus, to: RegistrationStatus) {
        let backward: Set<String> = [
            "nominated→achieved", "achieved→nurturing", "stopped→registered", "stopped→nurturing",
        ]
        let expected = to == .notAchieved || to == .stopped || backward.contains("\(from.rawValue)→\(to.rawValue)")
        #expect(RegistrationWorkflow.requiresReason(from: from, to: to) == expected)
        let blank = RegistrationWorkflow.check(from: from, to: to, reason: "  \n\t ", context: everything)
        if expected {
            #expect(blank == .refused("Cần ghi rõ lý do khi chuyển từ “\(from.label)” sang “\(to.label)”."))
        } else {
            #expect(blank == .allowed)
        }
    }

    @Test("Forward moves need no reason")
    func forwardNoReason() {
        #expect(!RegistrationWorkflow.requiresReason(from: .registered, to: .nurturing))
        #expect(!RegistrationWorkflow.requiresReason(from: .achieved, to: .nominated))
        #expect(!RegistrationWorkflow.requiresReason(from: .notAchieved, to: .nurturing))
        #expect(
            RegistrationWorkflow.check(from: .registered, to: .nurturing, reason: "", context: TransitionContext())
                == .allowed)
    }

    @Test("Guards are checked before the reason")
    func guardsFirst() {
        #expect(
            RegistrationWorkflow.check(from: .nominated, to: .achieved, reason: "", context: TransitionContext())
                == .refused(RegistrationWorkflow.needsAchievingEvaluation))
    }

    @Test("A whole lifecycle: register, nurture, achieve, nominate, award, replicate, stop, resume")
    func lifecycle() {
        let path: [S] = [.registered, .nurturing, .achieved, .nominated, .awarded, .replicated, .stopped, .nurturing]
        for (from, to) in zip(path, path.dropFirst()) {
            #expect(
                RegistrationWorkflow.check(
                    from: from, to: to, reason: "Theo kết luận của Hội đồng", context: everything
                ).isAllowed)
        }
    }
}
