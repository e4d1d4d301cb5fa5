import Check
import FoundationEssentials
import Glibc
import Ingest
import Rows
import Store

/// The clock `bmrs check` judges against: now, or BMRS_NOW (for testing).
enum CheckClock {
    /// Microseconds since the epoch; BMRS_NOW accepts `2023-05-15T12:00:00Z` or a date (its UTC midnight).
    static func now() throws -> Int64 {
        try StoreOptions.nowMicros()
    }
}

/// Renders a report and writes it to standard output or, atomically, to a file.
enum CheckOutput {
    static func write(_ report: CheckReport, format: String, to path: String?) throws {
        let text: String
        switch format {
        case "json": text = JSONRenderer.render(report)
        case "prometheus": text = PrometheusRenderer.render(report)
        case "html": text = HTMLRenderer.render(report)
        default:
            let colour =
                path == nil && Console.outputIsTerminal
                && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            text = TextRenderer(colour: colour).render(report)
        }
        guard let path else {
            Console.writeOutput(Array(text.utf8))
            return
        }
        try writeAtomically(Array(text.utf8), to: path)
    }

    /// Writes a temporary file beside `path`, syncs it and renames it over `path`, so a reader (node_exporter's
    /// textfile collector) never sees half a file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw StoreError(.io, "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var offset = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count, let base = raw.baseAddress {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw StoreError(.io, "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}

/// `bmrs check --repair`: re-ingests the windows the check returned, through the ingest pipeline (--overwrite).
struct CheckRepair {
    let apiBase: String?

    func run(_ windows: [RepairWindow], storePath: String) throws {
        let warehouse = try Warehouse(path: storePath, access: .write)
        for window in windows {
            guard let dataset = Dataset.named(window.dataset) else { continue }
            var options = IngestOptions(dataset: dataset, start: window.start, end: window.end)
            options.overwrite = true
            if let base = apiBase ?? ProcessInfo.processInfo.environment["BMRS_API_BASE"], !base.isEmpty {
                options.apiBase = base
            }
            let summary = try IngestRunner(options: options).run(into: warehouse)
            let range = CivilDate.string(window.start) + ".." + CivilDate.string(window.end)
            var line =
                "bmrs: check: repair: \(dataset.name) \(range): \(summary.rows.rowsRead) rows fetched, "
                + "\(summary.rows.inserted) inserted, \(summary.rows.revised) revised"
            if !summary.failures.isEmpty { line += ", \(summary.failures.count) chunk(s) failed" }
            printError(line)
            for failure in summary.failures {
                printError(
                    "bmrs: check: repair: \(CivilDate.string(failure.window.start))..."
                        + "\(CivilDate.string(failure.window.end)): \(failure.reason)")
            }
        }
    }
}
