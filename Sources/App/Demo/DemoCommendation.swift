import Domain
import Fluent
import OOXML
import Vapor

/// The commendation part of the Kon Rẫy demo, built through the same services the users drive:
/// the council roster, records of a few Đăk Ruồng subjects, a 2024 dossier carried through to its
/// decision, and a 2025 dossier waiting for Phòng Nội vụ to appraise it.
enum DemoCommendation {
    typealias Seat = (name: String, position: String, role: CouncilRole, unit: String, username: String?)
    static let roster: [Seat] = [
        ("Nguyễn Văn An", "Chủ tịch UBND huyện", .chair, "KR", nil),
        ("Nguyễn Thị Hằng", "Trưởng phòng Nội vụ", .standing, "KR-PNV", "noivu"),
        ("Trần Văn Bình", "Chánh Văn phòng HĐND và UBND huyện", .member, "KR-VP", "hoidong"),
        ("Y Nhung", "Trưởng phòng Giáo dục và Đào tạo", .member, "KR-GDDT", nil),
        ("Lê Văn Dũng", "Chủ tịch Ủy ban MTTQ Việt Nam huyện", .member, "KR-MTTQ", nil),
        ("Phạm Thị Mai", "Trưởng ban Tuyên giáo Huyện ủy", .member, "KR-BTG", nil),
        ("Đinh Văn Tuấn", "Trưởng phòng Văn hóa và Thông tin", .member, "KR-VHTT", nil),
    ]
    /// Đăk Ruồng's own council (from 01/07/2025 its chairman confers the base-level titles).
    static let communeRoster: [Seat] = [
        ("A Sáu", "Chủ tịch UBND xã", .chair, "KR-DAKRUONG", nil),
        ("A Thuận", "Công chức Văn hóa - Xã hội", .secretary, "KR-DAKRUONG", "dakruong"),
        ("Y Hoa", "Chủ tịch Ủy ban MTTQ Việt Nam xã", .member, "KR-DAKRUONG", "hd.dakruong"),
        ("A Khoa", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã", .member, "KR-DAKRUONG", nil),
        ("Y Linh", "Bí thư Đoàn xã", .member, "KR-DAKRUONG", nil),
    ]
    static let tanLapRoster: [Seat] = [
        ("Hồ Văn Lâm", "Chủ tịch UBND xã", .chair, "KR-TANLAP", nil),
        ("Nguyễn Thị Lan", "Công chức Văn hóa - Xã hội", .secretary, "KR-TANLAP", "tanlap"),
        ("Trần Văn Hải", "Chủ tịch Ủy ban MTTQ Việt Nam xã", .member, "KR-TANLAP", nil),
        ("Y Mai", "Chủ tịch Hội Liên hiệp Phụ nữ xã", .member, "KR-TANLAP", nil),
    ]
    /// The province council (its members vote on forms forwarded from below).
    static let provinceRoster: [Seat] = [
        ("Lê Ngọc Tuấn", "Chủ tịch UBND tỉnh", .chair, "KONTUM", nil),
        ("Phan Văn Lực", "Giám đốc Sở Nội vụ", .standing, "SNV", "sonoivu"),
        ("Nguyễn Hữu Tháp", "Chánh Văn phòng UBND tỉnh", .member, "KONTUM", nil),
        ("Y Ngọc", "Trưởng ban Thi đua - Khen thưởng", .secretary, "SNV", nil),
    ]

    static func load(app: Application, on db: any Database) async throws {
        let sets = app.ruleSets
        let jurisdiction = app.config?.jurisdiction ?? "VN"
        let system = Actor(userID: 0, username: "dữ liệu mẫu", role: .admin, unitID: nil, unitPath: nil)
        func unit(_ code: String) async throws -> UnitModel? {
            try await UnitModel.query(on: db).filter(\.$code == code).first()
        }
        guard let commune = try await unit("KR-DAKRUONG"), let communeID = commune.id else { return }

        let authorities = try await DemoAuthorities.load(actor: system, on: db)
        for (code, seats) in [
            ("KR", roster), ("KR-DAKRUONG", communeRoster), ("KR-TANLAP", tanLapRoster), ("KONTUM", provinceRoster),
        ] {
            guard let authorityID = authorities[code] else { continue }
            for m in seats {
                // Accounts exist only when the demo loads them; a seat without one votes on paper.
                var account: String?
                if let u = m.username, try await UserModel.query(on: db).filter(\.$username == u).count() > 0 {
                    account = u
                }
                _ = try await CouncilService.addMember(
                    CouncilMemberInput(
                        authorityID: authorityID, name: m.name, position: m.position,
                        unitID: try await unit(m.unit)?.id, username: account, role: m.role.rawValue),
                    actor: system, on: db)
            }
        }

        func subject(
            _ kind: SubjectKind, _ name: String, position: String = "", gender: String = "",
            ethnicity: String = "Xơ Đăng", unit: UnitModel? = nil
        ) async throws -> Int {
            let u = unit ?? commune
            let s = SubjectModel()
            s.kind = kind.rawValue
            s.name = name
            s.$unit.id = try u.requireID()
            s.gender = SubjectCatalogues.genderCode(gender)
            s.ethnicity = SubjectCatalogues.ethnicityCode(ethnicity)
            s.position = position
            s.birthDate = ""
            s.idNumber = ""
            s.phone = ""
            s.address = u.shortName + ", huyện Kon Rẫy"
            s.refreshSearch()
            try await s.create(on: db)
            return try s.requireID()
        }
        let thuong = try await subject(
            .individual, "Y Thương", position: "Công chức Văn hóa - Xã hội xã Đăk Ruồng", gender: "Nữ")
        let ha = try await subject(
            .individual, "Đinh Thị Hà", position: "Công chức Tư pháp - Hộ tịch xã Đăk Ruồng", gender: "Nữ",
            ethnicity: "Kinh")
        let bloi = try await subject(.household, "Hộ ông A Blơi")
        let police = try await subject(.collective, "Công an xã Đăk Ruồng", ethnicity: "")

        func record(
            _ id: Int, _ year: Int, _ rating: String?, _ titles: [String], exclusions: [String]? = nil,
            members: (Int, Int, Int, Int)? = nil
        ) async throws {
            _ = try await SubjectService.saveAnnualRecord(
                subjectID: id,
                AnnualRecordInput(
                    year: year, taskRating: rating, titles: titles, note: "", familyExclusions: exclusions,
                    memberCount: members?.0, membersCompleting: members?.1, membersLDTT: members?.2,
                    membersCSTD: members?.3, membersDisciplined: members == nil ? nil : 0),
                actor: system, on: db)
        }
        for y in 2023...2025 { try await record(thuong, y, "htxs", ["Lao động tiên tiến"]) }
        try await record(ha, 2024, "htt", [])
        try await record(ha, 2025, "htt", ["Lao động tiên tiến"])
        try await record(bloi, 2024, nil, ["Gia đình văn hóa"], exclusions: [])
        try await record(bloi, 2025, nil, [], exclusions: [])
        try await record(police, 2025, "htxs", [], members: (9, 9, 7, 1))
        for (year, title) in [
            (2024, "Số hóa sổ theo dõi thiết chế văn hóa thôn"),
            (2025, "Tuyên truyền pháp luật bằng tiếng Xơ Đăng qua loa truyền thanh thôn"),
        ] {
            _ = try await AwardService.addInitiative(
                subjectID: thuong,
                InitiativeInput(
                    year: year, kind: "sang-kien", title: title, scope: "co-so",
                    recognition: "Quyết định của Chủ tịch UBND xã Đăk Ruồng năm \(year)"), actor: system, on: db)
        }
        _ = try await AwardService.create(
            subjectID: thuong,
            AwardInput(
                formCode: "giay-khen", formName: nil, level: AwardLevel.xa.rawValue, year: 2023, period: "Năm 2023",
                decisionNumber: "45/QĐ-UBND", decisionDate: "2023-12-22", authority: "Ủy ban nhân dân xã Đăk Ruồng"),
            source: "nhap-tay", actor: system, sets: sets, on: db)

        // 2024: carried through to the decision.
        // 2024 happened before the reform: the district council considered it and its chairman decided.
        try await Today.$fixed.withValue("2024-12-10") {
            let d24 = try await dossier(
                app: app, year: 2024, number: "21/TTr-UBND", actor: system, sets: sets, jurisdiction: jurisdiction,
                communeID: communeID, on: db,
                nominees: [
                    (
                        thuong, "cstd-co-so",
                        "Hoàn thành xuất sắc nhiệm vụ; sáng kiến số hóa sổ theo dõi thiết chế văn hóa thôn được công nhận cấp cơ sở."
                    ),
                    (ha, "lao-dong-tien-tien", "Hoàn thành tốt nhiệm vụ; tích cực tham gia phong trào thi đua."),
                ])
            _ = try await DossierService.submit(d24, actor: system, sets: sets, on: db)
            for n in try await DossierNomineeModel.query(on: db).filter(\.$dossier.$id == d24).all() {
                try await DossierService.appraise(
                    dossierID: d24, nomineeID: try n.requireID(),
                    AppraisalInput(result: NomineeAppraisal.passed.rawValue, note: "Đủ điều kiện, đủ hồ sơ."),
                    actor: system, on: db)
            }
            _ = try await DossierService.finishAppraisal(d24, actor: system, on: db)
            let meeting = try await CouncilService.createMeeting(
                MeetingInput(
                    authorityID: authorities["KR"] ?? 0,
                    title: "Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm 2024", date: "2024-12-16",
                    location: "Phòng họp UBND huyện Kon Rẫy", chair: "Nguyễn Văn An", secretary: "Nguyễn Thị Hằng",
                    dossierIDs: [d24]), actor: system, sets: sets, jurisdiction: jurisdiction, on: db)
            let mid = try meeting.requireID()
            let seats = try await CouncilAttendanceModel.query(on: db).filter(\.$meeting.$id == mid).sort(\.$id).all()
                .map {
                    $0.$member.id
                }
            _ = try await CouncilService.setAttendance(
                mid, AttendanceInput(present: Array(seats.dropLast()), written: [seats.last!]), actor: system,
                sets: sets,
                on: db)
            try await CouncilService.openVoting(mid, actor: system, sets: sets, on: db)
            let nominees = try await DossierNomineeModel.query(on: db).filter(\.$dossier.$id == d24).all()
            for (i, seat) in seats.enumerated() {
                var choices: [String: String] = [:]
                for n in nominees {
                    choices[String(try n.requireID())] =
                        (i == 4 && n.formCode == "lao-dong-tien-tien")
                        ? BallotChoice.disagree.rawValue : BallotChoice.agree.rawValue
                }
                // Members with an account vote for themselves; the secretary enters the other ballots.
                if let uid = try await CouncilMemberModel.find(seat, on: db)?.userID,
                    let user = try await UserModel.find(uid, on: db)
                {
                    let voter = Actor(
                        userID: uid, username: user.username, role: Role(rawValue: user.role) ?? .councilMember,
                        unitID: nil, unitPath: nil)
                    try await CouncilService.cast(
                        mid, BallotInput(memberID: nil, choices: choices), actor: voter, sets: sets, on: db)
                } else {
                    try await CouncilService.cast(
                        mid, BallotInput(memberID: seat, choices: choices), actor: system, sets: sets, on: db)
                }
            }
            try await CouncilService.close(
                mid, notes: "Hội đồng thống nhất với kết quả thẩm định của Phòng Nội vụ.", actor: system, sets: sets,
                on: db
            )
            // The decision is signed on its own day: no decision is dated after "today".
            _ = try await Today.$fixed.withValue("2024-12-20") {
                try await DossierService.decide(
                    d24,
                    DecisionInput(
                        number: "120/QĐ-UBND", date: "2024-12-20", authority: "Ủy ban nhân dân huyện Kon Rẫy",
                        signer: "Trần Văn Minh", level: AwardLevel.huyen.rawValue), actor: system, sets: sets, on: db)
            }

            // 2025: submitted, waiting for the appraisal.
        }

        let d25 = try await dossier(
            app: app, year: 2025, number: "18/TTr-UBND", actor: system, sets: sets, jurisdiction: jurisdiction,
            communeID: communeID, on: db,
            nominees: [
                (
                    thuong, "cstd-co-so",
                    "Hoàn thành xuất sắc nhiệm vụ năm 2025; sáng kiến tuyên truyền pháp luật bằng tiếng Xơ Đăng."
                ),
                (
                    bloi, "gia-dinh-van-hoa",
                    "Gia đình gương mẫu chấp hành chủ trương, pháp luật; phát triển kinh tế hộ."
                ),
                (police, "tap-the-lao-dong-tien-tien", "Giữ vững an ninh trật tự trên địa bàn xã."),
            ])
        _ = try await DossierService.submit(d25, actor: system, sets: sets, on: db)

        // Another commune's 2025 dossier, also waiting for the appraisal.
        if let tanLap = try await unit("KR-TANLAP"), let tanLapID = tanLap.id {
            let son = try await subject(
                .individual, "Nguyễn Văn Sơn", position: "Công chức Địa chính - Xây dựng xã Tân Lập", gender: "Nam",
                ethnicity: "Kinh", unit: tanLap)
            let lanh = try await subject(.household, "Hộ bà Y Lanh", unit: tanLap)
            try await record(son, 2025, "htt", ["Lao động tiên tiến"])
            try await record(lanh, 2025, nil, [], exclusions: [])
            let d = try await dossier(
                app: app, year: 2025, number: "09/TTr-UBND", actor: system, sets: sets, jurisdiction: jurisdiction,
                communeID: tanLapID, on: db,
                nominees: [
                    (son, "giay-khen", "Hoàn thành tốt nhiệm vụ; đi đầu trong giải phóng mặt bằng."),
                    (lanh, "gia-dinh-van-hoa", "Gia đình văn hóa tiêu biểu của thôn."),
                ])
            _ = try await DossierService.submit(d, actor: system, sets: sets, on: db)
        }
    }

    /// A dossier with its nominees and every document its forms require (drafted by the system or a demo file).
    static func dossier(
        app: Application, year: Int, number: String, actor: Actor, sets: [RuleSet], jurisdiction: String,
        communeID: Int, on db: (any Database)? = nil,
        nominees: [(Int, String, String)]
    ) async throws -> Int {
        let db = db ?? app.db
        let d = try await DossierService.create(
            DossierInput(
                unitID: communeID, year: year, title: "Đề nghị khen thưởng thành tích năm \(year)", number: number),
            actor: actor, sets: sets, jurisdiction: jurisdiction, on: db)
        let id = try d.requireID()
        for (subject, form, achievement) in nominees {
            _ = try await DossierService.addNominee(
                dossierID: id,
                NomineeInput(subjectID: subject, formCode: form, achievement: achievement, acknowledgeWarning: true),
                actor: actor, sets: sets, jurisdiction: jurisdiction, on: db)
        }
        try await JudgementService.answerForDemo(dossierID: id, actor: actor, sets: sets, on: db)
        let full = try await DossierService.readable(id, actor: actor, on: db)
        let x = try await CommendationDocuments.load(full, sets: sets, on: db)
        let drafts: [(String, Data)] = [
            ("to-trinh", try CommendationDocuments.toTrinh(x)), ("danh-sach", try CommendationDocuments.danhSach(x)),
            ("bao-cao-thanh-tich", try CommendationDocuments.baoCao(x)),
        ]
        for (kind, data) in drafts {
            _ = try await DossierService.attach(
                dossierID: id, kind: kind, filename: kind + ".docx", bytes: Array(data), generated: true, actor: actor,
                sets: sets, app: app, on: db)
        }
        let set = try DossierService.ruleSet(full, sets: sets)
        for rule in set.requiredDocuments(for: Set(full.nominees.map(\.formCode))) where !rule.generated {
            let data = try DOCXWriter.data(paragraphs: [
                DOCXParagraph(rule.name, bold: true, uppercase: true, alignment: .center),
                DOCXParagraph("Tài liệu mẫu của dữ liệu trình diễn (năm \(year)).", alignment: .center),
            ])
            _ = try await DossierService.attach(
                dossierID: id, kind: rule.code, filename: rule.code + ".docx", bytes: Array(data), generated: false,
                actor: actor, sets: sets, app: app, on: db)
        }
        return id
    }
}
