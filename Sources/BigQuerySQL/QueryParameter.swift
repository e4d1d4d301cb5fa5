/// A query parameter given as bq gives it: `--parameter name:TYPE:value`.
public struct QueryParameter: Sendable, Equatable {
    /// The name used as `@name`.
    public var name: String
    /// The parameter's type.
    public var type: SQLType
    /// The value as text, or `nil` for NULL.
    public var value: String?

    /// Creates a parameter.
    public init(name: String, type: SQLType, value: String?) {
        self.name = name
        self.type = type
        self.value = value
    }

    /// Parses bq's `name:TYPE:value` (TYPE may be empty for STRING; the value `NULL` is NULL).
    public init(parsing text: String) throws(BigQuerySQLError) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty else {
            throw BigQuerySQLError(.syntax, "Invalid parameter \"\(text)\": expected name:TYPE:value", offset: 0)
        }
        let typeName = parts[1].isEmpty ? "STRING" : parts[1]
        var parser = Parser(
            tokens: try { () throws(BigQuerySQLError) -> [Token] in
                var tokenizer = Tokenizer(sql: typeName)
                return try tokenizer.tokenize()
            }())
        guard let parsed = try? parser.parseType(), case .end = parser.current.kind, let type = SQLType(parsed) else {
            throw BigQuerySQLError(.syntax, "Invalid parameter \"\(text)\": unknown type \(typeName)", offset: 0)
        }
        self.init(name: parts[0], type: type, value: parts[2] == "NULL" ? nil : parts[2])
    }
}
