import Rows

/// A chunk of an ingest: a window of settlement dates fetched in one request.
public struct ChunkWindow: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// First settlement date (day number).
    public let start: Int64
    /// Last settlement date, inclusive.
    public let end: Int64

    /// A window from `start` to `end` inclusive.
    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// The days as a range.
    public var days: ClosedRange<Int64> { start...end }

    public static func < (a: ChunkWindow, b: ChunkWindow) -> Bool { (a.start, a.end) < (b.start, b.end) }

    public var description: String {
        start == end ? CivilDate.string(start) : "\(CivilDate.string(start))..\(CivilDate.string(end))"
    }
}
