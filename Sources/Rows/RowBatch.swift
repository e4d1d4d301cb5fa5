/// Rows of one table held column-major-free in one flat array: row `r`, column `c` is `cells[r * width + c]`.
public struct RowBatch: Sendable {
    /// Cells per row.
    public let width: Int
    /// The cells, row after row.
    public var cells: [Cell]

    /// An empty batch of rows `width` cells wide.
    public init(width: Int, capacity: Int = 0) {
        self.width = width
        cells = []
        cells.reserveCapacity(capacity * width)
    }

    /// The number of rows.
    public var count: Int { width == 0 ? 0 : cells.count / width }

    /// Cell `column` of row `row`.
    @inline(__always)
    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row &* width &+ column] }
        set { cells[row &* width &+ column] = newValue }
    }

    /// The cells of row `row`.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        cells[(row * width)..<((row + 1) * width)]
    }

    /// Appends one row.
    public mutating func append<C: Collection>(row: C) where C.Element == Cell {
        precondition(row.count == width)
        cells.append(contentsOf: row)
    }
}
