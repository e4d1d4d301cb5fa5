/// A column visible in a scope: how queries name it and how SQLite reads it.
struct ScopeColumn {
    /// The name queries use (case-insensitive); empty for anonymous columns.
    var name: String
    var type: SQLType
    /// SQLite SQL reading it, for example `"_t1"."generation"`.
    var sql: String
    /// The base-table column it is, when it is one.
    var use: ColumnUse?
    /// Hidden from `*` and from unqualified lookup (the right side of `USING`).
    var hidden = false
}

/// A `FROM` item's name and columns (GoogleSQL's range variable).
struct RangeVariable {
    /// The alias, or the table name.
    var alias: String
    var columns: [ScopeColumn]
    /// For `UNNEST` aliases: the alias itself names the element value.
    var isValue = false
}

/// The names visible at a point of a query, with the enclosing query's scope for correlated references.
final class Scope {
    var variables: [RangeVariable] = []
    let parent: Scope?

    init(parent: Scope?) {
        self.parent = parent
    }

    /// The range variable called `name` in this scope only.
    func variable(named name: String) -> RangeVariable? {
        variables.first { sameName($0.alias, name) }
    }

    /// Columns called `name` in this scope only, not hidden.
    func columns(named name: String) -> [ScopeColumn] {
        var found: [ScopeColumn] = []
        for variable in variables where !variable.isValue {
            for column in variable.columns where !column.hidden && sameName(column.name, name) {
                found.append(column)
            }
        }
        return found
    }
}

/// Whether two names are equal ignoring case, as GoogleSQL compares column and alias names; ASCII names are
/// compared byte by byte without allocating.
func sameName(_ a: String, _ b: String) -> Bool {
    let x = a.utf8
    let y = b.utf8
    guard x.count == y.count else {
        return (x.contains { $0 >= 0x80 } || y.contains { $0 >= 0x80 }) && a.lowercased() == b.lowercased()
    }
    for (p, q) in zip(x, y) where p != q {
        if p >= 0x80 || q >= 0x80 { return a.lowercased() == b.lowercased() }
        guard p | 0x20 == q | 0x20, (0x61...0x7A).contains(p | 0x20) else { return false }
    }
    return true
}
