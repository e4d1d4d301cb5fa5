/// Buffered standard output, written in 64 KiB pieces.
///
/// Besides whole strings it takes the pieces of a result row as bytes (integers as digits, text straight from the
/// store's buffer), so streaming a large result allocates nothing per row.
struct StandardOutput {
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 16

    init() {
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    /// Appends the UTF-8 of `text`.
    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > Self.flushAt { flush() }
    }

    /// Appends `bytes` as they are.
    mutating func write(bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
        if buffer.count > Self.flushAt { flush() }
    }

    /// Appends one byte.
    mutating func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// Appends the decimal digits of `value` (with a leading `-` when negative), as `String(value)` spells them.
    mutating func write(integer value: Int64) {
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
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }

    /// Appends `bytes` as one CSV field, then `suffix` inside the same field: quoted (with quotes doubled) when the
    /// field holds a comma, a quote, or a line break (CR or LF).
    mutating func writeCSVField(bytes: UnsafeRawBufferPointer, suffix: StaticString = "") {
        if !CSV.needsQuotes(bytes) {
            buffer.append(contentsOf: bytes)
            Self.append(suffix, to: &buffer)
        } else {
            buffer.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                buffer.append(byte)
            }
            Self.append(suffix, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        }
        if buffer.count > Self.flushAt { flush() }
    }

    /// Appends `text` as one CSV field (see `writeCSVField(bytes:suffix:)`).
    mutating func writeCSVField(_ text: String) {
        var text = text
        text.withUTF8 { writeCSVField(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes what is buffered to standard output.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Console.writeOutput(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func append(_ text: StaticString, to buffer: inout [UInt8]) {
        guard text.utf8CodeUnitCount > 0 else { return }
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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
