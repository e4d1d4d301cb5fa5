import Check
import FoundationEssentials
import Store

/// The `bmrs check --config FILE` settings: a JSON object of thresholds (the flags' names in camelCase); an
/// unknown key or a wrong type is an error naming it.
struct CheckConfigFile {
    /// A JSON value of the config object: a number or a string.
    enum Value: Decodable, Sendable {
        case number(Double)
        case text(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    /// The keys understood, and what each sets.
    static let keys: [String: @Sendable (inout CheckConfig, Value) -> Bool] = [
        "missingWarningMinutes": { c, v in number(v).map { c.missingWarningMinutes = $0 } != nil },
        "missingCriticalMinutes": { c, v in number(v).map { c.missingCriticalMinutes = $0 } != nil },
        "errorRateWarningPercent": { c, v in number(v).map { c.errorRateWarning = $0 / 100 } != nil },
        "errorRateCriticalPercent": { c, v in number(v).map { c.errorRateCritical = $0 / 100 } != nil },
        "delayWarningMinutes": { c, v in number(v).map { c.delayWarningMinutes = $0 } != nil },
        "delayCriticalMinutes": { c, v in number(v).map { c.delayCriticalMinutes = $0 } != nil },
        "storageWarningPercent": { c, v in number(v).map { c.storageWarning = $0 / 100 } != nil },
        "storageCriticalPercent": { c, v in number(v).map { c.storageCritical = $0 / 100 } != nil },
        "storageBudgetBytes": { c, v in number(v).map { c.storageBudget = Int($0) } != nil },
        "retirementDays": { c, v in number(v).map { c.retirementDays = Int($0) } != nil },
        "valueTolerancePercent": { c, v in number(v).map { c.valueRangeTolerance = $0 / 100 } != nil },
        "schedule": { c, v in
            guard case .text(let text) = v, let schedule = Schedule(parsing: text) else { return false }
            c.schedule = schedule
            return true
        },
    ]

    private static func number(_ value: Value) -> Double? {
        guard case .number(let n) = value, n.isFinite, n >= 0, n < 1e15 else { return nil }
        return n
    }

    /// Applies the settings of the JSON file at `path` to `config`.
    static func apply(path: String, to config: inout CheckConfig) throws {
        let bytes = try readInput(path)
        let object: [String: Value]
        do {
            object = try JSONDecoder().decode([String: Value].self, from: Data(bytes))
        } catch {
            throw StoreError(.usage, "not a JSON object of numbers and strings", file: path)
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let set = keys[key] else {
                throw StoreError(
                    .usage, "unknown setting '\(key)'; known: \(keys.keys.sorted().joined(separator: ", "))",
                    file: path)
            }
            guard set(&config, value) else {
                throw StoreError(.usage, "'\(key)' has a value of the wrong type or out of range", file: path)
            }
        }
    }
}
