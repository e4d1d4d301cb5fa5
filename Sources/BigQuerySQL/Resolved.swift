/// An analyzed expression: its SQLite text, its BigQuery type and what the analyzer needs to know about it.
struct Resolved {
    /// A literal's value, kept for BigQuery's literal coercions and for constant folding.
    enum Literal: Equatable {
        case null
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
    }

    /// SQLite SQL computing the value in the contract's representation; self-delimiting (parenthesized).
    var sql: String
    /// The BigQuery type.
    var type: SQLType
    /// Set for untyped literals (`NULL`, `'2018-06-21'`) and folded constants.
    var literal: Literal? = nil
    /// True when the value depends on no column (literals, parameters, functions of constants).
    var isConstant = false
    /// True when the expression contains an aggregate function call (outside subqueries).
    var hasAggregate = false
    /// True when it contains a window function call.
    var hasWindow = false
    /// The first column reference not covered by a GROUP BY key, when analyzed in a grouped query.
    var ungrouped: Name? = nil
    /// Set when the expression is a bare column of a base table: the scan and the column name.
    var column: ColumnUse? = nil
    /// True for a `NULL` literal, which coerces to any type.
    var isNullLiteral: Bool { literal == .null }

    /// A constant of `type` with SQL `sql`.
    static func constant(_ sql: String, _ type: SQLType, literal: Literal? = nil) -> Resolved {
        Resolved(sql: sql, type: type, literal: literal, isConstant: true)
    }

    /// Combines the flags of `parts` into a new expression with `sql` and `type`.
    static func combining(_ parts: [Resolved], sql: String, type: SQLType) -> Resolved {
        var result = Resolved(sql: sql, type: type)
        result.isConstant = parts.allSatisfy(\.isConstant)
        result.hasAggregate = parts.contains(where: \.hasAggregate)
        result.hasWindow = parts.contains(where: \.hasWindow)
        result.ungrouped = parts.lazy.compactMap(\.ungrouped).first
        return result
    }
}

/// A column of a base table that an expression reads directly.
struct ColumnUse: Equatable {
    /// The index of the table scan in ``Analyzer/scans``.
    var scan: Int
    /// The column's name as the table declares it.
    var name: String
}

/// SQLite literal text for a string.
func sqlString(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
    return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

/// SQLite quoted identifier.
func sqlName(_ name: String) -> String {
    guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
    return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension String {
    /// `self` with every `target` replaced by `replacement` (no Foundation).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
