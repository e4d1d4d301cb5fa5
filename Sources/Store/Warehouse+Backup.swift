import SQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Warehouse {
    /// Writes a consistent, compacted copy of the store while readers and writers carry on (`VACUUM INTO` reads
    /// one snapshot, and works on a read-only connection); returns the path written. The copy is in WAL mode,
    /// like the store.
    ///
    /// `destination` is a new file, or an existing directory: the copy is then written into it under the
    /// store's file name. An empty name, a missing directory (a name ending in `/`) or an existing file is a
    /// usage error, and nothing is written.
    @discardableResult
    public func backup(to destination: String) throws -> String {
        guard !destination.isEmpty else {
            throw StoreError(.usage, "the backup needs a file or directory name, not an empty one")
        }
        var target = destination
        if isDirectory(destination) {
            let name = path.split(separator: "/").last.map(String.init) ?? "bmrs.sqlite"
            target = (destination.hasSuffix("/") ? destination : destination + "/") + name
        } else if destination.hasSuffix("/") {
            throw StoreError(.usage, "there is no directory \(destination) to write the backup into")
        }
        guard !fileExists(target) else {
            throw StoreError(.usage, "\(target) already exists; choose a new file name")
        }
        let statement = try database.prepare(sql: "VACUUM INTO ?")
        try statement.bind([.text(target)])
        do {
            try statement.step()
        } catch {
            unlinkIfExists(target)
            throw StoreError(.io, "backup to \(target) failed: \(error.message)")
        }
        // VACUUM INTO writes a rollback-journal file; a store lives in WAL mode (`verify` checks it), so that
        // the copy can be used as the store as it is.
        do {
            let copy = try Database(path: target, mode: .readWrite)
            try copy.execute(sql: "PRAGMA journal_mode = WAL")
        } catch {
            unlinkIfExists(target)
            throw StoreError(.io, "backup to \(target) failed: \(error.message)")
        }
        return target
    }
}

/// True when `path` names a directory (following symbolic links).
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    return (info.st_mode & S_IFMT) == S_IFDIR
}
