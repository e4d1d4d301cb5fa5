@preconcurrency import CEdit

/// libedit, opened with `dlopen` when the interactive shell first needs it (see `Sources/CEdit/include/shim.h`):
/// the commands that never edit a line do not pay for loading libedit and the libraries it depends on.
///
/// Loaded once per process, thread-safe (a lazy global).
final class EditLibrary: @unchecked Sendable {
    // Safe: `api` is written once, before `shared` is published, and only read after.
    /// The shared library's file name (the soname Debian's libedit2 installs).
    static let fileName = "libedit.so.2"

    /// The loaded library, or why it could not be loaded.
    static let shared = EditLibrary(fileName: fileName)

    /// The function table, nil when loading failed.
    let api: UnsafePointer<bmrs_edit_api>?
    /// Why loading failed ("" when it did not).
    let failure: String

    /// Loads `fileName`.
    init(fileName: String) {
        let table = UnsafeMutablePointer<bmrs_edit_api>.allocate(capacity: 1)
        table.initialize(to: bmrs_edit_api())
        if let error = bmrs_edit_load(fileName, table) {
            table.deallocate()
            api = nil
            failure = "cannot load \(fileName) (install libedit2): \(String(cString: error))"
        } else {
            api = UnsafePointer(table)
            failure = ""
        }
    }
}
