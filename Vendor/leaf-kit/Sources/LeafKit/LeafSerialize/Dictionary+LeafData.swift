public extension Dictionary where Key == String, Value == LeafData {
    /// Điển Hình patch: a name without a dot is looked up directly, and a dotted one walks its components without
    /// making an array of them (`split`) and copies of it at every level. Empty components are skipped, as `split`
    /// skips them.
    subscript(keyPath keyPath: String) -> LeafData? {
        let utf8 = keyPath.utf8
        let dot = UInt8(ascii: ".")
        guard utf8.contains(dot) else {
            return keyPath.isEmpty ? nil : self[keyPath]
        }
        var level = self
        var found: LeafData? = nil
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: dot) ?? utf8.endIndex
            if start < end {
                if let previous = found {
                    // Only the last component's value may be other than a dictionary.
                    guard let next = previous.dictionary else {
                        return nil
                    }
                    level = next
                }
                guard let value = level[String(keyPath[start..<end])] else {
                    return nil
                }
                found = value
            }
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
        return found
    }

    subscript(keyPath comps: [String]) -> LeafData? {
        if comps.isEmpty {
            return nil
        } else if comps.count == 1 {
            return self[comps[0]]
        }

        var comps = comps
        let key = comps.removeFirst()
        guard let val = self[key]?.dictionary else {
            return nil
        }
        return val[keyPath: comps]
    }
}
