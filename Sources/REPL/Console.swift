import Glibc

/// Direct, unbuffered writes to standard output and standard error through `write(2)` (no Foundation, so the
/// binary needs no ICU): the one writer of the shell and of the command line.
public enum Console {
    /// Writes `text` to standard output as it is.
    public static func write(_ text: String) { write(descriptor: 1, Array(text.utf8)) }

    /// Writes `bytes` to standard output as they are.
    public static func writeOutput(_ bytes: [UInt8]) { write(descriptor: 1, bytes) }

    /// Writes `text` to standard error as it is.
    public static func writeError(_ text: String) { write(descriptor: 2, Array(text.utf8)) }

    /// Asks for a 1 MiB pipe buffer when `descriptor` is a pipe (Linux's `F_SETPIPE_SZ`; 1 MiB is the default
    /// `pipe-max-size` an unprivileged process may ask for), so a large result streams to a reader with a sixteenth of
    /// the wake-ups of the default 64 KiB. Anything else, or a refusal, leaves it as it was.
    public static func enlargePipeBuffer(_ descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ, which Glibc's module map leaves out (_GNU_SOURCE)
        _ = fcntl(descriptor, setPipeSize, Int32(1 << 20))
    }

    /// Whether standard output is a terminal.
    public static var outputIsTerminal: Bool { isatty(1) != 0 }

    /// Whether standard error is a terminal.
    public static var errorIsTerminal: Bool { isatty(2) != 0 }

    /// Writes every byte, retrying short writes and EINTR; false when the descriptor refuses (a closed pipe),
    /// which ends the writing quietly.
    @discardableResult
    public static func write(descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { write(descriptor: descriptor, $0) }
    }

    /// Writes every byte of `raw` (see `write(descriptor:_:)`).
    @discardableResult
    public static func write(descriptor: Int32, _ raw: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < raw.count, let base = raw.baseAddress {
            let written = Glibc.write(descriptor, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
