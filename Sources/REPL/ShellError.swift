/// A problem the shell reports and carries on from: one line saying what and where.
public struct ShellError: Error, CustomStringConvertible, Sendable {
    /// The message, a full sentence without the trailing period.
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
