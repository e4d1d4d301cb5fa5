import Hashing
import SQLite
import Zstd

/// One problem `verify` found.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where: `table/day`, or `sqlite` for the integrity check.
    public let location: String
    /// What is wrong.
    public let message: String

    public var description: String { "\(location): \(message)" }
}

/// What `verify` checked.
public struct VerifyReport: Sendable {
    /// Partitions checked.
    public var partitionsChecked = 0
    /// Rows decoded.
    public var rowsChecked = 0
    /// Everything found wrong (empty when the store is sound).
    public var problems: [VerifyProblem] = []
}

extension Warehouse {
    /// Recomputes every partition's content hash and row count from its tier and runs SQLite's integrity check.
    public func verify() throws -> VerifyReport {
        var report = VerifyReport()
        for row in try database.rows(sql: "PRAGMA integrity_check") {
            if case .text(let message) = row[0], message != "ok" {
                report.problems.append(VerifyProblem(location: "sqlite", message: message))
            }
        }
        for schema in tables {
            for partition in try partitions(of: schema) {
                let location = "\(schema.name)/\(partition.date)"
                report.partitionsChecked += 1
                do {
                    let day = try readPartition(partition, schema: schema)
                    let raw = PartitionCodec.encode(day, schema: schema)
                    report.rowsChecked += day.rowCount
                    if day.rowCount != partition.rowCount {
                        report.problems.append(
                            VerifyProblem(
                                location: location,
                                message:
                                    "\(day.rowCount) rows found, \(partition.rowCount) recorded"))
                    }
                    if SHA256.hex(raw) != partition.contentHash {
                        report.problems.append(
                            VerifyProblem(
                                location: location,
                                message:
                                    "content hash \(SHA256.hex(raw).prefix(16))… differs from the recorded "
                                    + "\(partition.contentHash.prefix(16))…"))
                    }
                    if day.logicalBytes(schema: schema) != partition.logicalBytes {
                        report.problems.append(
                            VerifyProblem(
                                location: location,
                                message:
                                    "the recorded BigQuery byte counts differ from the data"))
                    }
                    if day.day != partition.day {
                        report.problems.append(
                            VerifyProblem(
                                location: location,
                                message:
                                    "the blob holds day \(CivilDate.string(day.day))"))
                    }
                } catch {
                    report.problems.append(VerifyProblem(location: location, message: "\(error)"))
                }
            }
        }
        return report
    }

    /// Writes a consistent, compacted copy of the store to `destination` (which must not exist) while readers
    /// and writers carry on: `VACUUM INTO` reads one snapshot.
    public func backup(to destination: String) throws {
        guard !fileExists(destination) else {
            throw StoreError(.usage, "\(destination) already exists; choose a new file name")
        }
        try database.execute(sql: "PRAGMA query_only = 0")
        defer { try? database.execute(sql: "PRAGMA query_only = 1") }
        let statement = try database.prepare(sql: "VACUUM INTO ?")
        try statement.bind([.text(destination)])
        do {
            try statement.step()
        } catch {
            unlinkIfExists(destination)
            throw StoreError(.io, "backup to \(destination) failed: \(error.message)")
        }
    }
}
