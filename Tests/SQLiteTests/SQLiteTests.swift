import SQLite
import TestSupport
import Testing

@Suite struct DatabaseTests {
    @Test func bindsAndReadsEveryStorageClass() throws {
        let db = try Database(path: ":memory:")
        let statement = try db.prepare(sql: "SELECT ?, ?, ?, ?, ?")
        try statement.bind([.null, .integer(-7), .real(2.5), .text("héllo"), .blob([0, 1, 255])])
        #expect(try statement.step())
        #expect(
            (0..<5).map { statement.value(at: $0) } == [
                .null, .integer(-7), .real(2.5), .text("héllo"), .blob([0, 1, 255]),
            ])
        #expect(try !statement.step())
    }

    @Test func reportsTheFailingSQLAndCode() throws {
        let db = try Database(path: ":memory:")
        #expect {
            try db.execute(sql: "SELECT * FROM missing")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.sql == "SELECT * FROM missing" && error.message.contains("no such table")
        }
    }

    @Test func rollsBackATransactionThatThrows() throws {
        let db = try Database(path: ":memory:")
        try db.execute(sql: "CREATE TABLE t(x)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                throw Stop()
            }
        }
        #expect(try db.scalar(sql: "SELECT count(*) FROM t") == .integer(0))
        #expect(!db.isInTransaction)
    }

    @Test func opensReadOnlyWhenAsked() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("x.sqlite")
        do { try Database(path: path).execute(sql: "CREATE TABLE t(x)") }
        let reader = try Database(path: path, mode: .readOnly)
        #expect(throws: SQLiteError.self) { try reader.execute(sql: "INSERT INTO t VALUES (1)") }
        #expect(throws: SQLiteError.self) { _ = try Database(path: directory.file("missing.sqlite"), mode: .readWrite) }
    }
}

/// A virtual table of the numbers 1...n that records the constraints it was given.
final class Numbers: VirtualTable {
    let count: Int64
    var lastArguments: [FilterArgument] = []
    init(count: Int64) { self.count = count }

    var declaration: String { "CREATE TABLE x(n INTEGER, label TEXT)" }

    func bestIndex(_ info: IndexInfo) {
        var argument: Int32 = 0
        var plan = ""
        for constraint in info.constraints
        where constraint.isUsable && constraint.column == 0 && constraint.op == .equal {
            argument += 1
            plan += info.requestWholeList(constraint.index) ? "I" : "="
            info.use(constraint.index, argumentIndex: argument)
        }
        info.setIndexString(plan)
        info.estimatedCost = plan.isEmpty ? 1000 : 1
    }

    func openCursor() throws -> any VirtualTableCursor { Cursor(table: self) }

    final class Cursor: VirtualTableCursor {
        let table: Numbers
        var values: [Int64] = []
        var position = 0
        init(table: Numbers) { self.table = table }

        func filter(indexNumber: Int32, indexString: String?, arguments: [FilterArgument]) throws {
            table.lastArguments = arguments
            var wanted: Set<Int64>? = nil
            for argument in arguments {
                switch argument {
                case .value(.integer(let v)): wanted = [v]
                case .list(let list): wanted = Set(list.compactMap(\.integerValue))
                default: break
                }
            }
            values = (1...table.count).filter { wanted?.contains($0) ?? true }
            position = 0
        }
        var isAtEnd: Bool { position >= values.count }
        func next() throws { position += 1 }
        func column(_ index: Int32, into result: ResultContext) {
            if index == 0 { result.set(values[position]) } else { result.set("n\(values[position])") }
        }
        var rowID: Int64 { values[position] }
    }
}

@Suite struct VirtualTableTests {
    @Test func scansAndPassesEqualityAndWholeInLists() throws {
        let db = try Database(path: ":memory:")
        let numbers = Numbers(count: 100)
        try db.registerEponymousTable(named: "numbers", numbers)
        #expect(try db.scalar(sql: "SELECT sum(n) FROM numbers") == .integer(5050))
        #expect(try db.rows(sql: "SELECT n, label FROM numbers WHERE n = 42") == [[.integer(42), .text("n42")]])
        #expect(numbers.lastArguments == [.value(.integer(42))])
        #expect(
            try db.rows(sql: "SELECT n FROM numbers WHERE n IN (3, 1, 2) ORDER BY n") == [
                [.integer(1)], [.integer(2)], [.integer(3)],
            ])
        guard case .list(let list)? = numbers.lastArguments.first else {
            Issue.record("IN (…) was not passed as one list: \(numbers.lastArguments)")
            return
        }
        #expect(Set(list) == Set<SQLiteValue>([.integer(1), .integer(2), .integer(3)]))
        // SQLite re-checks constraints it was not told to omit, so a plan can never change the answer.
        #expect(try db.scalar(sql: "SELECT count(*) FROM numbers WHERE n = 5 AND label = 'n5'") == .integer(1))
    }
}
