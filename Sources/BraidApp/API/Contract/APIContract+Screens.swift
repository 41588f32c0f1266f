import BraidCore
import Foundation

// MARK: - Urine drug screens (clinical-rules.md §3)

extension APIContract {
    static var screens: [String: JSONValue] {
        [
            "ScreenRequest": JSONSchema.object(
                [
                    "date": dated("The day the sample was collected (default today): not after today."),
                    "result": JSONSchema.enumeration(["positive", "negative"]),
                ], required: ["result"]),
            "Screen": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "clientId": JSONSchema.uuid, "date": JSONSchema.date,
                    "substance": JSONSchema.string(), "result": JSONSchema.enumeration(["positive", "negative"]),
                    "recordedAt": JSONSchema.instant,
                    "ledger": JSONSchema.list("LedgerLine"), "ledgerNote": JSONSchema.string(),
                ], required: ["id", "clientId", "date", "substance", "result", "recordedAt"]),
            "ScreenList": JSONSchema.object(["screens": JSONSchema.list("Screen")], required: ["screens"]),
        ]
    }
}
