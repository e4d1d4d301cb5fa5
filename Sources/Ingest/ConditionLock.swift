#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A mutex with a condition variable (pthreads), for state that threads wait on: the fetch pipeline.
///
/// `@unchecked Sendable` is safe: the mutex and condition are allocated once, never moved, and only used through
/// pthread calls, which are thread-safe by contract.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        #if canImport(Glibc)
            // Timed waits measure CLOCK_MONOTONIC, so changing the wall clock neither stretches nor cuts them.
            var attributes = pthread_condattr_t()
            pthread_condattr_init(&attributes)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
            pthread_cond_init(condition, &attributes)
            pthread_condattr_destroy(&attributes)
        #else
            pthread_cond_init(condition, nil)
        #endif
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a broadcast; call inside `withLock`, in a loop that re-checks the condition.
    func wait() {
        pthread_cond_wait(condition, mutex)
    }

    /// Waits for a broadcast or until `deadline` (monotonic seconds); call inside `withLock`, in a loop.
    func wait(until deadline: Double) {
        var time = timespec()
        let whole = deadline.rounded(.down)
        time.tv_sec = Int(whole)
        time.tv_nsec = Int((deadline - whole) * 1_000_000_000)
        _ = pthread_cond_timedwait(condition, mutex, &time)
    }

    /// Wakes every waiting thread; call inside `withLock`.
    func broadcast() {
        pthread_cond_broadcast(condition)
    }
}

/// Seconds on the monotonic clock (for durations and deadlines).
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
}

/// Microseconds since the Unix epoch, on the wall clock.
func wallClockMicros() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
}
