import BraidCore
import Foundation

// MARK: - Level of care (§6)

extension APIContract {
    static var levelOfCare: [String: JSONValue] {
        let level = JSONSchema.enumeration(LevelOfCare.self)
        let yesNo = JSONSchema.boolean
        return [
            "LevelRecommendation": JSONSchema.object(
                [
                    "level": level, "rules": JSONSchema.array(JSONSchema.enumeration(LevelRule.self)),
                    "stepDirection": JSONSchema.nullable(JSONSchema.enumeration(["up", "down", "stay"])),
                ], required: ["level", "rules", "stepDirection"]),
            "LevelInputs": JSONSchema.object(
                [
                    "currentLevel": JSONSchema.nullable(JSONSchema.enumeration(["outpatient", "iop", "php"])),
                    "daysAtCurrentLevel": JSONSchema.integer(atLeast: 0),
                    "suicideScreen": JSONSchema.enumeration(LevelInput.SuicideScreen.self),
                    "asq": JSONSchema.enumeration(LevelInput.ScreenResult.self), "psychosis": yesNo,
                    "severeAgitation": yesNo, "medicalInstability": yesNo, "withdrawalNeedsMedicalManagement": yesNo,
                    "recoveryEnvironment": JSONSchema.enumeration(LevelInput.RecoveryEnvironment.self),
                    "phq9": JSONSchema.integer(0...27), "phq9Functional": JSONSchema.integer(0...3),
                    "phq9Baseline": JSONSchema.integer(0...27), "phq9AtLevelStart": JSONSchema.integer(0...27),
                    "useDaysLast30": JSONSchema.integer(0...30), "useDaysAtLevelStart": JSONSchema.integer(0...30),
                    "daysSinceLastUse": JSONSchema.nullable(JSONSchema.integer(atLeast: 0)),
                    "stimulantCriteria": JSONSchema.integer(0...11),
                    "daysSincePhpRuleHeld": JSONSchema.integer(atLeast: 0),
                ]),
            "LevelPeriod": JSONSchema.object(
                ["level": level, "from": JSONSchema.date, "decisionId": JSONSchema.uuid], required: ["level", "from"]),
            "LevelDecision": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "recommendation": JSONSchema.ref("LevelRecommendation"),
                    "decision": JSONSchema.enumeration(LevelDecision.Kind.self), "level": level,
                    "reason": JSONSchema.string(maxLength: LevelDecision.maximumReasonLength),
                    "decidedBy": JSONSchema.uuid, "decidedAt": JSONSchema.instant, "effectiveOn": JSONSchema.date,
                ], required: ["id", "recommendation", "decision", "level", "decidedAt", "effectiveOn"]),
            "LevelFactors": JSONSchema.object(
                [
                    "psychosis": yesNo, "severeAgitation": yesNo, "medicalInstability": yesNo,
                    "withdrawalNeedsMedicalManagement": yesNo,
                    "recoveryEnvironment": JSONSchema.enumeration(LevelInput.RecoveryEnvironment.self),
                    "recordedOn": JSONSchema.date,
                ], required: ["recordedOn"]),
            "LevelOfCare": JSONSchema.object(
                [
                    "episodeStatus": JSONSchema.enumeration(["active", "discharged", "not-admitted"]),
                    "currentLevel": JSONSchema.ref("LevelPeriod"),
                    "recommendation": JSONSchema.ref("LevelRecommendation"),
                    "inputs": JSONSchema.ref("LevelInputs"), "history": JSONSchema.list("LevelPeriod"),
                    "decisions": JSONSchema.list("LevelDecision"), "factors": JSONSchema.ref("LevelFactors"),
                    "safetyPlanReviewDue": JSONSchema.boolean,
                ], required: ["episodeStatus", "inputs", "history", "decisions", "safetyPlanReviewDue"]),
            "LevelDecisionRequest": JSONSchema.object(
                [
                    "decision": JSONSchema.enumeration(["accept", "override"]),
                    "level": level, "reason": JSONSchema.string(maxLength: LevelDecision.maximumReasonLength),
                    "recommendedLevel": level,
                ], required: ["decision"]),
        ]
    }
}
