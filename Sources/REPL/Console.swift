import Glibc

/// The shell's direct writes to the terminal: messages and prompts, unbuffered.
enum Console {
    /// Writes `text` to standard output.
    static func write(_ text: String) { write(descriptor: 1, text) }

    /// Writes `text` to standard error.
    static func writeError(_ text: String) { write(descriptor: 2, text) }

    private static func write(descriptor: Int32, _ text: String) {
        _ = write(descriptor: descriptor, Array(text.utf8))
    }

    /// Writes every byte, retrying short writes and EINTR; false when the descriptor refuses (a closed pipe).
    static func write(descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
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
}
