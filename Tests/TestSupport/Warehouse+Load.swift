import Formats
import Rows
import Store

extension Warehouse {
    /// Parses one response body or file of `dataset` with Formats and merges its rows in one transaction: what
    /// `bmrs load` does with each file.
    public func load(body: [UInt8], source: String, dataset: Dataset) throws -> LoadSummary {
        let parser = ResponseParser(dataset: dataset, schema: try schema(named: dataset.table))
        return try load(parser.parse(body: body, source: source, ingestedAt: now()), source: source, dataset: dataset)
    }
}
