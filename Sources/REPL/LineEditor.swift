@preconcurrency import CEdit
import Glibc

/// Reads lines from the terminal with libedit: emacs keys, history saved to a file (mode 0600), Ctrl-R search,
/// Tab completion, and Ctrl-C clearing the line (it returns `.interrupted`).
///
/// One editor per process, used from one thread: libedit calls back into plain C functions, which find the
/// editor through `active`.
final class LineEditor {
    /// What reading a line gave.
    enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfInput
    }

    /// What completion offers for the word before the cursor.
    struct Completion {
        /// The word being completed (replaced by the choice).
        var word: String
        /// The choices, each a full replacement for `word`.
        var candidates: [String]
    }

    nonisolated(unsafe) private static var active: LineEditor?

    private let api: UnsafePointer<bmrs_edit_api>
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private let wakeDescriptor: Int32
    private let completer: (String) -> Completion
    private var prompt: UnsafeMutablePointer<CChar>
    private var context = ""
    private var interrupted = false

    /// An editor on the process's terminal; `wakeDescriptor` becomes readable on Ctrl-C; `completer` gets the
    /// statement typed so far up to the cursor.
    init(historyPath: String?, wakeDescriptor: Int32, completer: @escaping (String) -> Completion) throws(ShellError) {
        let library = EditLibrary.shared
        guard let api = library.api else { throw ShellError(library.failure) }
        guard let editLine = bmrs_el_init(api, "bmrs") else {
            throw ShellError("cannot start line editing on this terminal")
        }
        guard let history = api.pointee.history_init?() else {
            api.pointee.el_end?(editLine)
            throw ShellError("cannot start line editing on this terminal (no history)")
        }
        self.api = api
        self.editLine = editLine
        self.history = history
        self.historyPath = historyPath
        self.wakeDescriptor = wakeDescriptor
        self.completer = completer
        prompt = strdup("bmrs> ")
        Self.active = self
        bmrs_history_setsize(api, history, 2000)
        bmrs_history_setunique(api, history, 1)
        if let historyPath { bmrs_history_load(api, history, historyPath) }
        bmrs_el_set_editor(api, editLine, "emacs")
        bmrs_el_set_signal(api, editLine, 0)
        bmrs_el_set_history(api, editLine, history)
        bmrs_el_set_prompt(api, editLine) { _ in LineEditor.active?.prompt }
        bmrs_el_set_getcfn(api, editLine) { _, character in
            guard let editor = LineEditor.active, let character else { return -1 }
            return editor.nextCharacter(character)
        }
        bmrs_el_addfn(api, editLine, "bmrs-complete", "Complete the word before the cursor") { el, _ in
            guard let editor = LineEditor.active, let el else { return UInt8(CC_ERROR) }
            return editor.complete(el)
        }
        bmrs_el_bind(api, editLine, "^I", "bmrs-complete")
        // GNU readline's reverse incremental search.
        bmrs_el_bind(api, editLine, "^R", "em-inc-search-prev")
    }

    deinit {
        api.pointee.el_end?(editLine)
        api.pointee.history_end?(history)
        free(prompt)
        if Self.active === self { Self.active = nil }
    }

    /// Reads one line after showing `promptText`; `context` is the unfinished statement above it (for
    /// completion).
    func read(prompt promptText: String, context: String) -> Input {
        free(prompt)
        prompt = strdup(promptText)
        self.context = context
        interrupted = false
        api.pointee.el_resize?(editLine)
        var count: Int32 = 0
        let line = api.pointee.el_gets?(editLine, &count)
        if interrupted {
            Console.write("^C\n")
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return .line(text)
    }

    /// Adds an entry to the history and saves the history file (created with mode 0600).
    func remember(_ entry: String) {
        guard !entry.isEmpty else { return }
        bmrs_history_enter(api, history, entry)
        guard let historyPath else { return }
        let fd = open(historyPath, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
        bmrs_history_save(api, history, historyPath)
        chmod(historyPath, 0o600)
    }

    /// libedit's character source: the next character from the terminal, or a newline after Ctrl-C (and
    /// `interrupted` set). 1: a character, 0: end of input, -1: error.
    private func nextCharacter(_ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
            fds.append(pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0))
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                _ = Glibc.read(wakeDescriptor, &drain, drain.count)
                interrupted = true
                out.pointee = 10
                return 1
            }
            guard fds[0].revents != 0 else { continue }
            var first: UInt8 = 0
            let count = Glibc.read(0, &first, 1)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return 0 }
            if first == 3 {
                interrupted = true
                out.pointee = 10
                return 1
            }
            out.pointee = wchar_t(decodeUTF8(startingWith: first))
            return 1
        }
    }

    private func decodeUTF8(startingWith first: UInt8) -> UInt32 {
        let length = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
        guard length > 1 else { return UInt32(first) }
        var bytes = [first]
        while bytes.count < length {
            var next: UInt8 = 0
            let count = Glibc.read(0, &next, 1)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(next)
        }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.first?.value ?? 0xFFFD
    }

    private func complete(_ el: OpaquePointer) -> UInt8 {
        guard let info = api.pointee.el_line?(el)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = info.buffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        let completion = completer(context + before)
        guard let first = completion.candidates.first else { return UInt8(CC_ERROR) }
        let common = completion.candidates.dropFirst().reduce(first) { commonPrefix($0, $1) }
        if common.count > completion.word.count || completion.candidates.count == 1 {
            api.pointee.el_deletestr?(el, Int32(completion.word.count))
            _ = api.pointee.el_insertstr?(el, common)
            return UInt8(CC_REFRESH)
        }
        Console.write("\n" + Self.columns(completion.candidates, width: Int(bmrs_terminal_width(1))) + "\n")
        return UInt8(CC_REDISPLAY)
    }

    private func commonPrefix(_ a: String, _ b: String) -> String {
        var result = ""
        for (x, y) in zip(a, b) {
            guard x.lowercased() == y.lowercased() else { break }
            result.append(x)
        }
        return result
    }

    /// Candidates laid out in columns across `width`.
    static func columns(_ items: [String], width: Int) -> String {
        let cell = (items.map(\.count).max() ?? 0) + 2
        let perLine = max(1, (width > 0 ? width : 80) / cell)
        var lines: [String] = []
        var index = 0
        while index < items.count {
            let row = items[index..<min(items.count, index + perLine)]
            lines.append(row.map { $0 + String(repeating: " ", count: cell - $0.count) }.joined())
            index += perLine
        }
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }
}
