/// Tells a damaged response body from a whole one, to decide whether a body that does not parse is worth
/// fetching again.
public enum ResponseBody {
    /// True when `body` (after undoing zstd or gzip by magic number) is exactly one well-formed JSON value,
    /// with only whitespace around it.
    ///
    /// A body cut short, an HTML error page or garbage is not; a whole JSON body whose rows are wrong is (the
    /// API answered, and asking again gives the same answer). Iterative, so no nesting depth can exhaust the stack.
    public static func isWholeJSON(_ body: [UInt8]) -> Bool {
        guard let decoded = try? Decompression.decompressIfNeeded(body, source: "") else { return false }
        return decoded.withUnsafeBytes { bytes in
            var shape = JSONShape(bytes: bytes)
            return shape.isWhole()
        }
    }
}

/// A well-formedness check of JSON text (RFC 8259 grammar; numbers are checked loosely).
struct JSONShape {
    let bytes: UnsafeRawBufferPointer
    var pos = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private enum Expecting { case value, key, afterValue }

    mutating func isWhole() -> Bool {
        var open: [UInt8] = []  // the containers entered: '{' or '['
        var expecting = Expecting.value
        while true {
            skipSpace()
            guard pos < bytes.count else { return false }
            let c = bytes[pos]
            switch expecting {
            case .value:
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    open.append(c)
                    pos += 1
                    skipSpace()
                    let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if pos < bytes.count, bytes[pos] == close {
                        open.removeLast()
                        pos += 1
                        expecting = .afterValue
                    } else {
                        expecting = c == UInt8(ascii: "{") ? .key : .value
                    }
                case UInt8(ascii: "\""):
                    guard string() else { return false }
                    expecting = .afterValue
                case UInt8(ascii: "t"):
                    guard literal("true") else { return false }
                    expecting = .afterValue
                case UInt8(ascii: "f"):
                    guard literal("false") else { return false }
                    expecting = .afterValue
                case UInt8(ascii: "n"):
                    guard literal("null") else { return false }
                    expecting = .afterValue
                default:
                    guard number() else { return false }
                    expecting = .afterValue
                }
            case .key:
                guard c == UInt8(ascii: "\""), string() else { return false }
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { return false }
                pos += 1
                expecting = .value
            case .afterValue:
                guard let container = open.last else {
                    return false  // content after the one top-level value
                }
                let isObject = container == UInt8(ascii: "{")
                if c == UInt8(ascii: ",") {
                    pos += 1
                    expecting = isObject ? .key : .value
                } else if c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    open.removeLast()
                    if open.isEmpty {
                        skipSpace()
                        return pos == bytes.count
                    }
                } else {
                    return false
                }
            }
            if expecting == .afterValue && open.isEmpty {
                skipSpace()
                return pos == bytes.count
            }
        }
    }

    private mutating func skipSpace() {
        while pos < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[pos]) { pos += 1 }
    }

    /// A string starting at the opening quote; false when it is unterminated or holds a bad escape.
    private mutating func string() -> Bool {
        pos += 1
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return true
            }
            if c < 0x20 { return false }
            if c == UInt8(ascii: "\\") {
                guard pos + 1 < bytes.count else { return false }
                if bytes[pos + 1] == UInt8(ascii: "u") {
                    guard pos + 6 <= bytes.count else { return false }
                    for k in (pos + 2)..<(pos + 6) where !Self.isHex(bytes[k]) { return false }
                    pos += 6
                    continue
                }
                guard "\"\\/bfnrt".utf8.contains(bytes[pos + 1]) else { return false }
                pos += 2
                continue
            }
            pos += 1
        }
        return false
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard pos + count <= bytes.count else { return false }
        for k in 0..<count where bytes[pos + k] != word.utf8Start[k] { return false }
        pos += count
        return true
    }

    /// A number: an optional minus, digits, an optional fraction and exponent (checked loosely).
    private mutating func number() -> Bool {
        let start = pos
        var digits = 0
        while pos < bytes.count {
            let c = bytes[pos]
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                digits += 1
            } else if !"-+.eE".utf8.contains(c) {
                break
            }
            pos += 1
        }
        return pos > start && digits > 0
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }
}
