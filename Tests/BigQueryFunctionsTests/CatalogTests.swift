import BigQueryFunctions
import Testing

@Suite struct CatalogTests {
    @Test func namesAreUniqueAndPrefixed() {
        let names = FunctionCatalog.entries.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("bq_") })
    }
}
