/// A value in the contract's SQLite representation (one of SQLite's storage classes), independent of SQLite.
public enum StoredValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// A FLOAT64 in stored form: NaN as the TEXT 'NaN' (SQLite turns a NaN REAL into NULL).
    public static func float(_ x: Double) -> StoredValue { x.isNaN ? .text("NaN") : .real(x) }

    /// The FLOAT64 this stores (REAL, INTEGER, or 'NaN' / 'Infinity' / '-Infinity' TEXT).
    public func asFloat() throws(BigQueryError) -> Double {
        switch self {
        case .real(let d): return d
        case .integer(let i): return Double(i)
        case .text("NaN"): return .nan
        case .text("Infinity"): return .infinity
        case .text("-Infinity"): return -.infinity
        default: throw BigQueryError("Expected FLOAT64 but found \(self)")
        }
    }

    /// The INT64 this stores.
    public func asInteger() throws(BigQueryError) -> Int64 {
        switch self {
        case .integer(let i): return i
        case .real(let d):
            guard let i = Int64(exactly: d) else { throw BigQueryError("Expected INT64 but found \(d)") }
            return i
        default: throw BigQueryError("Expected INT64 but found \(self)")
        }
    }

    /// The TEXT this stores.
    public func asText() throws(BigQueryError) -> String {
        guard case .text(let s) = self else { throw BigQueryError("Expected text but found \(self)") }
        return s
    }
}

/// Base64 (RFC 4648, padded), for BYTES inside JSON arrays and FORMAT/CAST.
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 15) << 2 | b2 >> 6)] : 61)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 63)] : 61)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes padded base64; anything else is an error.
    public static func decode(_ text: String) throws(BigQueryError) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { throw BigQueryError("Invalid base64 value: '\(text.prefix(40))'") }
        var out: [UInt8] = []
        var i = 0
        func value(_ b: UInt8) -> UInt8? {
            switch b {
            case 65...90: return b - 65
            case 97...122: return b - 71
            case 48...57: return b + 4
            case 43: return 62
            case 47: return 63
            default: return nil
            }
        }
        while i < bytes.count {
            let pad = (bytes[i + 2] == 61 ? 1 : 0) + (bytes[i + 3] == 61 ? 1 : 0)
            guard let a = value(bytes[i]), let b = value(bytes[i + 1]),
                let c = pad >= 2 ? 0 : value(bytes[i + 2]), let d = pad >= 1 ? 0 : value(bytes[i + 3]),
                pad == 0 || i + 4 == bytes.count
            else { throw BigQueryError("Invalid base64 value: '\(text.prefix(40))'") }
            out.append(a << 2 | b >> 4)
            if pad < 2 { out.append((b & 15) << 4 | c >> 2) }
            if pad < 1 { out.append((c & 3) << 6 | d) }
            i += 4
        }
        return out
    }
}
