/// A config file read into settings: every leaf value under its full key path, in file order, with where it
/// was written. TOML and JSON files read into the same document, so both map onto `CheckConfig` the same way.
public struct ConfigDocument: Sendable, Equatable {
    /// A value a setting can take.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case array([Value])

        /// The kind of value, for messages: "a string", "an integer", ...
        public var kind: String {
            switch self {
            case .string: return "a string"
            case .integer: return "an integer"
            case .float: return "a float"
            case .bool: return "a boolean"
            case .array: return "an array"
            }
        }
    }

    /// One `key = value` (TOML) or `"key": value` (JSON) with its table path.
    public struct Entry: Sendable, Equatable {
        /// The keys from the top: `["a", "b"]` for `b` in `[a]`, or `"b"` inside `"a"`'s object.
        public var path: [String]
        /// The value.
        public var value: Value
        /// The 1-based line and column of the value.
        public var line: Int
        public var column: Int

        /// An entry.
        public init(path: [String], value: Value, line: Int, column: Int) {
            self.path = path
            self.value = value
            self.line = line
            self.column = column
        }

        /// The key path joined with dots, quoting keys that are not bare (`a."b c"`).
        public var dottedKey: String { ConfigDocument.dotted(path) }
    }

    /// `path` joined with dots, keys that are not bare in double quotes.
    static func dotted(_ path: [String]) -> String {
        path.map { key in
            !key.isEmpty && key.utf8.allSatisfy(ConfigScanner.isBareKeyByte) ? key : "\"" + key + "\""
        }.joined(separator: ".")
    }

    /// The file's format.
    public enum Format: String, Sendable {
        case toml
        case json

        /// The format of `path`: by its extension (`.toml`, `.json`), else by its content (a first non-blank
        /// character `{` is JSON; anything else is TOML).
        public static func of(path: String, bytes: [UInt8]) -> Format {
            let lower = path.lowercased()
            if lower.hasSuffix(".toml") { return .toml }
            if lower.hasSuffix(".json") { return .json }
            var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            return index < bytes.count && bytes[index] == UInt8(ascii: "{") ? .json : .toml
        }
    }

    /// The file read (for messages).
    public var file: String
    /// The values in file order.
    public var entries: [Entry]

    /// A document of `entries` read from `file`.
    public init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    /// Reads `bytes` of the file `file` in `format` (default: told by `Format.of`); errors say file:line:column.
    public static func read(_ bytes: [UInt8], file: String, format: Format? = nil) throws -> ConfigDocument {
        switch format ?? Format.of(path: file, bytes: bytes) {
        case .toml:
            var reader = try TOMLReader(bytes, file: file)
            return try reader.read()
        case .json:
            var reader = try JSONConfigReader(bytes, file: file)
            return try reader.read()
        }
    }
}
