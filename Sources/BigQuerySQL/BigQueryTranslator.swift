import BigQueryDDL

/// Translates BigQuery (GoogleSQL) queries into SQLite SQL over a bmrs store.
///
/// Tokenizer → parser → analyzer (names and types against the catalog) → SQLite emitter. Values follow
/// the contract's representation (DATE as `YYYY-MM-DD` text, BOOL as 0/1, ARRAY/STRUCT as JSON text); the
/// emitted SQL calls SQLite built-ins where they agree with BigQuery exactly and the `bq_*` function pack
/// elsewhere. Anything it cannot translate exactly is an error naming the construct.
public struct BigQueryTranslator: Sendable {
    /// The tables queries can name.
    public let catalog: Catalog
    /// The dataset the tables live in (`uk_energy_insights`).
    public let dataset: String
    /// Whether grouped queries over one partitioned table run as per-day partial aggregates (faster, same
    /// answer; off only to compare with the general translation).
    public var plansPartialAggregates = true
    /// The query's clock (microseconds since the epoch): `CURRENT_DATE()` and friends are this instant, as
    /// BigQuery evaluates them once per query, so they are constants that prune partitions. `nil`: the function
    /// pack reads the wall clock when the statement runs (and they do not prune).
    public let now: Int64?

    /// Creates a translator over a catalog; the dataset defaults to the one the catalog's tables declare.
    public init(catalog: Catalog, dataset: String? = nil, now: Int64? = nil) {
        self.catalog = catalog
        self.dataset = dataset ?? catalog.tables.lazy.compactMap(\.reference.dataset).first ?? "uk_energy_insights"
        self.now = now
    }

    /// Translates one query.
    ///
    /// - Parameters:
    ///   - sql: The BigQuery query text (one statement, optionally ending in `;`).
    ///   - parameters: Values for `@name` parameters.
    ///   - statistics: The store's partitions, for INFORMATION_SCHEMA.PARTITIONS (optional).
    public func translate(
        _ sql: String, parameters: [QueryParameter] = [], statistics: PartitionStatistics? = nil
    ) throws(BigQuerySQLError) -> TranslatedQuery {
        let queries = try translateScript(sql, parameters: parameters, statistics: statistics)
        guard queries.count == 1 else {
            throw BigQuerySQLError.syntax("Expected end of input but got \";\"", at: 0).located(in: sql)
        }
        return queries[0]
    }

    /// Translates a script of queries separated by `;`, each on its own; positions are in the whole text.
    public func translateScript(
        _ sql: String, parameters: [QueryParameter] = [], statistics: PartitionStatistics? = nil
    ) throws(BigQuerySQLError) -> [TranslatedQuery] {
        let queries: [Query]
        do {
            queries = try Parser.parseScript(sql)
        } catch {
            throw error.located(in: sql)
        }
        var result: [TranslatedQuery] = []
        for query in queries {
            result.append(try translate(query, sql: sql, parameters: parameters, statistics: statistics))
        }
        return result
    }

    private func translate(
        _ query: Query, sql: String, parameters: [QueryParameter], statistics: PartitionStatistics?
    ) throws(BigQuerySQLError) -> TranslatedQuery {
        do {
            let analyzer = Analyzer(
                catalog: catalog, dataset: dataset, parameters: parameters, statistics: statistics, now: now)
            analyzer.plansPartialAggregates = plansPartialAggregates
            let result = try analyzer.translate(query, outer: nil)
            var names: [String] = []
            var anonymous = 0
            for column in result.columns {
                if column.name.isEmpty {
                    names.append("f\(anonymous)_")
                    anonymous += 1
                } else {
                    names.append(column.name)
                }
            }
            let scans = analyzer.scans.map { scan in
                TableScan(
                    table: scan.table.reference.table,
                    columns: scan.table.columns.map(\.name).filter(scan.columns.contains),
                    partitionColumn: scan.table.partitionColumn, dateRanges: scan.partitionRanges)
            }
            var warnings = analyzer.warnings.map { warning in
                BigQuerySQLError(.invalid, warning.message, offset: warning.offset).located(in: sql).description
            }
            if query.limit != nil {
                warnings.append(
                    "LIMIT does not reduce the bytes billed: BigQuery reads the same columns and partitions")
            }
            return TranslatedQuery(
                sql: result.sql,
                columns: zip(names, result.columns).map { ResultColumn(name: $0, type: $1.type) },
                scans: scans, warnings: warnings)
        } catch {
            throw error.located(in: sql)
        }
    }
}

/// A query translated to SQLite, with what the CLI needs to print and bill it.
public struct TranslatedQuery: Sendable {
    /// The SQLite statement.
    public var sql: String
    /// The result columns with BigQuery's names and types, in order.
    public var columns: [ResultColumn]
    /// Every read of a base table, for the bill.
    public var scans: [TableScan]
    /// Things an analyst should know (filters that defeat pruning, LIMIT not cutting the bill).
    public var warnings: [String]
}

/// A result column.
public struct ResultColumn: Sendable, Equatable {
    /// BigQuery's name (`f0_` for the first anonymous column).
    public var name: String
    /// The BigQuery type.
    public var type: SQLType
}

/// One read of a base table by a query.
public struct TableScan: Sendable, Equatable {
    /// The table's name.
    public var table: String
    /// The columns read, in table order.
    public var columns: [String]
    /// The table's partition column, if it is partitioned.
    public var partitionColumn: String?
    /// The days that survive BigQuery's pruning as canonical date ranges; `nil` when nothing prunes.
    public var dateRanges: [ClosedRange<String>]?

    /// Whether the partition of `date` is read.
    public func reads(date: String) -> Bool {
        guard let dateRanges else { return true }
        return dateRanges.contains { $0.contains(date) }
    }
}
