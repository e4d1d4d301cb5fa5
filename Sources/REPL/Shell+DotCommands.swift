import Glibc
import Rows
import Store

extension Shell {
    /// Runs one dot-command line.
    func runDotCommand(_ line: String) throws {
        let words = DotCommand.words(line)
        guard let name = words.first?.lowercased() else { return }
        let arguments = Array(words.dropFirst())
        let rest = line.drop(while: { $0 != " " }).description.trimmingWhitespace
        switch name {
        case ".help": Console.write(DotCommand.helpText)
        case ".quit", ".exit": quitRequested = true
        case ".tables":
            for table in warehouse.tables { output.write(table.name + "\n") }
            output.flush()
        case ".schema":
            let tables = try arguments.first.map { [try warehouse.schema(named: $0)] } ?? warehouse.tables
            for table in tables {
                output.write(TableDDL.create(table.definition, dataset: completionSource().dataset))
            }
            output.flush()
        case ".partitions": try printPartitions(table: arguments.first)
        case ".mode":
            guard let word = arguments.first, let parsed = ResultPrinter.Mode(rawValue: word.lowercased()) else {
                throw ShellError("usage: .mode table|csv|json|ndjson|markdown|line (now \(mode.rawValue))")
            }
            mode = parsed
        case ".timer": timer = try onOff(arguments, usage: ".timer on|off")
        case ".cost":
            if !cost {
                _ = try runner.dryRun(sql: "SELECT 1", parameters: [])
            }
            cost.toggle()
            Console.write("Cost before every statement: \(cost ? "on" : "off")\n")
        case ".dryrun":
            guard !rest.isEmpty else { throw ShellError("usage: .dryrun SQL") }
            Console.write(try runner.dryRun(sql: rest, parameters: parameters) + "\n")
        case ".translate":
            guard !rest.isEmpty else { throw ShellError("usage: .translate SQL") }
            Console.write(try runner.translate(sql: rest, parameters: parameters) + "\n")
        case ".once":
            guard arguments.count == 1 else { throw ShellError("usage: .once FILE") }
            once = try OutputSink.file(arguments[0])
        case ".output":
            guard arguments.count <= 1 else { throw ShellError("usage: .output FILE|stdout") }
            let target = arguments.first ?? "stdout"
            output = target == "stdout" ? .standardOutput() : try .file(target)
        case ".read":
            guard arguments.count == 1 else { throw ShellError("usage: .read FILE") }
            let path = arguments[0]
            try run(script: try Self.readFile(path), source: path)
        case ".parameter": try parameterCommand(arguments, line: line)
        case ".maxrows":
            guard arguments.count == 1, let count = Int(arguments[0]), count >= 0 else {
                throw ShellError("usage: .maxrows N (0 shows every row; now \(maxRows))")
            }
            maxRows = count
        case ".chart": try chartCommand(arguments)
        default:
            let hint = DotCommand.nearest(to: name).map { "; did you mean \($0)?" } ?? "; .help lists them"
            throw ShellError("unknown command \(name)\(hint)")
        }
    }

    private func onOff(_ arguments: [String], usage: String) throws -> Bool {
        switch arguments.first?.lowercased() {
        case "on": return true
        case "off": return false
        default: throw ShellError("usage: \(usage)")
        }
    }

    private func printPartitions(table: String?) throws {
        let schemas = try table.map { [try warehouse.schema(named: $0)] } ?? warehouse.tables
        let columns = ["table", "day", "tier", "rows", "stored_bytes", "bq_bytes"].enumerated().map { i, name in
            ResultColumn(name: name, type: i >= 3 ? "INT64" : (i == 1 ? "DATE" : "STRING"))
        }
        let printer = ResultPrinter(mode: mode, columns: columns, sink: once ?? output, maxRows: maxRows)
        once = nil
        for schema in schemas {
            for p in try warehouse.partitions(of: schema) {
                printer.add([
                    .text(p.table), .text(p.date), .text(p.tier.rawValue), .integer(Int64(p.rowCount)),
                    p.storedBytes.map { .integer(Int64($0)) } ?? .null,
                    .integer(Int64(p.logicalBytes.values.reduce(0, +))),
                ])
            }
        }
        printer.finish()
    }

    private func parameterCommand(_ arguments: [String], line: String) throws {
        switch arguments.first?.lowercased() {
        case "set":
            guard arguments.count >= 4 else { throw ShellError("usage: .parameter set NAME TYPE VALUE") }
            let name = arguments[1].hasPrefix("@") ? String(arguments[1].dropFirst()) : arguments[1]
            let type = arguments[2].uppercased()
            let value = try Self.parameterValue(arguments[3...].joined(separator: " "), type: type)
            parameters.removeAll { $0.name.lowercased() == name.lowercased() }
            parameters.append(QueryParameter(name: name, type: type, value: value))
        case "list":
            for p in parameters {
                output.write("@\(p.name) \(p.type) \(ParameterSubstitution.literal(p.value))\n")
            }
            output.flush()
        case "clear":
            if arguments.count > 1 {
                parameters.removeAll { $0.name.lowercased() == arguments[1].lowercased() }
            } else {
                parameters.removeAll()
            }
        default: throw ShellError("usage: .parameter set NAME TYPE VALUE | list | clear [NAME]")
        }
    }

    /// A parameter's value from its text, checked against its BigQuery type.
    static func parameterValue(_ text: String, type: String) throws -> QueryValue {
        if text.uppercased() == "NULL" { return .null }
        switch type {
        case "INT64", "INT", "INTEGER":
            guard let value = Int64(text) else { throw ShellError("\(text) is not an INT64") }
            return .integer(value)
        case "FLOAT64", "FLOAT", "NUMERIC", "BIGNUMERIC":
            guard let value = Double(text) else { throw ShellError("\(text) is not a \(type)") }
            return .real(value)
        case "BOOL", "BOOLEAN":
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw ShellError("\(text) is not a BOOL (true or false)")
            }
        case "DATE":
            guard CivilDate.parse(text) != nil else { throw ShellError("\(text) is not a DATE (YYYY-MM-DD)") }
            return .text(text)
        case "STRING", "TIMESTAMP", "DATETIME", "TIME": return .text(text)
        default: throw ShellError("unknown parameter type \(type) (INT64, FLOAT64, NUMERIC, BOOL, STRING, DATE, …)")
        }
    }

    /// A whole file as text.
    static func readFile(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ShellError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ShellError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
