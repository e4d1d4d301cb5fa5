import Testing

@testable import REPL

/// Tab completion candidates, without a terminal.
@Suite struct CompletionTests {
    let source = CompletionSource(
        dataset: "uk_energy_insights",
        tables: [
            .init(name: "bmrs_fuelhh", columns: ["settlementDate", "fuelType", "generation"]),
            .init(name: "bmrs_fuelinst", columns: ["settlementDate", "fuelType", "generation", "publishTime"]),
            .init(name: "other", columns: ["genre"]),
        ])

    @Test func columnsOfTheTablesInTheStatement() {
        let c = source.complete("SELECT gen")
        #expect(c.word == "gen")
        #expect(c.candidates.contains("generation") && c.candidates.contains("genre"))
        let named = source.complete("SELECT fuelType FROM bmrs_fuelhh WHERE gen")
        #expect(named.candidates.contains("generation") && !named.candidates.contains("genre"))
        #expect(source.complete("SELECT x FROM bmrs_fuelinst WHERE pub").candidates == ["publishTime"])
    }

    @Test func tablesBareAndQualifiedKeywordsAndFunctions() {
        #expect(source.complete("SELECT * FROM bmrs_fuel").candidates == ["bmrs_fuelhh", "bmrs_fuelinst"])
        #expect(
            source.complete("SELECT * FROM uk_energy_insights.bmrs_fuelh").candidates == [
                "uk_energy_insights.bmrs_fuelhh"
            ])
        #expect(source.complete("SEL").candidates == ["SELECT"])
        #expect(source.complete("sel").candidates == ["select"])
        #expect(source.complete("SELECT COAL").candidates == ["COALESCE("])
        #expect(source.complete("SELECT h.fuel").candidates == ["h.fuelType"])
    }

    @Test func dotCommandsAndTheirArguments() throws {
        #expect(source.complete(".ti").candidates == [".timer"])
        #expect(source.complete(".mode n").candidates == ["ndjson"])
        #expect(source.complete(".schema bmrs_fuelin").candidates == ["bmrs_fuelinst"])
        let files = CompletionSource.files(matching: "/proc/self/stat")
        #expect(files.contains("/proc/self/status"))
        #expect(source.complete(".read /proc/self/stat").candidates.contains("/proc/self/status"))
    }
}
