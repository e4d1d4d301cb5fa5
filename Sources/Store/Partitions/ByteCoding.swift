/// Appends varints and raw bytes to a growing buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ v: UInt8) { bytes.append(v) }

    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Zigzag-encodes a signed value so small magnitudes of either sign stay short.
    mutating func signed(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        varint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func fixed64(_ v: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked so corrupt input throws, never traps.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var pos = 0

    struct Corrupt: Error {}

    mutating func byte() throws -> UInt8 {
        guard pos < bytes.count else { throw Corrupt() }
        pos += 1
        return bytes[pos - 1]
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard pos < bytes.count, shift < 64 else { throw Corrupt() }
            let b = bytes[pos]
            pos += 1
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func signed() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    mutating func count(max: Int) throws -> Int {
        let v = try varint()
        guard v <= UInt64(max) else { throw Corrupt() }
        return Int(v)
    }

    mutating func string() throws -> String {
        let n = try count(max: bytes.count - pos)
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[pos..<(pos + n)]), as: UTF8.self)
        pos += n
        return s
    }

    mutating func fixed64() throws -> UInt64 {
        guard pos + 8 <= bytes.count else { throw Corrupt() }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[pos + i]) << UInt64(8 * i) }
        pos += 8
        return v
    }

    mutating func skip(_ n: Int) throws {
        guard n >= 0, pos + n <= bytes.count else { throw Corrupt() }
        pos += n
    }
}
