import ArgumentParser
import Store

/// `bmrs backup`: a consistent copy of the store.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent, compacted copy of the store to a new file, while readers carry on.",
        discussion: """
            Example:
              bmrs backup /backups/bmrs-$(date +%F).sqlite
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The new file to write (must not exist).", valueName: "dest"))
    var destination: String

    func run() throws {
        try reportingErrors {
            let warehouse = try storeOptions.open(.read)
            try warehouse.backup(to: destination)
            print("backed up \(warehouse.path) to \(destination)")
        }
    }
}
