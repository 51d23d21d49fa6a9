/// A repeatable random source for the fuzz tests: SplitMix64 (Steele, Lea, Flood 2014), a
/// few lines that every run reproduces from its seed, which Swift's system generator cannot
/// do. A failing case names its seed and index, so it can be replayed exactly.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One of `choices`.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    /// A string of up to `maximumLength` pieces drawn from `alphabet`.
    public mutating func string(from alphabet: [String], maximumLength: Int) -> String {
        let count = Int.random(in: 0...maximumLength, using: &self)
        return (0..<count).map { _ in pick(alphabet) }.joined()
    }
}
