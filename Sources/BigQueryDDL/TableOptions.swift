/// What an `OPTIONS(...)` list does to one option: give it a value, or clear it with `NULL`.
public enum OptionSetting<Value: Equatable>: Equatable {
    /// `name = value`.
    case set(Value)
    /// `name = NULL`: the option goes back to its default.
    case cleared

    /// The value set, or `nil` when the option is cleared.
    public var value: Value? {
        switch self {
        case .set(let value): value
        case .cleared: nil
        }
    }
}

extension OptionSetting: Sendable where Value: Sendable {}

/// The table options an `OPTIONS(...)` list names, as in `ALTER TABLE ... SET OPTIONS(...)`.
///
/// Each property is `nil` when the list does not mention the option, so that `SET OPTIONS` leaves
/// it as it was. bmrs supports `description`, `labels`, `partition_expiration_days` and
/// `require_partition_filter`; the parser refuses any other option, naming it.
public struct TableOptions: Sendable, Equatable {
    /// `description = "..."` or `description = NULL`.
    public var description: OptionSetting<String>?
    /// `labels = [("key", "value"), ...]`; setting labels replaces all of a table's labels, as in BigQuery.
    public var labels: OptionSetting<[String: String]>?
    /// `partition_expiration_days = n`, kept as the whole milliseconds the table resource uses.
    public var partitionExpirationMs: OptionSetting<Int64>?
    /// `require_partition_filter = TRUE | FALSE`.
    public var requirePartitionFilter: OptionSetting<Bool>?

    /// Creates an options list; omitted options are not mentioned.
    public init(
        description: OptionSetting<String>? = nil,
        labels: OptionSetting<[String: String]>? = nil,
        partitionExpirationMs: OptionSetting<Int64>? = nil,
        requirePartitionFilter: OptionSetting<Bool>? = nil
    ) {
        self.description = description
        self.labels = labels
        self.partitionExpirationMs = partitionExpirationMs
        self.requirePartitionFilter = requirePartitionFilter
    }

    /// Whether the list mentions no option at all, as `OPTIONS()` does.
    public var isEmpty: Bool {
        description == nil && labels == nil && partitionExpirationMs == nil && requirePartitionFilter == nil
    }

    /// The option names `OPTIONS(...)` on a table accepts, in DDL spelling.
    static let supportedNames = ["description", "labels", "partition_expiration_days", "require_partition_filter"]

    /// Milliseconds in a day, to turn `partition_expiration_days` into `timePartitioning.expirationMs`.
    static let millisecondsPerDay: Double = 86_400_000

    /// The longest table description BigQuery accepts, in characters.
    public static let maximumDescriptionLength = 16_384

    /// Why a label key or value is not one BigQuery accepts, or `nil` when it is.
    ///
    /// Keys and values have at most 63 characters of lowercase letters, digits, underscores and
    /// dashes; keys start with a lowercase letter; values may be empty.
    static func labelProblem(key: String, value: String) -> String? {
        func isLabelText(_ text: String) -> Bool {
            text.count <= 63
                && text.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" || $0 == "-" }
        }
        guard let first = key.first, first.isLetter, first.isLowercase else {
            return "label key '\(key)' must start with a lowercase letter"
        }
        if !isLabelText(key) {
            return "label key '\(key)' may contain at most 63 lowercase letters, digits, underscores and dashes"
        }
        if !isLabelText(value) {
            return "label value '\(value)' may contain at most 63 lowercase letters, digits, underscores and dashes"
        }
        return nil
    }
}
