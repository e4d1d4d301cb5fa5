extension Analyzer {
    /// The value coerced to `type` as BigQuery coerces implicitly (literals, INT64 to FLOAT64, DATE to DATETIME).
    func coerce(_ value: Resolved, to type: SQLType, at: Int, what: String) throws(BigQuerySQLError) -> Resolved {
        if value.type == type && !value.isNullLiteral { return value }
        if value.isNullLiteral {
            var r = value
            r.type = type
            return r
        }
        var r = value
        r.type = type
        switch (value.type, type) {
        case (.int64, .float64):
            if case .integer(let n)? = value.literal {
                r.sql = floatSQL(Double(n))
                r.literal = .float(Double(n))
            } else {
                r.sql = "CAST(\(value.sql) AS REAL)"
                r.literal = nil
            }
            return r
        case (.int64, .numeric), (.int64, .bignumeric):
            if case .integer(let n)? = value.literal {
                r.sql = sqlString(String(n))
            } else {
                r.sql = "bq_cast(\(value.sql), 'INT64', \(sqlString(type.description)))"
            }
            r.literal = nil
            return r
        case (.numeric, .bignumeric):
            return r
        case (.date, .datetime):
            r.sql = "(\(value.sql) || ' 00:00:00')"
            r.literal = nil
            return r
        case (.string, _):
            guard case .string(let text)? = value.literal else { break }
            let invalid = BigQuerySQLError(
                .type,
                what == "literal"
                    ? "Could not cast literal \"\(text)\" to type \(type)"
                    : what == "typed literal" ? "Invalid \(type) literal: \(text)" : "Invalid \(type) \(what): \(text)",
                offset: at)
            r.literal = nil
            switch type {
            case .date:
                guard let canonical = CivilLiteral.date(text) else { throw invalid }
                r.sql = sqlString(canonical)
                r.literal = .string(canonical)
            case .datetime:
                guard let canonical = CivilLiteral.datetime(text) else { throw invalid }
                r.sql = sqlString(canonical)
            case .time:
                guard let canonical = CivilLiteral.time(text) else { throw invalid }
                r.sql = sqlString(canonical)
            case .timestamp:
                switch CivilLiteral.timestamp(text) {
                case .utc(let canonical): r.sql = sqlString(canonical)
                case .needsZone: r.sql = "bq_timestamp_from_string(\(value.sql))"
                case .invalid: throw invalid
                }
            case .numeric, .bignumeric:
                guard let canonical = Self.decimal(text) else { throw invalid }
                r.sql = sqlString(canonical)
            default:
                throw BigQuerySQLError(
                    .type, "Cannot coerce STRING literal to \(type) in \(what)", offset: at)
            }
            return r
        default:
            break
        }
        throw BigQuerySQLError(.type, "Cannot coerce \(value.type) to \(type) in \(what)", offset: at)
    }

    /// A decimal literal's canonical text (no exponent, no trailing fraction zeros), or `nil`.
    static func decimal(_ text: String) -> String? {
        var chars = Array(text.trimmingSpaces())
        var negative = false
        if let first = chars.first, first == "+" || first == "-" {
            negative = first == "-"
            chars.removeFirst()
        }
        guard !chars.isEmpty, chars.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            chars.filter({ $0 == "." }).count <= 1, chars != ["."]
        else { return nil }
        let parts = String(chars).split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0].drop { $0 == "0" })
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        guard fraction.count <= 9, integer.count <= 29 else { return nil }
        if integer.isEmpty { integer = "0" }
        if integer == "0" && fraction.isEmpty { return "0" }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `CAST`/`SAFE_CAST`: SQLite built-ins where they agree with BigQuery exactly, else `bq_cast`.
    func cast(_ value: Resolved, to type: SQLType, safe: Bool, at: Int) throws(BigQuerySQLError) -> Resolved {
        if value.type == type && !value.isNullLiteral { return value }
        if value.isNullLiteral { return .constant("NULL", type) }
        if case .string? = value.literal, type != .string, type != .bytes, type != .bool,
            !type.isNumeric || type.isDecimal
        {
            if let folded = try? coerce(value, to: type, at: at, what: "literal") { return folded }
            if !safe {
                if case .string(let text)? = value.literal {
                    throw BigQuerySQLError(.type, "Could not cast literal \"\(text)\" to type \(type)", offset: at)
                }
            }
        }
        var sql: String
        switch (value.type, type) {
        case (.int64, .float64): sql = "CAST(\(value.sql) AS REAL)"
        case (.int64, .string): sql = "CAST(\(value.sql) AS TEXT)"
        case (.bool, .string): sql = "(CASE \(value.sql) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
        case (.bool, .int64): sql = value.sql
        case (.int64, .bool): sql = "(\(value.sql) != 0)"
        case (.date, .string), (.time, .string), (.datetime, .string): sql = value.sql
        case (.date, .datetime): sql = "(\(value.sql) || ' 00:00:00')"
        case (.datetime, .date), (.timestamp, .date): sql = "substr(\(value.sql), 1, 10)"
        case (.string, .bytes): sql = "CAST(\(value.sql) AS BLOB)"
        default:
            switch (value.type, type) {
            case (.array, _), (.structure, _), (_, .array), (_, .structure):
                if value.type != type {
                    throw BigQuerySQLError(.type, "Invalid cast from \(value.type) to \(type)", offset: at)
                }
            default: break
            }
            let function = safe ? "bq_safe_cast" : "bq_cast"
            sql = "\(function)(\(value.sql), \(sqlString(value.type.description)), \(sqlString(type.description)))"
        }
        return .combining([value], sql: sql, type: type)
    }

    /// `EXTRACT(part FROM value [AT TIME ZONE zone])`.
    func extract(_ part: String, _ value: Resolved, _ zone: Resolved?, at: Int) throws(BigQuerySQLError) -> Resolved {
        let canonicalPart = part == "DAYOFWEEK" || part.hasPrefix("WEEK") || part == "ISOWEEK" ? part : part
        var parts: [Resolved] = [value]
        if let zone { parts.append(zone) }
        if part == "DATE" {
            switch value.type {
            case .timestamp:
                let z = zone.map { ", \($0.sql)" } ?? ""
                return .combining(parts, sql: "bq_date_from_timestamp(\(value.sql)\(z))", type: .date)
            case .datetime: return .combining(parts, sql: "substr(\(value.sql), 1, 10)", type: .date)
            default: throw noSignature("function EXTRACT", [value], at: at)
            }
        }
        if part == "TIME" || part == "DATETIME" {
            throw .unsupported("EXTRACT(\(part) FROM ...)", at: at)
        }
        let simple = ["YEAR": (1, 4), "MONTH": (6, 2), "DAY": (9, 2)]
        switch value.type {
        case .date, .datetime:
            if let (start, length) = simple[part] {
                return .combining(
                    parts, sql: "CAST(substr(\(value.sql), \(start), \(length)) AS INTEGER)", type: .int64)
            }
            let name = value.type == .date ? "bq_extract_date" : "bq_extract_datetime"
            return .combining(parts, sql: "\(name)(\(sqlString(canonicalPart)), \(value.sql))", type: .int64)
        case .timestamp:
            if zone == nil, let (start, length) = simple[part] {
                return .combining(
                    parts, sql: "CAST(substr(\(value.sql), \(start), \(length)) AS INTEGER)", type: .int64)
            }
            let z = zone.map { ", \($0.sql)" } ?? ""
            return .combining(
                parts, sql: "bq_extract_timestamp(\(sqlString(canonicalPart)), \(value.sql)\(z))", type: .int64)
        case .time:
            return .combining(parts, sql: "bq_extract_time(\(sqlString(canonicalPart)), \(value.sql))", type: .int64)
        case .interval:
            return .combining(
                parts, sql: "bq_extract_interval(\(sqlString(canonicalPart)), \(value.sql))", type: .int64)
        default:
            if value.isNullLiteral { return .constant("NULL", .int64) }
            throw noSignature("function EXTRACT", [value], at: at)
        }
    }
}

extension String {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}

extension CivilLiteral {
    /// Two hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
