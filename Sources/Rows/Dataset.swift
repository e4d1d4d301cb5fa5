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
    /// How each row's `startTime` must sit in its settlement period (nil: not checked).
    public let startTimeRule: StartTimeRule?
    /// Inclusive bounds of integer columns (a value outside is refused naming the row and field).
    public let bounds: [String: ClosedRange<Int64>]

    /// How a row's `startTime` relates to the start of its settlement period (Europe/London).
    public enum StartTimeRule: Sendable, Equatable {
        /// Exactly the period's start (half-hourly data).
        case periodStart
        /// Inside the period: from its start up to, not including, the next period's start (5-minute readings).
        case withinPeriod
    }

    /// Generation in MW: the whole GB system is under 100,000 MW, so ±1,000,000 only refuses nonsense.
    public static let generationBounds: [String: ClosedRange<Int64>] = ["generation": -1_000_000...1_000_000]

    /// Declares a dataset.
    public init(
        name: String, table: String, path: String, defaultChunkDays: Int,
        settlementDateColumn: String? = "settlementDate", settlementPeriodColumn: String? = "settlementPeriod",
        startTimeRule: StartTimeRule? = nil, bounds: [String: ClosedRange<Int64>] = [:]
    ) {
        self.name = name
        self.table = table
        self.path = path
        self.defaultChunkDays = defaultChunkDays
        self.settlementDateColumn = settlementDateColumn
        self.settlementPeriodColumn = settlementPeriodColumn
        self.startTimeRule = startTimeRule
        self.bounds = bounds
    }

    /// Every dataset bmrs knows.
    public static let all: [Dataset] = [
        Dataset(
            name: "FUELINST", table: "bmrs_fuelinst", path: "/datasets/FUELINST", defaultChunkDays: 1,
            startTimeRule: .withinPeriod, bounds: generationBounds),
        Dataset(
            name: "FUELHH", table: "bmrs_fuelhh", path: "/datasets/FUELHH", defaultChunkDays: 7,
            startTimeRule: .periodStart, bounds: generationBounds),
    ]

    /// The dataset called `name` (case-insensitive).
    public static func named(_ name: String) -> Dataset? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }
}
