/// A name as written in a query, with where it starts.
struct Name: Sendable, Equatable {
    /// The name without backticks.
    var text: String
    /// The byte offset of its first character.
    var offset: Int
}

/// A type as written in `CAST(x AS type)` or `ARRAY<type>`.
indirect enum TypeName: Sendable, Equatable {
    /// A scalar type by name (`INT64`, `date`, `STRING`); parameters such as `STRING(10)` are dropped.
    case simple(String, offset: Int)
    /// `ARRAY<element>`.
    case array(TypeName)
    /// `STRUCT<name type, ...>`.
    case structure([(name: String?, type: TypeName)])

    static func == (a: TypeName, b: TypeName) -> Bool {
        switch (a, b) {
        case (.simple(let x, _), .simple(let y, _)): x.uppercased() == y.uppercased()
        case (.array(let x), .array(let y)): x == y
        case (.structure(let x), .structure(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && $0.type == $1.type }
        default: false
        }
    }
}

/// One expression of a query, as parsed.
struct Expression: Sendable {
    /// The kinds of expression.
    indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case integer(String)
        case float(String)
        case string(String)
        case bytes([UInt8])
        /// `DATE '2018-06-21'`, `TIMESTAMP '...'`, `NUMERIC '1.5'`, ...: the type name upper-cased.
        case typedLiteral(String, String)
        /// `INTERVAL n unit` or `INTERVAL 'x' unit TO unit`.
        case interval(Expression, unit: String, to: String?)
        case parameter(String)
        /// A dotted name chain: a column, `alias.column`, `struct.field`.
        case path([Name])
        case unary(String, Expression)
        case binary(String, Expression, Expression)
        /// `x IS [NOT] NULL/TRUE/FALSE`; the value is `nil` for NULL.
        case isValue(Expression, Bool?, negated: Bool)
        case isDistinct(Expression, Expression, negated: Bool)
        case between(Expression, Expression, Expression, negated: Bool)
        case like(Expression, Expression, negated: Bool)
        case inList(Expression, [Expression], negated: Bool)
        case inSubquery(Expression, Query, negated: Bool)
        case inUnnest(Expression, Expression, negated: Bool)
        case exists(Query)
        case scalarSubquery(Query)
        case arraySubquery(Query)
        case caseWhen(operand: Expression?, whens: [(Expression, Expression)], otherwise: Expression?)
        /// `CAST(x AS type [FORMAT f [AT TIME ZONE z]])`; with a zone, `format` is the tuple `(f, z)`.
        case cast(Expression, TypeName, safe: Bool, format: Expression?)
        /// `EXTRACT(part FROM x [AT TIME ZONE tz])`; `part` upper-cased, `WEEK(MONDAY)` kept whole.
        case extract(String, Expression, timeZone: Expression?)
        case call(FunctionCall)
        case array(TypeName?, [Expression])
        /// `STRUCT(x AS a, ...)` or a parenthesized tuple `(a, b)`.
        case structure(TypeName?, [(Expression, Name?)])
        /// `a[OFFSET(i)]`, `a[SAFE_ORDINAL(i)]`, `a[i]`: the accessor upper-cased, `OFFSET` for `a[i]`.
        case element(Expression, String, Expression)
        /// `(expression).field`.
        case field(Expression, Name)
        /// A date part word inside a function's arguments (`DAY` in `DATE_ADD(d, INTERVAL 1 DAY)`, `WEEK(MONDAY)`).
        case datePart(String)
    }

    /// What the expression is.
    var kind: Kind
    /// The byte offset where the expression starts (for operators: the operator's position).
    var offset: Int
}

/// A function call with its modifiers: `COUNT(DISTINCT x)`, `STRING_AGG(s, ',' ORDER BY s LIMIT 3)`,
/// `SUM(x) OVER (PARTITION BY y)`.
struct FunctionCall: Sendable {
    /// The name parts (`["SAFE", "DIVIDE"]`), as written.
    var name: [Name]
    var arguments: [Expression]
    /// `name => value` arguments, after the positional ones.
    var namedArguments: [(name: Name, value: Expression)] = []
    /// `COUNT(*)`.
    var star = false
    var distinct = false
    /// `IGNORE NULLS` (true) or `RESPECT NULLS` (false).
    var ignoreNulls: Bool? = nil
    var orderBy: [OrderItem] = []
    var limit: Expression? = nil
    var over: WindowSpecification? = nil
}

/// An `ORDER BY` item.
struct OrderItem: Sendable {
    var expression: Expression
    var descending = false
    /// `NULLS FIRST` (true), `NULLS LAST` (false) or unspecified.
    var nullsFirst: Bool? = nil
}

/// `OVER (...)` or a `WINDOW` clause definition.
struct WindowSpecification: Sendable {
    /// A named window this one builds on.
    var base: Name? = nil
    var partitionBy: [Expression] = []
    var orderBy: [OrderItem] = []
    var frame: WindowFrame? = nil
    var offset: Int
}

/// `ROWS`/`RANGE BETWEEN start AND end`.
struct WindowFrame: Sendable {
    /// A frame boundary.
    enum Bound: Sendable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    var unit: String
    var start: Bound
    var end: Bound?
    var offset: Int
}
