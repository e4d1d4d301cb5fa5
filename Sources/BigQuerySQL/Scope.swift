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
        let lower = name.lowercased()
        return variables.first { $0.alias.lowercased() == lower }
    }

    /// Columns called `name` in this scope only, not hidden.
    func columns(named name: String) -> [ScopeColumn] {
        let lower = name.lowercased()
        var found: [ScopeColumn] = []
        for variable in variables where !variable.isValue {
            for column in variable.columns where !column.hidden && column.name.lowercased() == lower {
                found.append(column)
            }
        }
        return found
    }
}
