#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The store's write lock: an exclusive `flock` on the store file itself.
///
/// `flock` locks are separate from the POSIX (`fcntl`) locks SQLite takes on the same file, so the two do not
/// interfere; no lock file is created, so none is left behind. The kernel drops the lock when the process
/// exits, however it exits (kill -9 included). The holder's PID is read from `/proc/locks` for the message.
final class WriteLock {
    private let fd: Int32
    /// The file locked: the store.
    let path: String

    /// Takes the lock or throws `.locked` naming the process that holds it. Creates an empty file at
    /// `storePath` when there is none (SQLite then creates the store in it).
    init(storePath: String) throws {
        path = storePath
        fd = open(storePath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.io, "cannot open \(storePath) for writing: \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let reason = errno
            let holder = reason == EWOULDBLOCK ? Self.holder(of: fd) : nil
            close(fd)
            guard reason == EWOULDBLOCK else {
                throw StoreError(.io, "cannot lock \(storePath): \(String(cString: strerror(reason)))")
            }
            throw StoreError(
                .locked,
                "another bmrs process (pid \(holder.map(String.init) ?? "unknown")) is writing to \(storePath); "
                    + "wait for it to finish and try again")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The PID holding an exclusive `flock` on the file open at `fd`, from `/proc/locks`; nil when unknown.
    ///
    /// A line of `/proc/locks` reads `1: FLOCK  ADVISORY  WRITE 4242 fd:01:1310780 0 EOF` (waiting locks have
    /// `->` after the number): the PID, then the device as hex `major:minor` and the inode in decimal.
    static func holder(of fd: Int32) -> Int32? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let device = UInt64(info.st_dev)
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        let file = String(major, radix: 16) + ":" + String(minor, radix: 16) + ":" + String(UInt64(info.st_ino))
        guard let text = readSmallFile("/proc/locks") else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE" else { continue }
            let parts = fields[5].split(separator: ":")
            guard parts.count == 3, let lineMajor = UInt64(parts[0], radix: 16),
                let lineMinor = UInt64(parts[1], radix: 16)
            else { continue }
            let lineFile = String(lineMajor, radix: 16) + ":" + String(lineMinor, radix: 16) + ":" + parts[2]
            if lineFile == file, let pid = Int32(fields[4]), pid > 0 { return pid }
        }
        return nil
    }
}

/// The contents of a small text file (at most 1 MiB), or nil when it cannot be read.
func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count < 1 << 20 {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
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
