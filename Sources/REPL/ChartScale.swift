/// Axis ranges with round tick steps (1, 2 or 5 times a power of ten) and short tick labels (12k, 1.5M).
struct ChartScale {
    let low: Double
    let high: Double
    let step: Double

    /// A scale covering `range` with about `ticks` ticks; `fromZero` keeps zero in range (bars).
    init(_ range: ClosedRange<Double>, ticks: Int = 5, fromZero: Bool = false) {
        var lower = fromZero ? min(0, range.lowerBound) : range.lowerBound
        var upper = fromZero ? max(0, range.upperBound) : range.upperBound
        if upper - lower < 1e-12 {
            lower -= 1
            upper += 1
        }
        let raw = (upper - lower) / Double(max(1, ticks - 1))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        self.step = step
        low = (lower / step).rounded(.down) * step
        high = (upper / step).rounded(.up) * step
    }

    /// The tick values from low to high.
    var ticks: [Double] {
        var values: [Double] = []
        var value = low
        while value <= high + step / 2 {
            values.append(value)
            value += step
        }
        return values
    }

    /// Where `value` falls, from 0 (low) to 1 (high).
    func fraction(_ value: Double) -> Double {
        high > low ? (value - low) / (high - low) : 0.5
    }

    /// A short label: 250k, 1.5M, 12, 0.25.
    static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        for (size, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where magnitude >= size {
            return trimmed(value / size) + suffix
        }
        return trimmed(value)
    }

    private static func trimmed(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        let whole = Int64(hundredths / 100)
        let fraction = Int64(abs(hundredths.truncatingRemainder(dividingBy: 100)))
        let sign = value < 0 && whole == 0 && fraction > 0 ? "-" : ""
        if fraction == 0 { return sign + String(whole) }
        let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return sign + String(whole) + "." + digits
    }
}
