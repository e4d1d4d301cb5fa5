extension Shell {
    func chartCommand(_ arguments: [String]) throws {
        throw ShellError(".chart is not built yet")
    }
}
