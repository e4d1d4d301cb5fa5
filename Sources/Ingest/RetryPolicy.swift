/// When to retry a request and how long to wait first.
public struct RetryPolicy: Sendable {
    /// First delay in seconds.
    public let base: Double
    /// Longest exponential delay.
    public let cap: Double
    /// Longest `Retry-After` honoured.
    public let maxRetryAfter: Double

    /// A policy.
    public init(base: Double, cap: Double, maxRetryAfter: Double) {
        self.base = base
        self.cap = cap
        self.maxRetryAfter = maxRetryAfter
    }

    /// True for statuses worth retrying: 429 and 5xx.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out.
    public func backoff(attempt: Int) -> Double {
        var exponential = base
        for _ in 0..<min(max(attempt - 1, 0), 64) where exponential < cap { exponential *= 2 }
        exponential = min(cap, exponential)
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }

    /// The delay before retry `attempt`: the server's `Retry-After` when it is sensible, never less than the
    /// backoff (so 0 or a negative value cannot cause a hot loop), never more than `maxRetryAfter`
    /// (so an absurd value cannot stall the run). `now` is seconds since the Unix epoch (default: the clock).
    public func delay(attempt: Int, retryAfter: String?, now: Double? = nil) -> Double {
        let backoff = backoff(attempt: attempt)
        guard let retryAfter, let asked = Self.seconds(retryAfter: retryAfter, now: now) else { return backoff }
        return min(max(asked, backoff), max(maxRetryAfter, backoff))
    }

    /// `Retry-After` in seconds from `now` (seconds since the Unix epoch; default: the clock): delta-seconds or
    /// an HTTP date (IMF-fixdate); nil when unreadable.
    public static func seconds(retryAfter: String, now: Double? = nil) -> Double? {
        var text = Substring(retryAfter)
        while let c = text.first, c == " " || c == "\t" { text.removeFirst() }
        while let c = text.last, c == " " || c == "\t" { text.removeLast() }
        if let seconds = Double(text), seconds.isFinite { return seconds }
        guard let date = HTTPDate.parse(String(text)) else { return nil }
        return Double(date) - (now ?? Double(wallClockMicros()) / 1e6)
    }
}
