/// A whole query: `WITH ... body ORDER BY ... LIMIT ... OFFSET ...`.
struct Query: Sendable {
    var with: [CommonTableExpression] = []
    /// `WITH RECURSIVE`: a CTE may reference itself.
    var recursive = false
    var body: QueryBody
    var orderBy: [OrderItem] = []
    var limit: Expression? = nil
    var limitOffset: Expression? = nil
    var offset: Int
}

/// `name AS (query)` in a `WITH` clause.
struct CommonTableExpression: Sendable {
    var name: Name
    var query: Query
}

/// The body of a query: a `SELECT`, a set operation, or a parenthesized query.
indirect enum QueryBody: Sendable {
    case select(Select)
    /// `left op right`; `op` is `UNION ALL`, `UNION DISTINCT`, `INTERSECT DISTINCT`, ...
    case setOperation(String, QueryBody, QueryBody, offset: Int)
    case parenthesized(Query)
}

/// One `SELECT` block.
struct Select: Sendable {
    var distinct = false
    /// `SELECT AS STRUCT` / `SELECT AS VALUE`.
    var asKind: String? = nil
    var items: [SelectItem] = []
    var from: FromItem? = nil
    var whereClause: Expression? = nil
    var groupBy: [Expression] = []
    /// With `ROLLUP`, `CUBE` or `GROUPING SETS`: the grouping sets, as indexes into `groupBy`; `nil` for a plain
    /// `GROUP BY` (one set of every key).
    var groupingSets: [[Int]]? = nil
    var having: Expression? = nil
    var qualify: Expression? = nil
    var windows: [(Name, WindowSpecification)] = []
    var offset: Int
}

/// One item of a select list.
enum SelectItem: Sendable {
    case expression(Expression, alias: Name?)
    /// `*` or `alias.*`, with `EXCEPT (...)` and `REPLACE (... AS name)`.
    case star(qualifier: [Name], except: [Name], replace: [(Expression, Name)], offset: Int)
}

/// A `FROM` item.
indirect enum FromItem: Sendable {
    case table([Name], alias: Name?, offset: Int)
    case subquery(Query, alias: Name?, offset: Int)
    /// `UNNEST(array) [AS] alias [WITH OFFSET [AS] name]`; the offset name is `offset` when not given.
    case unnest(Expression, alias: Name?, withOffset: Name?, offset: Int)
    /// `left kind JOIN right ON/USING`; kind is `INNER`, `LEFT`, `RIGHT`, `FULL`, `CROSS` or `,`.
    case join(String, FromItem, FromItem, on: Expression?, using: [Name], offset: Int)
}
