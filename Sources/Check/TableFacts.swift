/// One table's facts: its rows in the checked range (column by column) and aggregates over the whole store.
public struct TableFacts: Sendable {
    /// The table (`bmrs_fuelhh`) and its dataset (`FUELHH`).
    public var table: String
    public var dataset: String
    /// The fuel types seen, indexed by `fuel`.
    public private(set) var fuelTypes: [String] = []
    private var fuelIndex: [String: Int32] = [:]
    /// The rows of the checked range, one entry per row in each column.
    public private(set) var day: [Int64] = []
    public private(set) var period: [Int64] = []
    public private(set) var fuel: [Int32] = []
    public private(set) var generation: [Int64?] = []
    /// startTime, microseconds since the epoch (nil when missing).
    public private(set) var startTime: [Int64?] = []
    /// Each fuel type's first and last day and generation range outside the range, over the whole store.
    public var fuelSpans: [String: FuelSpan] = [:]
    /// The newest settlement day the table holds (nil when empty).
    public var lastDay: Int64?
    /// The newest publishTime in the table and when that row was ingested.
    public var newestPublish: Int64?
    public var newestPublishIngested: Int64?
    /// Revisions recorded per settlement day of the range.
    public var revisionsByDay: [Int64: Int] = [:]

    /// Creates empty facts for a table.
    public init(table: String, dataset: String) {
        self.table = table
        self.dataset = dataset
    }

    /// The number of rows.
    public var rowCount: Int { day.count }

    /// Adds one row of the range.
    public mutating func append(
        day: Int64, period: Int64, fuelType: String, generation: Int64?, startTime: Int64?
    ) {
        let index: Int32
        if let last = fuel.last, fuelTypes[Int(last)] == fuelType {
            index = last  // rows come clustered by fuel type: skip the hash lookup
        } else if let known = fuelIndex[fuelType] {
            index = known
        } else {
            index = Int32(fuelTypes.count)
            fuelTypes.append(fuelType)
            fuelIndex[fuelType] = index
        }
        self.day.append(day)
        self.period.append(period)
        fuel.append(index)
        self.generation.append(generation)
        self.startTime.append(startTime)
    }

    /// Reserves room for `count` rows.
    public mutating func reserve(_ count: Int) {
        day.reserveCapacity(count)
        period.reserveCapacity(count)
        fuel.reserveCapacity(count)
        generation.reserveCapacity(count)
        startTime.reserveCapacity(count)
    }
}
