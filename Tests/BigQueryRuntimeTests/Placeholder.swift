import BigQueryRuntime
import Testing

@Suite struct BigQueryErrorTests {
    @Test func describesItselfByItsMessage() {
        #expect("\(BigQueryError("division by zero: 1 / 0"))" == "division by zero: 1 / 0")
    }
}
