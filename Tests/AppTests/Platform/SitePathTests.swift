import Testing
import Vapor

@testable import App

/// Every web page and form target is a case of its feature's path enum: the same value registers the route and
/// builds its links, so a link cannot point at a route that does not exist.
@Suite("Typed site paths")
struct SitePathTests {
    /// One value of every case, by feature.
    static let all: [any SitePath] = [
        HomePath.publicHome, HomePath.home, AuthPath.login, AuthPath.logout, AuditPath.audit, AuditPath.entry(.key),
        UnitsPath.list, UnitsPath.new, UnitsPath.unit(.key), UnitsPath.edit(.key), UnitsPath.delete(.key),
        ReorganisationPath.form, ReorganisationPath.apply,
        GroupsPath.list, GroupsPath.group(.key), UsersPath.list, UsersPath.new, UsersPath.user(.key),
        UsersPath.edit(.key),
        MovementsPath.list, MovementsPath.new, MovementsPath.movement(.key), MovementsPath.edit(.key),
        CataloguePath.catalogue, CataloguePath.version(.key),
        ImportsPath.imports, ImportsPath.template, ImportsPath.job(.key), ImportsPath.annualRecords,
        ImportsPath.annualRecordsTemplate,
        RegistrationsPath.list, RegistrationsPath.new, RegistrationsPath.export, RegistrationsPath.registration(.key),
        RegistrationsPath.edit(.key), RegistrationsPath.transitions(.key), RegistrationsPath.actions(.key),
        RegistrationsPath.evidence(.key), RegistrationsPath.newEvaluation(.key), RegistrationsPath.evaluations(.key),
        RegistrationsPath.action(.key), RegistrationsPath.evidenceFile(.key),
        RegistrationsPath.print(.key), RegistrationsPath.printDOCX(.key), EvaluationsPath.print(.key),
        EvaluationsPath.printDOCX(.key),
        SubjectsPath.subject(.key), SubjectsPath.annualRecords(.key), SubjectsPath.initiatives(.key),
        SubjectsPath.awards(.key), SubjectsPath.deleteAward(.key), SubjectsPath.criteria,
        RolloverPath.form, RolloverPath.criteria, RolloverPath.invitations,
        DossiersPath.list, DossiersPath.dossier(.key), DossiersPath.nominees(.key),
        DossiersPath.removeNominee(.key, nominee: .key), DossiersPath.appraisal(.key, nominee: .key),
        DossiersPath.withdrawNominee(.key, nominee: .key),
        DossiersPath.documents(.key), DossiersPath.generate(.key), DossiersPath.draft(.key, kind: .key),
        DossiersPath.document(.key), DossiersPath.submit(.key), DossiersPath.finishAppraisal(.key),
        DossiersPath.decision(.key), DossiersPath.forward(.key),
        StateDecisionPath.proposal(.key), StateDecisionPath.decision(.key),
        CouncilPath.council, CouncilPath.members, CouncilPath.memberActive(.key), CouncilPath.meetings,
        CouncilPath.meeting(.key), CouncilPath.attendance(.key), CouncilPath.open(.key), CouncilPath.ballots(.key),
        CouncilPath.close(.key), CouncilPath.minutes(.key),
        AuthoritiesPath.list, AuthoritiesPath.authority(.key), AuthoritiesPath.new,
        AwardsPath.awards, AwardsPath.eligibility(.key), JudgementPath.answers(.key),
        CalendarPath.calendar, CalendarPath.day(.key), CalendarPath.edit(.key), CalendarPath.delete(.key),
        DecisionsPath.register, DecisionsPath.new, DecisionsPath.decision(.key), DecisionsPath.withdraw(.key),
        DecisionsPath.correct(.key),
        CertificatesPath.layouts(.key), CertificatesPath.newLayout(.key), CertificatesPath.layout(.key),
        CertificatesPath.print(.key), CertificatesPath.docx(.key), CertificatesPath.stylesheet,
        NoticesPath.inbox, NoticesPath.read(.key), NoticesPath.readAll,
        MediaPath.list, MediaPath.entry(.key), MediaPath.delete(.key), ProposalsPath.publicForm, ProposalsPath.queue,
        ProposalsPath.proposal(.key), ProposalsPath.move(.key),
        ConsentPath.record(.key), ConsentPath.withdraw(.key), ConsentPath.file(.key),
        ReplicationsPath.list, ReplicationsPath.new, ReplicationsPath.replication(.key), ReplicationsPath.edit(.key),
        ReplicationsPath.move(.key), ReplicationsPath.newAssessment(.key), ReplicationsPath.assessments(.key),
        MonitoringPath.quotas,
        GroupWorkPath.mine, GroupWorkPath.board(.key, year: .key), GroupWorkPath.deadline(.key, year: .key),
        GroupWorkPath.head(.key, year: .key), GroupWorkPath.member(.key, year: .key, unit: .key),
        GroupWorkPath.submit(.key, year: .key, unit: .key), GroupWorkPath.pledge(.key, year: .key, unit: .key),
        GroupWorkPath.returnSubmission(.key, year: .key, unit: .key), GroupWorkPath.scores(.key, year: .key),
        GroupWorkPath.file(.key), GroupWorkPath.accept(.key, year: .key, unit: .key),
        ReportsPath.list, ReportsPath.new, ReportsPath.report(.key), ReportsPath.docx(.key),
        DashboardPath.dashboard, DashboardPath.export,
        StatisticsPath.list, StatisticsPath.form(.key), StatisticsPath.xlsx(.key),
        AccountPath.account, AccountPath.password, AccountPath.endSession(.key), AccountPath.endOthers,
        UserAdminPath.resetPassword(.key), HelpPath.index, HelpPath.topic(.key), SupportPath.support, SupportPath.edit,
        RewardsPath.fund(.key), RewardsPath.year(.key, year: .key), RewardsPath.yearXLSX(.key, year: .key),
        SetupImportPath.page, SetupImportPath.template(.key), SetupImportPath.upload(.key), GroupEditPath.new,
        GroupEditPath.edit(.key), GroupEditPath.members(.key), GroupEditPath.removeMember(.key, unit: .key),
        ExportPath.units, ExportPath.users, ExportPath.audit, ExportPath.awards, ExportPath.dossiers,
        ExportPath.decisions, ExportPath.quotas,
        PublicPath.column(.key), PublicPath.columnFeed(.key), PublicPath.story(.key), PublicPath.photo(.key),
        PublicPath.exemplars, PublicPath.exemplar(.key), PublicPath.search, PublicPath.feed, PublicPath.sitemap,
        PublicPath.sitemapPart(.key), PublicPath.robots,
        EventPath.list, EventPath.new, EventPath.event(.key), EventPath.edit(.key), EventPath.status(.key),
        EventPath.files(.key), EventPath.file(.key), EventPath.invitation(.key), EventPath.report(.key),
        StoriesPath.list, StoriesPath.new, StoriesPath.story(.key), StoriesPath.edit(.key), StoriesPath.move(.key),
        StoriesPath.photos(.key), StoriesPath.photo(.key, .key),
    ]

    @Test("Links: ids and texts fill the parameters, a query string is encoded, empty values are left out")
    func links() {
        #expect(UnitsPath.unit(.id(3)).href == "/app/units/3")
        #expect(HomePath.publicHome.href == "/")
        #expect(DossiersPath.appraisal(.id(7), nominee: .id(9)).href == "/app/dossiers/7/nominees/9/appraisal")
        #expect(CataloguePath.version(.text("2023.1")).href == "/app/catalogue/2023.1")
        #expect(DossiersPath.draft(.id(1), kind: .text("a b/c")).href == "/app/dossiers/1/docx/a%20b%2Fc")
        #expect(
            AwardsPath.eligibility(.id(4)).href([("year", "2024"), ("x", "")])
                == "/app/subjects/4/eligibility?year=2024")
        #expect(RegistrationsPath.list.href([("q", "Đăk")]) == "/app/registrations?q=%C4%90%C4%83k")
        #expect(UnitsPath.unit(.key).href == "/app/units/:id")
    }

    /// `QueryString.encode` against Foundation's `URLComponents.queryItems`: the same text but for `+`, which is
    /// written `%2B`; and what the app reads back (`Request.parseQuery`) is what was written, a plus sign included
    /// (Foundation's bare `+` came back as a space).
    @Test
    func queryStringAsFoundation() {
        var rng = SplitMix64(seed: 50)
        let pieces =
            ["a", "Z", "0", "+", " ", "&", "=", "#", "%", "/", "?", "Đ", "ắ", "ồ", "😀", "\t", "\n", ";", "~"]
            + (32..<127).map { String(UnicodeScalar(UInt8($0))) }
        for n in 0..<2_000 {
            let items = (0..<(n % 4 + 1)).map { _ in
                (
                    "k" + (0..<rng.int(4)).map { _ in pieces[rng.int(pieces.count)] }.joined(),
                    "v" + (0..<rng.int(12)).map { _ in pieces[rng.int(pieces.count)] }.joined()
                )
            }
            var c = URLComponents()
            c.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
            let foundation = (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            let ours = QueryString.encode(items)
            #expect(ours == foundation)
            var last: [String: String] = [:]
            for (k, v) in items { last[k] = v }
            #expect(Request.parseQuery(ours) == last)
        }
        #expect(QueryString.encode([]) == "")
        #expect(RegistrationsPath.list.href([("q", "C++ +84")]) == "/app/registrations?q=C%2B%2B%20%2B84")
        #expect(RegistrationsPath.list.href([("q", "")]) == "/app/registrations")
    }

    @Test("A row's link made by IDLink is the path's own link, for any id")
    func idLinks() {
        let registration = IDLink(RegistrationsPath.registration)
        let unit = IDLink(UnitsPath.unit)
        let evidence = IDLink(RegistrationsPath.evidence)
        for id in [0, 1, 7, 47_956, -3, Int.max, Int.min] + (0..<200).map({ _ in Int.random(in: 0..<10_000_000) }) {
            #expect(registration.href(id) == RegistrationsPath.registration(.id(id)).href)
            #expect(unit.href(id) == UnitsPath.unit(.id(id)).href)
            #expect(evidence.href(id) == RegistrationsPath.evidence(.id(id)).href)
        }
        #expect(RegistrationRow.link.href(12) == "/app/registrations/12")
        #expect(UnitRow.link.href(3) == "/app/units/3")
    }

    @Test("The web routes are exactly the paths' cases: each case is registered, and no page is registered without one")
    func routesAreThePaths() async throws {
        try await withTestApp { app in
            let registered = Set(
                app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") }
                    .filter { !$0.hasPrefix("/api/") && $0 != "/healthz" })
            let typed = Set(Self.all.map(\.href))
            #expect(typed.count == Self.all.count, "two cases share a path")
            #expect(
                registered.subtracting(typed).isEmpty,
                "routes without a path case: \(registered.subtracting(typed).sorted())")
            #expect(
                typed.subtracting(registered).isEmpty,
                "path cases without a route: \(typed.subtracting(registered).sorted())")
        }
    }
}
