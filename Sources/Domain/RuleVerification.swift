// How much of a rule file is confirmed from the legal text: the closing note of issue 9 reports, per rule file, how
// many conditions are still marked unverified ("cần xác minh").

extension RuleSet {
    /// The codes of the conditions still marked unverified, in file order.
    public var unverifiedConditionCodes: [String] {
        forms.flatMap { f in f.conditions.filter { !$0.verified }.map(\.code) }
    }

    /// (unverified, all) conditions of this rule file.
    public var verificationCount: (unverified: Int, total: Int) {
        (unverifiedConditionCodes.count, forms.reduce(0) { $0 + $1.conditions.count })
    }
}
