import Fluent
import SQLKit

/// Every schema change, in order. One migration per change; the same list runs on SQLite and PostgreSQL.
enum Migrations {
    static let all: [any AsyncMigration] = [
        CreateUnits(),
        CreateUnitGroups(),
        CreateUsers(),
        CreateAuthTokens(),
        CreateAuditEntries(),
        CreateCatalogue(),
        CreateMovements(),
        CreateLifecycle(),
        CreateImportJobs(),
        CreateCommendation(),
        EnglishStatusCodes(),
        AddImportJobHeartbeat(),
        AddAuditChain(),
        CreateLoginFailures(),
        ConferringAuthorities(),
        CreateUnitSuccessions(),
        CreateCalendarDays(),
        CreateDecisionRegister(),
        CreateCertificateLayouts(),
        AddAwardRewardAmounts(),
        CreateFundEntries(),
        CreateNotices(),
        CreateStateDecisions(),
        AddRegistrationOrderIndex(),
        AddAccountSecurity(),
        CreateSettings(),
        SubjectFieldCodes(),
        CreatePeriodicReports(),
        CreateGroupWork(),
        AddGroupAcceptance(),
        AddAchievementKeys(),
        CreateInitiativeUses(),
        AddRegistrationListIndexes(),
        AddRegistrationSearch(),
        CreateJudgementAnswers(),
    ]
}
