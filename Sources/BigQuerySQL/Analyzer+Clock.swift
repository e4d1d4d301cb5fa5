import BigQueryRuntime

extension Analyzer {
    /// `CURRENT_DATE([zone])`, `CURRENT_DATETIME([zone])`, `CURRENT_TIME([zone])`, `CURRENT_TIMESTAMP()` as the
    /// constant they are for the whole query ("Date functions": one value per query), from the translator's
    /// clock. BigQuery prunes partitions on them ("Query partitioned tables", constant filter expressions:
    /// `WHERE t1.ts = CURRENT_TIMESTAMP()` prunes). `nil` when there is no clock or the zone is not a literal:
    /// the function pack then evaluates them when the statement runs.
    func currentValue(_ name: String, _ args: [Resolved], at: Int) throws(BigQuerySQLError) -> Resolved? {
        guard let now else { return nil }
        let zoneName: String
        switch args.count {
        case 0: zoneName = "UTC"
        case 1 where name != "CURRENT_TIMESTAMP":
            guard case .string(let text)? = args[0].literal else { return nil }
            zoneName = text
        default: return nil
        }
        let instant: Timestamp
        let zone: TimeZoneRules
        do {
            instant = try Timestamp(micros: now)
            zone = try TimeZoneRules.named(zoneName)
        } catch {
            throw BigQuerySQLError(.invalid, error.message, offset: at)
        }
        switch name {
        case "CURRENT_TIMESTAMP": return .constant(sqlString(instant.canonical), .timestamp)
        case "CURRENT_DATE": return .constant(sqlString(instant.civil(in: zone).date.canonical), .date)
        case "CURRENT_DATETIME": return .constant(sqlString(instant.civil(in: zone).canonical), .datetime)
        case "CURRENT_TIME": return .constant(sqlString(instant.civil(in: zone).time.canonical), .time)
        default: return nil
        }
    }
}
