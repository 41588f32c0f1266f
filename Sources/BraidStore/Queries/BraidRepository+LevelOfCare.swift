import BraidCore
import FluentKit
import Foundation
import SQLKit

// Level of care (§6): the clinician's recorded factors and decisions, kept whole, and the data-version bump that
// makes cached derivations (the caseload's Level column) follow them.

extension BraidRepository {
    /// Marks a client's derived data stale (insights and level evaluations recompute on the next read).
    public func bumpDataVersion(of client: ClientRef) async throws {
        try await sql.update(ClientRecord.schema)
            .set(SQLIdentifier("data_version"), to: SQLRaw("data_version + 1"))
            .where("id", .equal, SQLBind(client.id.uuid)).where("program_id", .equal, SQLBind(client.programID.uuid))
            .run()
    }

    public func recordLevelFactors(_ factors: LevelFactors, for client: ClientRef) async throws {
        try await LevelFactorsRecord(factors, client: client).create(on: database)
        try await bumpDataVersion(of: client)
    }

    /// Every save of a client's factors, oldest first.
    public func levelFactors(of client: ClientRef) async throws -> [LevelFactors] {
        try await LevelFactorsRecord.query(on: database).filter(\.$clientID == client.id.uuid)
            .filter(\.$programID == client.programID.uuid).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }

    public func recordLevelDecision(_ decision: LevelDecision, in program: ProgramID) async throws {
        try await LevelDecisionRecord(decision, programID: program).create(on: database)
        try await bumpDataVersion(of: ClientRef(id: decision.clientID, programID: program))
    }

    /// Every decision on a client's level, oldest first.
    public func levelDecisions(of client: ClientRef) async throws -> [LevelDecision] {
        try await LevelDecisionRecord.query(on: database).filter(\.$clientID == client.id.uuid)
            .filter(\.$programID == client.programID.uuid).sort(\.$decidedAt).all().map { try $0.toDomain() }
    }

    /// What §6 needs about a client, read in five queries: episodes, decisions, factors, assessments, check-ins.
    public func levelEvidence(of client: ClientRef, through today: CalendarDate) async throws -> LevelEvidence {
        let checkIns = try await checkIns(of: client, through: today)
        return LevelEvidence(
            episodes: try await episodes(of: [client])[client.id] ?? [],
            decisions: try await levelDecisions(of: client),
            factors: try await levelFactors(of: client), assessments: try await assessments(of: client),
            use: Dictionary(checkIns.map { ($0.date, $0.values.used) }, uniquingKeysWith: { $1 }))
    }
}
