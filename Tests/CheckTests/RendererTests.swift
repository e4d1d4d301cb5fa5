import Rows
import Store
import Testing

@testable import Check

/// The renderers: strings only, the same report in every format.
@Suite struct RendererTests {
    static let day = CivilDate.dayNumber(year: 2018, month: 10, day: 28)

    static func report() -> CheckReport {
        var table = TableFacts(table: "bmrs_fuelhh", dataset: "FUELHH")
        for p in 1...50 where p != 3 && p != 4 {
            table.append(
                day: day, period: Int64(p), fuelType: "WI\"ND", generation: 100,
                startTime: SettlementCalendar.start(ofPeriod: p, on: day))
        }
        table.lastDay = day
        return Checker(config: CheckConfig(start: day, end: day), now: micros(2019, 1, 1))
            .run(CheckFacts(tables: [table]))
    }

    static func micros(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
        CivilDate.dayNumber(year: y, month: m, day: d) * Timestamp.microsPerDay
    }

    @Test func textIsOneLinePerFindingThenASummaryWithColourOnlyWhenAsked() {
        let plain = TextRenderer().render(Self.report())
        let lines = plain.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("WARNING completeness bmrs_fuelhh 2018-10-28: 2 of 50 periods missing"))
        #expect(
            lines[1]
                == "bmrs check: warning (0 critical, 1 warning, 0 info) 2018-10-28..2018-10-28; bmrs_fuelhh 48/50 periods (96%)"
        )
        #expect(!plain.contains("\u{1B}["))
        #expect(TextRenderer(colour: true).render(Self.report()).contains("\u{1B}[33mWARNING\u{1B}[0m"))
    }

    @Test func jsonCarriesTheContractFields() {
        let json = JSONRenderer.render(Self.report())
        #expect(json.hasPrefix("{\"status\":\"warning\",\"now\":\"2019-01-01T00:00:00Z\",\"start\":\"2018-10-28\""))
        #expect(json.contains("\"settlementDate\":\"2018-10-28\",\"expectedPeriods\":50,\"missingPeriods\":[3,4]"))
        #expect(
            json.contains(
                "{\"name\":\"bmrs_check_missing_periods\",\"labels\":{\"table\":\"bmrs_fuelhh\"},\"value\":2}"))
        #expect(
            json.contains(
                "\"repairWindows\":[{\"dataset\":\"FUELHH\",\"table\":\"bmrs_fuelhh\",\"start\":\"2018-10-28\",\"end\":\"2018-10-28\"}]"
            ))
        #expect(JSONRenderer.string("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
        #expect(JSONRenderer.metric(Metric("x", .nan, help: "")) == "{\"name\":\"x\",\"labels\":{},\"value\":null}")
    }

    @Test func prometheusGroupsEachMetricUnderOneHelpAndTypeAndEscapesLabels() {
        let text = PrometheusRenderer.render(Self.report())
        #expect(
            text.contains(
                "# HELP bmrs_check_findings Findings by severity.\n# TYPE bmrs_check_findings gauge\n"
                    + "bmrs_check_findings{severity=\"critical\"} 0\nbmrs_check_findings{severity=\"warning\"} 1\n"))
        #expect(text.components(separatedBy: "# TYPE bmrs_check_findings ").count == 2)
        #expect(PrometheusRenderer.escapeLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
        #expect(text.hasSuffix("\n"))
    }

    @Test func htmlIsOnePageWithGapCellsAndEscapedText() {
        let html = HTMLRenderer.render(Self.report())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.contains("src="))
        #expect(html.contains("<rect class=\"gap\" data-day=\"2018-10-28\" data-sp=\"3\""))
        #expect(html.contains("<rect class=\"gap\" data-day=\"2018-10-28\" data-sp=\"4\""))
        #expect(html.contains("rect class=\"ok dst\""))  // the 50-period day is marked
        #expect(html.contains("WI&quot;ND"))
        #expect(!html.contains("WI\"ND"))
    }
}
