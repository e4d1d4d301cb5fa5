import BigQueryRuntime
import SQLite

/// SUM of INT64: exact in 128 bits while rows come and go; the result must fit INT64.
final class SumInt64: AggregateFunction {
    var sum: Int128 = 0
    var count = 0

    func step(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        sum += Int128(try a.integer(0))
        count += 1
    }

    func inverse(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        sum -= Int128(try a.integer(0))
        count -= 1
    }

    func value() throws -> SQLiteValue {
        guard count > 0 else { return .null }
        guard let result = Int64(exactly: sum) else { throw BigQueryError("int64 overflow: SUM of \(count) values") }
        return .integer(result)
    }
}

/// SUM and AVG of NUMERIC.
final class SumNumeric: AggregateFunction {
    let average: Bool
    var sum: Int128 = 0
    var count: Int128 = 0

    init(average: Bool) { self.average = average }

    func step(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        let (total, overflow) = sum.addingReportingOverflow(try NumericValue.parse(canonical: a.string(0)).scaled)
        guard !overflow else { throw BigQueryError("numeric overflow: SUM") }
        sum = total
        count += 1
    }

    func inverse(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        let (total, overflow) = sum.subtractingReportingOverflow(try NumericValue.parse(canonical: a.string(0)).scaled)
        guard !overflow else { throw BigQueryError("numeric overflow: SUM") }
        sum = total
        count -= 1
    }

    func value() throws -> SQLiteValue {
        guard count > 0 else { return .null }
        let total = try NumericValue(scaled: sum)
        return .text(average ? try NumericValue.divide(total, NumericValue(Int64(count))).canonical : total.canonical)
    }
}

/// LOGICAL_AND / LOGICAL_OR: counts of TRUE and FALSE inputs.
final class LogicalAggregate: AggregateFunction {
    let isAnd: Bool
    var trues = 0
    var falses = 0

    init(isAnd: Bool) { self.isAnd = isAnd }

    func step(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        if try a.integer(0) != 0 { trues += 1 } else { falses += 1 }
    }

    func inverse(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        if try a.integer(0) != 0 { trues -= 1 } else { falses -= 1 }
    }

    func value() throws -> SQLiteValue {
        guard trues + falses > 0 else { return .null }
        return .integer(isAnd ? (falses == 0 ? 1 : 0) : (trues > 0 ? 1 : 0))
    }
}

/// VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP: Welford's running moments over the finite inputs (removal runs the
/// update backwards); any infinite or NaN input makes the result NaN while it is in the frame.
final class MomentAggregate: AggregateFunction {
    enum Kind { case varSamp, varPop, stddevSamp, stddevPop }
    let kind: Kind
    var count = 0.0
    var finite = 0.0
    var mean = 0.0
    var m2 = 0.0

    init(_ kind: Kind) { self.kind = kind }

    func step(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        let x = try a.float(0)
        count += 1
        guard x.isFinite else { return }
        finite += 1
        let delta = x - mean
        mean += delta / finite
        m2 += delta * (x - mean)
    }

    func inverse(_ a: FunctionArguments) throws {
        guard !a.isNull(0) else { return }
        let x = try a.float(0)
        count -= 1
        guard x.isFinite else { return }
        finite -= 1
        if finite <= 0 {
            (finite, mean, m2) = (0, 0, 0)
            return
        }
        let oldMean = (mean * (finite + 1) - x) / finite
        m2 = max(m2 - (x - mean) * (x - oldMean), 0)
        mean = oldMean
    }

    func value() throws -> SQLiteValue {
        let sample = kind == .varSamp || kind == .stddevSamp
        guard count >= (sample ? 2 : 1) else { return .null }
        if finite < count { return .text("NaN") }
        let variance = m2 / (sample ? count - 1 : count)
        return .float(kind == .varSamp || kind == .varPop ? variance : variance.squareRoot())
    }
}

/// COVAR_POP, COVAR_SAMP, CORR over pairs where both values are non-NULL.
final class CovarianceAggregate: AggregateFunction {
    enum Kind { case covarPop, covarSamp, corr }
    let kind: Kind
    var n = 0.0
    var meanX = 0.0
    var meanY = 0.0
    var c = 0.0
    var m2x = 0.0
    var m2y = 0.0

    init(_ kind: Kind) { self.kind = kind }

    func step(_ a: FunctionArguments) throws {
        guard !a.isNull(0), !a.isNull(1) else { return }
        let y = try a.float(0)
        let x = try a.float(1)
        n += 1
        let dx = x - meanX
        meanX += dx / n
        let dy = y - meanY
        meanY += dy / n
        c += dx * (y - meanY)
        m2x += dx * (x - meanX)
        m2y += dy * (y - meanY)
    }

    func inverse(_ a: FunctionArguments) throws {
        guard !a.isNull(0), !a.isNull(1) else { return }
        let y = try a.float(0)
        let x = try a.float(1)
        n -= 1
        if n <= 0 {
            (n, meanX, meanY, c, m2x, m2y) = (0, 0, 0, 0, 0, 0)
            return
        }
        let oldX = (meanX * (n + 1) - x) / n
        let oldY = (meanY * (n + 1) - y) / n
        c -= (x - oldX) * (y - meanY)
        m2x -= (x - meanX) * (x - oldX)
        m2y -= (y - meanY) * (y - oldY)
        meanX = oldX
        meanY = oldY
    }

    func value() throws -> SQLiteValue {
        switch kind {
        case .covarPop: return n >= 1 ? .float(c / n) : .null
        case .covarSamp: return n >= 2 ? .float(c / (n - 1)) : .null
        case .corr:
            guard n >= 2 else { return .null }
            return .float(c / (m2x.squareRoot() * m2y.squareRoot()))
        }
    }
}
