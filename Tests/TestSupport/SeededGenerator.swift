import Foundation

/// A reproducible random number generator (SplitMix64) for fuzz tests.
///
/// `SeededGenerator.fromEnvironment(test:)` takes its seed from `BMRS_FUZZ_SEED` (decimal) or a fixed default and
/// prints it, so any failure can be replayed with `BMRS_FUZZ_SEED=<seed> swift test --filter <test>`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The seed used when `BMRS_FUZZ_SEED` is not set.
    public static let defaultSeed: UInt64 = 20_261_202

    private var state: UInt64
    /// The seed this generator started from.
    public let seed: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator seeded from `BMRS_FUZZ_SEED` or `defaultSeed`; prints the seed with the test's name.
    public static func fromEnvironment(test: String) -> SeededGenerator {
        let text = ProcessInfo.processInfo.environment["BMRS_FUZZ_SEED"] ?? ""
        let seed = UInt64(text) ?? defaultSeed
        print("\(test): BMRS_FUZZ_SEED=\(seed)")
        return SeededGenerator(seed: seed)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body` on a new thread with a stack of `stackSize` bytes (as ingest's fetch workers have) and waits
/// for it to finish: a test of deep input then fails the same way whatever thread the test runs on.
public func onThread<T: Sendable>(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> T) -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    // Safe: written once by the worker thread before it signals, read after the wait.
    var value: T?
}

/// Random damage to a body, for fuzz tests.
public enum Mangler {
    /// `body` with one to four random edits: a random byte, a deletion, an inserted byte from `alphabet`,
    /// a repeated slice (deep nesting, long runs) or a cut.
    public static func mangle(_ body: [UInt8], alphabet: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var body = body
        for _ in 0..<Int.random(in: 1...4, using: &generator) where !body.isEmpty {
            let position = Int.random(in: 0..<body.count, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0...2: body[position] = UInt8.random(in: 0...255, using: &generator)
            case 3...4: body.remove(at: position)
            case 5...7: body.insert(alphabet.randomElement(using: &generator)!, at: position)
            case 8:
                let end = min(body.count, position + Int.random(in: 1...8, using: &generator))
                let slice = body[position..<end]
                body.insert(
                    contentsOf: Array(repeating: slice, count: Int.random(in: 2...300, using: &generator)).joined(),
                    at: position)
            default: body.removeSubrange(position...)
            }
        }
        return body
    }
}
