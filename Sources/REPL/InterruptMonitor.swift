@preconcurrency import CEdit
import Dispatch
import Glibc
import Synchronization

/// Turns Ctrl-C into the right action: while a statement runs it cancels the statement; while a line is being
/// edited it wakes the line editor, which clears the input. The process never exits on Ctrl-C.
///
/// The SIGINT handler (C, in the CEdit shim) only writes a byte to a pipe; a dispatch thread reads the pipe and
/// acts, so nothing but `write(2)` runs in the signal handler.
final class InterruptMonitor: Sendable {
    private enum Phase: Int { case idle, editing, running }

    private let phase = Atomic<Int>(Phase.idle.rawValue)
    private let cancelled = Atomic<Bool>(false)
    /// A Ctrl-C that came while no statement ran and no line was being read (or just as a line was entered).
    private let pending = Atomic<Bool>(false)
    private let cancellation: QueryCancellation
    /// The descriptor the line editor polls: readable after Ctrl-C while editing.
    let wakeDescriptor: Int32
    private let wakeWriter: Int32

    /// Installs the SIGINT handler and starts listening; nil when the pipes cannot be made.
    init?(cancellation: QueryCancellation) {
        var wake: [Int32] = [-1, -1]
        guard pipe(&wake) == 0 else { return nil }
        for fd in wake { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let signals = bmrs_install_interrupt_handler()
        guard signals >= 0 else { return nil }
        self.cancellation = cancellation
        wakeDescriptor = wake[0]
        wakeWriter = wake[1]
        DispatchQueue(label: "bmrs.interrupts").async { [self] in listen(on: signals) }
    }

    /// Whether Ctrl-C cancelled the statement that ran last.
    var wasCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// A statement starts running; false when Ctrl-C came since the line was entered (do not run it).
    func beginStatement() -> Bool {
        cancelled.store(false, ordering: .releasing)
        phase.store(Phase.running.rawValue, ordering: .releasing)
        if pending.exchange(false, ordering: .acquiringAndReleasing) {
            cancelled.store(true, ordering: .releasing)
            return false
        }
        return true
    }

    /// The line editor starts (or stops, with `false`) reading a line. Starting forgets earlier Ctrl-Cs.
    func setEditing(_ editing: Bool) {
        if editing {
            pending.store(false, ordering: .releasing)
            var drain = [UInt8](repeating: 0, count: 64)
            let flags = fcntl(wakeDescriptor, F_GETFL)
            _ = fcntl(wakeDescriptor, F_SETFL, flags | O_NONBLOCK)
            while read(wakeDescriptor, &drain, drain.count) > 0 {}
            _ = fcntl(wakeDescriptor, F_SETFL, flags)
        }
        phase.store((editing ? Phase.editing : Phase.idle).rawValue, ordering: .releasing)
    }

    /// The line editor reported the Ctrl-C: it is dealt with.
    func interruptHandled() {
        pending.store(false, ordering: .releasing)
    }

    /// The statement has finished.
    func endStatement() {
        phase.store(Phase.idle.rawValue, ordering: .releasing)
    }

    private func listen(on descriptor: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            switch Phase(rawValue: phase.load(ordering: .acquiring)) {
            case .running:
                cancelled.store(true, ordering: .releasing)
                // sqlite3_interrupt is a no-op until the statement has started: repeat until it stops.
                while phase.load(ordering: .acquiring) == Phase.running.rawValue {
                    cancellation.cancel()
                    usleep(5_000)
                }
            case .editing:
                pending.store(true, ordering: .releasing)
                var one: UInt8 = 1
                _ = write(wakeWriter, &one, 1)
            default:
                pending.store(true, ordering: .releasing)
            }
        }
    }
}
