import Foundation
import Glibc

/// The `bmrs` binary running in a real pseudo-terminal (80×24 unless told), driven like a person at a keyboard.
public final class PseudoTerminal {
    private let master: Int32
    private let pid: pid_t
    /// Everything the program has written so far, as received (with escape sequences).
    private(set) var received: [UInt8] = []
    private var mark = 0

    /// Starts `bmrs` with `arguments` and extra environment in a new terminal of `columns`×`rows`.
    public init(_ arguments: [String], environment: [String: String] = [:], columns: UInt16 = 80, rows: UInt16 = 24)
        throws
    {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "BMRS_STORE")
        env["TERM"] = "xterm"
        for (k, v) in environment { env[k] = v }
        let argv = ([TestSupport.binary] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        guard let path = argv[0] else { throw PseudoTerminalError("out of memory") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var fd: Int32 = -1
        let child = forkpty(&fd, nil, nil, &size)
        if child == 0 {
            // The child: only async-signal-safe calls until exec. The test thread's blocked signals (SIGINT among
            // them) and open descriptors must not reach the program.
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            for descriptor in Int32(3)..<Int32(1024) { close(descriptor) }
            execve(path, argv, envp)
            _exit(127)
        }
        guard child > 0 else { throw PseudoTerminalError("forkpty failed: errno \(errno)") }
        pid = child
        master = fd
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `text` (use "\r" for Enter, "\u{03}" for Ctrl-C, "\u{04}" for Ctrl-D, "\t" for Tab).
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output since the last wait contains `text` (escape sequences removed); returns that
    /// output, plain. Throws after `timeout` seconds with what arrived.
    @discardableResult
    public func wait(for text: String, timeout: Double = 60) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let plain = Self.plain(Array(received[mark...]))
            if let range = plain.range(of: text) {
                let consumed = Self.plain(Array(received[mark...]))
                mark = received.count
                _ = range
                return consumed
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw PseudoTerminalError(
                    "timed out waiting for \(text.debugDescription); got \(plain.debugDescription)")
            }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000))
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(master, &chunk, chunk.count)
            guard count > 0 else {
                throw PseudoTerminalError(
                    "the program ended waiting for \(text.debugDescription); got \(plain.debugDescription)")
            }
            received += chunk[0..<count]
        }
    }

    /// Waits until the terminal is in canonical (cooked) mode, or out of it (the line editor reading): the program
    /// sets the mode, and a pseudo-terminal's master reports the slave's settings. Output keeps being collected.
    public func waitForMode(canonical: Bool, timeout: Double = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var settings = termios()
            if tcgetattr(master, &settings) == 0, (settings.c_lflag & tcflag_t(ICANON) != 0) == canonical { return }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 10) > 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let count = read(master, &chunk, chunk.count)
                if count > 0 { received += chunk[0..<count] }
            }
        }
        throw PseudoTerminalError("the terminal never became \(canonical ? "canonical" : "raw")")
    }

    /// Waits for the program to exit and returns its status.
    public func waitForExit(timeout: Double = 60) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 100) > 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let count = read(master, &chunk, chunk.count)
                if count > 0 { received += chunk[0..<count] }
            }
        }
        throw PseudoTerminalError("the program did not exit")
    }

    /// Terminal output without escape sequences and carriage returns.
    public static func plain(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x1B {
                i += 1
                if i < bytes.count && bytes[i] == UInt8(ascii: "[") {
                    i += 1
                    while i < bytes.count && !(bytes[i] >= 0x40 && bytes[i] <= 0x7E) { i += 1 }
                }
                i += 1
                continue
            }
            if byte != 13 && byte != 7 { out.append(byte) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A pseudo-terminal test failure.
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
