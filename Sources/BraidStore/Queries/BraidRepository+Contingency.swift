import BraidCore
import FluentKit
import Foundation
import SQLKit

/// A client's contingency management as stored: the latest enrollment, its ledger (void lines left out) and its
/// payouts.
public struct StoredContingency: Sendable, Hashable {
    public let enrollment: CMEnrollment
    public let lines: [CMLedgerLine]
    public let payouts: [CMPayout]
}

// Contingency management (§10): enrollments, the ledger a screen adds to (inside the screen's own transaction,
// from `commit`), the sweep that writes missed screening days, and payouts.

extension BraidRepository {
    /// A client's enrollments, oldest first.
    public func cmEnrollments(of client: ClientRef) async throws -> [CMEnrollment] {
        try await CMEnrollmentRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$startedOn).sort(\.$createdAt).all()
            .map { try $0.toDomain() }
    }

    /// The latest enrollment with its ledger and payouts; nil for a client never enrolled.
    public func contingency(of client: ClientRef) async throws -> StoredContingency? {
        guard let enrollment = try await cmEnrollments(of: client).last else { return nil }
        return StoredContingency(
            enrollment: enrollment, lines: try await cmLines(of: enrollment.id),
            payouts: try await CMPayoutRecord.query(on: database).filter(\.$enrollmentID == enrollment.id)
                .sort(\.$paidOn).sort(\.$recordedAt).all().map { try $0.toDomain() })
    }

    /// An enrollment's ledger lines in date order, without the misses a late result replaced.
    func cmLines(of enrollment: UUID) async throws -> [CMLedgerLine] {
        try await CMLedgerLineRecord.query(on: database).filter(\.$enrollmentID == enrollment)
            .filter(\.$voidedAt == nil).sort(\.$date).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }

    public func enroll(_ enrollment: CMEnrollment, client: ClientRef, by author: UserID?, now: Date) async throws {
        try await CMEnrollmentRecord(enrollment, programID: client.programID, by: author, now: now).create(on: database)
    }

    public func endEnrollment(_ id: UUID, client: ClientRef, on date: CalendarDate, by author: UserID?) async throws {
        guard
            let record = try await CMEnrollmentRecord.query(on: database).filter(\.$id == id)
                .filter(\.$programID == client.programID.uuid).filter(\.$clientID == client.id.uuid).first()
        else { throw StoreError.notFound("enrollment") }
        record.endedOn = date.description
        record.endedBy = author?.uuid
        try await record.save(on: database)
    }

    public func recordPayout(_ payout: CMPayout, client: ClientRef) async throws {
        try await CMPayoutRecord(payout, client: client).create(on: database)
    }

    /// Adds a just-stored screen to the ledger of the enrollment that covers its date, if there is one (called by
    /// `commit`, inside the screen's transaction, after the client's row was bumped: concurrent screens of one
    /// client wait for each other). A screen the ledger cannot take (a second result for a day, one dated before a
    /// later result, one outside the enrollment) is still a lab result and stays stored; the reason it earned
    /// nothing comes back instead of lines.
    func addToLedger(_ screen: StoredScreen, client: ClientRef, now: Date) async throws -> (
        lines: [CMLedgerLine], skipped: String?
    ) {
        let date = screen.screen.date
        guard
            let enrollment = try await cmEnrollments(of: client).last(where: {
                $0.startedOn <= date && ($0.endedOn.map { date <= $0 } ?? true)
            })
        else { return ([], nil) }
        let prior = try await cmLines(of: enrollment.id)
        let replacing: UUID?
        let lines: [CMLedgerLine]
        do {
            (replacing, lines) = try ContingencyLedgerRules.add(
                screenID: screen.id, date: date, positive: screen.screen.positive, to: enrollment, prior: prior,
                now: now)
        } catch {
            return ([], "not added to the contingency-management ledger: \(error.message)")
        }
        if let replacing {
            try await CMLedgerLineRecord.query(on: database).filter(\.$id == replacing).set(\.$voidedAt, to: now)
                .update()
        }
        for line in lines { try await CMLedgerLineRecord(line, client: client).create(on: database) }
        return (lines, nil)
    }

    /// Writes the misses of every active enrollment in `program` whose screening days before `today` passed with
    /// no result. Each client's misses commit in a transaction of their own that first bumps the client's row, so
    /// a screen being recorded at the same moment is ordered before or after, never interleaved. Returns how many
    /// lines were written.
    @discardableResult
    public func recordMissedScreens(in program: ProgramID, today: CalendarDate, now: Date) async throws -> Int {
        let active = try await CMEnrollmentRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$endedOn == nil).all().map { try $0.toDomain() }
        var written = 0
        for enrollment in active {
            let prior = try await cmLines(of: enrollment.id)
            guard !ContingencyLedgerRules.missedLines(enrollment, after: prior, before: today, now: now).isEmpty
            else { continue }
            let client = ClientRef(id: enrollment.clientID, programID: program)
            written += try await transaction { store in
                try await store.bumpDataVersion(of: client)
                let lines = ContingencyLedgerRules.missedLines(
                    enrollment, after: try await store.cmLines(of: enrollment.id), before: today, now: now)
                for line in lines { try await CMLedgerLineRecord(line, client: client).create(on: store.database) }
                return lines.count
            }
        }
        return written
    }
}
