import Hashing
import Rows
import SQLite
import Zstd

/// One problem `verify` found.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where: `table/day`, `table`, `_bmrs_blobs/N`, `migration ID`, `store`, or `sqlite` for the integrity check.
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
    /// Checks the whole store and lists every problem found: SQLite's integrity check, the journal mode (WAL),
    /// the applied migrations against the ones built into this binary, every partition's content hash, row
    /// count and byte counts recomputed from its tier, and that partition records, blobs and hot rows agree
    /// (no orphan blob, no partition without its blob, no hot rows without a partition record, no empty table
    /// that load or ingest runs say received rows).
    public func verify() throws -> VerifyReport {
        var report = VerifyReport()
        for row in try database.rows(sql: "PRAGMA integrity_check") {
            if case .text(let message) = row[0], message != "ok" {
                report.problems.append(VerifyProblem(location: "sqlite", message: message))
            }
        }
        report.problems += try journalModeProblems()
        report.problems += try migrationProblems()
        report.problems += try recordProblems()
        for schema in tables {
            report.problems += try hotRowProblems(schema)
            report.problems += try emptyTableProblems(schema)
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
}
