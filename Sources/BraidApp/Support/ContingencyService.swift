import BraidCore
import BraidStore
import Foundation
import Vapor

/// A client's contingency management as the chart, Today and the API show it: the enrollment, the ledger as of
/// today (misses of passed screening days included even before the sweep writes them), payouts and the summary.
struct ContingencyView: Sendable {
    let enrollment: CMEnrollment
    let lines: [CMLedgerLine]
    let payouts: [CMPayout]
    let summary: CMSummary
    /// Names of the staff who recorded payouts, by id.
    let payers: [UserID: String]
}

/// Contingency management in the app (§10): the program's offer, enrolling a client, the ledger, payouts. A screen
/// adds to the ledger through the one write path (`BraidRepository.commit`), never here.
struct ContingencyService: CareTeamService {
    let store: BraidRepository
    let actor: Actor
    let today: CalendarDate
    let now: Date
    let requestID: String?

    /// The program's current offer (its settings history applied to the defaults).
    func offer() async throws -> ContingencyProgram {
        ContingencyProgram.from(history: try await store.settingChanges(in: actor.programID))
    }

    /// The client's latest enrollment, its ledger and payouts; nil when never enrolled.
    func view(of client: ClientRef) async throws -> ContingencyView? {
        guard let stored = try await store.contingency(of: client) else { return nil }
        let lines = ContingencyLedgerRules.ledger(stored.enrollment, stored: stored.lines, today: today, now: now)
        var payers: [UserID: String] = [:]
        for id in Set(stored.payouts.map(\.paidBy)) { payers[id] = try await store.user(id)?.name }
        return ContingencyView(
            enrollment: stored.enrollment, lines: lines, payouts: stored.payouts,
            summary: ContingencyLedgerRules.summary(
                stored.enrollment, lines: lines, payouts: stored.payouts, today: today),
            payers: payers)
    }

    func enroll(_ client: ClientRef, startingOn date: CalendarDate?) async throws -> ContingencyView {
        try permitCareTeam("startDate")
        let date = date ?? today
        let current = try await store.cmEnrollments(of: client).last
        try ContingencyLedgerRules.checkEnrollment(startingOn: date, current: current, today: today)
        let enrollment = CMEnrollment(
            id: UUID(), clientID: client.id, startedOn: date, terms: try await offer(),
            seed: .random(in: .min ... .max),
            endedOn: nil)
        let (author, now, audit) = (actor.userID, now, event("cm.enroll", client: client))
        try await store.transaction { store in
            try await store.enroll(enrollment, client: client, by: author, now: now)
            try await store.appendAudit(audit)
        }
        guard let view = try await view(of: client) else { throw StoreError.corrupt("cm enrollment") }
        return view
    }

    func end(_ client: ClientRef, on date: CalendarDate?) async throws -> ContingencyView {
        try permitCareTeam("endDate")
        guard let current = try await view(of: client), current.enrollment.isActive else {
            throw ValidationError(field: "endDate", "the client is not enrolled in contingency management")
        }
        let date = date ?? today
        try ContingencyLedgerRules.checkEnd(of: current.enrollment, on: date, lines: current.lines, today: today)
        let (author, audit, id) = (actor.userID, event("cm.end", client: client), current.enrollment.id)
        try await store.transaction { store in
            try await store.endEnrollment(id, client: client, on: date, by: author)
            try await store.appendAudit(audit)
        }
        guard let view = try await view(of: client) else { throw StoreError.corrupt("cm enrollment") }
        return view
    }

    /// Records money handed to the client (no more than is owed).
    func payout(_ client: ClientRef, amountCents: Int, on date: CalendarDate?, note: String?) async throws
        -> ContingencyView
    {
        try permitCareTeam("amount")
        guard let current = try await view(of: client) else {
            throw ValidationError(field: "amount", "the client is not enrolled in contingency management")
        }
        let date = date ?? today
        let note = try ContingencyLedgerRules.checkPayout(
            amountCents: amountCents, on: date, note: note, enrollment: current.enrollment,
            balanceCents: current.summary.balanceCents, today: today)
        let payout = CMPayout(
            id: UUID(), enrollmentID: current.enrollment.id, paidOn: date, amountCents: amountCents, note: note,
            paidBy: actor.userID, recordedAt: now)
        let audit = event("cm.payout", client: client)
        try await store.transaction { store in
            try await store.recordPayout(payout, client: client)
            try await store.appendAudit(audit)
        }
        guard let view = try await view(of: client) else { throw StoreError.corrupt("cm enrollment") }
        return view
    }

    private func permitCareTeam(_ field: String) throws {
        try requireCareTeam("only the care team runs contingency management", field: field)
    }
}

/// A service that writes to a client's record on behalf of `actor`: the care-team check and the audit event every
/// such write leaves (ids only).
protocol CareTeamService: Sendable {
    var actor: Actor { get }
    var now: Date { get }
    var requestID: String? { get }
}

extension CareTeamService {
    /// 403 unless the actor is on care staff (a clinician or an admin); callers have checked the record is theirs.
    func requireCareTeam(_ refusal: String, field: String) throws {
        guard actor.role.mayJoinCareTeam else { throw APIError(.forbidden, code: "forbidden", refusal, field: field) }
    }

    func event(_ action: String, client: ClientRef) -> AuditEvent {
        AuditEvent(
            programID: client.programID, actorID: actor.userID, role: actor.role, action: action,
            clientID: client.id, requestID: requestID, at: now)
    }
}

extension Request {
    func contingency(by actor: Actor) async throws -> ContingencyService {
        let program = try await program(of: actor)
        return ContingencyService(
            store: repository, actor: actor, today: program.today(now: now), now: now, requestID: requestID)
    }
}
