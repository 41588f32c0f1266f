import BraidCore
import Foundation

// MARK: - Safety alerts (clinical-rules.md §8)

extension APIContract {
    static var alerts: [String: JSONValue] {
        [
            "Alert": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "clientId": JSONSchema.uuid,
                    "source": JSONSchema.enumeration(SafetySource.self),
                    "severity": JSONSchema.enumeration(AlertSeverity.self), "emergency": JSONSchema.boolean,
                    "summary": JSONSchema.string(), "openedAt": JSONSchema.instant,
                    "acknowledgedAt": JSONSchema.instant, "acknowledgedBy": JSONSchema.uuid,
                    "acknowledgementNote": JSONSchema.string(),
                ], required: ["id", "clientId", "source", "severity", "emergency", "summary", "openedAt"]),
            "AlertList": JSONSchema.object(["alerts": JSONSchema.list("Alert")], required: ["alerts"]),
            "AcknowledgeRequest": JSONSchema.object(
                [
                    "note": .object([
                        "type": .string("string"), "minLength": .number(1),
                        "maxLength": .number(Double(SafetyRules.maximumNoteLength)),
                        "description": .string("What the care team did; white space alone is not a note."),
                    ])
                ], required: ["note"]),
        ]
    }
}
