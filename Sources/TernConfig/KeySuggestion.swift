/// The valid key nearest to a misspelt one (Levenshtein distance), for "did you mean" messages.
enum KeySuggestion {
    /// The nearest of `candidates` to `key`, if it is near enough to be a plausible typo: within
    /// `maxDistance`, by default a third of the key's length (at least 2, so short keys get a
    /// suggestion too). Case and `_`/`-` are ignored, so `db_pool_size` and `dbPoolSize` find
    /// `db-pool-size`.
    static func nearest(to key: String, in candidates: [String], maxDistance: Int? = nil) -> String? {
        let wanted = normalized(key)
        let scored = candidates.map { (candidate: $0, distance: distance(wanted, normalized($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= (maxDistance ?? max(2, wanted.count / 3)) ? best.candidate : nil
    }

    static func normalized(_ key: String) -> [Character] {
        Array(key.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// Edit distance: insertions, deletions and substitutions, one row at a time.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
