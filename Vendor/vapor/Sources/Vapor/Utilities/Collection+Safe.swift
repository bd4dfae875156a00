extension Collection {
    /// Returns the element at the specified index if it is within bounds, otherwise nil.
    subscript (safe index: Index) -> Element? {
        self.indices.contains(index) ? self[index] : nil
    }
}
