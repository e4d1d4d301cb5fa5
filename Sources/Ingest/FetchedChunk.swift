import Rows
import Store

/// A chunk's outcome, handed from a fetch worker to the merger.
struct FetchedChunk: Sendable {
    let index: Int
    let window: ChunkWindow
    /// Every HTTP response received for the chunk, failures included, for the archive.
    var responses: [ArchivedResponse] = []
    var attempts = 0
    var retries = 0
    var bytes = 0
    var outcome: Result<RowBatch, IngestFailure> = .failure(IngestFailure("not fetched"))
}

/// Why a chunk failed, in one line.
struct IngestFailure: Error, Sendable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
