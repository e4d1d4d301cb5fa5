/// Numbers as text without Foundation: exact for integers, shortest round-trip otherwise.
enum NumberFormat {
    /// `42`, `0.5`, `1.25e-07`; `NaN`, `+Inf`, `-Inf` for non-finite values (Prometheus' spelling).
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `value` with at most `digits` decimals, trailing zeros dropped: `fixed(2.3456, 2)` is `2.35`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return plain(value) }
        var scale = 1.0
        for _ in 0..<max(0, min(digits, 12)) { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9e15 else { return plain(value) }
        return plain(scaled / scale)
    }
}
