import Synchronization

/// The run's retry budget, shared by the fetch workers.
final class RetryBudget: Sendable {
    private let state: Mutex<(remaining: Int, exhausted: Bool)>

    init(_ total: Int) { state = Mutex((total, false)) }

    /// Takes one retry; false (and exhausted from then on) when none is left.
    func take() -> Bool {
        state.withLock { state in
            guard state.remaining > 0 else {
                state.exhausted = true
                return false
            }
            state.remaining -= 1
            return true
        }
    }

    /// True once a retry was refused.
    var isExhausted: Bool { state.withLock { $0.exhausted } }
}
