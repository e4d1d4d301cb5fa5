import Glibc
import Store

/// The query shell: reads statements and dot-commands from the terminal (with line editing) or from a script,
/// runs statements through a `StatementRunner`, and prints results.
///
/// Swapping the SQL dialect is a matter of passing another runner to `init`.
public final class Shell {
    let warehouse: Warehouse
    let runner: StatementRunner
    var mode: ResultPrinter.Mode
    var maxRows: Int
    var timer = false
    var cost = false
    var parameters: [QueryParameter] = []
    var output = OutputSink.standardOutput()
    var once: OutputSink?
    var lastResult: CapturedResult?
    var quitRequested = false
    private var monitor: InterruptMonitor?

    /// A shell over `warehouse`, running statements with `runner` (by default SQLite SQL as it is), printing in
    /// `mode` (`table`, `csv`, `json`, `ndjson`, `markdown`, `line`).
    public init(warehouse: Warehouse, runner: StatementRunner? = nil, mode: String = "table") throws {
        self.warehouse = warehouse
        self.runner = runner ?? SQLiteStatementRunner(warehouse: warehouse)
        guard let parsed = ResultPrinter.Mode(rawValue: mode) else { throw ShellError("unknown output mode \(mode)") }
        self.mode = parsed
        maxRows = isatty(1) != 0 ? 40 : 0
    }

    /// Whether standard input is a terminal (the CLI opens the interactive shell then).
    public static var inputIsTerminal: Bool { isatty(0) != 0 }

    /// The history file: `$XDG_STATE_HOME/bmrs/history`, else `~/.local/state/bmrs/history`; its directory is
    /// created (mode 0700). Nil when neither variable is set.
    public static func historyPath() -> String? {
        let environment = { (name: String) in getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let base = environment("XDG_STATE_HOME") ?? environment("HOME").map({ $0 + "/.local/state" }) else {
            return nil
        }
        var path = ""
        for part in (base + "/bmrs").split(separator: "/") {
            path += "/" + part
            mkdir(path, 0o700)
        }
        return path + "/history"
    }

    /// Runs the interactive shell until `.quit` or Ctrl-D; returns the exit status.
    public func runInteractive(historyPath: String?) -> Int32 {
        monitor = InterruptMonitor(cancellation: runner.cancellation)
        let source = completionSource()
        let editor: LineEditor
        do {
            editor = try LineEditor(
                historyPath: historyPath, wakeDescriptor: monitor?.wakeDescriptor ?? -1,
                completer: { source.complete($0) })
        } catch {
            Console.writeError("bmrs: error: \(error.message)\n")
            return 1
        }
        Console.write("bmrs query shell (\(runner.dialect) SQL). End statements with ';'. .help for commands.\n")
        var assembler = InputAssembler()
        while !quitRequested {
            monitor?.setEditing(true)
            let input = editor.read(prompt: assembler.isPending ? "   -> " : "bmrs> ", context: assembler.pendingText)
            monitor?.setEditing(false)
            switch input {
            case .endOfInput:
                Console.write("\n")
                return 0
            case .interrupted:
                monitor?.interruptHandled()
                assembler.clear()
            case .line(let line):
                for item in assembler.feed(line: line) where !quitRequested {
                    editor.remember(Self.historyEntry(item))
                    do {
                        try execute(item)
                    } catch {
                        Console.writeError("Error: " + describe(error) + "\n")
                    }
                }
            }
        }
        return 0
    }

    /// Runs a script (standard input when it is not a terminal): statements in order, no prompt; the first error
    /// names the statement and line and stops with status 1.
    public func runScript(_ text: String) -> Int32 {
        do {
            try run(script: text, source: nil)
            return 0
        } catch {
            Console.writeError("bmrs: error: \(describe(error))\n")
            return 1
        }
    }

    /// Runs every statement and dot-command of `script`, stopping at the first error, which names the statement,
    /// the line and `source` (a file name, for `.read`).
    func run(script: String, source: String?) throws {
        var assembler = InputAssembler()
        var statementNumber = 0
        func run(_ item: InputAssembler.Item) throws {
            if quitRequested { return }
            do {
                if case .statement = item { statementNumber += 1 }
                try execute(item)
            } catch {
                let place: String
                switch item {
                case .statement(_, let line): place = "statement \(statementNumber) at line \(line)"
                case .dotCommand(_, let line): place = "line \(line)"
                }
                throw ShellError((source.map { "\($0): " } ?? "") + place + ": " + describe(error))
            }
        }
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            for item in assembler.feed(line: String(line)) { try run(item) }
        }
        for item in assembler.finish() { try run(item) }
    }

    func execute(_ item: InputAssembler.Item) throws {
        switch item {
        case .statement(let sql, _): try runStatement(sql)
        case .dotCommand(let line, _): try runDotCommand(line)
        }
    }

    /// Runs one statement, printing its result (to the `.once` file when one is set) and, with `.timer on`,
    /// what it read.
    func runStatement(_ sql: String) throws {
        if cost {
            do {
                Console.write(try runner.dryRun(sql: sql, parameters: parameters) + "\n")
            } catch {
                Console.writeError(describe(error) + "\n")
            }
        }
        let sink = once ?? output
        once = nil
        var printer: ResultPrinter?
        var capture: CapturedResult?
        let started = ContinuousClock.now
        defer { monitor?.endStatement() }
        if monitor?.beginStatement() == false { throw ShellError("interrupted (Ctrl-C)") }
        let statistics: RunStatistics
        func start(_ columns: [ResultColumn]) {
            printer?.finish()
            printer = columns.isEmpty ? nil : ResultPrinter(mode: mode, columns: columns, sink: sink, maxRows: maxRows)
            capture = CapturedResult(columns: columns)
        }
        do {
            if mode == .csv {
                // CSV streams as the runner writes it, with no value made per cell.
                statistics = try runner.runCSV(sql: sql, parameters: parameters, columns: start) { text in
                    if monitor?.wasCancelled == true { throw ShellError("interrupted") }
                    printer?.add(csvText: text)
                    capture?.add(csvText: text)
                }
            } else {
                statistics = try runner.run(sql: sql, parameters: parameters, columns: start) { values in
                    if monitor?.wasCancelled == true { throw ShellError("interrupted") }
                    printer?.add(values)
                    capture?.add(values)
                }
            }
        } catch {
            printer?.finish()
            if monitor?.wasCancelled == true { throw ShellError("interrupted (Ctrl-C)") }
            throw error
        }
        printer?.finish()
        if let capture { lastResult = capture }
        if timer {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            var line =
                "Run time: \(Self.fixed(milliseconds)) ms, \(ValueText.count(statistics.rowsReturned)) row\(statistics.rowsReturned == 1 ? "" : "s"), "
            line +=
                "\(ValueText.count(statistics.partitionsRead)) partition\(statistics.partitionsRead == 1 ? "" : "s") read, "
            line += "\(ValueText.count(statistics.rowsScanned)) rows scanned"
            line += statistics.billedBytes.map { ", \(ValueText.count(Int($0))) bytes billed" } ?? ""
            Console.write(line + "\n")
        }
    }

    /// The one-line message for an error.
    func describe(_ error: Error) -> String {
        if let error = error as? ShellError { return error.message }
        return "\(error)"
    }

    func completionSource() -> CompletionSource {
        CompletionSource(
            dataset: warehouse.tables.first?.definition.reference.dataset ?? "uk_energy_insights",
            tables: warehouse.tables.map { CompletionSource.Table(name: $0.name, columns: $0.columns.map(\.name)) })
    }

    private static func historyEntry(_ item: InputAssembler.Item) -> String {
        switch item {
        case .statement(let sql, _):
            return sql.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters() }.joined(separator: " ")
                + ";"
        case .dotCommand(let line, _): return line
        }
    }

    /// `value` with one decimal.
    static func fixed(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String { String(self).trimmingWhitespace }
}
