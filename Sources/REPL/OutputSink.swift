@preconcurrency import CEdit
import Glibc

/// Where results go: standard output or a file (`.once`, `.output`), written through a buffer with plain
/// `write(2)` calls. A closed pipe ends the writing quietly.
final class OutputSink {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    /// Whether the output is a terminal (tables fit its width, colours are used).
    let isTerminal: Bool
    /// The file's path, or nil for standard output.
    let path: String?
    /// Set when a write failed (a closed pipe): later writes are dropped.
    private(set) var isBroken = false

    /// Standard output.
    static func standardOutput() -> OutputSink { OutputSink(descriptor: 1, owns: false, path: nil) }

    /// A file, created or truncated.
    static func file(_ path: String) throws -> OutputSink {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ShellError("cannot write \(path): \(String(cString: strerror(errno)))") }
        return OutputSink(descriptor: fd, owns: true, path: path)
    }

    private init(descriptor: Int32, owns: Bool, path: String?) {
        self.descriptor = descriptor
        self.ownsDescriptor = owns
        self.path = path
        isTerminal = isatty(descriptor) != 0
        if !isTerminal { Console.enlargePipeBuffer(descriptor) }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        flush()
        if ownsDescriptor { close(descriptor) }
    }

    /// The width to fit tables and charts to: the terminal's, else $COLUMNS, else nil (no limit).
    var width: Int? {
        if isTerminal {
            let columns = Int(bmrs_terminal_width(descriptor))
            if columns > 0 { return columns }
        }
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text), columns > 0 {
            return columns
        }
        return isTerminal ? 80 : nil
    }

    /// Whether to colour: a terminal, and NO_COLOR unset.
    var usesColour: Bool { isTerminal && getenv("NO_COLOR") == nil }

    /// Appends text.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends bytes.
    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends raw bytes; a piece as large as the buffer goes straight out.
    func write(raw bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count >= 1 << 16 {
            flush()
            if bytes.count >= 1 << 16 {
                if !isBroken, !Console.write(descriptor: descriptor, bytes) { isBroken = true }
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Appends one byte.
    func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// Writes out what is buffered.
    func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !isBroken, !buffer.isEmpty else { return }
        if !Console.write(descriptor: descriptor, buffer) { isBroken = true }
    }
}
