import BigQueryRuntime
import Testing

@Suite struct ArithmeticTests {
    @Test func roundsHalfAwayFromZero() throws {
        // BigQuery docs, ROUND: 2.5 -> 3, -2.5 -> -3, 2.3 -> 2, -2.8 -> -3, ROUND(123.7, -1) = 120, ROUND(1.235, 2) = 1.24.
        #expect(try FloatMath.round(2.5) == 3)
        #expect(try FloatMath.round(-2.5) == -3)
        #expect(try FloatMath.round(0.5) == 1)
        #expect(try FloatMath.round(2.3) == 2)
        #expect(try FloatMath.round(-2.8) == -3)
        #expect(try FloatMath.round(123.7, digits: -1) == 120)
        #expect(try FloatMath.round(1.235, digits: 2) == 1.24)
        #expect(try FloatMath.round(.infinity) == .infinity)
        #expect(try FloatMath.round(.nan).isNaN)
        #expect(try FloatMath.round(1.5, digits: 400) == 1.5)
        // TRUNC: toward zero.
        #expect(try FloatMath.trunc(-2.8) == -2)
        #expect(try FloatMath.trunc(1.235, digits: 2) == 1.23)
        #expect(try FloatMath.trunc(123.7, digits: -1) == 120)
    }

    @Test func checksInt64Overflow() {
        #expect(throws: BigQueryError("int64 overflow: 9223372036854775807 + 1")) { try Int64Math.add(.max, 1) }
        #expect(throws: BigQueryError("int64 overflow: -9223372036854775808 - 1")) { try Int64Math.subtract(.min, 1) }
        #expect(throws: BigQueryError.self) { try Int64Math.multiply(1 << 32, 1 << 32) }
        #expect(throws: BigQueryError.self) { try Int64Math.negate(.min) }
        #expect(throws: BigQueryError.self) { try Int64Math.abs(.min) }
        #expect(throws: BigQueryError.self) { try Int64Math.div(.min, -1) }
    }

    @Test func dividesAsBigQueryDoes() throws {
        // BigQuery docs, DIV: DIV(20, 4) = 5, DIV(12, -7) = -1, DIV(20, 3) = 6; MOD(25, 12) = 1, MOD(-25, 12) = -1,
        // MOD(25, -12) = 1; a zero divisor is an error.
        #expect(try Int64Math.div(20, 4) == 5)
        #expect(try Int64Math.div(12, -7) == -1)
        #expect(try Int64Math.div(20, 3) == 6)
        #expect(try Int64Math.mod(25, 12) == 1)
        #expect(try Int64Math.mod(-25, 12) == -1)
        #expect(try Int64Math.mod(25, -12) == 1)
        #expect(try Int64Math.mod(.min, -1) == 0)
        #expect(throws: BigQueryError("division by zero: 20 / 0")) { try Int64Math.div(20, 0) }
        #expect(throws: BigQueryError("division by zero: 1 / 0")) { try Int64Math.divide(1, 0) }
        #expect(try Int64Math.divide(5, 2) == 2.5)
        // IEEE_DIVIDE(25, 0) = +inf, (-25, 0) = -inf, (0, 0) = NaN; SAFE_DIVIDE(20, 0) is NULL.
        #expect(Int64Math.ieeeDivide(25, 0) == .infinity)
        #expect(Int64Math.ieeeDivide(-25, 0) == -.infinity)
        #expect(Int64Math.ieeeDivide(0, 0).isNaN)
        #expect(Int64Math.safeDivide(20, 0) == nil)
    }

    @Test func printsFloatsShortestAndByPrintf() {
        #expect(FloatText.shortest(1.0) == "1")
        #expect(FloatText.shortest(0.1) == "0.1")
        #expect(FloatText.shortest(0.1 + 0.2) == "0.30000000000000004")
        #expect(FloatText.shortest(1e20) == "1e+20")
        #expect(FloatText.shortest(1.5e-7) == "1.5e-07")
        #expect(FloatText.shortest(123_456_789) == "123456789")
        #expect(FloatText.shortest(-0.0) == "-0")
        #expect(FloatText.shortest(-.infinity) == "-inf")
        #expect(FloatText.shortest(.nan) == "nan")
        #expect(FloatText.fixed(3.14159, precision: 2) == "3.14")
        #expect(FloatText.fixed(0.125, precision: 2) == "0.12")  // an exact tie rounds to even, as printf does
        #expect(FloatText.fixed(2.675, precision: 2) == "2.67")  // 2.675 is 2.67499999… in binary
        #expect(FloatText.fixed(1.1) == "1.100000")
        #expect(FloatText.fixed(-0.0001, precision: 2) == "-0.00")
        #expect(FloatText.fixed(1e22, precision: 0) == "10000000000000000000000")
        #expect(FloatText.exponent(2.2) == "2.200000e+00")
        #expect(FloatText.exponent(1234.5, precision: 2) == "1.23e+03")
        #expect(FloatText.general(0.0001234) == "0.0001234")
        #expect(FloatText.general(123_456_789) == "1.23457e+08")
        #expect(FloatText.fixed(5e-324, precision: 3) == "0.000")
    }

    @Test func keepsNumericExact() throws {
        let a = try NumericValue(parsing: "12.50")
        #expect(a.canonical == "12.5")
        #expect(try NumericValue(parsing: "-0.001").canonical == "-0.001")
        #expect(try NumericValue(parsing: "1e3").canonical == "1000")
        #expect(try NumericValue(parsing: "0.0000000005").canonical == "0.000000001")  // half away from zero
        #expect(try NumericValue.add(a, NumericValue(parsing: "0.1")).canonical == "12.6")
        #expect(try NumericValue.divide(NumericValue(1), NumericValue(3)).canonical == "0.333333333")
        #expect(try NumericValue.divide(NumericValue(2), NumericValue(3)).canonical == "0.666666667")
        #expect(throws: BigQueryError.self) { try NumericValue.divide(a, NumericValue(0)) }
        #expect(throws: BigQueryError.self) { try NumericValue(parsing: "1e38") }
        #expect(throws: BigQueryError.self) { try NumericValue.parse(canonical: "12.50") }
    }
}
