import Domain
import Vapor

/// The main menu of the signed-in pages: its links, grouped by task, each with what the Policy asks for the actor to
/// see it. Adding a page to the menu is one line in its group.
///
/// The links are made once; a page asks only which ones its actor sees (one bit each) and which one is open
/// (`MenuKey`). That is also the key of the menu kept as rendered (`MenuCache`): building the thirty-odd items, their
/// hrefs and a text key on every page was a fifteenth of the national web list's samples under load (session 46).
enum MainMenu {
    /// A menu item: its place, and whether the Policy lets `actor` see it.
    struct Entry: Sendable {
        /// Index in `groups`; nil: outside any group (the dashboard).
        let group: Int?
        let label: String
        let href: String
        let visible: @Sendable (Actor) -> Bool
    }

    static let groups: [(label: String, key: String)] = [
        ("Thiết lập", "thiet-lap"), ("Điển hình", "dien-hinh"), ("Khen thưởng", "khen-thuong"),
        ("Tuyên truyền", "tuyen-truyen"), ("Báo cáo", "bao-cao"),
    ]

    static let entries: [Entry] = {
        let always: @Sendable (Actor) -> Bool = { _ in true }
        func top(_ label: String, _ href: String) -> Entry {
            Entry(group: nil, label: label, href: href, visible: always)
        }
        func group(_ index: Int) -> (String, String, @escaping @Sendable (Actor) -> Bool) -> Entry {
            { label, href, visible in Entry(group: index, label: label, href: href, visible: visible) }
        }
        let (setup, exemplars, awards, publicity, reports) = (group(0), group(1), group(2), group(3), group(4))
        let export = (
            xlsx: RegistrationsPath.export.href([("format", "xlsx")]),
            csv: RegistrationsPath.export.href([("format", "csv")])
        )
        return [
            top("Tổng quan", HomePath.home.href),
            setup("Đơn vị", UnitsPath.list.href) { Policy.unitScope($0) != .none },
            setup("Sắp xếp lại đơn vị", ReorganisationPath.form.href) { Policy.allows($0, .read, .reorganisation) },
            setup("Cụm, khối thi đua", GroupsPath.list.href, always),
            setup("Tài khoản người dùng", UsersPath.list.href) { Policy.userScope($0) != .none },
            setup("Danh mục tiêu chuẩn", CataloguePath.catalogue.href, always),
            setup("Lịch ngày nghỉ", CalendarPath.calendar.href) { Policy.allows($0, .update, .calendar) },
            setup("Cấp khen thưởng", AuthoritiesPath.list.href) {
                Policy.allows($0, .update, .authority(nil)) || Policy.allows($0, .create, .authority(nil))
            },
            setup("Nhập dữ liệu", ImportsPath.imports.href) { Policy.allows($0, .createUnitRecords) },
            setup("Nhật ký", AuditPath.audit.href) { Policy.allows($0, .list, .auditLog) },
            setup("Thiết lập từ bảng tính", SetupImportPath.page.href) { Policy.allows($0, .create, .setupImport) },
            setup("Mở năm mới", RolloverPath.form.href) { Policy.allows($0, .update, .yearRollover) },
            exemplars("Đăng ký điển hình", RegistrationsPath.list.href) { Policy.allows($0, .followRegistrations) },
            exemplars("Tiêu chí cụ thể", SubjectsPath.criteria.href) { Policy.allows($0, .followRegistrations) },
            exemplars("Phong trào", MovementsPath.list.href, always),
            exemplars("Nộp báo cáo cụm, khối", GroupWorkPath.mine.href) { Policy.seesGroupWork($0) },
            exemplars("Nhân rộng mô hình", ReplicationsPath.list.href) { Policy.allows($0, .followRegistrations) },
            exemplars("Điển hình do người dân giới thiệu", ProposalsPath.queue.href) {
                Policy.proposalScope($0) != .none
            },
            awards("Hồ sơ khen thưởng", DossiersPath.list.href) { Policy.recordScope($0) != .none },
            awards("Tra cứu khen thưởng", AwardsPath.awards.href) { Policy.recordScope($0) != .none },
            awards("Hội đồng TĐKT", CouncilPath.council.href) { Policy.allows($0, .list, .council(nil)) },
            awards("Sổ quyết định", DecisionsPath.register.href) { Policy.allows($0, .list, .council(nil)) },
            publicity("Bài viết", StoriesPath.list.href) { Policy.storyScope($0) != .none },
            publicity("Tin, bài trên báo, đài, loa", MediaPath.list.href) { Policy.mediaScope($0) != .none },
            publicity("Sự kiện, hội nghị", EventPath.list.href) { Policy.eventScope($0) != .none },
            publicity("Trang công khai", HomePath.publicHome.href) { Policy.allows($0, .publicise) },
            reports("Số liệu theo dõi", DashboardPath.dashboard.href) { Policy.defaultStatsTarget($0) != nil },
            reports("Chỉ tiêu điển hình", MonitoringPath.quotas.href) { Policy.quotaScope($0) != .none },
            reports("Báo cáo sơ kết, tổng kết", ReportsPath.list.href) {
                Policy.allows($0, .list, .periodicReport(nil))
            },
            reports("Biểu thống kê TĐKT", StatisticsPath.list.href) { Policy.defaultStatsTarget($0) != nil },
            reports("Danh sách đăng ký (Excel)", export.xlsx) { Policy.allows($0, .followRegistrations) },
            reports("Danh sách đăng ký (CSV)", export.csv) { Policy.allows($0, .followRegistrations) },
        ]
    }()

    /// Each entry's index by its href (the open page is named by its href).
    private static let indexByHref: [String: Int] = Dictionary(
        entries.enumerated().map { ($1.href, $0) }, uniquingKeysWith: { first, _ in first })

    /// Which entries `actor` sees and which is open; without an actor, only the links outside the groups.
    static func key(for actor: Actor?, active: String) -> MenuKey {
        var visible: UInt64 = 0
        for (i, entry) in entries.enumerated() {
            let shown = actor.map(entry.visible) ?? (entry.group == nil)
            if shown { visible |= 1 << UInt64(i) }
        }
        // A page whose link the actor does not see has none open (one copy of the menu, not two).
        let open = indexByHref[active].flatMap { visible & (1 << UInt64($0)) != 0 ? $0 : nil } ?? -1
        return MenuKey(visible: visible, active: open)
    }

    /// The items of the menu `key` names; a group none of whose items is shown is left out.
    static func items(_ key: MenuKey) -> (nav: [NavItem], groups: [NavGroup]) {
        var nav: [NavItem] = []
        var grouped = [[NavItem]](repeating: [], count: groups.count)
        for (i, entry) in entries.enumerated() where key.visible & (1 << UInt64(i)) != 0 {
            let item = NavItem(label: entry.label, href: entry.href, active: i == key.active)
            if let g = entry.group { grouped[g].append(item) } else { nav.append(item) }
        }
        let drawn = zip(groups, grouped).filter { !$1.isEmpty }.map { NavGroup($0.label, key: $0.key, $1) }
        return (nav, drawn)
    }
}

/// A main menu as a page shows it: which entries of `MainMenu` its actor sees (bit i for entry i) and which one is
/// open (-1: none).
struct MenuKey: Hashable, Sendable {
    let visible: UInt64
    let active: Int
}
