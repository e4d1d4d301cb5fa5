import ArgumentParser
import Store

/// `bmrs backup`: a consistent copy of the store.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent, compacted copy of the store to a new file, while readers carry on.",
        discussion: """
            The destination is a new file, or an existing directory: the copy is then written into it under the
            store's own file name (bmrs.sqlite for the default store). An existing file is never overwritten.

            Examples:
              bmrs backup /backups/bmrs-$(date +%F).sqlite
              bmrs backup /backups/
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The new file to write, or a directory to write it into.", valueName: "dest"))
    var destination: String

    func validate() throws {
        if destination.isEmpty { throw ValidationError("the backup needs a file or directory name, not ''") }
    }

    func run() throws {
        try reportingErrors {
            let warehouse = try storeOptions.open(.read)
            let written = try warehouse.backup(to: destination)
            print("backed up \(warehouse.path) to \(written)")
        }
    }
}
