import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Stories, consents and recognised exemplars made straight in the database, until the editors' side (helper 1)
/// writes them through the app.
enum PublicFixture {
    /// A subject of `kind` that has a registration; made recognised (achieved) when it is not.
    static func recognisedSubject(_ app: Application, kind: SubjectKind) async throws -> SubjectModel {
        let regs = try await RegistrationModel.query(on: app.db).filter(\.$subjectKind == kind.rawValue)
            .sort(\.$id).with(\.$subject).all()
        if let r = regs.first(where: { $0.status.isExemplar }) { return r.subject }
        guard let r = regs.first else { return try await newRecognised(app, kind: kind) }
        try await (app.db as! any SQLDatabase).raw(
            "UPDATE registrations SET status = 'achieved' WHERE id = \(bind: r.id ?? 0)"
        ).run()
        try await audited(app, "registration \(r.id ?? 0) recognised")
        return r.subject
    }

    /// A new subject of `kind`, with personal data to look for, and a registration made recognised.
    static func newRecognised(_ app: Application, kind: SubjectKind) async throws -> SubjectModel {
        let unit = try #require(try await UnitModel.query(on: app.db).filter(\.$kind == "xa").sort(\.$id).first())
        let n = try await SubjectModel.query(on: app.db).count()
        let s = SubjectModel()
        s.kind = kind.rawValue
        s.name = kind == .collective ? "Tổ hợp tác số \(n)" : "Y Thị Hoa \(n)"
        s.$unit.id = unit.id ?? 0
        s.gender = kind == .individual ? "nu" : ""
        s.ethnicity = ""
        s.position = ""
        s.birthDate = kind == .individual ? "1981-04-0\(n % 9 + 1)" : ""
        s.idNumber = String(format: "0620810%05d", n)
        s.phone = String(format: "09886%05d", n)
        s.address = kind == .collective ? "" : "Số \(n) đường Hùng Vương, thôn Kon Rlong"
        s.refreshSearch()
        try await s.save(on: app.db)
        let r = RegistrationModel(subjectID: s.id ?? 0, unitID: unit.id ?? 0, year: 2025)
        r.subjectKind = kind.rawValue
        r.catalogueVersion = "2023.1"
        r.fieldCode = ""
        r.title = "Mô hình của \(s.name)"
        r.description = ""
        r.goals = ""
        r.contact = "Liên hệ 0977000\(String(format: "%03d", n % 1000))"
        r.searchText = VietnameseText.fold(r.title)
        r.sortKey = s.sortKey
        try await r.save(on: app.db)
        try await (app.db as! any SQLDatabase).raw(
            "UPDATE registrations SET status = 'achieved' WHERE id = \(bind: r.id ?? 0)"
        ).run()
        try await audited(app, "subject \(s.id ?? 0) made, recognised")
        return try await SubjectModel.query(on: app.db).filter(\.$id == s.id ?? 0).with(\.$unit).first()!
    }

    /// A subject of `kind` with no recognised registration (never public as an exemplar).
    static func unrecognisedSubject(_ app: Application, kind: SubjectKind) async throws -> SubjectModel? {
        let regs = try await RegistrationModel.query(on: app.db).filter(\.$subjectKind == kind.rawValue)
            .with(\.$subject).all()
        let recognised = Set(regs.filter { $0.status.isExemplar }.map { $0.$subject.id })
        return regs.first { !recognised.contains($0.$subject.id) }?.subject
    }

    @discardableResult
    static func story(
        _ app: Application, title: String, status: StoryStatus, subjects: [Int], column: String = "song-dep",
        lead: String = "Một tấm gương sáng.", publishedAt: Date = Date(), minority: (String, String, String)? = nil
    ) async throws -> StoryModel {
        let unitID = try #require(try await UnitModel.query(on: app.db).sort(\.$id).first()?.id)
        let s = StoryModel(draftOf: unitID)
        // The story reaches `status` through the editorial workflow's own moves.
        let steps: [StoryStatus] =
            switch status {
            case .draft: []
            case .awaitingApproval: [.awaitingApproval]
            case .published: [.awaitingApproval, .published]
            case .withdrawn: [.awaitingApproval, .published, .withdrawn]
            }
        for step in steps { try s.move(to: step) }
        s.columnCode = column
        s.title = title
        s.slug = VietnameseText.fold(title).split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
        s.lead = lead
        s.bodyHTML = "<p>Nội dung bài <strong>\(title)</strong>.</p>"
        s.minoritySummary = minority?.1 ?? ""
        s.minorityLang = minority?.0 ?? ""
        s.minorityTranslator = minority?.2 ?? ""
        s.searchText = VietnameseText.fold(title + " " + lead)
        s.publishedAt = status == .published || status == .withdrawn ? publishedAt : nil
        s.createdAt = publishedAt
        s.updatedAt = publishedAt
        try await s.save(on: app.db)
        for id in subjects {
            let link = StorySubjectModel()
            link.storyID = s.id ?? 0
            link.subjectID = id
            try await link.save(on: app.db)
        }
        try await audited(app, "story \(s.id ?? 0) made")
        return s
    }

    @discardableResult
    static func consent(_ app: Application, subjectID: Int) async throws -> ConsentModel {
        let c = ConsentModel()
        c.subjectID = subjectID
        c.givenBy = "Người được nêu gương"
        c.givenOn = "2026-01-10"
        c.method = .writtenForm
        c.scopeNote = "Tên, ảnh, thành tích"
        c.recordedAt = Date()
        try await c.save(on: app.db)
        try await audited(app, "consent \(c.id ?? 0) recorded")
        return c
    }

    static func withdraw(_ app: Application, _ c: ConsentModel) async throws {
        c.withdrawnAt = Date()
        c.withdrawReason = "Xin rút"
        try await c.save(on: app.db)
        try await audited(app, "consent \(c.id ?? 0) withdrawn")
    }

    /// What every service does with a write, for the fixtures that write past the services: an entry in the audit
    /// chain, whose head the public pages' copies follow (`PageCache`).
    static func audited(_ app: Application, _ summary: String) async throws {
        try await AuditLog.record(
            on: app.db, actor: nil, action: "update", entity: "test-fixture", entityID: nil, unitID: nil,
            summary: summary, before: nil as String?, after: nil as String?)
    }

    static func storyHref(_ s: StoryModel) -> String { PublicPath.story(id: s.id ?? 0, slug: s.slug).href }
}
