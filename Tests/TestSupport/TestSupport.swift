import Foundation
import Hashing
import Rows
import SQLite
import Store

/// Paths and helpers shared by the test targets.
public enum TestSupport {
    /// The repository root (two levels above this file).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The path of a file in Tests/Fixtures.
    public static func fixture(_ name: String) -> String {
        root + "/Tests/Fixtures/" + name
    }

    /// The bytes of a file in Tests/Fixtures.
    public static func fixtureBytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: fixture(name)) else {
            throw StoreError(.usage, "missing fixture \(name)")
        }
        return Array(data)
    }

    /// The built `bmrs` binary: $BMRS_BINARY, or the one next to the test bundle, or .build/debug/bmrs.
    public static var binary: String {
        if let env = ProcessInfo.processInfo.environment["BMRS_BINARY"] { return env }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [
            beside.appendingPathComponent("bmrs").path,
            beside.deletingLastPathComponent().appendingPathComponent("bmrs").path,
            root + "/.build/debug/bmrs",
        ]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return root + "/.build/debug/bmrs"
    }
}

/// A fresh directory under the system temp dir, removed when the value is deallocated.
public final class TemporaryDirectory: @unchecked Sendable {
    // Safe: immutable after init.
    /// Its path.
    public let path: String

    /// Creates the directory.
    public init() {
        let template = NSTemporaryDirectory() + "bmrs-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        let result = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = result.map { String(cString: $0) } ?? (NSTemporaryDirectory() + "bmrs-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes text to a file inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    /// Writes bytes to a file inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }
}

/// The result of running a process.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `executable` with `arguments`, optional standard input and extra environment; waits for it.
public func run(
    _ executable: String, _ arguments: [String], stdin: String? = nil,
    environment: [String: String] = [:], directory: String? = nil
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "BMRS_STORE")
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a chatty process never blocks on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the `bmrs` binary.
public func bmrs(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws
    -> ProcessResult
{
    try run(TestSupport.binary, arguments, stdin: stdin, environment: environment)
}

/// Microseconds since the epoch for a UTC date at midnight (test clocks).
public func micros(_ date: String) -> Int64 {
    (CivilDate.parse(date) ?? 0) * 86_400_000_000
}

/// A digest of every row of every table in an SQLite file: equal digests, equal contents.
public func contentDigest(of path: String) throws -> String {
    let db = try Database(path: path, mode: .readOnly)
    let hasher = SHA256()
    let tables = try db.rows(sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    for table in tables {
        guard case .text(let name) = table[0] else { continue }
        hasher.update(Array(name.utf8))
        for row in try db.rows(sql: "SELECT * FROM \"\(name)\"").map({ "\($0)" }).sorted() {
            hasher.update(Array(row.utf8))
        }
    }
    return hasher.finalize().map { String($0, radix: 16) }.joined()
}
