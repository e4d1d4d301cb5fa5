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

private func tableOf(_ vtab: UnsafeMutablePointer<sqlite3_vtab>?) -> any VirtualTable {
    let box = UnsafeMutableRawPointer(vtab!).assumingMemoryBound(to: TableBox.self)
    return box.pointee.table.takeUnretainedValue().table
}

private func cursorOf(_ cur: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> any VirtualTableCursor {
    let box = UnsafeMutableRawPointer(cur!).assumingMemoryBound(to: CursorBox.self)
    return box.pointee.cursor.takeUnretainedValue().cursor
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
            tableOf(vtab).bestIndex(IndexInfo(info!))
            return SQLITE_OK
        }
        module.pointee.xOpen = { vtab, ppCursor in
            do {
                let opened = try tableOf(vtab).openCursor()
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
                try cursorOf(cur).filter(
                    indexNumber: idxNum, indexString: idxStr.map { String(cString: $0) },
                    arguments: arguments)
                return SQLITE_OK
            } catch {
                setError(cur!.pointee.pVtab, error)
                return SQLITE_ERROR
            }
        }
        module.pointee.xNext = { cur in
            do {
                try cursorOf(cur).next()
                return SQLITE_OK
            } catch {
                setError(cur!.pointee.pVtab, error)
                return SQLITE_ERROR
            }
        }
        module.pointee.xEof = { cur in cursorOf(cur).isAtEnd ? 1 : 0 }
        module.pointee.xColumn = { cur, context, index in
            cursorOf(cur).column(index, into: ResultContext(context: context!))
            return SQLITE_OK
        }
        module.pointee.xRowid = { cur, rowid in
            rowid!.pointee = cursorOf(cur).rowID
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
