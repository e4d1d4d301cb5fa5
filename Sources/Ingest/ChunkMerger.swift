import Rows
import Store

/// Writes fetched chunks into the store on the run's thread: archives their responses, merges good chunks
/// with their chunk record in one transaction, and records the state of every window.
struct ChunkMerger {
    let options: IngestOptions
    let warehouse: Warehouse
    let schema: TableSchema
    let run: Int64

    /// Archives every response received for `window` (good and bad), in one transaction.
    func archive(_ responses: [ArchivedResponse], window: ChunkWindow) throws {
        guard !responses.isEmpty else { return }
        try warehouse.write(source: "\(options.dataset.name) \(window)") { transaction in
            for response in responses {
                try transaction.archive(response, dataset: options.dataset.name, window: window, run: run)
            }
        }
    }

    /// The state a window fetched with `rows` rows is recorded in.
    ///
    /// A window reaching into the restatement window is not final yet (today is still being published, recent
    /// days may be restated): `recent`, fetched again by later runs. An older window that returned no rows is
    /// a gap, not an answer: `empty`, fetched again too. Anything else is `done`.
    func state(of window: ChunkWindow, rows: Int) -> ChunkState {
        let today = IngestRunner.settlementDay(atMicros: warehouse.now())
        if window.end >= today - Int64(warehouse.restatementWindowDays) { return .recent }
        return rows == 0 ? .empty : .done
    }

    /// Merges a good chunk with its chunk record in one transaction, or records an empty or failed one.
    func apply(
        _ outcome: Result<RowBatch, IngestFailure>, window: ChunkWindow, attempts: Int, summary: inout IngestSummary
    ) throws {
        switch outcome {
        case .success(let batch):
            let state = state(of: window, rows: batch.count)
            if state == .empty {
                // Nothing is merged: with --overwrite an empty answer would otherwise delete the stored days.
                try record(window, state: .empty, attempts: attempts, error: nil, rows: 0)
                summary.empty.append(window)
                return
            }
            let rows = try warehouse.write(source: "\(options.dataset.name) \(window)") { transaction in
                let rows = try transaction.merge(
                    batch, into: schema, run: run, replacingDays: options.overwrite ? window.days : nil)
                try transaction.recordChunk(
                    dataset: options.dataset.name, window: window, state: state, attempts: attempts, error: nil,
                    rows: batch.count, run: run)
                return rows
            }
            summary.rows.add(rows)
            summary.chunksDone += 1
        case .failure(let failure):
            summary.failures.append((window, failure.message))
            try record(window, state: .failed, attempts: attempts, error: failure.message, rows: nil)
        }
    }

    private func record(_ window: ChunkWindow, state: ChunkState, attempts: Int, error: String?, rows: Int?) throws {
        try warehouse.write { transaction in
            try transaction.recordChunk(
                dataset: options.dataset.name, window: window, state: state, attempts: attempts, error: error,
                rows: rows, run: run)
        }
    }
}
