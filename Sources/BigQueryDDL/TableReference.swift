/// A table name as written in DDL: `project.dataset.table`, `dataset.table` or `table`.
///
/// Backticks may quote the whole path (`` `a.b.c` ``) or each part (`` `a`.`b`.`c` ``), or any mix.
/// Lookups in a ``Catalog`` use ``table`` only; the project and dataset are kept for the
/// table-resource JSON and for BigQuery.
public struct TableReference: Sendable, Hashable, CustomStringConvertible {
    /// The Google Cloud project, when the DDL names one.
    public var project: String?
    /// The BigQuery dataset, when the DDL names one.
    public var dataset: String?
    /// The table's name.
    public var table: String

    /// Creates a reference from its parts.
    public init(project: String? = nil, dataset: String? = nil, table: String) {
        self.project = project
        self.dataset = dataset
        self.table = table
    }

    /// Parses a reference from DDL text such as `` `uk_energy_insights.bmrs_fuelinst` ``.
    ///
    /// Throws a syntax error when the text is not one path of one to three names.
    public init(parsing text: String, source: String = "table reference") throws(DDLError) {
        var parser = try DDLStatementParser(sql: text, source: source)
        let reference = try parser.parseTableReference()
        try parser.expectEnd(after: "the table name")
        self = reference
    }

    /// Creates a reference from the one to three parts of a path, most general first.
    ///
    /// Returns `nil` for an empty path, more than three parts or an empty part.
    init?(parts: [String]) {
        guard !parts.isEmpty, parts.count <= 3, !parts.contains(where: \.isEmpty) else { return nil }
        table = parts[parts.count - 1]
        dataset = parts.count >= 2 ? parts[parts.count - 2] : nil
        project = parts.count == 3 ? parts[0] : nil
    }

    /// The dotted path without backticks, for example `uk_energy_insights.bmrs_fuelinst`.
    public var qualifiedName: String {
        [project, dataset, table].compactMap { $0 }.joined(separator: ".")
    }

    /// The dotted path quoted with backticks as BigQuery DDL writes it.
    public var description: String {
        "`\(qualifiedName)`"
    }

    /// Whether this reference names the same table as `other` for catalog lookups.
    ///
    /// Only the table name is compared, exactly: BigQuery table names are case-sensitive, and a
    /// bmrs store holds each table name once whatever its dataset.
    public func namesSameTable(as other: TableReference) -> Bool {
        table == other.table
    }
}
