import Foundation

/// Typed access to a table-resource JSON document parsed by `JSONSerialization`, with errors that
/// name the member at fault.
struct TableResourceReader {
    /// Where errors point: the document's source, without a line.
    let position: SourcePosition

    /// The members a `schema.fields` element may have; any other changes the column's meaning.
    private static let fieldMembers: Set<String> = ["name", "type", "mode", "description"]

    /// Creates a reader whose errors name `source`.
    init(source: String) {
        position = SourcePosition(source: source, line: 0, column: 0)
    }

    /// An ``DDLError/Code/invalidTableResource`` error.
    func invalid(_ detail: String) -> DDLError {
        .make(.invalidTableResource, "invalid table resource: \(detail)", at: position)
    }

    /// Parses the document; its top level must be an object.
    func parse(_ json: String) throws(DDLError) -> [String: Any] {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            throw invalid("the document is not valid JSON")
        }
        guard let root = value as? [String: Any] else { throw invalid("the top level is not an object") }
        return root
    }

    /// The object member `key`, `nil` when absent; an error when it is not an object.
    func object(_ parent: [String: Any], _ key: String) throws(DDLError) -> [String: Any]? {
        guard let value = parent[key] else { return nil }
        guard let object = value as? [String: Any] else { throw invalid("'\(key)' is not an object") }
        return object
    }

    /// The array member `key`, `nil` when absent; an error when it is not an array.
    func array(_ parent: [String: Any], _ key: String) throws(DDLError) -> [Any]? {
        guard let value = parent[key] else { return nil }
        guard let array = value as? [Any] else { throw invalid("'\(key)' is not an array") }
        return array
    }

    /// The string member `key`, `nil` when absent; an error when it is not a string.
    func string(_ parent: [String: Any], _ key: String) throws(DDLError) -> String? {
        guard let value = parent[key] else { return nil }
        guard let text = value as? String else { throw invalid("'\(key)' is not a string") }
        return text
    }

    /// The array-of-strings member `key`, empty when absent.
    func strings(_ parent: [String: Any], _ key: String) throws(DDLError) -> [String] {
        var result: [String] = []
        for element in try array(parent, key) ?? [] {
            guard let text = element as? String else { throw invalid("an element of '\(key)' is not a string") }
            result.append(text)
        }
        return result
    }

    /// The boolean member `key` (`true`, `false`, or the strings the API sometimes uses), `nil` when absent.
    func bool(_ parent: [String: Any], _ key: String) throws(DDLError) -> Bool? {
        guard let value = parent[key] else { return nil }
        if let text = value as? String, text == "true" || text == "false" { return text == "true" }
        guard let number = value as? NSNumber, Self.isBoolean(number) else {
            throw invalid("'\(key)' is not true or false")
        }
        return number.boolValue
    }

    /// The 64-bit integer member `key`, written as a string (as the API does) or a number; `nil` when absent.
    func int64(_ parent: [String: Any], _ key: String) throws(DDLError) -> Int64? {
        guard let value = parent[key] else { return nil }
        if let text = value as? String, let number = Int64(text) { return number }
        if let number = value as? NSNumber, !Self.isBoolean(number),
            let exact = Int64(exactly: number.doubleValue)
        {
            return exact
        }
        throw invalid("'\(key)' is not a whole number")
    }

    /// The column a `schema.fields` element describes.
    func column(_ element: Any, at offset: Int) throws(DDLError) -> ColumnDefinition {
        guard let field = element as? [String: Any] else {
            throw invalid("schema field \(offset + 1) is not an object")
        }
        guard let name = try string(field, "name") else { throw invalid("schema field \(offset + 1) has no 'name'") }
        if let extra = field.keys.sorted().first(where: { !Self.fieldMembers.contains($0) }) {
            throw invalid("field '\(name)' has '\(extra)', which bmrs does not support")
        }
        guard let typeName = try string(field, "type") else { throw invalid("field '\(name)' has no 'type'") }
        guard let type = BigQueryType(legacyName: typeName) else {
            throw invalid("field '\(name)' has type '\(typeName)', which bmrs does not support")
        }
        let mode = try string(field, "mode") ?? "NULLABLE"
        guard mode == "NULLABLE" || mode == "REQUIRED" else {
            throw invalid("field '\(name)' has mode '\(mode)'; bmrs supports NULLABLE and REQUIRED")
        }
        return ColumnDefinition(
            name: name, type: type, isRequired: mode == "REQUIRED", description: try string(field, "description"))
    }

    /// Whether `number` came from JSON `true` or `false` (`JSONSerialization` boxes them with `objCType` "c").
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
