import BraidCore
import BraidStore
import Foundation
import Vapor

/// `GET /clients/{id}/plan` and `POST /clients/{id}/plan-versions` (§7).
enum PlanController {
    static func plan(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let view = try await req.treatmentPlans(by: actor).view(of: client)
        try await req.auditRead("plan.read", clients: [client.id])
        return try req.respond(json(view))
    }

    static func sign(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        guard actor.role.mayJoinCareTeam else {
            throw APIError(.forbidden, code: "forbidden", "only the care team signs a plan", field: "problems")
        }
        let request = try PlanRequest(json: try await req.jsonBody())
        let view = try await req.treatmentPlans(by: actor).sign(request, for: client)
        return try req.respond(json(view), status: .created)
    }

    static func json(_ plan: SignedPlan, progress: [GoalTarget: GoalProgress]) -> JSONValue {
        .object([
            "version": .number(Double(plan.version)),
            "problems": .array(
                plan.problems.map { problem in
                    var object: [String: JSONValue] = [
                        "kind": .string(problem.kind.rawValue), "decision": .string(problem.decision.rawValue),
                        "statement": .string(problem.statement), "provisional": .bool(problem.provisional),
                        "interventions": .array(problem.interventions.map { .string($0.rawValue) }),
                    ]
                    if let code = problem.icd10 { object["icd10"] = .string(code) }
                    if let reason = problem.reason { object["reason"] = .string(reason) }
                    return .object(object)
                }),
            "goals": .array(
                plan.goals.map { goal in
                    var object: [String: JSONValue] = [
                        "target": .string(goal.target.rawValue), "due": .string(goal.due.description),
                        "owner": .string(goal.owner.description),
                    ]
                    if let status = progress[goal.target] { object["progress"] = .string(status.rawValue) }
                    return .object(object)
                }),
            "signedBy": .string(plan.signedBy.description), "signedAt": LevelController.instant(plan.signedAt),
            "signedOn": .string(plan.signedOn.description), "reviewDue": .string(plan.reviewDue.description),
        ])
    }

    static func json(_ view: TreatmentPlanView) -> JSONValue {
        var object: [String: JSONValue] = [
            "derivedProblems": .array(
                view.derived.map { problem in
                    var item: [String: JSONValue] = [
                        "kind": .string(problem.kind.rawValue), "provisional": .bool(problem.provisional),
                        "because": .string(problem.because),
                        "suggested": .array(problem.suggested.map { .string($0.rawValue) }),
                    ]
                    if let code = problem.icd10 { item["icd10"] = .string(code) }
                    if let code = problem.snomed { item["snomed"] = .string(code) }
                    return .object(item)
                }),
            // Only the current version's goals have computed progress.
            "versions": .array(
                view.versions.map { json($0, progress: $0.version == view.current?.version ? view.progress : [:]) }),
            "reviewDue": .bool(view.reviewDue),
            "modalities": .array(
                Modality.allCases.map {
                    .object([
                        "id": .string($0.rawValue), "name": .string($0.name), "group": .string($0.group.rawValue),
                        "evidence": .string($0.evidence), "adjunct": .bool($0.isAdjunct),
                    ])
                }),
        ]
        if let current = view.current { object["current"] = json(current, progress: view.progress) }
        return .object(object)
    }
}
