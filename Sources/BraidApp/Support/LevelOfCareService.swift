import BraidCore
import BraidStore
import Foundation
import Vapor

/// A client's level of care as the chart and the API show it: the evaluation (re-computed from stored data on
/// every read, so new data moves it at once), the level history of the episode, every decision, the latest
/// factors the clinician recorded, and whether a level change still waits for its safety-plan review (§8).
struct LevelOfCareView: Sendable {
    let status: EpisodeStatus
    let evaluation: LevelEvaluation
    let history: [LevelPeriod]
    /// Newest first.
    let decisions: [LevelDecision]
    let factors: LevelFactors?
    let safetyPlanReviewDue: Bool
}

/// The level-of-care service: read the evaluation, decide on it, record the factors. Callers have checked that
/// the actor is on the client's care team.
struct LevelOfCareService: Sendable {
    let store: BraidRepository
    let actor: Actor
    let today: CalendarDate
    let now: Date
    let requestID: String

    func view(of client: ClientProfile) async throws -> LevelOfCareView {
        let evidence = try await store.levelEvidence(of: client.ref, through: today)
        let evaluation = evidence.evaluate(today: today)
        let status = EpisodeStatus(episodes: evidence.episodes)
        let history = (evaluation.episode ?? evidence.episodes.last).map(evidence.history(of:)) ?? []
        // A level change (a decision whose level differs from the one before it) asks for a safety-plan review
        // until the plan is saved again.
        let lastChange = history.last.flatMap { period in
            evidence.decisions.first { $0.id == period.decision }?.decidedAt
        }
        var reviewDue = false
        if let lastChange {
            let plan = try await store.safetyPlan(of: client.ref)
            reviewDue = plan.map { $0.savedAt < lastChange } ?? true
        }
        return LevelOfCareView(
            status: status, evaluation: evaluation, history: history, decisions: evidence.decisions.reversed(),
            factors: evidence.factors.last, safetyPlanReviewDue: reviewDue)
    }

    /// Accepts the current recommendation or overrides it with a reason, within the open episode. Refused (409)
    /// when the recommendation moved since the clinician read it.
    func decide(_ request: LevelDecisionRequest, for client: ClientProfile) async throws -> (
        LevelDecision, LevelOfCareView
    ) {
        let evidence = try await store.levelEvidence(of: client.ref, through: today)
        guard let episode = evidence.episode(on: today), episode.isActive else {
            throw ValidationError(
                field: "decision",
                "the client has no open episode of care: admit them first (the chart's admission form)")
        }
        let evaluation = evidence.evaluate(today: today)
        if let seen = request.recommendedLevel, seen != evaluation.recommendation.level {
            throw APIError(
                .conflict, code: "recommendation-changed",
                "the recommendation is now \(evaluation.recommendation.level.rawValue), not \(seen.rawValue): "
                    + "new data arrived; review it again", field: "recommendedLevel")
        }
        let (level, reason) = try LevelDecision.check(
            kind: request.kind, level: request.level, reason: request.reason,
            recommendation: evaluation.recommendation)
        let decision = LevelDecision(
            id: .random(), clientID: client.id, episodeID: episode.id, recommendation: evaluation.recommendation,
            inputs: evaluation.input, kind: request.kind, level: level, reason: reason, decidedBy: actor.userID,
            decidedAt: now, effectiveOn: today)
        let audit = AuditEvent(
            programID: client.programID, actorID: actor.userID, role: actor.role, action: "level.decision",
            clientID: client.id, requestID: requestID, at: now)
        let program = client.programID
        try await store.transaction { store in
            try await store.recordLevelDecision(decision, in: program)
            try await store.appendAudit(audit)
        }
        return (decision, try await view(of: client))
    }

    /// Records the factors the rules cannot derive (kept with today's date; earlier saves stay).
    func recordFactors(_ json: JSONValue, for client: ClientProfile) async throws -> LevelFactors {
        let factors = try LevelFactors(json: json, recordedOn: today, recordedAt: now, recordedBy: actor.userID)
        let audit = AuditEvent(
            programID: client.programID, actorID: actor.userID, role: actor.role, action: "level.factors",
            clientID: client.id, requestID: requestID, at: now)
        let ref = client.ref
        try await store.transaction { store in
            try await store.recordLevelFactors(factors, for: ref)
            try await store.appendAudit(audit)
        }
        return factors
    }
}

extension Request {
    /// The level-of-care service for `actor` in its program, today in the program's zone.
    func levelOfCare(by actor: Actor) async throws -> LevelOfCareService {
        LevelOfCareService(
            store: repository, actor: actor, today: try await program(of: actor).today(now: now), now: now,
            requestID: requestID)
    }
}
