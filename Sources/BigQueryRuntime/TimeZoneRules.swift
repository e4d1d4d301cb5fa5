/// The UTC offsets of one time zone over time: a fixed offset, or an IANA zone read from a TZif file
/// (transition table plus the POSIX TZ footer rule for instants past the table).
public final class TimeZoneRules: Sendable {
    /// One local time type of a TZif file.
    struct LocalType: Sendable {
        let offset: Int64
        let isDST: Bool
        let abbreviation: String
    }

    /// The name the zone was asked for by (`Europe/London`, `+01:00`, `UTC`).
    public let name: String
    let transitions: [Int64]
    let transitionTypes: [UInt8]
    let types: [LocalType]
    let initialType: Int
    let footer: PosixTimeZoneRule?

    init(
        name: String, transitions: [Int64], transitionTypes: [UInt8], types: [LocalType], footer: PosixTimeZoneRule?
    ) {
        self.name = name
        self.transitions = transitions
        self.transitionTypes = transitionTypes
        self.types = types
        initialType = types.firstIndex { !$0.isDST } ?? 0
        self.footer = footer
    }

    /// A zone at a fixed offset from UTC with no clock changes.
    public init(name: String, fixedOffsetSeconds offset: Int64) {
        self.name = name
        transitions = []
        transitionTypes = []
        types = [
            LocalType(
                offset: offset, isDST: false, abbreviation: offset == 0 ? "UTC" : TimeZoneRules.offsetText(offset))
        ]
        initialType = 0
        footer = nil
    }

    /// UTC itself.
    public static let utc = TimeZoneRules(name: "UTC", fixedOffsetSeconds: 0)

    /// The zone named `name`: `UTC`, a fixed offset such as `+01:00`, `-5` or `UTC+3`, or an IANA name read from
    /// $TZDIR or /usr/share/zoneinfo (cached). A name that names no zone is `Invalid time zone: <name>`.
    public static func named(_ name: String) throws(BigQueryError) -> TimeZoneRules {
        try TimeZoneDirectory.shared.zone(named: name)
    }

    /// The local time type in force at `seconds` since the epoch (UTC).
    func localType(atUTC seconds: Int64) -> LocalType {
        if transitions.isEmpty || seconds < transitions[0] {
            if transitions.isEmpty, let footer { return footer.localType(atUTC: seconds) }
            return types[initialType]
        }
        if seconds >= transitions[transitions.count - 1], let footer {
            return footer.localType(atUTC: seconds)
        }
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if transitions[mid] <= seconds { low = mid } else { high = mid - 1 }
        }
        let index = Int(transitionTypes[low])
        return index < types.count ? types[index] : types[initialType]
    }

    /// The offset from UTC, in seconds, at `seconds` since the epoch (UTC).
    public func offsetSeconds(atUTC seconds: Int64) -> Int64 { localType(atUTC: seconds).offset }

    /// The abbreviation in force (`GMT`, `BST`), or the offset as `+01` when the zone has none.
    public func abbreviation(atUTC seconds: Int64) -> String { localType(atUTC: seconds).abbreviation }

    /// The UTC instant (seconds) whose local time is `local` seconds; a skipped or repeated local time uses the
    /// offset in force before the transition (absl's `.pre`, which BigQuery follows).
    public func utcSeconds(forLocal local: Int64) -> Int64 {
        let before = offsetSeconds(atUTC: local - 86_400)
        let after = offsetSeconds(atUTC: local + 86_400)
        if before == after { return local - before }
        let early = local - before
        let late = local - after
        let earlyValid = offsetSeconds(atUTC: early) == before
        let lateValid = offsetSeconds(atUTC: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early
        }
    }

    /// `+HH` or `+HH:MM`, as a zone abbreviation for a fixed offset.
    static func offsetText(_ offset: Int64) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        var text = sign + (hours < 10 ? "0" : "") + String(hours)
        if minutes != 0 { text += ":" + (minutes < 10 ? "0" : "") + String(minutes) }
        return text
    }
}
