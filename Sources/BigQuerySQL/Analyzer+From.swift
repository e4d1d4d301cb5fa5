/// One item of a SELECT list after `*` expansion.
struct SelectListItem {
    /// The expression to analyze, or `nil` for a column from `*`.
    var expression: Expression?
    /// A column from `*`, already resolved.
    var resolved: Resolved?
    /// The output name; empty when anonymous.
    var name: String
    /// Whether an alias gave the name.
    var explicitlyNamed: Bool
    var offset: Int
}

extension Analyzer {
    /// Expands `*` and names every item as BigQuery names result columns.
    func expandItems(_ select: Select, scope: Scope, base: Context) throws(BigQuerySQLError) -> [SelectListItem] {
        var items: [SelectListItem] = []
        for item in select.items {
            switch item {
            case .expression(let expression, let alias):
                var name = alias?.text ?? ""
                if alias == nil {
                    if case .path(let names) = expression.kind, let last = names.last { name = last.text }
                    if case .field(_, let field) = expression.kind { name = field.text }
                }
                items.append(
                    SelectListItem(
                        expression: expression, resolved: nil, name: name, explicitlyNamed: alias != nil,
                        offset: expression.offset))
            case .star(let qualifier, let except, let replace, let offset):
                var variables = scope.variables
                if !qualifier.isEmpty {
                    guard qualifier.count == 1, let variable = scope.variable(named: qualifier[0].text) else {
                        throw BigQuerySQLError(
                            .notFound, "Unrecognized name: \(qualifier[0].text)", offset: qualifier[0].offset)
                    }
                    variables = [variable]
                } else if variables.isEmpty {
                    throw BigQuerySQLError(.invalid, "SELECT * must have a FROM clause", offset: offset)
                }
                var excluded = Set(except.map { $0.text.lowercased() })
                let available = Set(variables.flatMap { $0.columns.map { $0.name.lowercased() } })
                for name in except where !available.contains(name.text.lowercased()) {
                    throw BigQuerySQLError(
                        .notFound, "Column \(name.text) in SELECT * EXCEPT list does not exist", offset: name.offset)
                }
                var replacements: [String: Expression] = [:]
                for (expression, name) in replace {
                    guard available.contains(name.text.lowercased()) else {
                        throw BigQuerySQLError(
                            .notFound, "Column \(name.text) in SELECT * REPLACE list does not exist",
                            offset: name.offset)
                    }
                    replacements[name.text.lowercased()] = expression
                }
                for variable in variables {
                    for column in variable.columns where !column.hidden && !column.name.isEmpty {
                        let key = column.name.lowercased()
                        if excluded.contains(key) { continue }
                        if let expression = replacements[key] {
                            items.append(
                                SelectListItem(
                                    expression: expression, resolved: nil, name: column.name, explicitlyNamed: true,
                                    offset: expression.offset))
                            continue
                        }
                        if let use = column.use { scans[use.scan].columns.insert(use.name) }
                        var resolved = Resolved(sql: column.sql, type: column.type)
                        resolved.column = column.use
                        items.append(
                            SelectListItem(
                                expression: nil, resolved: resolved, name: column.name, explicitlyNamed: true,
                                offset: offset))
                    }
                }
                excluded.removeAll()
            }
        }
        return items
    }

    /// Translates a FROM item, adding its range variables to `scope`; returns the SQLite FROM text.
    func translateFrom(_ item: FromItem, scope: Scope) throws(BigQuerySQLError) -> String {
        switch item {
        case .table(let path, let alias, let offset):
            return try translateTable(path, alias: alias, offset: offset, scope: scope)
        case .subquery(let query, let alias, _):
            let result = try translate(query, outer: scope.parent)
            let name = freshName("t")
            try add(
                RangeVariable(
                    alias: alias?.text ?? "",
                    columns: result.columns.map {
                        ScopeColumn(name: $0.name, type: $0.type, sql: "\(name).\(sqlName($0.sqlName))")
                    }), to: scope, at: alias?.offset ?? 0)
            return "(\(result.sql)) AS \(name)"
        case .unnest(let array, let alias, let withOffset, let offset):
            let resolved = try resolve(array, Context(scope: scope, clause: "UNNEST"))
            guard case .array(let element) = resolved.type else {
                throw BigQuerySQLError(
                    .type,
                    "Values referenced in UNNEST must be arrays. UNNEST contains expression of type \(resolved.type)",
                    offset: array.offset)
            }
            let name = freshName("u")
            let value = decodeJSONElement("\(name).value", element)
            try add(
                RangeVariable(
                    alias: alias?.text ?? "",
                    columns: [ScopeColumn(name: alias?.text ?? "", type: element, sql: value)],
                    isValue: alias != nil), to: scope, at: alias?.offset ?? offset)
            if alias == nil, case .structure(let fields) = element {
                // UNNEST of structs without an alias exposes the fields as columns.
                scope.variables[scope.variables.count - 1].isValue = false
                scope.variables[scope.variables.count - 1].columns = fields.enumerated().map { index, field in
                    ScopeColumn(
                        name: field.name, type: field.type,
                        sql: decodeJSONElement("json_extract(\(name).value, '$[\(index)]')", field.type))
                }
            }
            if let withOffset {
                try add(
                    RangeVariable(
                        alias: withOffset.text,
                        columns: [ScopeColumn(name: withOffset.text, type: .int64, sql: "\(name).key")], isValue: true),
                    to: scope, at: withOffset.offset)
            }
            return "json_each(\(resolved.sql)) AS \(name)"
        case .join(let kind, let left, let right, let on, let using, let offset):
            let leftSQL = try translateFrom(left, scope: scope)
            let before = scope.variables.count
            let rightSQL = try translateFrom(right, scope: scope)
            // A plain JOIN without ON: SQLite may reorder it (its CROSS JOIN pins the loop order).
            if kind == "," || kind == "CROSS" { return "\(leftSQL) JOIN \(rightSQL)" }
            let joinWord: String
            switch kind {
            case "INNER": joinWord = "JOIN"
            case "LEFT": joinWord = "LEFT JOIN"
            case "RIGHT", "FULL":
                // SQLite before 3.39 has neither; the store's SQLite is checked at run time by the emitted SQL.
                joinWord = kind == "RIGHT" ? "RIGHT JOIN" : "FULL JOIN"
            default: throw .unsupported("\(kind) JOIN", at: offset)
            }
            if let on {
                let resolved = try resolve(on, Context(scope: scope, clause: "ON clause"))
                guard resolved.type == .bool else {
                    throw BigQuerySQLError(
                        .type, "ON clause should return type BOOL, but returns \(resolved.type)", offset: start(of: on))
                }
                return "\(leftSQL) \(joinWord) \(rightSQL) ON \(resolved.sql)"
            }
            if using.isEmpty {
                if case .unnest = right { return "\(leftSQL) \(joinWord) \(rightSQL) ON 1" }
                throw BigQuerySQLError(.syntax, "Syntax error: Expected keyword ON or keyword USING", offset: offset)
            }
            var conditions: [String] = []
            for name in using {
                let key = name.text.lowercased()
                func find(_ range: Range<Int>) throws(BigQuerySQLError) -> (Int, Int) {
                    var found: [(Int, Int)] = []
                    for v in range {
                        for (c, column) in scope.variables[v].columns.enumerated()
                        where !column.hidden && column.name.lowercased() == key {
                            found.append((v, c))
                        }
                    }
                    guard found.count == 1 else {
                        throw BigQuerySQLError(
                            .notFound,
                            found.isEmpty
                                ? "Column \(name.text) in USING clause not found on \(range.lowerBound == 0 ? "left" : "right") side of join"
                                : "Column \(name.text) in USING clause is ambiguous",
                            offset: name.offset)
                    }
                    return found[0]
                }
                let (lv, lc) = try find(0..<before)
                let (rv, rc) = try find(before..<scope.variables.count)
                let l = scope.variables[lv].columns[lc]
                let r = scope.variables[rv].columns[rc]
                guard l.type == r.type else {
                    throw BigQuerySQLError(
                        .type, "No matching signature for operator = for argument types: \(l.type), \(r.type)",
                        offset: name.offset)
                }
                if let use = l.use { scans[use.scan].columns.insert(use.name) }
                if let use = r.use { scans[use.scan].columns.insert(use.name) }
                conditions.append("\(l.sql) = \(r.sql)")
                if kind == "FULL" {
                    scope.variables[lv].columns[lc].sql = "coalesce(\(l.sql), \(r.sql))"
                    scope.variables[lv].columns[lc].use = nil
                } else if kind == "RIGHT" {
                    scope.variables[lv].columns[lc].sql = r.sql
                    scope.variables[lv].columns[lc].use = r.use
                }
                scope.variables[rv].columns[rc].hidden = true
            }
            return "\(leftSQL) \(joinWord) \(rightSQL) ON \(conditions.joined(separator: " AND "))"
        }
    }

    /// Adds a range variable, refusing a duplicate alias.
    private func add(_ variable: RangeVariable, to scope: Scope, at offset: Int) throws(BigQuerySQLError) {
        if !variable.alias.isEmpty, scope.variable(named: variable.alias) != nil {
            throw BigQuerySQLError(
                .invalid, "Duplicate table alias \(variable.alias) in the same FROM clause", offset: offset)
        }
        scope.variables.append(variable)
    }

    /// A table by path: a CTE, a store table, or INFORMATION_SCHEMA.
    private func translateTable(_ path: [Name], alias: Name?, offset: Int, scope: Scope) throws(BigQuerySQLError)
        -> String
    {
        let text = path.map(\.text).joined(separator: ".")
        if path.count == 1, let cte = cte(named: path[0].text) {
            let name = freshName("t")
            if cte.recursive {
                // SQLite runs a recursive CTE only with its one reference at the top of the recursive SELECT.
                guard let term = recursiveTerm, term.sqlName == cte.sqlName, term.depth == selectDepth,
                    pendingIteration == nil
                else {
                    throw .unsupported(
                        "a recursive reference to \(text) other than once in the recursive term's FROM", at: offset)
                }
                pendingIteration = "\(name)._d"
            }
            try add(
                RangeVariable(
                    alias: alias?.text ?? path[0].text,
                    columns: cte.columns.map {
                        ScopeColumn(name: $0.name, type: $0.type, sql: "\(name).\(sqlName($0.sqlName))")
                    }), to: scope, at: alias?.offset ?? offset)
            return "\(cte.sqlName) AS \(name)"
        }
        if let index = path.firstIndex(where: { $0.text.uppercased() == "INFORMATION_SCHEMA" }) {
            return try translateInformationSchema(path, at: index, alias: alias, offset: offset, scope: scope)
        }
        guard path.count <= 3 else {
            throw BigQuerySQLError(.notFound, "Not found: Table \(text) was not found", offset: offset)
        }
        if path.count >= 2, path[path.count - 2].text != dataset {
            throw BigQuerySQLError(
                .notFound, "Not found: Dataset \(path[path.count - 2].text) was not found",
                offset: path[path.count - 2].offset)
        }
        let tableName = path[path.count - 1].text
        guard let table = catalog.tables.first(where: { $0.reference.table == tableName }) else {
            throw BigQuerySQLError(
                .notFound, "Not found: Table \(dataset).\(tableName) was not found", offset: path[path.count - 1].offset
            )
        }
        let name = freshName("t")
        let scan = scans.count
        scans.append(Scan(table: table, alias: name, offset: offset))
        try add(
            RangeVariable(
                alias: alias?.text ?? tableName,
                columns: table.columns.map {
                    ScopeColumn(
                        name: $0.name, type: SQLType($0.type), sql: "\(name).\(sqlName($0.name))",
                        use: ColumnUse(scan: scan, name: $0.name))
                }), to: scope, at: alias?.offset ?? offset)
        return "\(sqlName(tableName)) AS \(name)"
    }
}
