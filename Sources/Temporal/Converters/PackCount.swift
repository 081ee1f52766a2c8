/// Counts the element types of a parameter pack.
package enum PackCount {
    /// The number of types in the pack.
    package static func count<each Element>(_ types: repeat (each Element).Type) -> Int {
        var count = 0
        for _ in repeat each types {
            count += 1
        }
        return count
    }
}
