import Store

/// The bounded channel between the fetch workers and the merger.
///
/// Workers take windows in date order and put their fetched chunks back; the merger takes the chunks in the
/// same order. At most `capacity` windows are out at once (being fetched, or fetched and waiting for the
/// merger), so memory stays bounded however far the network runs ahead of the merge. `stop()` (the merge
/// failed, or the retry budget is spent) hands out no more windows and wakes every waiting thread.
///
/// `@unchecked Sendable` is safe: every stored variable is read and written only inside `lock.withLock`.
final class FetchPipeline: @unchecked Sendable {
    private let lock = ConditionLock()
    private let windows: [ChunkWindow]
    private let capacity: Int
    private var next = 0
    private var merged = 0
    private var stopped = false
    private var results: [Int: FetchedChunk] = [:]

    /// A pipeline over `windows` letting `capacity` (at least 1) of them be out at once.
    init(_ windows: [ChunkWindow], capacity: Int) {
        self.windows = windows
        self.capacity = max(capacity, 1)
    }

    /// The next window to fetch, waiting while `capacity` are out; nil when no more will be handed out.
    func take() -> (index: Int, window: ChunkWindow)? {
        lock.withLock {
            while !stopped && next < windows.count && next - merged >= capacity { lock.wait() }
            guard !stopped, next < windows.count else { return nil }
            next += 1
            return (next - 1, windows[next - 1])
        }
    }

    /// Hands a fetched chunk to the merger.
    func put(_ chunk: FetchedChunk) {
        lock.withLock {
            results[chunk.index] = chunk
            lock.broadcast()
        }
    }

    /// Waits for chunk `index` (taken in order); nil when it will never be fetched (the pipeline stopped first).
    func result(_ index: Int) -> FetchedChunk? {
        lock.withLock {
            while true {
                if let chunk = results.removeValue(forKey: index) {
                    merged = max(merged, index + 1)
                    lock.broadcast()
                    return chunk
                }
                if index >= next && (stopped || next == windows.count) { return nil }
                lock.wait()
            }
        }
    }

    /// Hands out no more windows and wakes every waiting thread.
    func stop() {
        lock.withLock {
            stopped = true
            lock.broadcast()
        }
    }

    /// True once `stop()` was called.
    var isStopped: Bool { lock.withLock { stopped } }

    /// Waits `seconds` (a retry's backoff), returning early when the pipeline stops; false when it stopped.
    func pause(seconds: Double) -> Bool {
        let deadline = monotonicSeconds() + max(seconds, 0)
        return lock.withLock {
            while !stopped && monotonicSeconds() < deadline { lock.wait(until: deadline) }
            return !stopped
        }
    }
}
