import FoundationEssentials

/// A JSON document decoded without Foundation's `JSONSerialization` (which needs the full Foundation):
/// numbers keep whether they were integers, and `true`/`false` stay booleans.
public enum DecodedJSON: Decodable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number that is a whole 64-bit integer.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([DecodedJSON])
    /// An object.
    case object([String: DecodedJSON])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([DecodedJSON].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: DecodedJSON].self))
        }
    }
}

/// Typed access to a table-resource JSON document, with errors that name the member at fault.
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
    func parse(_ json: String) throws(DDLError) -> [String: DecodedJSON] {
        let value: DecodedJSON
        do {
            value = try JSONDecoder().decode(DecodedJSON.self, from: Data(json.utf8))
        } catch {
            throw invalid("the document is not valid JSON")
        }
        guard case .object(let root) = value else { throw invalid("the top level is not an object") }
        return root
    }

    /// The object member `key`, `nil` when absent; an error when it is not an object.
    func object(_ parent: [String: DecodedJSON], _ key: String) throws(DDLError) -> [String: DecodedJSON]? {
        guard let value = parent[key] else { return nil }
        guard case .object(let object) = value else { throw invalid("'\(key)' is not an object") }
        return object
    }

    /// The array member `key`, `nil` when absent; an error when it is not an array.
    func array(_ parent: [String: DecodedJSON], _ key: String) throws(DDLError) -> [DecodedJSON]? {
        guard let value = parent[key] else { return nil }
        guard case .array(let array) = value else { throw invalid("'\(key)' is not an array") }
        return array
    }

    /// The string member `key`, `nil` when absent; an error when it is not a string.
    func string(_ parent: [String: DecodedJSON], _ key: String) throws(DDLError) -> String? {
        guard let value = parent[key] else { return nil }
        guard case .string(let text) = value else { throw invalid("'\(key)' is not a string") }
        return text
    }

    /// The array-of-strings member `key`, empty when absent.
    func strings(_ parent: [String: DecodedJSON], _ key: String) throws(DDLError) -> [String] {
        var result: [String] = []
        for element in try array(parent, key) ?? [] {
            guard case .string(let text) = element else {
                throw invalid("an element of '\(key)' is not a string")
            }
            result.append(text)
        }
        return result
    }

    /// The boolean member `key` (`true`, `false`, or the strings the API sometimes uses), `nil` when absent.
    func bool(_ parent: [String: DecodedJSON], _ key: String) throws(DDLError) -> Bool? {
        guard let value = parent[key] else { return nil }
        switch value {
        case .string("true"), .bool(true): return true
        case .string("false"), .bool(false): return false
        default: throw invalid("'\(key)' is not true or false")
        }
    }

    /// The 64-bit integer member `key`, written as a string (as the API does) or a number; `nil` when absent.
    func int64(_ parent: [String: DecodedJSON], _ key: String) throws(DDLError) -> Int64? {
        guard let value = parent[key] else { return nil }
        switch value {
        case .string(let text): if let number = Int64(text) { return number }
        case .integer(let number): return number
        case .number(let number): if let exact = Int64(exactly: number) { return exact }
        default: break
        }
        throw invalid("'\(key)' is not a whole number")
    }

    /// The column a `schema.fields` element describes.
    func column(_ element: DecodedJSON, at offset: Int) throws(DDLError) -> ColumnDefinition {
        guard case .object(let field) = element else {
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
}
