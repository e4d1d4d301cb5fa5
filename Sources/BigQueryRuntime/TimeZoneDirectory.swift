import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads and caches time zones: fixed offsets parsed from the name, IANA zones from the TZif files under $TZDIR
/// or /usr/share/zoneinfo. (File reading is the only system call in BigQueryRuntime.)
final class TimeZoneDirectory: Sendable {
    static let shared = TimeZoneDirectory()

    private let cache = Mutex<[String: TimeZoneRules]>([:])

    func zone(named name: String) throws(BigQueryError) -> TimeZoneRules {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let zone = try load(name)
        cache.withLock { $0[name] = zone }
        return zone
    }

    private func load(_ name: String) throws(BigQueryError) -> TimeZoneRules {
        let invalid = BigQueryError("Invalid time zone: \(name)")
        if name.isEmpty { throw BigQueryError("Invalid empty time zone") }
        if name == "UTC" || name == "Etc/UTC" || name == "Z" { return TimeZoneRules(name: name, fixedOffsetSeconds: 0) }
        if let offset = TimeZoneDirectory.fixedOffset(name) {
            return TimeZoneRules(name: name, fixedOffsetSeconds: offset)
        }
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+")
        }
        guard allowed, !name.isEmpty, !name.hasPrefix("/"), !name.contains(".."), name.utf8.count < 128 else {
            throw invalid
        }
        var directory = "/usr/share/zoneinfo"
        if let env = getenv("TZDIR"), env.pointee != 0 { directory = String(cString: env) }
        guard let bytes = TimeZoneDirectory.readFile(directory + "/" + name),
            let zone = TZifParser.parse(bytes, name: name)
        else { throw invalid }
        return zone
    }

    /// `+01:00`, `-5`, `+0530`, `UTC+3`, `UTC-03:30` as seconds east of UTC; nil if not an offset.
    static func fixedOffset(_ name: String) -> Int64? {
        var bytes = Array(name.utf8)
        if bytes.count > 3, bytes[0] == UInt8(ascii: "U"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "C")
        {
            bytes.removeFirst(3)
        }
        guard let signByte = bytes.first, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") else {
            return nil
        }
        let digits = bytes.dropFirst()
        var hours: Int64 = 0
        var minutes: Int64 = 0
        let parts = digits.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        func number(_ part: ArraySlice<UInt8>) -> Int64? {
            guard !part.isEmpty, part.count <= 2, part.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return part.reduce(0) { $0 * 10 + Int64($1 - 48) }
        }
        if parts.count == 1 {
            let only = parts[0]
            if only.count == 4 {
                guard let h = number(only.prefix(2)), let m = number(only.suffix(2)) else { return nil }
                hours = h
                minutes = m
            } else {
                guard let h = number(only) else { return nil }
                hours = h
            }
        } else if parts.count == 2 {
            guard let h = number(parts[0]), let m = number(parts[1]) else { return nil }
            hours = h
            minutes = m
        } else {
            return nil
        }
        guard hours <= 14, minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
        let seconds = (hours * 60 + minutes) * 60
        return signByte == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// The whole file at `path`, or nil when it cannot be read (or is over 1 MB, which no TZif file is).
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<count])
            if result.count > 1 << 20 { return nil }
        }
        return result
    }
}
