/// One column of a table: its name, type, mode and description.
public struct ColumnDefinition: Sendable, Equatable {
    /// The column's name as declared; BigQuery compares column names case-insensitively.
    public var name: String
    /// The column's type.
    public var type: BigQueryType
    /// Whether the column is `NOT NULL` (mode `REQUIRED` in the table resource).
    public var isRequired: Bool
    /// The column's `OPTIONS(description = ...)`, if any.
    public var description: String?

    /// Creates a column definition.
    public init(name: String, type: BigQueryType, isRequired: Bool = false, description: String? = nil) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.description = description
    }

    /// The column's mode in the table resource: `REQUIRED` or `NULLABLE`.
    public var mode: String {
        isRequired ? "REQUIRED" : "NULLABLE"
    }

    /// The longest column description BigQuery accepts, in characters.
    public static let maximumDescriptionLength = 1024

    /// The longest column name BigQuery accepts, in characters.
    public static let maximumNameLength = 300

    /// Prefixes BigQuery reserves and refuses at the start of a column name (compared case-insensitively).
    static let reservedPrefixes = ["_TABLE_", "_FILE_", "_PARTITION", "_ROW_TIMESTAMP", "__ROOT__", "_COLIDENTIFIER"]

    /// Why `name` is not a valid BigQuery column name, or `nil` when it is.
    ///
    /// A valid name has only ASCII letters, digits and underscores, does not start with a digit,
    /// has at most 300 characters and does not start with a prefix BigQuery reserves.
    public static func problem(withName name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "a column name cannot be empty" }
        if name.unicodeScalars.count > maximumNameLength {
            return "column name '\(name.prefix(40))...' is longer than \(maximumNameLength) characters"
        }
        if ("0"..."9").contains(first) {
            return "column name '\(name)' starts with a digit"
        }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_"
        }
        if !allowed {
            return "column name '\(name)' may contain only letters, digits and underscores"
        }
        let upper = name.uppercased()
        if let prefix = reservedPrefixes.first(where: { upper.hasPrefix($0) }) {
            return "column name '\(name)' starts with '\(prefix)', a prefix BigQuery reserves"
        }
        return nil
    }

    /// Throws ``DDLError/Code/invalidName`` or ``DDLError/Code/invalidDefinition`` when BigQuery
    /// would refuse this column.
    func validate(at position: SourcePosition) throws(DDLError) {
        if let problem = Self.problem(withName: name) {
            throw DDLError.make(.invalidName, "invalid name: \(problem)", at: position)
        }
        if let description, description.unicodeScalars.count > Self.maximumDescriptionLength {
            throw DDLError.make(
                .invalidDefinition,
                "invalid definition: the description of column '\(name)' is longer than "
                    + "\(Self.maximumDescriptionLength) characters",
                at: position)
        }
    }

    /// Whether this column has `name`, compared case-insensitively as BigQuery does.
    func isNamed(_ other: String) -> Bool {
        name.lowercased() == other.lowercased()
    }
}
