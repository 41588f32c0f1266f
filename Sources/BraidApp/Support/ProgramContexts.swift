import BraidCore
import BraidStore
import Foundation
import NIOConcurrencyHelpers

/// Programs' contexts, read from the database and kept for at most `lifetime` seconds, so the check-in hot path
/// learns its program's calendar without a query (and without an actor hop: a lock guards a dictionary read). A
/// change to a program's record is seen within `lifetime` (the settings page of issue 10 should drop the entry
/// when it saves).
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
}
