import Glibc

extension BMRS {
    /// Runs `bmrs` with the process's arguments: the entry point of the executable.
    ///
    /// `bmrs --version` is answered before the argument parser is built: building it reflects over every
    /// command's properties, which costs more than everything else the version needs.
    public static func start() -> Never {
        let arguments = CommandLineArguments.normalized(Array(CommandLine.arguments.dropFirst()))
        if arguments == ["--version"] {
            print(BuildInfo.versionText)
            Glibc.exit(0)
        }
        main(arguments)
        Glibc.exit(0)
    }
}
