import Domain
import Fluent
import Vapor

/// Awards over the years (typed in from the paper register, as an office does on day one) and dossiers at every
/// stage of the commendation workflow, with one full council meeting.
extension DemoDistrictRun {
    func member(_ unitCode: String, _ key: String) -> Member? {
        members.first { $0.key == unitCode + "/" + key }
    }

    func decisionNumber(_ authority: String, _ year: Int) -> String {
        let n = (decisionNumbers[authority + "\(year)"] ?? (40 + rng.int(30))) + 1 + rng.int(3)
        decisionNumbers[authority + "\(year)"] = n
        return "\(n)/QĐ-UBND"
    }

    func award(_ m: Member?, _ form: String, _ year: Int, level: AwardLevel, authority: String, on db: any Database)
        async throws
    {
        guard let m, let sid = m.subjectID, m.registrations[year] != nil else { return }
        let day = "\(year)-12-\(20 + rng.int(9))"
        guard past(day) else { return }
        _ = try await AwardService.create(
            subjectID: sid,
            AwardInput(
                formCode: form, formName: nil, level: level.rawValue, year: year, period: "Năm \(year)",
                decisionNumber: decisionNumber(authority, year), decisionDate: day, authority: authority),
            source: "nhap-tay", actor: actor, sets: sets, on: db)
    }

    /// Past awards recorded by hand: two years of Giấy khen for a commune's first official, two years of
    /// Chiến sĩ thi đua cơ sở for an agency's first specialist (a streak the eligibility engine reads for the
    /// provincial Bằng khen), Tập thể lao động tiên tiến for agencies' collectives.
    func awardHistory() async throws {
        for (i, home) in homes.enumerated() {
            try await transaction { tx in
                switch home.part {
                case "commune":
                    let authority = "Ủy ban nhân dân " + home.unit.shortName.lowercasedFirst
                    for year in [2023, 2024] {
                        try await self.award(
                            self.member(home.unit.code, "cong-chuc-1"), "giay-khen", year, level: .xa,
                            authority: authority, on: tx)
                    }
                case "agency":
                    let district = "Ủy ban nhân dân huyện Kon Rẫy"
                    if i % 3 == 0 {
                        for year in [2023, 2024] {
                            try await self.award(
                                self.member(home.unit.code, "chuyen-vien-1"), "cstd-co-so", year, level: .huyen,
                                authority: district, on: tx)
                        }
                    } else {
                        try await self.award(
                            self.member(home.unit.code, "chuyen-vien-1"), "giay-khen", 2023, level: .huyen,
                            authority: district, on: tx)
                    }
                    if self.member(home.unit.code, "tap-the")?.strong == true {
                        try await self.award(
                            self.member(home.unit.code, "tap-the"), "tap-the-lao-dong-tien-tien", 2023, level: .huyen,
                            authority: district, on: tx)
                    }
                default: break
                }
            }
        }
    }

    /// Dossiers at every stage: 2024 ones through a full district council meeting to a decision (one left waiting
    /// for it), 2025 commune ones submitted, returned, appraised and still being drafted.
    func commendation() async throws {
        guard
            let kr = try await AuthorityModel.query(on: db).join(
                UnitModel.self, on: \AuthorityModel.$unit.$id == \UnitModel.$id
            )
            .filter(UnitModel.self, \.$code == "KR").first(), let krID = kr.id
        else { return }
        if past("2024-12-27") { try await districtMeeting(authorityID: krID) }
        if past("2025-07-15") { try await communeDossiers2025() }
    }

    typealias Nominee = (Member?, String, String)

    func dossier(_ unitCode: String, year: Int, number: String, _ nominees: [Nominee], on db: any Database)
        async throws -> Int?
    {
        guard let home = homes.first(where: { $0.unit.code == unitCode }) else { return nil }
        let list = nominees.compactMap { n in n.0?.subjectID.map { ($0, n.1, n.2) } }
        guard !list.isEmpty else { return nil }
        return try await DemoCommendation.dossier(
            app: app, year: year, number: number, actor: actor, sets: sets, jurisdiction: jurisdiction,
            communeID: home.id, on: db, nominees: list)
    }

    func appraiseAll(_ id: Int, returning: Set<Int> = [], on db: any Database) async throws {
        let nominees = try await DossierNomineeModel.query(on: db).filter(\.$dossier.$id == id).sort(\.$id).all()
        for (i, n) in nominees.enumerated() {
            let back = returning.contains(i)
            try await DossierService.appraise(
                dossierID: id, nomineeID: try n.requireID(),
                AppraisalInput(
                    result: back ? NomineeAppraisal.returned.rawValue : NomineeAppraisal.passed.rawValue,
                    note: back
                        ? "Thiếu biên bản bình xét của thôn; đề nghị bổ sung." : "Đủ điều kiện, đủ hồ sơ theo quy định."
                ),
                actor: actor, on: db)
        }
        _ = try await DossierService.finishAppraisal(id, actor: actor, on: db)
    }

    func districtMeeting(authorityID: Int) async throws {
        let ids = try await transaction(on: "2024-12-12") { tx -> [Int] in
            var ids: [Int] = []
            let plans: [(String, String, [Nominee])] = [
                (
                    "KR-DAKRVE", "31/TTr-UBND",
                    [
                        (
                            self.member("KR-DAKRVE", "chu-tich"), "lao-dong-tien-tien",
                            "Lãnh đạo thị trấn hoàn thành xuất sắc các chỉ tiêu kinh tế - xã hội năm 2024."
                        ),
                        (
                            self.member("KR-DAKRVE", "cong-chuc-1"), "cstd-co-so",
                            "Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận cấp cơ sở."
                        ),
                    ]
                ),
                (
                    "KR-TTYT", "12/TTr-TTYT",
                    [
                        (
                            self.member("KR-TTYT", "tap-the"), "tap-the-lao-dong-tien-tien",
                            "Hoàn thành tốt kế hoạch khám, chữa bệnh và y tế dự phòng năm 2024."
                        ),
                        (
                            self.member("KR-TTYT", "thu-truong"), "lao-dong-tien-tien",
                            "Chỉ đạo hoàn thành các chương trình mục tiêu y tế quốc gia."
                        ),
                    ]
                ),
                (
                    "KR-DAKKOI", "27/TTr-UBND",
                    [
                        (
                            self.member("KR-DAKKOI", "cong-chuc-1"), "lao-dong-tien-tien",
                            "Hoàn thành tốt nhiệm vụ; tích cực tham gia phong trào thi đua."
                        )
                    ]
                ),
            ]
            for (unit, number, nominees) in plans {
                guard let id = try await self.dossier(unit, year: 2024, number: number, nominees, on: tx) else {
                    continue
                }
                _ = try await DossierService.submit(id, actor: self.actor, sets: self.sets, on: tx)
                try await self.appraiseAll(id, on: tx)
                ids.append(id)
            }
            return ids
        }
        guard !ids.isEmpty else { return }
        let meetingIDs = ids
        try await transaction(on: "2024-12-23") { tx in
            let meeting = try await CouncilService.createMeeting(
                MeetingInput(
                    authorityID: authorityID,
                    title: "Họp Hội đồng Thi đua - Khen thưởng huyện xét hồ sơ các xã, thị trấn và cơ quan năm 2024",
                    date: "2024-12-23", location: "Hội trường UBND huyện Kon Rẫy", chair: "Nguyễn Văn An",
                    secretary: "Nguyễn Thị Hằng", dossierIDs: meetingIDs),
                actor: self.actor, sets: self.sets, jurisdiction: self.jurisdiction, on: tx)
            let mid = try meeting.requireID()
            let seats = try await CouncilAttendanceModel.query(on: tx).filter(\.$meeting.$id == mid).sort(\.$id)
                .all().map { $0.$member.id }
            guard let lastSeat = seats.last else { return }
            _ = try await CouncilService.setAttendance(
                mid, AttendanceInput(present: Array(seats.dropLast()), written: [lastSeat]), actor: self.actor,
                sets: self.sets, on: tx)
            try await CouncilService.openVoting(mid, actor: self.actor, sets: self.sets, on: tx)
            let nominees = try await DossierNomineeModel.query(on: tx).filter(\.$dossier.$id ~~ meetingIDs)
                .sort(\.$id).all()
            for (i, seat) in seats.enumerated() {
                var choices: [String: String] = [:]
                for (j, n) in nominees.enumerated() {
                    // One member disagrees on one nominee: the tally still passes the threshold.
                    choices[String(try n.requireID())] =
                        (i == 2 && j == nominees.count - 1)
                        ? BallotChoice.disagree.rawValue : BallotChoice.agree.rawValue
                }
                // Members with an account vote for themselves; the secretary enters the others' ballots.
                if let uid = try await CouncilMemberModel.find(seat, on: tx)?.userID,
                    let user = try await UserModel.find(uid, on: tx)
                {
                    let voter = Actor(
                        userID: uid, username: user.username, role: Role(rawValue: user.role) ?? .councilMember,
                        unitID: nil, unitPath: nil)
                    try await CouncilService.cast(
                        mid, BallotInput(memberID: nil, choices: choices), actor: voter, sets: self.sets, on: tx)
                } else {
                    try await CouncilService.cast(
                        mid, BallotInput(memberID: seat, choices: choices), actor: self.actor, sets: self.sets,
                        on: tx)
                }
            }
            try await CouncilService.close(
                mid,
                notes:
                    "Hội đồng thống nhất với kết quả thẩm định của Phòng Nội vụ; đề nghị Chủ tịch UBND huyện quyết định khen thưởng.",
                actor: self.actor, sets: self.sets, on: tx)
        }
        // The decision covers the first two dossiers; the third waits for its decision.
        _ = try await transaction(on: "2024-12-27") { tx in
            try await DecisionService.issue(
                IssueDecisionInput(
                    dossierIDs: Array(meetingIDs.prefix(2)), number: nil, date: "2024-12-27", signer: "Trần Văn Minh",
                    issuer: "Ủy ban nhân dân huyện Kon Rẫy", level: AwardLevel.huyen.rawValue),
                actor: self.actor, sets: self.sets, on: tx)
        }
    }

    func communeDossiers2025() async throws {
        let day = min(today, "2025-12-10")
        try await transaction(on: day) { tx in
            // Submitted: waiting for the commune's appraisal.
            if let id = try await self.dossier(
                "KR-DAKKOI", year: 2025, number: "41/TTr-UBND",
                [
                    (
                        self.member("KR-DAKKOI", "cong-chuc-1"), "giay-khen",
                        "Ba năm liền hoàn thành xuất sắc nhiệm vụ; có sáng kiến cấp cơ sở."
                    ),
                    (
                        self.member("KR-DAKKOI", "ho-1"), "gia-dinh-van-hoa",
                        "Gia đình văn hóa tiêu biểu, giúp đỡ hộ nghèo trong làng."
                    ),
                ], on: tx)
            {
                _ = try await DossierService.submit(id, actor: self.actor, sets: self.sets, on: tx)
            }
            // Returned: one household lacks the village's record.
            if let id = try await self.dossier(
                "KR-DAKTOLUNG", year: 2025, number: "35/TTr-UBND",
                [
                    (
                        self.member("KR-DAKTOLUNG", "chu-tich"), "lao-dong-tien-tien",
                        "Hoàn thành tốt nhiệm vụ được giao năm 2025."
                    ),
                    (
                        self.member("KR-DAKTOLUNG", "ho-1"), "gia-dinh-van-hoa",
                        "Gia đình gương mẫu chấp hành hương ước làng."
                    ),
                ], on: tx)
            {
                _ = try await DossierService.submit(id, actor: self.actor, sets: self.sets, on: tx)
                try await self.appraiseAll(id, returning: [1], on: tx)
            }
            // Appraised: waiting for the commune council's meeting.
            if let id = try await self.dossier(
                "KR-DAKRVE", year: 2025, number: "52/TTr-UBND",
                [
                    (
                        self.member("KR-DAKRVE", "cong-chuc-2"), "giay-khen",
                        "Tích cực chuyển đổi số tại bộ phận một cửa."
                    ),
                    (self.member("KR-DAKRVE", "ho-1"), "gia-dinh-van-hoa", "Hộ sản xuất, kinh doanh giỏi."),
                ], on: tx)
            {
                _ = try await DossierService.submit(id, actor: self.actor, sets: self.sets, on: tx)
                try await self.appraiseAll(id, on: tx)
            }
            // Draft: the commune is still writing it.
            _ = try await self.dossier(
                "KR-DAKTORE", year: 2025, number: "",
                [
                    (
                        self.member("KR-DAKTORE", "uy-tin"), "giay-khen",
                        "Người có uy tín vận động bà con xóa bỏ hủ tục."
                    )
                ], on: tx)
        }
    }

    // MARK: Summary

    func summary() async throws -> DemoDistrict.Summary {
        var s = DemoDistrict.Summary()
        s.subjects = try await SubjectModel.query(on: db).count() - subjectsBefore
        for y in plan.years {
            s.registrationsByYear[y] = try await RegistrationModel.query(on: db).filter(\.$year == y).count()
        }
        s.unitCriteria = try await UnitCriterionModel.query(on: db).count()
        s.actions = try await NurturingActionModel.query(on: db).count()
        s.overdueActions = try await NurturingActionModel.query(on: db)
            .filter(\.$status ~~ [ActionStatus.planned, .inProgress]).filter(\.$dueDate < today).count()
        s.evaluations = try await EvaluationModel.query(on: db).count()
        for o in ["met", "unmet", "missing"] {
            s.evaluationResults[o] = try await EvaluationResultModel.query(on: db).filter(\.$outcome == o).count()
        }
        s.evidence = try await EvidenceFileModel.query(on: db).count()
        s.annualRecords = try await AnnualRecordModel.query(on: db).count()
        s.initiatives = try await InitiativeModel.query(on: db).count()
        s.awards = try await AwardModel.query(on: db).count()
        for st in DossierStatus.allCases {
            let n = try await DossierModel.query(on: db).filter(\.$status == st).count()
            if n > 0 { s.dossiersByStage[st.rawValue] = n }
        }
        s.meetings = try await CouncilMeetingModel.query(on: db).count()
        s.decisions = try await DecisionModel.query(on: db).count()
        // §IV.3: every district agency at least 1 exemplar, every commune/township at least 2 (2025).
        let regs2025 = try await RegistrationModel.query(on: db).filter(\.$year == 2025).with(\.$unit).all()
        for home in homes where home.part == "commune" || home.part == "agency" {
            let exemplars = regs2025.filter {
                $0.status.isExemplar && $0.unit.path.hasPrefix(home.unit.path)
            }.count
            let quota = home.part == "commune" ? 2 : 1
            if exemplars < quota { s.shortfalls[home.unit.shortName] = exemplars }
        }
        return s
    }
}
