/// A dataset of the Elexon Insights API and the table it lands in: the one declaration a new dataset needs.
///
/// The API's row fields are the table's columns of the same names (matched case-insensitively, so the
/// `format=csv` header `SettlementDate` works too), except the ingestion stamp, which bmrs sets.
public struct Dataset: Sendable, Equatable {
    /// The dataset code, as in the API's `dataset` field (`FUELINST`).
    public let name: String
    /// The store table it loads into.
    public let table: String
    /// The API path for a settlement-date range, relative to the API base.
    public let path: String
    /// The default chunk length for ingest, in days.
    public let defaultChunkDays: Int
    /// The columns holding the settlement date and period, validated against the settlement calendar.
    public let settlementDateColumn: String?
    public let settlementPeriodColumn: String?

    /// Declares a dataset.
    public init(
        name: String, table: String, path: String, defaultChunkDays: Int,
        settlementDateColumn: String? = "settlementDate", settlementPeriodColumn: String? = "settlementPeriod"
    ) {
        self.name = name
        self.table = table
        self.path = path
        self.defaultChunkDays = defaultChunkDays
        self.settlementDateColumn = settlementDateColumn
        self.settlementPeriodColumn = settlementPeriodColumn
    }

    /// Every dataset bmrs knows.
    public static let all: [Dataset] = [
        Dataset(name: "FUELINST", table: "bmrs_fuelinst", path: "/datasets/FUELINST", defaultChunkDays: 1),
        Dataset(name: "FUELHH", table: "bmrs_fuelhh", path: "/datasets/FUELHH", defaultChunkDays: 7),
    ]

    /// The dataset called `name` (case-insensitive).
    public static func named(_ name: String) -> Dataset? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }
}
