import BigQueryDDL

/// Resolves names and types of a parsed query against the catalog and emits SQLite SQL for it.
///
/// One analyzer translates one query. It follows GoogleSQL's analyzer: names resolve through scopes
/// (FROM items, then the enclosing query), every expression gets a BigQuery type, literals coerce as
/// BigQuery coerces them, and grouping is checked. What has no exact SQLite equivalent is an error.
final class Analyzer {
    /// One read of a base table by the query.
    struct Scan {
        var table: TableDefinition
        /// The generated SQLite alias.
        var alias: String
        /// Columns read, by declared name.
        var columns: Set<String> = []
        /// Partitions that survive pruning, as canonical date ranges; `nil` means all.
        var partitionRanges: [ClosedRange<String>]? = nil
        var offset: Int
    }

    /// A `WITH` entry visible to the query.
    struct CTE {
        var sqlName: String
        var columns: [OutputColumn]
        /// True while its recursive term is being translated (references to it are the recursion).
        var recursive = false
    }

    /// A column of a query's result.
    struct OutputColumn {
        /// BigQuery's name; empty for an anonymous column.
        var name: String
        var type: SQLType
        /// The SQLite column name (`_c0`, ...).
        var sqlName: String
    }

    /// The SQL and columns of a translated query.
    struct QueryResult {
        var sql: String
        var columns: [OutputColumn]
        /// Known to return at most one row (an aggregate without GROUP BY, LIMIT 1).
        var singleRow = false
    }

    let catalog: Catalog
    let dataset: String
    let parameters: [String: QueryParameter]
    let statistics: PartitionStatistics?
    /// The query's clock, microseconds since the epoch (see ``BigQueryTranslator/now``).
    let now: Int64?
    var scans: [Scan] = []
    /// Warnings with the byte offset they concern.
    var warnings: [(message: String, offset: Int)] = []
    /// WITH entries, innermost last.
    var cteStack: [[String: CTE]] = []
    var counter = 0
    /// How many SELECT blocks enclose the one being translated.
    var selectDepth = 0
    /// The recursive CTE whose recursive term is being translated, and the depth of that term's SELECT.
    var recursiveTerm: (sqlName: String, depth: Int)? = nil
    /// The iteration counter of the recursive reference in the current SELECT's FROM clause.
    var pendingIteration: String? = nil
    /// The two-level aggregate being planned (Analyzer+PartialAggregation), and whether to try it.
    var partial: PartialAggregation? = nil
    var plansPartialAggregates = true

    init(
        catalog: Catalog, dataset: String, parameters: [QueryParameter], statistics: PartitionStatistics?,
        now: Int64? = nil
    ) {
        self.catalog = catalog
        self.now = now
        self.dataset = dataset
        var byName: [String: QueryParameter] = [:]
        for parameter in parameters { byName[parameter.name.lowercased()] = parameter }
        self.parameters = byName
        self.statistics = statistics
    }

    /// A fresh SQLite name with `prefix`.
    func freshName(_ prefix: String) -> String {
        counter += 1
        return "_\(prefix)\(counter)"
    }

    /// The CTE called `name`, innermost first.
    func cte(named name: String) -> CTE? {
        let lower = name.lowercased()
        for level in cteStack.reversed() {
            if let found = level[lower] { return found }
        }
        return nil
    }
}
