import CSQLite

/// An aggregate's running state for one group (or one window frame), created per group by its factory.
public protocol AggregateFunction: AnyObject {
    /// Adds a row.
    func step(_ arguments: FunctionArguments) throws
    /// Removes the oldest row still added (window frames moving forward).
    func inverse(_ arguments: FunctionArguments) throws
    /// The result for the rows added so far (called once per group, or once per row of a window).
    func value() throws -> SQLiteValue
}

/// Holds a registered scalar function's body for the C callbacks.
private final class ScalarBox {
    let body: (FunctionArguments) throws -> SQLiteValue
    init(_ body: @escaping (FunctionArguments) throws -> SQLiteValue) { self.body = body }
}

/// Holds a registered aggregate's factory for the C callbacks.
private final class AggregateBox {
    let make: () -> any AggregateFunction
    init(_ make: @escaping () -> any AggregateFunction) { self.make = make }
}

/// Holds one group's state in SQLite's aggregate context.
private final class StateBox {
    let state: any AggregateFunction
    init(_ state: any AggregateFunction) { self.state = state }
}

/// SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Sets the result of the call in `context` to `value`.
private func setResult(_ context: OpaquePointer?, _ value: SQLiteValue) {
    switch value {
    case .null: sqlite3_result_null(context)
    case .integer(let i): sqlite3_result_int64(context, i)
    case .real(let d): sqlite3_result_double(context, d)
    case .text(var s):
        s.withUTF8 { bytes in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            bmrs_sqlite3_result_text_transient(context, base ?? emptyCString, Int32(bytes.count))
        }
    case .blob(let b):
        b.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress {
                sqlite3_result_blob(context, base, Int32(bytes.count), transient)
            } else {
                sqlite3_result_zeroblob(context, 0)
            }
        }
    }
}

private func setError(_ context: OpaquePointer?, _ error: any Error) {
    sqlite3_result_error(context, "\(error)", -1)
}

/// The state stored in the aggregate context of `context`, created on first use; nil when `create` is false and
/// no row was ever added.
private func state(_ context: OpaquePointer?, create: Bool) -> (any AggregateFunction)? {
    let size = create ? Int32(MemoryLayout<UnsafeMutableRawPointer?>.size) : 0
    guard let memory = sqlite3_aggregate_context(context, size) else { return nil }
    let slot = memory.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let existing = slot.pointee {
        return Unmanaged<StateBox>.fromOpaque(existing).takeUnretainedValue().state
    }
    guard create, let userData = sqlite3_user_data(context) else { return nil }
    let box = Unmanaged<AggregateBox>.fromOpaque(userData).takeUnretainedValue()
    let fresh = StateBox(box.make())
    slot.pointee = Unmanaged.passRetained(fresh).toOpaque()
    return fresh.state
}

extension Database {
    /// Registers a scalar SQL function `name` taking `argumentCount` arguments (-1: any number). `deterministic`
    /// adds SQLITE_DETERMINISTIC, which lets SQLite factor constant calls out of loops and use the function in
    /// indexes. A thrown error becomes the statement's error, with the error's description as the message.
    public func createFunction(
        name: String, argumentCount: Int, deterministic: Bool = true,
        _ body: @escaping (FunctionArguments) throws -> SQLiteValue
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(ScalarBox(body)).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        let rc = sqlite3_create_function_v2(
            handle, name, Int32(argumentCount), flags, box,
            { context, argc, argv in
                let box = Unmanaged<ScalarBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
                do {
                    setResult(context, try box.body(FunctionArguments(count: argc, argv: argv)))
                } catch {
                    setError(context, error)
                }
            }, nil, nil,
            { pointer in
                if let pointer { Unmanaged<ScalarBox>.fromOpaque(pointer).release() }
            })
        try check(rc, sql: "create function \(name)")
    }

    /// Registers an aggregate SQL function `name` that also works as a window function: `make` creates the state
    /// of each group or window partition.
    public func createAggregate(
        name: String, argumentCount: Int, deterministic: Bool = true,
        _ make: @escaping () -> any AggregateFunction
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(AggregateBox(make)).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        let rc = sqlite3_create_window_function(
            handle, name, Int32(argumentCount), flags, box,
            { context, argc, argv in
                guard let aggregate = state(context, create: true) else { return sqlite3_result_error_nomem(context) }
                do { try aggregate.step(FunctionArguments(count: argc, argv: argv)) } catch { setError(context, error) }
            },
            { context in
                defer {
                    if let memory = sqlite3_aggregate_context(context, 0) {
                        let slot = memory.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
                        if let existing = slot.pointee { Unmanaged<StateBox>.fromOpaque(existing).release() }
                        slot.pointee = nil
                    }
                }
                let aggregate =
                    state(context, create: false)
                    ?? Unmanaged<AggregateBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue().make()
                do { setResult(context, try aggregate.value()) } catch { setError(context, error) }
            },
            { context in
                guard let aggregate = state(context, create: true) else { return sqlite3_result_error_nomem(context) }
                do { setResult(context, try aggregate.value()) } catch { setError(context, error) }
            },
            { context, argc, argv in
                guard let aggregate = state(context, create: true) else { return sqlite3_result_error_nomem(context) }
                do { try aggregate.inverse(FunctionArguments(count: argc, argv: argv)) } catch {
                    setError(context, error)
                }
            },
            { pointer in
                if let pointer { Unmanaged<AggregateBox>.fromOpaque(pointer).release() }
            })
        try check(rc, sql: "create aggregate \(name)")
    }
}
