extension CheckConfig {
    /// The keys a config file may set (the flags' names in camelCase, with their units), sorted.
    public static let fileKeys = [
        "delayCriticalMinutes", "delayWarningMinutes", "errorRateCriticalPercent", "errorRateWarningPercent",
        "missingCriticalMinutes", "missingWarningMinutes", "retirementDays", "schedule", "storageBudgetBytes",
        "storageCriticalPercent", "storageWarningPercent", "valueTolerancePercent",
    ]

    /// Applies the settings of a config file (TOML or JSON, read into `document`), in file order.
    ///
    /// Keys are top-level (a key inside a table or nested object is `table.key`, which no setting is). Numbers
    /// are integers or floats, finite and ≥ 0; `retirementDays` and `storageBudgetBytes` are integers;
    /// `schedule` is a string as `--schedule` takes. Anything else is an error at the value's file:line:column.
    public mutating func apply(_ document: ConfigDocument) throws {
        for entry in document.entries {
            let key = entry.dottedKey
            func fail(_ message: String) -> CheckError {
                CheckError(message, file: document.file, line: entry.line, column: entry.column)
            }
            func number() throws -> Double {
                let value: Double
                switch entry.value {
                case .integer(let n): value = Double(n)
                case .float(let x): value = x
                default: throw fail("'\(key)' must be a number, not \(entry.value.kind)")
                }
                guard value.isFinite, value >= 0, value < 1e15 else {
                    throw fail("'\(key)' must be a finite number from 0 to 1e15, not \(value)")
                }
                return value
            }
            func whole(_ range: ClosedRange<Int64>) throws -> Int {
                guard case .integer(let n) = entry.value else {
                    throw fail("'\(key)' must be a whole number, not \(entry.value.kind)")
                }
                guard range.contains(n) else {
                    throw fail("'\(key)' must be from \(range.lowerBound) to \(range.upperBound), not \(n)")
                }
                return Int(n)
            }
            switch key {
            case "missingWarningMinutes": missingWarningMinutes = try number()
            case "missingCriticalMinutes": missingCriticalMinutes = try number()
            case "errorRateWarningPercent": errorRateWarning = try number() / 100
            case "errorRateCriticalPercent": errorRateCritical = try number() / 100
            case "delayWarningMinutes": delayWarningMinutes = try number()
            case "delayCriticalMinutes": delayCriticalMinutes = try number()
            case "storageWarningPercent": storageWarning = try number() / 100
            case "storageCriticalPercent": storageCritical = try number() / 100
            case "valueTolerancePercent": valueRangeTolerance = try number() / 100
            case "storageBudgetBytes": storageBudget = try whole(1...1_000_000_000_000_000)
            case "retirementDays": retirementDays = try whole(0...36_600)
            case "schedule":
                guard case .string(let text) = entry.value else {
                    throw fail("'schedule' must be a string like \"daily\", not \(entry.value.kind)")
                }
                guard let parsed = Schedule(parsing: text) else {
                    throw fail("'schedule' must be daily, hourly, weekly or like 30m, 6h, 2d, not '\(text)'")
                }
                schedule = parsed
            default:
                throw fail("unknown setting '\(key)'; known: \(Self.fileKeys.joined(separator: ", "))")
            }
        }
    }
}
