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
            throw StoreError(.locked, "another bmrs process (pid \(holder.isEmpty ? "?" : holder)) is writing to "
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
