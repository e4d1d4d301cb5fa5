import Glibc

extension BMRS {
    /// Runs `bmrs` with the process's arguments: the entry point of the executable.
    ///
    /// `bmrs --version` is answered before the argument parser is built: building it reflects over every
    /// command's properties, which costs more than everything else the version needs.
    public static func start() -> Never {
        let arguments = CommandLineArguments.normalized(Array(CommandLine.arguments.dropFirst()))
        if arguments == ["--version"] {
            Console.write(BuildInfo.versionText + "\n")
            Glibc.exit(0)
        }
        if arguments.first == "query", let query = QueryInvocation.parse(Array(arguments.dropFirst())) {
            // `bmrs query …`, the command analysts run most, read without the argument parser, whose reflection
            // over the twelve commands' options was a quarter of the CPU time of `bmrs query "SELECT 1"`. A command
            // line it does not take (help, an unknown option, …) goes the whole way below, so every message is the
            // one `bmrs query` always printed.
            do {
                try query.run()
            } catch {
                exit(withError: error)
            }
            Glibc.exit(0)
        }
        main(arguments)
        Glibc.exit(0)
    }
}
