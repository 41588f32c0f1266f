import BraidCore
import Foundation

// MARK: - Treatment plans (§7)

extension APIContract {
    static var treatmentPlans: [String: JSONValue] {
        let modality = JSONSchema.enumeration(Modality.self)
        let text = JSONSchema.string(maxLength: PlanRequest.maximumTextLength)
        return [
            "Modality": JSONSchema.object(
                [
                    "id": modality, "name": JSONSchema.string(),
                    "group": JSONSchema.enumeration(["clinical", "body-based"]), "evidence": JSONSchema.string(),
                    "adjunct": JSONSchema.boolean,
                ], required: ["id", "name", "group", "evidence", "adjunct"]),
            "DerivedProblem": JSONSchema.object(
                [
                    "kind": JSONSchema.enumeration(ProblemKind.self), "icd10": JSONSchema.string(),
                    "snomed": JSONSchema.string(), "provisional": JSONSchema.boolean, "because": JSONSchema.string(),
                    "suggested": JSONSchema.array(modality),
                ], required: ["kind", "provisional", "because", "suggested"]),
            "PlanProblem": JSONSchema.object(
                [
                    "kind": JSONSchema.enumeration(ProblemKind.self),
                    "decision": JSONSchema.enumeration(ProblemDecision.self), "statement": JSONSchema.string(),
                    "icd10": JSONSchema.string(), "provisional": JSONSchema.boolean, "reason": JSONSchema.string(),
                    "interventions": JSONSchema.array(modality),
                ], required: ["kind", "decision", "statement", "provisional", "interventions"]),
            "PlanGoal": JSONSchema.object(
                [
                    "target": JSONSchema.enumeration(GoalTarget.self), "due": JSONSchema.date, "owner": JSONSchema.uuid,
                    "progress": JSONSchema.enumeration(["met", "on-track", "not-met", "no-data"]),
                ], required: ["target", "due", "owner"]),
            "SignedPlan": JSONSchema.object(
                [
                    "version": JSONSchema.integer(atLeast: 1), "problems": JSONSchema.list("PlanProblem"),
                    "goals": JSONSchema.list("PlanGoal"), "signedBy": JSONSchema.uuid,
                    "signedAt": JSONSchema.instant, "signedOn": JSONSchema.date, "reviewDue": JSONSchema.date,
                ],
                required: ["version", "problems", "goals", "signedBy", "signedAt", "signedOn", "reviewDue"]),
            "TreatmentPlan": JSONSchema.object(
                [
                    "derivedProblems": JSONSchema.list("DerivedProblem"), "current": JSONSchema.ref("SignedPlan"),
                    "versions": JSONSchema.list("SignedPlan"), "reviewDue": JSONSchema.boolean,
                    "modalities": JSONSchema.list("Modality"),
                ], required: ["derivedProblems", "versions", "reviewDue", "modalities"]),
            "PlanRequest": JSONSchema.object(
                [
                    "problems": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "kind": JSONSchema.enumeration(ProblemKind.self),
                                "decision": JSONSchema.enumeration(ProblemDecision.self), "statement": text,
                                "reason": text, "interventions": JSONSchema.array(modality),
                            ], required: ["kind", "decision"])),
                    "goals": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "target": JSONSchema.enumeration(GoalTarget.self), "due": JSONSchema.date,
                                "owner": JSONSchema.uuid,
                            ], required: ["target", "due", "owner"])),
                ], required: ["problems"]),
        ]
    }
}
