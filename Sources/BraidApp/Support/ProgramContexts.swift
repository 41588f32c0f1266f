import BraidCore
import BraidStore
import Foundation
import NIOConcurrencyHelpers

/// Programs' contexts (the program record with its chosen clinical thresholds applied to the server's defaults),
/// read from the database and kept for at most `lifetime` seconds, so the check-in hot path learns its program's
/// calendar without a query (and without an actor hop: a lock guards a dictionary read). The settings page drops
/// the entry when it saves, so this process follows at once; another process (the CLI) within `lifetime`.
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
        let thresholds = try await store.thresholds(of: id)
        let context = ProgramContext(program, clinical: ClinicalThreshold.configuration(thresholds, base: clinical))
        cache.withLockedValue { $0[id] = (context, now) }
        return context
    }

    /// Drops a program's entry after its settings change.
    func forget(_ id: ProgramID) {
        cache.withLockedValue { $0[id] = nil }
    }
}
