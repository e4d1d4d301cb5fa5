/// What pruning the response archive removed.
public struct ArchivePruneSummary: Sendable, Equatable {
    /// Response records deleted.
    public var responses = 0
    /// Distinct bodies no response refers to any more, deleted.
    public var bodies = 0

    /// A summary with these counts.
    public init(responses: Int = 0, bodies: Int = 0) {
        self.responses = responses
        self.bodies = bodies
    }
}
