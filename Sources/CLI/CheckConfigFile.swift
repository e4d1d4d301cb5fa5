import Check
import Store

/// `bmrs check --config FILE`: thresholds from a TOML or JSON file (told by the extension, else by a first `{`).
enum CheckConfigFile {
    /// Applies the settings of the file at `path` (`-` for standard input) to `config`.
    static func apply(path: String, to config: inout CheckConfig) throws {
        let bytes = try readInput(path)
        try config.apply(ConfigDocument.read(bytes, file: path))
    }
}
