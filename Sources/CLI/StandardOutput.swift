import REPL

/// Buffered output, written in 64 KiB pieces to standard output (or handed to another sink).
///
/// Besides whole strings it takes the pieces of a result row as bytes (integers as digits, text straight from the
/// store's buffer) into memory of its own, so streaming a large result allocates nothing per row.
final class StandardOutput {
    /// A write that takes the buffer past this hands it to the sink.
    private static let flushAt = 1 << 16
    /// The buffer's size: a piece that does not fit flushes first, and one larger than the buffer goes straight out.
    private static let capacity = flushAt + 64
    private let base: UnsafeMutableRawPointer
    private var count = 0
    private let sink: (UnsafeRawBufferPointer) -> Void

    /// Output to standard output (`Console`), or to `sink`, which gets each full buffer and the rest at `flush`.
    init(sink: @escaping (UnsafeRawBufferPointer) -> Void = StandardOutput.standardOutput) {
        base = .allocate(byteCount: Self.capacity, alignment: 16)
        self.sink = sink
    }

    /// Writes to standard output, with a large pipe buffer when it is a pipe (asked for once).
    private static func standardOutput(_ bytes: UnsafeRawBufferPointer) {
        _ = enlargedOnce
        Console.write(descriptor: 1, bytes)
    }

    private static let enlargedOnce: Void = Console.enlargePipeBuffer(1)

    deinit { base.deallocate() }

    /// Appends the UTF-8 of `text`.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends `bytes` as they are.
    func write(bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > Self.capacity {
            flush()
            // Larger than the buffer: straight through.
            guard bytes.count <= Self.capacity else { return sink(bytes) }
        }
        (base + count).copyMemory(from: start, byteCount: bytes.count)
        count += bytes.count
        if count > Self.flushAt { flush() }
    }

    /// Appends one byte.
    @inline(__always)
    func write(byte: UInt8) {
        if count >= Self.capacity { flush() }
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative), as `String(value)` spells them.
    func write(integer value: Int64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign fit
        withUnsafeMutableBytes(of: &digits) { raw in
            var magnitude = value.magnitude
            var start = raw.count
            repeat {
                start -= 1
                raw[start] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                raw[start] = UInt8(ascii: "-")
            }
            write(bytes: UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }

    /// Appends `bytes` as one CSV field, then `suffix` inside the same field: quoted (with quotes doubled) when the
    /// field holds a comma, a quote, or a line break (CR or LF).
    func writeCSVField(bytes: UnsafeRawBufferPointer, suffix: StaticString = "") {
        let quoted = CSV.needsQuotes(bytes)
        if !quoted {
            write(bytes: bytes)
        } else {
            write(byte: UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { write(byte: byte) }
                write(byte: byte)
            }
        }
        write(suffix)
        if quoted { write(byte: UInt8(ascii: "\"")) }
        if count > Self.flushAt { flush() }
    }

    /// Appends ASCII `bytes` as one CSV field (see `writeCSVField(bytes:suffix:)`), looking at each byte once;
    /// false, with nothing written, when they are not all ASCII.
    @inline(__always)
    func writeASCIICSVField(bytes: UnsafeRawBufferPointer, suffix: StaticString = "") -> Bool {
        var plain = true
        for byte in bytes where byte <= UInt8(ascii: ",") || byte >= 0x80 {
            if byte >= 0x80 { return false }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 { plain = false }
        }
        guard plain else {
            writeCSVField(bytes: bytes, suffix: suffix)
            return true
        }
        write(bytes: bytes)
        write(suffix)
        return true
    }

    private func write(_ text: StaticString) {
        write(bytes: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `text` as one CSV field (see `writeCSVField(bytes:suffix:)`).
    func writeCSVField(_ text: String) {
        var text = text
        text.withUTF8 { writeCSVField(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Hands what is buffered to the sink.
    func flush() {
        guard count > 0 else { return }
        sink(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }
}

/// CSV as bmrs writes it: RFC 4180 quoting, by bytes.
enum CSV {
    /// Whether a field must be quoted: it holds a comma, a double quote, a CR or an LF.
    static func needsQuotes(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte <= UInt8(ascii: ",") {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 { return true }
        }
        return false
    }

    /// `text` as one CSV field.
    static func field(_ text: String) -> String {
        var text = text
        let quoted = text.withUTF8 { needsQuotes(UnsafeRawBufferPointer($0)) }
        guard quoted else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
