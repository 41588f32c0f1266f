import BraidCore
import Foundation

// MARK: - Check-ins (clinical-rules.md §3) and the crisis resources a safety answer returns

extension APIContract {
    static var checkIns: [String: JSONValue] {
        let scale = JSONSchema.integer(CheckInLimits.scale)
        let values: [String: JSONValue] = [
            "mood": scale, "craving": scale,
            "sleepHours": JSONSchema.number(CheckInLimits.sleepHours, multipleOf: 0.5),
            "used": JSONSchema.boolean, "enjoyment": scale, "energy": scale, "irritability": scale,
            "otherSubstances": JSONSchema.array(JSONSchema.enumeration(OtherSubstance.self)),
            "exerciseMinutes": JSONSchema.integer(0...CheckInSubmission.maximumExerciseMinutes),
            "medsTaken": JSONSchema.boolean, "regularMeals": JSONSchema.boolean, "safety": JSONSchema.boolean,
            "note": JSONSchema.string(maxLength: CheckInSubmission.maximumNoteLength),
        ]
        var request = values
        request["date"] = dated(
            "The day the check-in is for (default today), in the program's time zone: not after today, and for a "
                + "client at most \(EntryDatePolicy.clientBackfillDays) days back.")
        var stored = values
        stored.merge([
            "id": JSONSchema.uuid, "clientId": JSONSchema.uuid, "date": JSONSchema.date,
            "revision": JSONSchema.integer(atLeast: 1), "recordedAt": JSONSchema.instant,
            "superseded": JSONSchema.boolean, "safetyAlert": JSONSchema.ref("Alert"),
            "crisisResources": JSONSchema.ref("CrisisResources"),
        ]) { _, new in new }
        return [
            "CheckInRequest": JSONSchema.object(request, required: ["mood", "craving", "sleepHours", "used"]),
            "CheckIn": JSONSchema.object(
                stored,
                required: [
                    "id", "clientId", "date", "revision", "recordedAt", "superseded", "mood", "craving", "sleepHours",
                    "used",
                ]),
            "CheckInList": JSONSchema.object(["checkIns": JSONSchema.list("CheckIn")], required: ["checkIns"]),
            "CrisisResources": JSONSchema.object(
                [
                    "lifeline": JSONSchema.string(), "emergency": JSONSchema.string(),
                    "programLine": JSONSchema.string(), "message": JSONSchema.string(),
                ], required: ["lifeline", "emergency", "message"]),
        ]
    }

    /// A calendar date field with what the server also checks that a schema cannot (it moves with today).
    static func dated(_ description: String) -> JSONValue {
        .object(["type": .string("string"), "format": .string("date"), "description": .string(description)])
    }
}
