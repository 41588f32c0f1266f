import BraidCore
import Foundation

// MARK: - Medications and prescriber notes (issue 12)

extension APIContract {
    static var medications: [String: JSONValue] {
        func text(_ key: String, required: Bool) -> JSONValue {
            JSONSchema.string(minLength: required ? 1 : 0, maxLength: MedicationEntry.limits[key])
        }
        let adherence = JSONSchema.object(
            [
                "days": JSONSchema.integer(atLeast: 1), "taken": JSONSchema.integer(atLeast: 0),
                "answered": JSONSchema.integer(atLeast: 0), "rate": JSONSchema.number(0...1),
            ], required: ["days", "taken", "answered"])
        return [
            "MedicationRequest": JSONSchema.object(
                [
                    "name": text("name", required: true), "dose": text("dose", required: true),
                    "route": JSONSchema.enumeration(MedicationRoute.self),
                    "frequency": text("frequency", required: true), "prescriber": text("prescriber", required: true),
                    "startDate": dated("The first day it was taken: not after today."),
                    "stopDate": dated("The last day (optional): not before the start."),
                    "reason": text("reason", required: false), "notes": text("notes", required: false),
                ], required: ["name", "dose", "route", "frequency", "prescriber", "startDate"]),
            "Medication": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "name": JSONSchema.string(), "dose": JSONSchema.string(),
                    "route": JSONSchema.enumeration(MedicationRoute.self), "frequency": JSONSchema.string(),
                    "prescriber": JSONSchema.string(), "startDate": JSONSchema.date, "stopDate": JSONSchema.date,
                    "reason": JSONSchema.string(), "notes": JSONSchema.string(), "updatedAt": JSONSchema.instant,
                ], required: ["id", "name", "dose", "route", "frequency", "prescriber", "startDate", "updatedAt"]),
            "PrescriberNoteRequest": JSONSchema.object(
                ["text": JSONSchema.string(minLength: 1, maxLength: PrescriberNote.maximumLength)],
                required: ["text"]),
            "PrescriberNote": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "text": JSONSchema.string(), "writtenBy": JSONSchema.uuid,
                    "writtenByName": JSONSchema.string(), "writtenAt": JSONSchema.instant,
                ], required: ["id", "text", "writtenBy", "writtenAt"]),
            "MedicationList": JSONSchema.object(
                [
                    "medications": JSONSchema.list("Medication"),
                    "adherence": JSONSchema.object(
                        ["last7Days": adherence, "last30Days": adherence], required: ["last7Days", "last30Days"]),
                    "facts": JSONSchema.object(
                        ["noApprovedMedication": JSONSchema.string(), "antidepressants": JSONSchema.string()],
                        required: ["noApprovedMedication", "antidepressants"]),
                    "prescriberNotes": JSONSchema.list("PrescriberNote"),
                ], required: ["medications", "adherence", "facts"]),
        ]
    }
}
