import ArgumentParser
import Formats
import FoundationEssentials
import Rows
import Store

/// `bmrs load`: load Insights API response files into the store.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load Insights API response files (JSON, /stream arrays or CSV; plain, .gz or .zst).",
        discussion: """
            Each file is one transaction: a malformed file, a missing field, a wrong type or a settlement
            period outside the day's range (46/48/50) is reported with file, row and field, and nothing of
            that file is written. Other files still load; the exit status is 1 if any file failed.
            A missing store is created and migrated.

            Prints one summary line: rows read, inserted, revised, superseded, duplicates dropped, stale
            versions dropped, rejected.

            Examples:
              bmrs load --dataset FUELHH Tests/Fixtures/FUELHH_2018.json.zst
              bmrs load --dataset FUELINST response1.json response2.csv.gz
              bmrs load Tests/Fixtures/*.zst          # the dataset is read from the rows
              curl -s "$URL" | bmrs load --dataset FUELINST -
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        help: ArgumentHelp(
            "The dataset the files hold: \(Dataset.all.map(\.name).joined(separator: ", ")) "
                + "(default: read from each file's rows).", valueName: "name"))
    var dataset: String?

    @Argument(help: ArgumentHelp("Files to load (- for standard input).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if let dataset, Dataset.named(dataset) == nil {
            throw ValidationError(
                "unknown dataset '\(dataset)'; known: \(Dataset.all.map(\.name).joined(separator: ", "))")
        }
        guard !files.isEmpty else { throw ValidationError("name at least one file to load") }
    }

    func run() throws {
        let named = dataset.flatMap(Dataset.named)
        let warehouse = try reportingErrors { try storeOptions.open(.write) }
        var total = LoadSummary()
        var failed = 0
        var tables = Set<String>()
        let started = Date()
        for file in files {
            do {
                let body = try readInput(file)
                let source = file == "-" ? "<stdin>" : file
                guard let dataset = try named ?? ResponseParser.detectDataset(body: body, source: source) else {
                    printError("bmrs: \(source): the file holds no rows; nothing loaded from it")
                    continue
                }
                tables.insert(dataset.table)
                let parser = ResponseParser(dataset: dataset, schema: try warehouse.schema(named: dataset.table))
                let rows = try parser.parse(body: body, source: source, ingestedAt: warehouse.now())
                total.add(try warehouse.load(rows, source: source, dataset: dataset))
            } catch {
                failed += 1
                total.rejected += 1
                printError("bmrs: error: \(error)")
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let into = tables.isEmpty ? (named?.table ?? "the store") : tables.sorted().joined(separator: ", ")
        print(
            "loaded \(files.count - failed) of \(files.count) file(s) into \(into): \(total.rowsRead) rows read, "
                + "\(total.inserted) inserted, \(total.revised) revised, \(total.superseded) superseded, "
                + "\(total.duplicates) duplicates dropped, \(total.stale) stale dropped, \(failed) file(s) rejected "
                + "(\(NumberText.fixed(seconds, digits: 2)) s)")
        if failed > 0 { throw ExitCode.failure }
    }
}
