#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The store's write lock: an exclusive `flock` on `<store>.lock`, holding the owner's PID.
///
/// The kernel drops the lock when the process exits, however it exits (kill -9 included), so a crash
/// never leaves a stale lock behind.
final class WriteLock {
    private let fd: Int32
    let path: String

    /// Takes the lock or throws `.locked` naming the process that holds it.
    init(storePath: String) throws {
        path = storePath + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.io, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, 31, 0)
            let holder = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingSpaces : "?"
            close(fd)
            throw StoreError(
                .locked,
                "another bmrs process (pid \(holder.isEmpty ? "?" : holder)) is writing to "
                    + "\(storePath); wait for it to finish and try again")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Microseconds since the Unix epoch, now.
func currentMicros() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
}

/// True when a file exists at `path`.
func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

/// The size of the file at `path`, 0 when missing.
func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// Removes `path` if it exists.
func unlinkIfExists(_ path: String) {
    unlink(path)
}

/// Writes `bytes` to a new file at `path` and syncs it.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw StoreError(.io, "cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
        guard n > 0 else { throw StoreError(.io, "cannot write \(path): \(String(cString: strerror(errno)))") }
        written += n
    }
    guard fsync(fd) == 0 else { throw StoreError(.io, "cannot sync \(path): \(String(cString: strerror(errno)))") }
}

/// Atomically renames `from` to `to`.
func renameFile(_ from: String, _ to: String) -> Bool {
    rename(from, to) == 0
}
