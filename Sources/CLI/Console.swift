import REPL

/// Where the command line writes: the shell's `Console` (standard output and standard error through `write(2)`),
/// so the command line and the REPL share one writer. Named here so that no file of the command line needs to
/// import REPL to print.
typealias Console = REPL.Console
