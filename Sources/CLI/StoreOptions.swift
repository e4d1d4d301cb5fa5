import ArgumentParser
import Foundation
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

    func open(_ access: Warehouse.Access) throws -> Warehouse {
        try Warehouse(path: path, access: access)
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
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
    if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            throw StoreError(.usage, isDirectory.boolValue ? "is a directory" : "cannot be read (permissions?)", file: path)
        }
        throw StoreError(.usage, "no such file", file: path)
    }
    return Array(data)
}
