import CSQLite

/// One action SQLite asks an authorizer about while it compiles a statement (`sqlite3_set_authorizer`).
///
/// "The authorizer callback is invoked as SQL statements are being compiled by sqlite3_prepare()"; its
/// arguments depend on the action code, and are decoded here into named cases.
public enum AuthorizerAction: Sendable, Equatable, CustomStringConvertible {
    /// The statement is a `SELECT`.
    case select
    /// A column of a table is read.
    case read(table: String, column: String)
    /// A function is called.
    case function(name: String)
    /// A `PRAGMA`, with its argument (`PRAGMA name = argument` or `PRAGMA name(argument)`) if any.
    case pragma(name: String, argument: String?)
    /// A recursive common table expression.
    case recursive
    /// `BEGIN`, `COMMIT` or `ROLLBACK`.
    case transaction(operation: String)
    /// `SAVEPOINT`, `RELEASE` or `ROLLBACK TO`.
    case savepoint(operation: String, name: String)
    /// Rows are inserted into a table.
    case insert(table: String)
    /// A column of a table is updated.
    case update(table: String, column: String)
    /// Rows are deleted from a table.
    case delete(table: String)
    /// `ATTACH` of a file (also run inside `VACUUM`).
    case attach(file: String)
    /// `DETACH` of a schema.
    case detach(schema: String)
    /// Anything else (`CREATE`, `DROP`, `ALTER`, `REINDEX`, `ANALYZE`, …): the C action code and arguments.
    case other(code: Int32, first: String?, second: String?)

    init(code: Int32, _ first: String?, _ second: String?) {
        switch code {
        case SQLITE_SELECT: self = .select
        case SQLITE_READ: self = .read(table: first ?? "", column: second ?? "")
        case SQLITE_FUNCTION: self = .function(name: second ?? "")
        case SQLITE_PRAGMA: self = .pragma(name: first ?? "", argument: second)
        case SQLITE_RECURSIVE: self = .recursive
        case SQLITE_TRANSACTION: self = .transaction(operation: first ?? "")
        case SQLITE_SAVEPOINT: self = .savepoint(operation: first ?? "", name: second ?? "")
        case SQLITE_INSERT: self = .insert(table: first ?? "")
        case SQLITE_UPDATE: self = .update(table: first ?? "", column: second ?? "")
        case SQLITE_DELETE: self = .delete(table: first ?? "")
        case SQLITE_ATTACH: self = .attach(file: first ?? "")
        case SQLITE_DETACH: self = .detach(schema: first ?? "")
        default: self = .other(code: code, first: first, second: second)
        }
    }

    /// The action in words, for error messages.
    public var description: String {
        switch self {
        case .select: return "SELECT"
        case .read(let table, let column): return "reading \(table).\(column)"
        case .function(let name): return "the function \(name)()"
        case .pragma(let name, let argument): return "PRAGMA \(name)" + (argument.map { "=\($0)" } ?? "")
        case .recursive: return "WITH RECURSIVE"
        case .transaction(let operation): return operation
        case .savepoint(let operation, let name): return "\(operation) \(name)"
        case .insert(let table): return "INSERT INTO \(table)"
        case .update(let table, _): return "UPDATE \(table)"
        case .delete(let table): return "DELETE FROM \(table)"
        case .attach: return "ATTACH"
        case .detach: return "DETACH"
        case .other(let code, let first, _): return "action \(code)" + (first.map { " on \($0)" } ?? "")
        }
    }
}

/// An authorizer's answer.
public enum AuthorizerDecision: Sendable {
    /// Let the action through.
    case allow
    /// Fail the whole statement with `SQLITE_AUTH` ("not authorized").
    case deny
    /// Read NULL instead of the column (for `.read`), or skip the action silently.
    case ignore

    var code: Int32 {
        switch self {
        case .allow: return SQLITE_OK
        case .deny: return SQLITE_DENY
        case .ignore: return SQLITE_IGNORE
        }
    }
}

/// Holds the Swift closure for the C callback; owned by the `Database`.
final class AuthorizerBox {
    let decide: (AuthorizerAction) -> AuthorizerDecision
    init(_ decide: @escaping (AuthorizerAction) -> AuthorizerDecision) { self.decide = decide }
}

extension Database {
    /// Installs `authorizer`, asked about every action of every statement compiled on this connection from
    /// now on (nil removes it). A denied action fails `prepare` with `SQLITE_AUTH`.
    ///
    /// Statements are also re-compiled, and so re-authorized, when the schema changes; SQLite's own inner
    /// statements (`VACUUM`'s) are authorized too.
    public func setAuthorizer(_ authorizer: ((AuthorizerAction) -> AuthorizerDecision)?) {
        guard let authorizer else {
            sqlite3_set_authorizer(handle, nil, nil)
            authorizerBox = nil
            return
        }
        let box = AuthorizerBox(authorizer)
        authorizerBox = box
        let context = Unmanaged.passUnretained(box).toOpaque()
        sqlite3_set_authorizer(
            handle,
            { context, code, first, second, _, _ in
                guard let context else { return SQLITE_DENY }
                let box = Unmanaged<AuthorizerBox>.fromOpaque(context).takeUnretainedValue()
                let action = AuthorizerAction(
                    code: code, first.map { String(cString: $0) }, second.map { String(cString: $0) })
                return box.decide(action).code
            }, context)
    }

    /// Runs `body` with `authorizer` installed, then puts back whatever authorizer was there before.
    public func withAuthorizer<T>(
        _ authorizer: @escaping (AuthorizerAction) -> AuthorizerDecision, _ body: () throws -> T
    ) rethrows -> T {
        let previous = authorizerBox
        setAuthorizer(authorizer)
        defer { setAuthorizer(previous?.decide) }
        return try body()
    }
}
