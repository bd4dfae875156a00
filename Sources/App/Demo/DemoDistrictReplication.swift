import Domain
import Fluent
import Foundation

/// Replication in the demo district (issue 10 §5): three collective models recognised as exemplars are adopted by
/// other communes; one adoption runs and is assessed against its model's standard through the criteria engine.
/// Deterministic (no draw from the generator), dated within the plan and never after the load's today.
extension DemoDistrictRun {
    func replications() async throws {
        let exemplar: [RegistrationStatus] = [.achieved, .nominated, .awarded, .replicated]
        let regs = try await RegistrationModel.query(on: db).filter(\.$status ~~ exemplar)
            .filter(\.$subjectKind == SubjectKind.collective.rawValue).filter(\.$year <= 2024)
            .with(\.$unit).sort(\.$year, .descending).sort(\.$id).limit(60).all()
        var models: [RegistrationModel] = []
        for r in regs where !models.contains(where: { $0.$subject.id == r.$subject.id }) && models.count < 3 {
            models.append(r)
        }
        let communes = homes.filter { $0.part == "commune" }
        guard !models.isEmpty, communes.count > 1 else { return }
        let adaptations = [
            "Giữ cách làm của mô hình gốc; điều chỉnh lịch sinh hoạt theo mùa vụ của thôn, làng và dùng tiếng Xơ Đăng "
                + "khi phổ biến cho bà con.",
            "Áp dụng quy mô nhỏ hơn (2 thôn thí điểm), vốn đối ứng từ quỹ hội; bổ sung tổ tự quản do già làng phụ trách.",
            "Rút gọn quy trình cho phù hợp địa bàn đồi dốc; phối hợp với trường học để tuyên truyền.",
        ]
        let responsibles = ["Chủ tịch Hội Nông dân xã", "Phó Chủ tịch UBND xã", "Bí thư Đoàn xã"]
        var assessed = false
        for (i, model) in models.enumerated() {
            let modelUnit = model.$unit.id
            // Two or three communes other than the model's own, taken in code order from a different start each.
            let others = communes.filter { $0.id != modelUnit && !$0.unit.path.hasPrefix(model.unit.path) }
            let picks = (0..<min(others.count, 3 - i % 2)).map { others[(i * 2 + $0) % others.count] }
            for (j, home) in picks.enumerated() {
                let day = "\(model.year + 1)-0\(3 + j)-1\(i)"
                guard past(day) else { continue }
                let input = ReplicationInput(
                    registrationID: try model.requireID(), adoptingUnitID: home.id,
                    adoptedOn: day.isoToVietnamese, adaptation: adaptations[(i + j) % adaptations.count],
                    responsible: responsibles[(i + j) % responsibles.count])
                let actor = self.actor
                let r = try await transaction(on: day) { tx in
                    try await ReplicationService.create(input, actor: actor, on: tx)
                }
                let rid = try r.requireID()
                let runDay = "\(model.year + 1)-0\(6 + j)-01"
                guard j == 0, past(runDay) else { continue }
                _ = try await transaction(on: runDay) { tx in
                    try await ReplicationService.move(rid, to: ReplicationStatus.running.rawValue, actor: actor, on: tx)
                }
                let assessDay = "\(model.year + 1)-12-15"
                guard !assessed, past(assessDay) else { continue }
                let criteria = try await ReplicationService.standard(of: try await loadModel(model), on: db)
                var inputs: [String: CriterionInput] = [:]
                for c in criteria {
                    switch c.spec.kind {
                    case .boolean: inputs[c.spec.code] = CriterionInput(met: true, evidence: "Biên bản kiểm tra của xã")
                    case .share:
                        inputs[c.spec.code] = CriterionInput(
                            numerator: 46, denominator: 50, subNumerator: c.spec.subThreshold == nil ? nil : 5,
                            subDenominator: c.spec.subThreshold == nil ? nil : 5)
                    case .zeroCount: inputs[c.spec.code] = CriterionInput(count: 0)
                    case .trend: inputs[c.spec.code] = CriterionInput(value: 3, previousValue: 5)
                    default: break
                    }
                }
                let assessment = ReplicationAssessmentInput(
                    year: model.year + 1, assessedOn: assessDay.isoToVietnamese,
                    assessor: "Đoàn kiểm tra Phòng Nội vụ huyện",
                    summary: "Mô hình vận hành ổn định tại \(home.unit.name); tiếp tục theo dõi năm sau.",
                    inputs: inputs)
                _ = try await transaction(on: assessDay) { tx in
                    try await ReplicationService.assess(rid, assessment, actor: actor, on: tx)
                }
                assessed = true
            }
        }
    }

    private func loadModel(_ r: RegistrationModel) async throws -> RegistrationModel {
        guard let m = try await ReplicationService.model(try r.requireID(), on: db) else {
            throw AppError.notFound("Không tìm thấy mô hình.")
        }
        return m
    }
}
