/// Runs of consecutive ids, each `[first, last]`, in order: the registrations an import made, in its audit entry. A
/// bulk import's ids follow one another, so 50,000 of them are one pair where, written one by one, they made an
/// entry of 300 KB (and the audit page of 1.5 MB at national scale; issue 11).
public enum IDRanges {
    public static func of(_ ids: some Sequence<Int>) -> [[Int]] {
        var runs: [[Int]] = []
        for id in ids.sorted() {
            if let last = runs.last?[1], id <= last + 1 {
                runs[runs.count - 1][1] = max(last, id)
            } else {
                runs.append([id, id])
            }
        }
        return runs
    }
}
