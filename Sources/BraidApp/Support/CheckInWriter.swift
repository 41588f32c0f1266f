import BraidCore
import BraidStore
import Foundation

/// Group commit for check-ins: requests that arrive while a transaction is committing are stored together in
/// the next one. Each request is still answered only after its own batch commits. With no load a batch is a
/// single check-in, so latency does not grow; under load SQLite's one writer stores many check-ins per
/// transaction instead of paying six round trips each (measured in bench/run-api.sh).
actor CheckInWriter {
    private struct Pending {
        let write: ClinicalWrite
        let continuation: CheckedContinuation<CommittedWrite, any Error>
    }

    private var queue: [Pending] = []
    private var draining = false

    /// Commits a check-in write (through `BraidRepository.commit`, like every clinical write) in the next batch.
    func record(_ write: ClinicalWrite, repository: BraidRepository) async throws -> CommittedWrite {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Pending(write: write, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain(repository) }
            }
        }
    }

    private func drain(_ repository: BraidRepository) async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(BraidRepository.maximumCheckInBatch))
            queue.removeFirst(batch.count)
            do {
                let results = try await repository.commit(batch.map(\.write))
                for (pending, result) in zip(batch, results) { pending.continuation.resume(returning: result) }
            } catch {
                // One bad write must not fail its neighbours: store them one by one to isolate it.
                for pending in batch {
                    do {
                        pending.continuation.resume(returning: try await repository.commit(pending.write))
                    } catch {
                        pending.continuation.resume(throwing: error)
                    }
                }
            }
        }
        draining = false
    }
}
