/// The exact decimal expansion of a finite double, and rounding of it: the base of FORMAT('%f'), '%e', '%g'.
struct BigDecimalDigits {
    /// Significant decimal digits (0-9), no leading zero; empty for zero.
    var digits: [UInt8]
    /// The value is 0.d1d2d3… × 10^point.
    var point: Int

    /// The exact expansion of |x| (finite).
    init(_ x: Double) {
        let magnitude = Swift.abs(x)
        var mantissa = magnitude.significandBitPattern
        var exponent = Int(magnitude.exponentBitPattern)
        if exponent == 0 {
            exponent = -1074
        } else {
            mantissa |= 1 << 52
            exponent -= 1075
        }
        if mantissa == 0 {
            digits = []
            point = 0
            return
        }
        while mantissa & 1 == 0 {
            mantissa >>= 1
            exponent += 1
        }
        var number = BigUnsigned(mantissa)
        var fractionDigits = 0
        if exponent >= 0 {
            for _ in 0..<exponent { number.multiply(by: 2) }
        } else {
            // m / 2^k = m * 5^k / 10^k.
            for _ in 0..<(-exponent) { number.multiply(by: 5) }
            fractionDigits = -exponent
        }
        var text = number.decimalDigits()
        point = text.count - fractionDigits
        while text.last == 0 && text.count > 1 { text.removeLast() }
        digits = text
    }

    /// Rounds to `keep` significant digits (keep may be <= 0), half to even on an exact tie, as C's printf does.
    func rounded(toSignificant keep: Int) -> BigDecimalDigits {
        if keep >= digits.count { return self }
        var result = self
        if keep < 0 {
            result.digits = []
            return result
        }
        let next = digits[keep]
        let restNonZero = digits[(keep + 1)...].contains { $0 != 0 }
        var kept = Array(digits[0..<keep])
        let lastOdd = (kept.last ?? 0) % 2 == 1
        let roundUp = next > 5 || (next == 5 && (restNonZero || lastOdd))
        if roundUp {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == 9 {
                    kept[i] = 0
                    i -= 1
                } else {
                    kept[i] += 1
                    break
                }
            }
            if i < 0 {
                kept.insert(1, at: 0)
                result.point += 1
            }
        }
        while kept.last == 0 { kept.removeLast() }
        result.digits = kept
        if kept.isEmpty { result.point = 0 }
        return result
    }

    /// Rounds to `fraction` digits after the decimal point.
    func rounded(toFraction fraction: Int) -> BigDecimalDigits { rounded(toSignificant: point + fraction) }
}

/// A minimal unsigned big integer (little-endian 32-bit limbs) for exact expansions.
struct BigUnsigned {
    var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in 0..<limbs.count {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// Decimal digits, most significant first.
    func decimalDigits() -> [UInt8] {
        var work = limbs
        var chunks: [UInt32] = []
        while !(work.count == 1 && work[0] == 0) && !work.isEmpty {
            var remainder: UInt64 = 0
            for i in stride(from: work.count - 1, through: 0, by: -1) {
                let current = remainder << 32 | UInt64(work[i])
                work[i] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            chunks.append(UInt32(remainder))
            while work.count > 1 && work.last == 0 { work.removeLast() }
        }
        if chunks.isEmpty { return [0] }
        var result: [UInt8] = []
        for (index, chunk) in chunks.reversed().enumerated() {
            var piece: [UInt8] = []
            var value = chunk
            for _ in 0..<9 {
                piece.append(UInt8(value % 10))
                value /= 10
            }
            piece.reverse()
            if index == 0 {
                while piece.count > 1 && piece.first == 0 { piece.removeFirst() }
            }
            result += piece
        }
        return result
    }
}
