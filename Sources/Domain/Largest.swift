extension Array {
    /// The `limit` elements with the largest `value`, in their order here (ties: the earlier first). What a dashboard's
    /// chart or table keeps when it cannot show everything.
    public func largest(_ limit: Int, by value: (Element) -> Int) -> [Element] {
        guard count > limit else { return self }
        let keep = Set(indices.sorted { (value(self[$0]), -$0) > (value(self[$1]), -$1) }.prefix(limit))
        return indices.filter(keep.contains).map { self[$0] }
    }
}
