import Dispatch
import Store
import TestSupport
import Testing

/// The store's read API: `ResultRow`'s typed access and `QueryInterrupter`.
@Suite struct ResultRowTests {
    let directory = TemporaryDirectory()

    func store() throws -> Warehouse {
        try Warehouse(path: directory.file("store.sqlite"), access: .write)
    }

    @Test func readsEachStorageClassTypedAndAsBytes() throws {
        let store = try store()
        var seen: [String] = []
        try store.query(sql: "SELECT 42, 2.5, 'héllo', x'00ff', NULL") { names in
            #expect(names.count == 5)
        } row: { row in
            #expect(row.count == 5)
            #expect((0..<5).map { row.kind(at: $0) } == [.integer, .real, .text, .blob, .null])
            #expect(row.integer(at: 0) == 42 && row.integer(at: 1) == nil && row.integer(at: 2) == nil)
            #expect(row.real(at: 1) == 2.5 && row.real(at: 0) == nil)
            #expect(row.number(at: 0) == 42 && row.number(at: 1) == 2.5 && row.number(at: 2) == nil)
            #expect(row.text(at: 2) == "héllo" && row.text(at: 0) == nil)
            #expect(row.withBytes(at: 2) { Array($0) } == Array("héllo".utf8))
            #expect(row.withBytes(at: 3) { Array($0) } == [0, 255])
            #expect(row.withBytes(at: 4) { $0.count } == 0)
            #expect(row.isNull(at: 4) && !row.isNull(at: 0))
            #expect(row.values == [.integer(42), .real(2.5), .text("héllo"), .blob([0, 255]), .null])
            seen.append("row")
        }
        #expect(seen == ["row"])
    }

    /// `withCells` reads the whole row in one pass and agrees with the per-column reads, over rows of a real
    /// partitioned table too (the virtual table's values) and text bytes that are static in the store.
    @Test func cellsReadTheWholeRowAsThePerColumnReadsDo() throws {
        let store = try store()
        var rows = 0
        try store.query(sql: "SELECT 42, 2.5, 'héllo', x'00ff', NULL, '', -9223372036854775808") { _ in
        } row: { row in
            row.withCells { cells in
                #expect(cells.count == 7)
                #expect(cells.map(\.kind) == [.integer, .real, .text, .blob, .null, .text, .integer])
                #expect(cells[0].integer == 42 && cells[1].real == 2.5 && cells[6].integer == .min)
                #expect(Array(cells[2].bytes) == Array("héllo".utf8) && Array(cells[3].bytes) == [0, 255])
                #expect(cells[4].bytes.isEmpty && cells[5].bytes.isEmpty)
            }
            rows += 1
        }
        #expect(rows == 1)
        var compared = 0
        try Warehouse(path: YearStore.path, access: .read).query(
            sql: "SELECT *, generation / 2.0 FROM bmrs_fuelhh ORDER BY publishTime DESC LIMIT 500"
        ) { _ in
        } row: { row in
            let values = row.values
            let cellValues = row.withCells { $0.map(\.value) }
            #expect(cellValues == values)
            compared += 1
        }
        #expect(compared == 500)
    }

    @Test func anIndexOutsideTheRowReadsAsNullAndNeverTraps() throws {
        try store().query(sql: "SELECT 1") { _ in
        } row: { row in
            for index in [-1, 1, Int.max, Int.min] {
                #expect(row.kind(at: index) == .null)
                #expect(row.integer(at: index) == nil && row.text(at: index) == nil && row.real(at: index) == nil)
                #expect(row.value(at: index) == .null)
                #expect(row.withBytes(at: index) { $0.count } == 0)
            }
        }
    }

    /// Ctrl-C's path: another thread interrupts the running query, which fails with a one-line error; the
    /// connection answers the next query.
    @Test func anotherThreadInterruptsTheRunningQuery() throws {
        let store = try store()
        let interrupter = store.interrupter
        var rows = 0
        #expect {
            try store.query(
                sql: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
            ) { _ in
            } row: { _ in
                rows += 1
                if rows == 1 {
                    let done = DispatchSemaphore(value: 0)
                    DispatchQueue.global().async {
                        interrupter.interrupt()
                        done.signal()
                    }
                    done.wait()
                }
            }
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.message.contains("interrupted") && !error.message.contains("\n")
        }
        #expect(rows >= 1)
        var after: ResultValue = .null
        try store.query(sql: "SELECT 7") { _ in
        } row: {
            after = $0.value(at: 0)
        }
        #expect(after == .integer(7))
    }
}
