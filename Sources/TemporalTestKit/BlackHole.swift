/// Does nothing, out of sight of the optimiser: a test that awaits it from another module is sure
/// to reach a real suspension point instead of code inlined away.
@inline(never)
package func blackHole(_ x: Int) async {}
