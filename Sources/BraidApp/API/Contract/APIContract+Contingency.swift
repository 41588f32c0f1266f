import BraidCore
import Foundation

// MARK: - Contingency management (§10)

extension APIContract {
    static var contingency: [String: JSONValue] {
        let money = JSONSchema.number(0...1_000_000)
        let count = JSONSchema.integer(atLeast: 0)
        return [
            "EnrollmentRequest": JSONSchema.object(
                ["startDate": dated("The first day of the ledger (default today): within the last 30 days.")]),
            "EnrollmentEndRequest": JSONSchema.object(
                ["endDate": dated("The last day of the ledger (default today): not before its last result.")]),
            "PayoutRequest": JSONSchema.object(
                [
                    "amount": JSONSchema.number(0.01...100_000, multipleOf: 0.01),
                    "date": dated("The day it was handed over (default today)."),
                    "note": JSONSchema.string(maxLength: ContingencyLedgerRules.maximumPayoutNoteLength),
                ], required: ["amount"]),
            "LedgerLine": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "date": JSONSchema.date,
                    "result": JSONSchema.enumeration(ContingencyManagement.Result.self), "screenId": JSONSchema.uuid,
                    "streak": count, "earned": money, "capReached": JSONSchema.boolean,
                    "draws": JSONSchema.array(
                        JSONSchema.object(
                            ["index": count, "slip": JSONSchema.enumeration(PrizeSlip.self), "credited": money],
                            required: ["index", "slip", "credited"])),
                ], required: ["id", "date", "result", "streak", "earned", "capReached", "draws"]),
            "Contingency": JSONSchema.object(
                [
                    "enrolled": JSONSchema.boolean,
                    "enrollment": JSONSchema.object(
                        [
                            "id": JSONSchema.uuid, "startedOn": JSONSchema.date, "endedOn": JSONSchema.date,
                            "schedule": JSONSchema.enumeration(ContingencyManagement.Schedule.self),
                            "screeningDays": JSONSchema.array(JSONSchema.enumeration(ContingencyProgram.weekdayNames)),
                            "start": money, "step": money, "bonus": money, "bonusEvery": count, "maxDraws": count,
                            "cap": money,
                        ],
                        required: [
                            "id", "startedOn", "schedule", "screeningDays", "start", "step", "bonus", "bonusEvery",
                            "maxDraws", "cap",
                        ]),
                    "summary": JSONSchema.object(
                        [
                            "streak": count, "earned": money, "yearEarned": money, "cap": money,
                            "capReached": JSONSchema.boolean, "paid": money,
                            "balance": JSONSchema.number(), "totalDraws": count, "nextScreen": JSONSchema.date,
                            "prizesWon": JSONSchema.object(
                                Dictionary(uniqueKeysWithValues: PrizeSlip.allCases.map { ($0.rawValue, count) }),
                                required: PrizeSlip.allCases.map(\.rawValue)),
                        ],
                        required: [
                            "streak", "earned", "yearEarned", "cap", "capReached", "paid", "balance", "totalDraws",
                            "prizesWon",
                        ]),
                    "ledger": JSONSchema.list("LedgerLine"),
                    "payouts": JSONSchema.array(
                        JSONSchema.object(
                            [
                                "id": JSONSchema.uuid, "paidOn": JSONSchema.date, "amount": money,
                                "paidBy": JSONSchema.uuid, "note": JSONSchema.string(),
                            ], required: ["id", "paidOn", "amount", "paidBy"])),
                ], required: ["enrolled"]),
        ]
    }
}
