extension Analyzer {
    /// `SAFE.f(...)`: the scalar function `f` returning NULL where it would fail.
    ///
    /// BigQuery ("Function calls", SAFE. prefix): only errors of `f` itself become NULL, not those of its
    /// arguments; aggregate and analytic functions do not take the prefix. `f` is translated as usual; when
    /// it becomes one call of the function pack, `bq_safe('bq_f', args...)` calls that body and turns its error
    /// into NULL. SQLite built-ins and operator forms the translator emits cannot fail, so they stay as they are.
    func resolveSafeCall(_ call: FunctionCall, _ context: Context, at: Int) throws(BigQuerySQLError) -> Resolved {
        let name = call.name[1].text.uppercased()
        if FunctionSignatures.aggregates.contains(name) || FunctionSignatures.analytic.contains(name) {
            throw BigQuerySQLError(.invalid, "Function \(name) does not support SAFE error mode", offset: at)
        }
        var plain = call
        plain.name = [call.name[1]]
        var resolved = try resolveCall(plain, context, at: at)
        resolved.sql = Self.safeSQL(resolved.sql)
        return resolved
    }

    /// `bq_f(a, b)` → `bq_safe('bq_f', a, b)`; anything else unchanged (see ``resolveSafeCall``).
    static func safeSQL(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        guard bytes.starts(with: Array("bq_".utf8)), let open = bytes.firstIndex(of: UInt8(ascii: "(")),
            bytes[..<open].allSatisfy({
                $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
            }),
            closingParenthesis(bytes, from: open) == bytes.count - 1
        else { return sql }
        let function = String(decoding: bytes[..<open], as: UTF8.self)
        let inner = String(decoding: bytes[(open + 1)..<(bytes.count - 1)], as: UTF8.self)
        let arguments = inner.allSatisfy { $0 == " " } ? "" : ", " + inner
        return "bq_safe('\(function)'\(arguments))"
    }

    /// The index of the `)` matching the `(` at `open`, skipping quoted text.
    private static func closingParenthesis(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var quote: UInt8? = nil
        var index = open
        while index < bytes.count {
            let byte = bytes[index]
            if let q = quote {
                if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }
}
