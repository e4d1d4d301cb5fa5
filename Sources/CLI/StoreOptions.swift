import ArgumentParser
import FoundationEssentials
import Glibc
import Rows
import Store

/// The `--store` option every subcommand takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (env BMRS_STORE).", valueName: "path"))
    var store: String?

    /// The store path: --store, else $BMRS_STORE, else ./bmrs.sqlite.
    var path: String {
        if let store { return store }
        if let env = ProcessInfo.processInfo.environment["BMRS_STORE"], !env.isEmpty { return env }
        return "./bmrs.sqlite"
    }

    /// Opens the store; its clock is `BMRS_NOW` when that is set.
    func open(_ access: Warehouse.Access) throws -> Warehouse {
        let warehouse = try Warehouse(path: path, access: access)
        if let now = try Self.fixedNow() { warehouse.now = { now } }
        return warehouse
    }

    /// The time in `BMRS_NOW` (an ISO timestamp such as 2025-06-30T23:30:00Z, or a date for its UTC midnight), for
    /// testing: it stands for the clock wherever bmrs asks what day it is. Nil when unset.
    static func fixedNow() throws -> Int64? {
        guard let text = ProcessInfo.processInfo.environment["BMRS_NOW"], !text.isEmpty else { return nil }
        if let day = CivilDate.parse(text) { return day * Timestamp.microsPerDay }
        guard let micros = Timestamp.parse(text) else {
            throw StoreError(.usage, "BMRS_NOW must be an ISO timestamp such as 2025-06-30T23:30:00Z, not '\(text)'")
        }
        return micros
    }

    /// Microseconds since the Unix epoch: `BMRS_NOW` when set, else the clock.
    static func nowMicros() throws -> Int64 {
        if let fixed = try fixedNow() { return fixed }
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    Console.writeError(message + "\n")
}

/// Runs `body`, turning library errors into a one-line message on stderr and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        printError("bmrs: error: \(error)")
        throw ExitCode.failure
    }
}

/// Reads a whole file, or standard input for "-".
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            throw StoreError(.usage, isDirectory ? "is a directory" : "cannot be read (permissions?)", file: path)
        }
        throw StoreError(.usage, "no such file", file: path)
    }
    return Array(data)
}
