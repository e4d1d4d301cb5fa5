/// An error in evaluating a BigQuery function, with BigQuery's own message text
/// (`division by zero: 1 / 0`, `Invalid time zone: Mars/Olympus`).
public struct BigQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, as BigQuery words it.
    public let message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
