import BraidCore
import BraidStore
import Foundation

/// Programs' contexts, read from the database and kept for at most `lifetime` seconds, so the check-in hot path
/// asks for its program's calendar without a query. A change made in this process is seen at once (`forget`);
/// one made by another process (the CLI) within `lifetime`.
actor ProgramContexts {
    static let lifetime: TimeInterval = 30

    private var cache: [ProgramID: (context: ProgramContext, loadedAt: Date)] = [:]

    func context(_ id: ProgramID, store: BraidRepository, clinical: ClinicalConfiguration, now: Date)
        async throws -> ProgramContext
    {
        if let cached = cache[id], now.timeIntervalSince(cached.loadedAt) < Self.lifetime, now >= cached.loadedAt {
            return cached.context
        }
        guard let program = try await store.program(id) else { throw StoreError.notFound("program") }
        let context = ProgramContext(program, clinical: clinical)
        cache[id] = (context, now)
        return context
    }

    func forget(_ id: ProgramID) {
        cache[id] = nil
    }
}
