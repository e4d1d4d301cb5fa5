/// An error of the check's own input (a config file): what is wrong and where, as `file:line:column: message`.
public struct CheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence a person can act on.
    public let message: String
    /// The file concerned, when there is one.
    public var file: String?
    /// The 1-based line and column (in characters) of the offending text; 0 when not known.
    public var line: Int
    public var column: Int

    /// Creates an error at `line`:`column` of `file`.
    public init(_ message: String, file: String? = nil, line: Int = 0, column: Int = 0) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, leaving out the parts not known.
    public var description: String {
        var location = file ?? ""
        if line > 0 { location += (location.isEmpty ? "" : ":") + "\(line):\(column)" }
        return location.isEmpty ? message : location + ": " + message
    }
}
