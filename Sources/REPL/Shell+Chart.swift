extension Shell {
    /// `.chart line|bar X Y [BY SERIES] [--svg FILE]`: draws the last result, or writes it as an SVG file.
    func chartCommand(_ arguments: [String]) throws {
        let request = try ChartRequest(words: arguments)
        guard let result = lastResult else { throw ShellError("no result to chart yet: run a query first") }
        try drawChart(request, of: result)
    }

    /// Runs `sql` and charts its result as `spec` says (`bmrs query --chart "line X Y"`); returns the exit status.
    public func runChart(sql: String, spec: String) -> Int32 {
        do {
            let request = try ChartRequest(words: DotCommand.words(spec))
            var capture: CapturedResult?
            _ = try runner.run(sql: sql, parameters: parameters) { columns in
                capture = CapturedResult(columns: columns)
            } row: { values in
                capture?.add(values)
            }
            guard let capture else { throw ShellError("the query returned no result to chart") }
            try drawChart(request, of: capture)
            return 0
        } catch {
            Console.writeError("bmrs: error: \(describe(error))\n")
            return 1
        }
    }

    private func drawChart(_ request: ChartRequest, of result: CapturedResult) throws {
        let data = try ChartData(result: result, request: request)
        if let path = request.svgPath {
            let file = try OutputSink.file(path)
            file.write(SVGChart(data: data, kind: request.kind).render())
            file.flush()
            if file.isBroken { throw ShellError("cannot write \(path)") }
            return
        }
        let sink = once ?? output
        once = nil
        let chart = TerminalChart(
            data: data, kind: request.kind, width: sink.width ?? 80, rows: 16, colour: sink.usesColour)
        sink.write(try chart.render())
        sink.flush()
    }
}
