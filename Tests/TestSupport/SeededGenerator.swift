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
