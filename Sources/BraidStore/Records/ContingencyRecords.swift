import BraidCore
import FluentKit
import Foundation

final class CMEnrollmentRecord: Model, @unchecked Sendable {
    static let schema = "cm_enrollments"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "started_on") var startedOn: String
    /// The terms as `ContingencyProgram.terms` (setting → text), JSON.
    @Field(key: "terms") var terms: String
    /// The draw seed, as 16 hex digits (UInt64 does not fit every database's integer).
    @Field(key: "seed") var seed: String
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "enrolled_by") var enrolledBy: UUID?
    @OptionalField(key: "ended_by") var endedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ enrollment: CMEnrollment, programID: ProgramID, by author: UserID?, now: Date) throws {
        id = enrollment.id
        self.programID = programID.uuid
        clientID = enrollment.clientID.uuid
        startedOn = enrollment.startedOn.description
        terms = try jsonText(enrollment.terms.terms)
        seed = String(enrollment.seed, radix: 16)
        endedOn = enrollment.endedOn?.description
        enrolledBy = author?.uuid
        createdAt = now
    }

    func toDomain() throws -> CMEnrollment {
        guard let started = CalendarDate(iso: startedOn), let seedValue = UInt64(seed, radix: 16),
            let termTexts = try? JSONDecoder().decode([String: String].self, from: Data(terms.utf8))
        else { throw StoreError.corrupt("cm_enrollments") }
        var ended: CalendarDate?
        if let endedOn {
            guard let parsed = CalendarDate(iso: endedOn) else { throw StoreError.corrupt("cm_enrollments.ended_on") }
            ended = parsed
        }
        return CMEnrollment(
            id: try requireID(), clientID: ClientID(clientID), startedOn: started,
            terms: ContingencyProgram(terms: termTexts), seed: seedValue, endedOn: ended)
    }
}

final class CMLedgerLineRecord: Model, @unchecked Sendable {
    static let schema = "cm_ledger_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "enrollment_id") var enrollmentID: UUID
    @Field(key: "date") var date: String
    @Field(key: "result") var result: String
    @OptionalField(key: "screen_id") var screenID: UUID?
    @Field(key: "streak") var streak: Int
    @Field(key: "earned_cents") var earnedCents: Int
    /// Every draw, JSON (`[]` on the voucher schedule).
    @Field(key: "draws") var draws: String
    @Field(key: "cap_reached") var capReached: Bool
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "voided_at") var voidedAt: Date?

    init() {}

    init(_ line: CMLedgerLine, client: ClientRef) throws {
        id = line.id
        programID = client.programID.uuid
        clientID = client.id.uuid
        enrollmentID = line.enrollmentID
        date = line.date.description
        result = line.result.rawValue
        screenID = line.screenID
        streak = line.streak
        earnedCents = line.earnedCents
        draws = try jsonText(line.draws)
        capReached = line.capReached
        recordedAt = line.recordedAt
    }

    func toDomain() throws -> CMLedgerLine {
        guard let day = CalendarDate(iso: date), let parsed = ContingencyManagement.Result(rawValue: result),
            let drawn = try? JSONDecoder().decode([CMDraw].self, from: Data(draws.utf8))
        else { throw StoreError.corrupt("cm_ledger_lines") }
        return CMLedgerLine(
            id: try requireID(), enrollmentID: enrollmentID, date: day, result: parsed, screenID: screenID,
            streak: streak, earnedCents: earnedCents, draws: drawn, capReached: capReached, recordedAt: recordedAt)
    }
}

final class CMPayoutRecord: Model, @unchecked Sendable {
    static let schema = "cm_payouts"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "enrollment_id") var enrollmentID: UUID
    @Field(key: "paid_on") var paidOn: String
    @Field(key: "amount_cents") var amountCents: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "paid_by") var paidBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(_ payout: CMPayout, client: ClientRef) {
        id = payout.id
        programID = client.programID.uuid
        clientID = client.id.uuid
        enrollmentID = payout.enrollmentID
        paidOn = payout.paidOn.description
        amountCents = payout.amountCents
        note = NoteSeal.seal(payout.note, .payoutNote)
        paidBy = payout.paidBy.uuid
        recordedAt = payout.recordedAt
    }

    func toDomain() throws -> CMPayout {
        guard let day = CalendarDate(iso: paidOn) else { throw StoreError.corrupt("cm_payouts.paid_on") }
        return CMPayout(
            id: try requireID(), enrollmentID: enrollmentID, paidOn: day, amountCents: amountCents,
            note: try NoteSeal.open(note, .payoutNote),
            paidBy: UserID(paidBy), recordedAt: recordedAt)
    }
}

/// Sorted-key JSON text of a value (stable, so equal content stores equal text).
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
