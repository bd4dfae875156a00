public extension Dictionary where Key == String, Value == LeafData {
    /// Điển Hình patch: a name without a dot is looked up directly, and a dotted one walks its components without
    /// making an array of them and copies of it at every level.
    subscript(keyPath keyPath: String) -> LeafData? {
        guard keyPath.utf8.contains(UInt8(ascii: ".")) else {
            return keyPath.isEmpty ? nil : self[keyPath]
        }
        let comps = keyPath.split(separator: ".")
        guard let last = comps.last else {
            return nil
        }
        var level = self
        for comp in comps.dropLast() {
            guard let next = level[String(comp)]?.dictionary else {
                return nil
            }
            level = next
        }
        return level[String(last)]
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
