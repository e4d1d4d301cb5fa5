import CSQLite

/// The C `sqlite3_vtab` with our table behind it. `base` must stay the first field.
private struct TableBox {
    var base = sqlite3_vtab()
    var table: Unmanaged<TableHolder>
}

/// Holds the existential so callbacks reach it without a dynamic cast.
private final class TableHolder {
    let table: any VirtualTable
    init(_ table: any VirtualTable) { self.table = table }
}

private final class CursorHolder {
    let cursor: any VirtualTableCursor
    init(_ cursor: any VirtualTableCursor) { self.cursor = cursor }
}

/// The C `sqlite3_vtab_cursor` with our cursor behind it. `base` must stay the first field.
private struct CursorBox {
    var base = sqlite3_vtab_cursor()
    var cursor: Unmanaged<CursorHolder>
}

/// Calls `body` with the table behind `vtab`, borrowed: the box holds it for as long as SQLite holds the vtab.
@inline(__always)
private func withTable<R>(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ body: (any VirtualTable) throws -> R) rethrows
    -> R
{
    let box = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: TableBox.self)
    return try box.pointee.table._withUnsafeGuaranteedRef { try body($0.table) }
}

/// Calls `body` with the cursor behind `cur`, borrowed: no retain and release per callback, which SQLite makes
/// once per column per row.
@inline(__always)
private func withCursor<R>(
    _ cur: UnsafeMutablePointer<sqlite3_vtab_cursor>?, _ body: (any VirtualTableCursor) throws -> R
) rethrows -> R {
    let box = UnsafeMutableRawPointer(cur!).assumingMemoryBound(to: CursorBox.self)
    return try box.pointee.cursor._withUnsafeGuaranteedRef { try body($0.cursor) }
}

private func setError(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?, _ error: any Error) {
    guard let vtab else { return }
    sqlite3_free(vtab.pointee.zErrMsg)
    let text = "\(error)"
    vtab.pointee.zErrMsg = sqliteCopy(text)
}

/// A NUL-terminated copy of `text` in memory from `sqlite3_malloc`, for SQLite to free.
func sqliteCopy(_ text: String) -> UnsafeMutablePointer<CChar> {
    let bytes = Array(text.utf8CString)
    let memory = sqlite3_malloc(Int32(bytes.count))!.assumingMemoryBound(to: CChar.self)
    bytes.withUnsafeBufferPointer { memory.update(from: $0.baseAddress!, count: bytes.count) }
    return memory
}

/// Keeps a registered table alive for as long as the connection.
private final class Registration {
    let table: TableHolder
    let module: UnsafeMutablePointer<sqlite3_module>
    init(table: TableHolder, module: UnsafeMutablePointer<sqlite3_module>) {
        self.table = table
        self.module = module
    }
    deinit { module.deallocate() }
}

extension Database {
    /// Registers `table` as an eponymous-only virtual table called `name` on this connection.
    public func registerEponymousTable(named name: String, _ table: any VirtualTable) throws(SQLiteError) {
        let module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
        module.initialize(to: sqlite3_module())
        module.pointee.iVersion = 2
        // xCreate NULL makes the module eponymous-only: "SELECT … FROM name" works without CREATE VIRTUAL TABLE.
        module.pointee.xCreate = nil
        module.pointee.xConnect = { db, aux, _, _, ppVTab, _ in
            let holder = Unmanaged<TableHolder>.fromOpaque(aux!).takeUnretainedValue()
            let rc = sqlite3_declare_vtab(db, holder.table.declaration)
            guard rc == SQLITE_OK else { return rc }
            bmrs_sqlite3_vtab_config_innocuous(db)
            let box = UnsafeMutablePointer<TableBox>.allocate(capacity: 1)
            box.initialize(to: TableBox(table: Unmanaged.passRetained(holder)))
            ppVTab!.pointee = UnsafeMutableRawPointer(box).assumingMemoryBound(to: sqlite3_vtab.self)
            return SQLITE_OK
        }
        module.pointee.xDisconnect = { vtab in
            let box = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: TableBox.self)
            box.pointee.table.release()
            sqlite3_free(box.pointee.base.zErrMsg)
            box.deinitialize(count: 1)
            box.deallocate()
            return SQLITE_OK
        }
        module.pointee.xDestroy = module.pointee.xDisconnect
        module.pointee.xBestIndex = { vtab, info in
            withTable(vtab) { $0.bestIndex(IndexInfo(info!)) }
            return SQLITE_OK
        }
        module.pointee.xOpen = { vtab, ppCursor in
            do {
                let opened = try withTable(vtab) { try $0.openCursor() }
                let box = UnsafeMutablePointer<CursorBox>.allocate(capacity: 1)
                box.initialize(to: CursorBox(cursor: Unmanaged.passRetained(CursorHolder(opened))))
                ppCursor!.pointee = UnsafeMutableRawPointer(box).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
                return SQLITE_OK
            } catch {
                setError(vtab, error)
                return SQLITE_ERROR
            }
        }
        module.pointee.xClose = { cur in
            let box = UnsafeMutableRawPointer(cur!).assumingMemoryBound(to: CursorBox.self)
            box.pointee.cursor.release()
            box.deinitialize(count: 1)
            box.deallocate()
            return SQLITE_OK
        }
        module.pointee.xFilter = { cur, idxNum, idxStr, argc, argv in
            var arguments: [FilterArgument] = []
            arguments.reserveCapacity(Int(argc))
            for i in 0..<Int(argc) {
                let value = argv![i]
                var element: OpaquePointer?
                // "sqlite3_vtab_in_first … returns SQLITE_OK and sets *ppOut to the first value, SQLITE_DONE when
                // the list is empty"; on a value that is not an IN list it returns an error, so it is a plain value.
                var rc = sqlite3_vtab_in_first(value, &element)
                if rc == SQLITE_OK || rc == SQLITE_DONE {
                    var list: [SQLiteValue] = []
                    while rc == SQLITE_OK {
                        list.append(SQLiteValue(element))
                        rc = sqlite3_vtab_in_next(value, &element)
                    }
                    arguments.append(.list(list))
                } else {
                    arguments.append(.value(SQLiteValue(value)))
                }
            }
            do {
                try withCursor(cur) {
                    try $0.filter(
                        indexNumber: idxNum, indexString: idxStr.map { String(cString: $0) }, arguments: arguments)
                }
                return SQLITE_OK
            } catch {
                setError(cur!.pointee.pVtab, error)
                return SQLITE_ERROR
            }
        }
        module.pointee.xNext = { cur in
            do {
                try withCursor(cur) { try $0.next() }
                return SQLITE_OK
            } catch {
                setError(cur!.pointee.pVtab, error)
                return SQLITE_ERROR
            }
        }
        module.pointee.xEof = { cur in withCursor(cur) { $0.isAtEnd } ? 1 : 0 }
        module.pointee.xColumn = { cur, context, index in
            withCursor(cur) { $0.column(index, into: ResultContext(context: context!)) }
            return SQLITE_OK
        }
        module.pointee.xRowid = { cur, rowid in
            rowid!.pointee = withCursor(cur) { $0.rowID }
            return SQLITE_OK
        }
        let holder = TableHolder(table)
        let registration = Registration(table: holder, module: module)
        let aux = Unmanaged.passUnretained(holder).toOpaque()
        let rc = sqlite3_create_module_v2(handle, name, module, aux, nil)
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: rc, message: lastErrorMessage, sql: "create module \(name)")
        }
        modules.append(registration)
    }
}
