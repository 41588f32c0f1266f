import BraidCore
import BraidStore
import Foundation
import Vapor

/// `GET /clients/{id}/level` and `POST /clients/{id}/level-decisions` (§6).
enum LevelController {
    static func level(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let view = try await req.levelOfCare(by: actor).view(of: client)
        try await req.auditRead("level.read", clients: [client.id])
        return try req.respond(json(view))
    }

    static func decide(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        guard actor.role.mayJoinCareTeam else {
            throw APIError(.forbidden, code: "forbidden", "only the care team decides a level", field: "decision")
        }
        let request = try LevelDecisionRequest(json: try await req.jsonBody())
        let (_, view) = try await req.levelOfCare(by: actor).decide(request, for: client)
        return try req.respond(json(view), status: .created)
    }

    static func instant(_ date: Date) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        return .string(formatter.string(from: date))
    }

    static func json(_ period: LevelPeriod) -> JSONValue {
        var object: [String: JSONValue] = [
            "level": .string(period.level.rawValue), "from": .string(period.from.description),
        ]
        if let decision = period.decision { object["decisionId"] = .string(decision.description) }
        return .object(object)
    }

    static func json(_ decision: LevelDecision) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(decision.id.description), "recommendation": decision.recommendation.json,
            "decision": .string(decision.kind.rawValue), "level": .string(decision.level.rawValue),
            "decidedAt": instant(decision.decidedAt), "effectiveOn": .string(decision.effectiveOn.description),
        ]
        if let reason = decision.reason { object["reason"] = .string(reason) }
        if let by = decision.decidedBy { object["decidedBy"] = .string(by.description) }
        return .object(object)
    }

    static func json(_ factors: LevelFactors) -> JSONValue {
        var object: [String: JSONValue] = ["recordedOn": .string(factors.recordedOn.description)]
        let answers: [(String, Bool?)] = [
            ("psychosis", factors.psychosis), ("severeAgitation", factors.severeAgitation),
            ("medicalInstability", factors.medicalInstability),
            ("withdrawalNeedsMedicalManagement", factors.withdrawalNeedsMedicalManagement),
        ]
        for (key, value) in answers { if let value { object[key] = .bool(value) } }
        if let environment = factors.recoveryEnvironment {
            object["recoveryEnvironment"] = .string(environment.rawValue)
        }
        return .object(object)
    }

    static func json(_ view: LevelOfCareView) -> JSONValue {
        var object: [String: JSONValue] = [
            "episodeStatus": .string(view.status.word), "inputs": view.evaluation.input.json,
            "history": .array(view.history.map(json)), "decisions": .array(view.decisions.map(json)),
            "safetyPlanReviewDue": .bool(view.safetyPlanReviewDue),
        ]
        if let current = view.evaluation.current { object["currentLevel"] = json(current) }
        if view.status.isInCare { object["recommendation"] = view.evaluation.recommendation.json }
        if let factors = view.factors { object["factors"] = json(factors) }
        return .object(object)
    }
}
