/// Reads a TZif file (RFC 8536, versions 1-4): the 64-bit data block of v2+ and the footer TZ string.
enum TZifParser {
    /// The zone in `bytes`, or nil when they are not a well-formed TZif file.
    static func parse(_ bytes: [UInt8], name: String) -> TimeZoneRules? {
        guard bytes.count >= 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66 else {
            return nil
        }
        let version = bytes[4]
        guard let v1 = Header(bytes, at: 0) else { return nil }
        if version == 0 {
            return block(bytes, header: v1, at: 44, timeSize: 4, name: name, footer: nil)
        }
        let second = 44 + v1.dataSize(timeSize: 4)
        guard let v2 = Header(bytes, at: second) else { return nil }
        let dataStart = second + 44
        let footerStart = dataStart + v2.dataSize(timeSize: 8)
        var footer: PosixTimeZoneRule?
        if footerStart < bytes.count, bytes[footerStart] == 0x0A {
            var end = footerStart + 1
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let text = String(decoding: bytes[(footerStart + 1)..<end], as: UTF8.self)
            if !text.isEmpty {
                guard let rule = PosixTimeZoneRule(text) else { return nil }
                footer = rule
            }
        }
        return block(bytes, header: v2, at: dataStart, timeSize: 8, name: name, footer: footer)
    }

    private struct Header {
        let isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt: Int

        init?(_ bytes: [UInt8], at offset: Int) {
            guard offset + 44 <= bytes.count, bytes[offset] == 0x54, bytes[offset + 3] == 0x66 else { return nil }
            func count(_ i: Int) -> Int { Int(TZifParser.integer(bytes, at: offset + 20 + 4 * i, size: 4)) }
            isutcnt = count(0)
            isstdcnt = count(1)
            leapcnt = count(2)
            timecnt = count(3)
            typecnt = count(4)
            charcnt = count(5)
            guard [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt].allSatisfy({ $0 >= 0 && $0 < 1 << 20 }),
                typecnt > 0
            else { return nil }
        }

        func dataSize(timeSize: Int) -> Int {
            timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt
        }
    }

    private static func integer(_ bytes: [UInt8], at offset: Int, size: Int) -> Int64 {
        var value: UInt64 = 0
        for i in 0..<size { value = value << 8 | UInt64(bytes[offset + i]) }
        if size == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value))) }
        return Int64(bitPattern: value)
    }

    private static func block(
        _ bytes: [UInt8], header: Header, at start: Int, timeSize: Int, name: String, footer: PosixTimeZoneRule?
    ) -> TimeZoneRules? {
        guard start + header.dataSize(timeSize: timeSize) <= bytes.count else { return nil }
        var offset = start
        var transitions: [Int64] = []
        transitions.reserveCapacity(header.timecnt)
        for _ in 0..<header.timecnt {
            transitions.append(integer(bytes, at: offset, size: timeSize))
            offset += timeSize
        }
        let transitionTypes = Array(bytes[offset..<(offset + header.timecnt)])
        offset += header.timecnt
        guard transitionTypes.allSatisfy({ Int($0) < header.typecnt }) else { return nil }
        var rawTypes: [(Int64, Bool, Int)] = []
        for _ in 0..<header.typecnt {
            rawTypes.append((integer(bytes, at: offset, size: 4), bytes[offset + 4] != 0, Int(bytes[offset + 5])))
            offset += 6
        }
        let chars = Array(bytes[offset..<(offset + header.charcnt)])
        let types = rawTypes.map { raw -> TimeZoneRules.LocalType in
            var end = raw.2
            while end < chars.count && chars[end] != 0 { end += 1 }
            let abbreviation = raw.2 < chars.count ? String(decoding: chars[raw.2..<end], as: UTF8.self) : ""
            return TimeZoneRules.LocalType(offset: raw.0, isDST: raw.1, abbreviation: abbreviation)
        }
        return TimeZoneRules(
            name: name, transitions: transitions, transitionTypes: transitionTypes, types: types, footer: footer)
    }
}
