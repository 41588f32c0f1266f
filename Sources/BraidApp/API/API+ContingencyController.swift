import BraidCore
import BraidStore
import Foundation
import Vapor

/// Contingency management (§10): `GET /clients/{id}/contingency`, enrollment, its end, payouts, and the client's
/// own `GET /me/contingency`. A screen's earning is written by `POST /clients/{id}/screens`, in its transaction.
enum ContingencyController {
    static func show(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let view = try await req.contingency(by: actor).view(of: client.ref)
        try await req.auditRead("cm.read", clients: [client.id])
        return try req.respond(json(view))
    }

    static func mine(_ req: Request) async throws -> Response {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound("contingency management") }
        let ref = ClientRef(id: clientID, programID: actor.programID)
        let view = try await req.contingency(by: actor).view(of: ref)
        try await req.auditRead("cm.read", clients: [clientID])
        return try req.respond(json(view))
    }

    static func enroll(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["startDate"])
        let view = try await req.contingency(by: actor).enroll(client.ref, startingOn: try reader.date("startDate"))
        return try req.respond(json(view), status: .created)
    }

    static func end(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["endDate"])
        let view = try await req.contingency(by: actor).end(client.ref, on: try reader.date("endDate"))
        return try req.respond(json(view))
    }

    static func payout(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["amount", "date", "note"])
        guard let amount = try reader.number("amount", in: 0...100_000).value else {
            throw ValidationError(field: "amount", "is required (dollars and cents, e.g. 12.50)")
        }
        let cents = (amount * 100).rounded()
        guard abs(cents - amount * 100) < 1e-6 else {
            throw ValidationError(field: "amount", "has more than two decimals")
        }
        var note: String?
        if reader.object["note"] != nil {
            note = try reader.text("note", maximumLength: ContingencyLedgerRules.maximumPayoutNoteLength)
        }
        let view = try await req.contingency(by: actor).payout(
            client.ref, amountCents: Int(cents), on: try reader.date("date"), note: note)
        return try req.respond(json(view), status: .created)
    }

    static func money(_ cents: Int) -> JSONValue { .number(Double(cents) / 100) }

    static func json(_ line: CMLedgerLine) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(line.id.uuidString.lowercased()), "date": .string(line.date.description),
            "result": .string(line.result.rawValue), "streak": .number(Double(line.streak)),
            "earned": money(line.earnedCents), "capReached": .bool(line.capReached),
            "draws": .array(
                line.draws.map {
                    .object([
                        "index": .number(Double($0.index)), "slip": .string($0.slip.rawValue),
                        "credited": money($0.creditedCents),
                    ])
                }),
        ]
        if let screen = line.screenID { object["screenId"] = .string(screen.uuidString.lowercased()) }
        return .object(object)
    }

    static func json(_ view: ContingencyView?) -> JSONValue {
        guard let view else { return .object(["enrolled": .bool(false)]) }
        let terms = view.enrollment.terms
        var enrollment: [String: JSONValue] = [
            "id": .string(view.enrollment.id.uuidString.lowercased()),
            "startedOn": .string(view.enrollment.startedOn.description), "schedule": .string(terms.schedule.rawValue),
            "screeningDays": .array(
                terms.screeningDays.sorted().map { .string(ContingencyProgram.weekdayNames[$0 - 1]) }),
            "start": money(terms.amounts.startCents), "step": money(terms.amounts.stepCents),
            "bonus": money(terms.amounts.bonusCents), "bonusEvery": .number(Double(terms.amounts.bonusEvery)),
            "maxDraws": .number(Double(terms.amounts.maxDraws)), "cap": money(terms.amounts.capCents),
        ]
        if let ended = view.enrollment.endedOn { enrollment["endedOn"] = .string(ended.description) }
        let summary = view.summary
        var summaryObject: [String: JSONValue] = [
            "streak": .number(Double(summary.streak)), "earned": money(summary.earnedCents),
            "yearEarned": money(summary.yearEarnedCents), "cap": money(summary.capCents),
            "capReached": .bool(summary.capReached), "paid": money(summary.paidCents),
            "balance": money(summary.balanceCents), "totalDraws": .number(Double(summary.totalDraws)),
            "prizesWon": .object(
                Dictionary(
                    uniqueKeysWithValues: PrizeSlip.allCases.map {
                        ($0.rawValue, JSONValue.number(Double(summary.prizesWon[$0] ?? 0)))
                    })),
        ]
        if let next = summary.nextScreen { summaryObject["nextScreen"] = .string(next.description) }
        return .object([
            "enrolled": .bool(view.enrollment.isActive), "enrollment": .object(enrollment),
            "summary": .object(summaryObject), "ledger": .array(view.lines.map(json)),
            "payouts": .array(
                view.payouts.map { payout in
                    var object: [String: JSONValue] = [
                        "id": .string(payout.id.uuidString.lowercased()), "paidOn": .string(payout.paidOn.description),
                        "amount": money(payout.amountCents), "paidBy": .string(payout.paidBy.description),
                    ]
                    if let note = payout.note { object["note"] = .string(note) }
                    return .object(object)
                }),
        ])
    }
}
