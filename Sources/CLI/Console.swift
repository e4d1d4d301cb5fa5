#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the command line writes: standard output and standard error, through the C library (no Foundation, so
/// the binary needs no ICU).
enum Console {
    /// Writes `text` to standard error as it is.
    static func writeError(_ text: String) {
        write(fileDescriptor: 2, Array(text.utf8))
    }

    /// Writes `bytes` to standard output as they are.
    static func writeOutput(_ bytes: [UInt8]) {
        write(fileDescriptor: 1, bytes)
    }

    /// Whether standard error is a terminal.
    static var errorIsTerminal: Bool { isatty(2) != 0 }

    /// Whether standard output is a terminal.
    static var outputIsTerminal: Bool { isatty(1) != 0 }

    /// Writes every byte, retrying short writes and EINTR; a closed pipe ends the writing quietly.
    private static func write(fileDescriptor: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc.write(fileDescriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}

/// Fixed-point formatting without Foundation's `String(format:)`.
enum NumberText {
    /// `value` with exactly `digits` digits after the point, rounded half away from zero (`fixed(2.345, 2)` is
    /// "2.35"); non-finite values as "inf", "-inf" and "nan".
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let digits = max(0, min(digits, 15))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(value) }
        let whole = UInt64(scaled)
        let divisor = UInt64(scale)
        let integerPart = whole / divisor
        var text = (value < 0 && whole != 0 ? "-" : "") + String(integerPart)
        if digits > 0 {
            let fraction = String(whole % divisor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// Two lower-case hexadecimal digits per byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
