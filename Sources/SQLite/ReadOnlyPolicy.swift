/// What a read-only query may do, as an authorizer: read tables, call functions and read-only pragmas;
/// never write, create, drop, attach, detach, vacuum, load an extension or set a pragma.
///
/// Deny by default: an action SQLite adds later is refused until it is known to be harmless. Use it together with
/// `Statement.isReadOnly`, which catches what compiles without a refused action (`PRAGMA journal_mode`,
/// `BEGIN IMMEDIATE`).
public enum ReadOnlyPolicy {
    /// Pragmas that only report, allowed without an argument (`PRAGMA page_count`).
    static let reportingPragmas: Set<String> = [
        "application_id", "auto_vacuum", "busy_timeout", "cache_size", "collation_list", "compile_options",
        "data_version", "database_list", "encoding", "foreign_key_check", "foreign_keys", "freelist_count",
        "function_list", "integrity_check", "max_page_count", "module_list", "page_count",
        "page_size", "pragma_list", "query_only", "quick_check", "schema_version", "synchronous", "table_list",
        "user_version",
    ]

    /// Pragmas whose argument names what to describe rather than a new setting (`PRAGMA table_info(t)`).
    static let describingPragmas: Set<String> = [
        "foreign_key_check", "foreign_key_list", "index_info", "index_list", "index_xinfo", "integrity_check",
        "quick_check", "table_info", "table_list", "table_xinfo",
    ]

    /// Functions no query may call: `load_extension` loads code; `fts3_tokenizer` can register a pointer.
    static let refusedFunctions: Set<String> = ["load_extension", "fts3_tokenizer"]

    /// The decision for `action`.
    public static func decide(_ action: AuthorizerAction) -> AuthorizerDecision {
        switch action {
        case .select, .read, .recursive, .transaction, .savepoint:
            return .allow
        case .function(let name):
            return refusedFunctions.contains(name.lowercased()) ? .deny : .allow
        case .pragma(let name, let argument):
            let name = name.lowercased()
            if argument == nil { return reportingPragmas.contains(name) ? .allow : .deny }
            return describingPragmas.contains(name) ? .allow : .deny
        case .update(let table, _) where table == "sqlite_master" || table == "sqlite_temp_master":
            // SQLite asks this while it sets up an eponymous virtual table (`pragma_table_info`, the store's
            // tables) for a statement; a statement that really updates the schema is not read-only, and
            // `sqlite3_stmt_readonly` refuses it after compilation.
            return .allow
        case .insert, .update, .delete, .attach, .detach, .other:
            return .deny
        }
    }
}
