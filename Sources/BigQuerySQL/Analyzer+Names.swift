extension Analyzer {
    /// A dotted name: a SELECT alias, a column, `alias.column`, an UNNEST value, then struct fields.
    func resolvePath(_ names: [Name], _ context: Context) throws(BigQuerySQLError) -> Resolved {
        let first = names[0]
        if names.count == 1, let alias = context.aliases[first.text.lowercased()] {
            var r = alias
            r.ungrouped = nil
            r.sql = "(\(r.sql))"
            return r
        }
        var scope: Scope? = context.scope
        var depth = 0
        while let current = scope {
            var base: ScopeColumn? = nil
            var rest = names.dropFirst()
            if let variable = current.variable(named: first.text) {
                if variable.isValue {
                    base = variable.columns.first
                } else {
                    guard let fieldName = rest.first else {
                        throw .unsupported("a table alias used as a STRUCT value (\(first.text))", at: first.offset)
                    }
                    let matches = variable.columns.filter { $0.name.lowercased() == fieldName.text.lowercased() }
                    guard let column = matches.first else {
                        throw BigQuerySQLError(
                            .notFound, "Name \(fieldName.text) not found inside \(first.text)", offset: fieldName.offset
                        )
                    }
                    if matches.count > 1 {
                        throw BigQuerySQLError(
                            .invalid, "Name \(fieldName.text) is ambiguous inside \(first.text)",
                            offset: fieldName.offset)
                    }
                    base = column
                    rest = rest.dropFirst()
                }
            } else {
                let matches = current.columns(named: first.text)
                if matches.count > 1 {
                    throw BigQuerySQLError(.invalid, "Column name \(first.text) is ambiguous", offset: first.offset)
                }
                base = matches.first
            }
            if let column = base {
                if let use = column.use { scans[use.scan].columns.insert(use.name) }
                var r = Resolved(sql: column.sql, type: column.type)
                r.column = column.use
                if depth == 0, context.groupKeys != nil { r.ungrouped = Name(text: column.name, offset: first.offset) }
                if depth > 0 { r.column = nil }
                for field in rest { r = try fieldAccess(r, field) }
                return r
            }
            scope = current.parent
            depth += 1
        }
        throw BigQuerySQLError(.notFound, "Unrecognized name: \(first.text)", offset: first.offset)
    }

    /// `struct.field`.
    func fieldAccess(_ base: Resolved, _ name: Name) throws(BigQuerySQLError) -> Resolved {
        guard case .structure(let fields) = base.type else {
            throw BigQuerySQLError(
                .type, "Cannot access field \(name.text) on a value with type \(base.type)", offset: name.offset)
        }
        guard let index = fields.firstIndex(where: { $0.name.lowercased() == name.text.lowercased() }) else {
            throw BigQuerySQLError(
                .notFound, "Field name \(name.text) does not exist in \(base.type)", offset: name.offset)
        }
        var r = Resolved.combining(
            [base], sql: decodeJSONElement("json_extract(\(base.sql), '$[\(index)]')", fields[index].type),
            type: fields[index].type)
        r.ungrouped = base.ungrouped
        return r
    }

    /// The value as an element of a JSON array (the contract's ARRAY/STRUCT encoding).
    func jsonElement(_ value: Resolved) -> String {
        switch value.type {
        case .bool: return "(CASE \(value.sql) WHEN 1 THEN json('true') WHEN 0 THEN json('false') END)"
        case .array, .structure: return "json(\(value.sql))"
        case .bytes: return "bq_cast(\(value.sql), 'BYTES', 'STRING')"
        default: return value.sql
        }
    }

    /// SQL reading an element decoded by `json_each`/`json_extract` back into the contract's representation.
    func decodeJSONElement(_ sql: String, _ type: SQLType) -> String {
        switch type {
        case .float64: return "CAST(\(sql) AS REAL)"
        default: return sql
        }
    }
}
