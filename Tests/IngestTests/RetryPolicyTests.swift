import Foundation
import Ingest
import Rows
import Store
import Testing

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(base: 0.5, cap: 8, maxRetryAfter: 60)

    @Test func backsOffExponentiallyWithJitterUpToTheCap() {
        for attempt in 1...8 {
            let full = min(8, 0.5 * pow(2, Double(attempt - 1)))
            for _ in 0..<50 {
                let delay = policy.backoff(attempt: attempt)
                #expect(delay >= full / 2 && delay <= full)
            }
        }
        let spread = Set((0..<20).map { _ in policy.backoff(attempt: 4) })
        #expect(spread.count > 1, "jitter spreads retries")
    }

    @Test func honoursASensibleRetryAfterButNeverSpinsOrStalls() {
        #expect(policy.delay(attempt: 1, retryAfter: "5") == 5)
        #expect(policy.delay(attempt: 1, retryAfter: "0") >= 0.25)
        #expect(policy.delay(attempt: 1, retryAfter: "-30") >= 0.25)
        #expect(policy.delay(attempt: 1, retryAfter: "86400") == 60)
        #expect(policy.delay(attempt: 1, retryAfter: "nonsense") <= 0.5)
        let inTen = "Mon, 12 Jan 1970 13:46:50 GMT"
        #expect(RetryPolicy.seconds(retryAfter: inTen, now: 1_000_000) == 10)
        #expect(RetryPolicy.seconds(retryAfter: " \(inTen)\t", now: 1_000_000) == 10)
        #expect(RetryPolicy.seconds(retryAfter: "Monday, 12-Jan-70 13:46:50 GMT", now: 1_000_000) == nil)
        #expect(policy.delay(attempt: 1, retryAfter: inTen, now: 1_000_000) == 10)
    }

    @Test func retriesRateLimitsAndServerErrorsOnly() {
        for status in [429, 500, 502, 503, 504] { #expect(RetryPolicy.isRetryable(status: status)) }
        for status in [200, 400, 401, 403, 404, 422] { #expect(!RetryPolicy.isRetryable(status: status)) }
    }

    @Test func splitsTheRangeIntoChunksAndBuildsTheURL() throws {
        var options = IngestOptions(
            dataset: try #require(Dataset.named("FUELHH")), start: CivilDate.parse("2018-01-01")!,
            end: CivilDate.parse("2018-01-20")!)
        #expect(options.chunkDays == 7)
        #expect(
            options.windows.map(\.description) == [
                "2018-01-01..2018-01-07", "2018-01-08..2018-01-14", "2018-01-15..2018-01-20",
            ])
        options.apiBase = "http://127.0.0.1:1/bmrs/api/v1/"
        #expect(
            options.url(for: options.windows[0])
                == "http://127.0.0.1:1/bmrs/api/v1/datasets/FUELHH?settlementDateFrom=2018-01-01&settlementDateTo=2018-01-07&format=json"
        )
        #expect(IngestOptions(dataset: Dataset.named("FUELINST")!, start: 0, end: 1).windows.count == 2)
    }
}
