import BraidCore
import BraidStore
import Foundation
import NIOConcurrencyHelpers

/// Programs' contexts, read from the database and kept for at most `lifetime` seconds, so the check-in hot path
/// learns its program's calendar without a query (and without an actor hop: a lock guards a dictionary read). A
/// change made in this process is seen at once (`forget`); one made by another process (the CLI) within
/// `lifetime`.
final class ProgramContexts: Sendable {
    static let lifetime: TimeInterval = 30

    private let cache = NIOLockedValueBox([ProgramID: (context: ProgramContext, loadedAt: Date)]())

    func context(_ id: ProgramID, store: BraidRepository, clinical: ClinicalConfiguration, now: Date)
        async throws -> ProgramContext
    {
        if let cached = cache.withLockedValue({ $0[id] }), now >= cached.loadedAt,
            now.timeIntervalSince(cached.loadedAt) < Self.lifetime
        {
            return cached.context
        }
        guard let program = try await store.program(id) else { throw StoreError.notFound("program") }
        let context = ProgramContext(program, clinical: clinical)
        cache.withLockedValue { $0[id] = (context, now) }
        return context
    }

    func forget(_ id: ProgramID) {
        _ = cache.withLockedValue { $0.removeValue(forKey: id) }
    }
}
