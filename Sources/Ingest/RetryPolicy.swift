import Foundation

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
        let exponential = min(cap, base * pow(2, Double(max(attempt - 1, 0))))
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }

    /// The delay before retry `attempt`: the server's `Retry-After` when it is sensible, never less than the
    /// backoff (so 0 or a negative value cannot cause a hot loop), never more than `maxRetryAfter`
    /// (so an absurd value cannot stall the run).
    public func delay(attempt: Int, retryAfter: String?, now: Date = Date()) -> Double {
        let backoff = backoff(attempt: attempt)
        guard let retryAfter, let asked = Self.seconds(retryAfter: retryAfter, now: now) else { return backoff }
        return min(max(asked, backoff), max(maxRetryAfter, backoff))
    }

    /// `Retry-After` in seconds: delta-seconds or an HTTP date; nil when unreadable.
    public static func seconds(retryAfter: String, now: Date = Date()) -> Double? {
        let text = retryAfter.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return date.timeIntervalSince(now)
    }
}
