import BraidCore
import FluentKit
import Foundation
import SQLKit

/// A clinical write as committed: the stored row and the alert its effects opened, if any.
public struct CommittedWrite: Sendable {
    public enum Record: Sendable, Hashable {
        case checkIn(StoredCheckIn)
        case assessment(StoredAssessment)
        case screen(StoredScreen)
        case safetyPlan(StoredSafetyPlan)
        case relapsePlan(StoredRelapsePlan)
        case alertAcknowledgement(SafetyAlert)
        case recovery(StoredRecoveryItem)
        case recoveryRemoval(UUID)
    }

    public let record: Record
    public let alert: SafetyAlert?
    /// A screen's contingency-management lines (misses before it, then its own), if the client is enrolled.
    public var ledgerLines: [CMLedgerLine] = []
    /// Why an enrolled client's screen earned nothing (stored all the same: a lab result is never refused for
    /// bookkeeping).
    public var ledgerNote: String?

    public var checkIn: StoredCheckIn? { if case .checkIn(let value) = record { value } else { nil } }
    public var assessment: StoredAssessment? { if case .assessment(let value) = record { value } else { nil } }
    public var screen: StoredScreen? { if case .screen(let value) = record { value } else { nil } }
    public var safetyPlan: StoredSafetyPlan? { if case .safetyPlan(let value) = record { value } else { nil } }
    public var relapsePlan: StoredRelapsePlan? { if case .relapsePlan(let value) = record { value } else { nil } }
    public var recovery: StoredRecoveryItem? { if case .recovery(let value) = record { value } else { nil } }
    public var acknowledgedAlert: SafetyAlert? {
        if case .alertAcknowledgement(let value) = record { value } else { nil }
    }
}

extension BraidRepository {
    /// The one write path for clinical data. Commits `writes` and every effect BraidCore decides for them
    /// (`ClinicalWrite.effects`: alerts, data-version bumps, audit events) in one transaction: all of it is
    /// stored, or none of it. Results are in input order.
    ///
    /// The statements are few whatever the batch size (group commit and imports depend on it): bump the data
    /// versions first (on PostgreSQL the row locks then order concurrent writers of one client), supersede and
    /// insert check-ins in chunks, insert the other rows, open alerts, append the audit events in one statement.
    public func commit(_ writes: [ClinicalWrite]) async throws -> [CommittedWrite] {
        guard !writes.isEmpty else { return [] }
        return try await transaction { store in try await store.commitInTransaction(writes) }
    }

    /// Commits one write (see `commit(_:)`).
    public func commit(_ write: ClinicalWrite) async throws -> CommittedWrite {
        try await commit([write])[0]
    }

    private func commitInTransaction(_ writes: [ClinicalWrite]) async throws -> [CommittedWrite] {
        let sql = try sql
        let bumped = ClinicalWrite.clientsToBump(in: writes)
        for start in stride(from: 0, to: bumped.count, by: Self.maximumCheckInBatch) {
            let chunk = bumped[start..<min(start + Self.maximumCheckInBatch, bumped.count)]
            try await sql.update(ClientRecord.schema)
                .set(SQLIdentifier("data_version"), to: SQLRaw("data_version + 1"))
                .where(SQLIdentifier("id"), .in, SQLBind.group(chunk.map(\.uuid)))
                .run()
        }
        var records: [CommittedWrite.Record?] = Array(repeating: nil, count: writes.count)
        var ledgers: [Int: (lines: [CMLedgerLine], skipped: String?)] = [:]
        let checkInIndices = writes.indices.filter {
            if case .checkIn = writes[$0].content { true } else { false }
        }
        for start in stride(from: 0, to: checkInIndices.count, by: Self.maximumCheckInBatch) {
            let chunk = Array(checkInIndices[start..<min(start + Self.maximumCheckInBatch, checkInIndices.count)])
            for (index, stored) in zip(chunk, try await insertCheckIns(chunk.map { writes[$0] })) {
                records[index] = .checkIn(stored)
            }
        }
        for (index, write) in writes.enumerated() {
            switch write.content {
            case .checkIn:
                continue
            case .assessment(let date, let content):
                let assessment = StoredAssessment(
                    id: UUID(), clientID: write.client.id, date: date, content: content, recordedAt: write.now,
                    recordedBy: write.author.userID)
                try await AssessmentRecord(assessment, programID: write.client.programID).create(on: database)
                records[index] = .assessment(assessment)
            case .screen(let screen):
                let stored = StoredScreen(
                    id: UUID(), clientID: write.client.id, screen: screen, recordedAt: write.now,
                    recordedBy: write.author.userID)
                try await ScreenRecord(stored, programID: write.client.programID).create(on: database)
                records[index] = .screen(stored)
                if write.effects.contains(.addToContingencyLedger) {
                    ledgers[index] = try await addToLedger(stored, client: write.client, now: write.now)
                }
            case .safetyPlan(let plan):
                records[index] = .safetyPlan(
                    try await PlanVersionRecord.saveNext(
                        plan, client: write.client, at: write.now, by: write.author.userID, on: database))
            case .relapsePlan(let plan):
                records[index] = .relapsePlan(
                    try await PlanVersionRecord.saveNext(
                        plan, client: write.client, at: write.now, by: write.author.userID, on: database))
            case .alertAcknowledgement(let id, let note):
                guard
                    let alert = try await AlertRecord.query(on: database).filter(\.$id == id.uuid)
                        .filter(\.$programID == write.client.programID.uuid)
                        .filter(\.$clientID == write.client.id.uuid).first()
                else { throw StoreError.notFound("alert") }
                guard alert.acknowledgedAt == nil else { throw StoreError.conflict("an acknowledgement of this alert") }
                alert.acknowledgedAt = write.now
                alert.acknowledgedBy = write.author.userID.uuid
                alert.acknowledgementNote = NoteSeal.seal(note as String?, .acknowledgementNote)
                try await alert.save(on: database)
                records[index] = .alertAcknowledgement(try alert.toDomain())
            case .recovery(let item, let replacing):
                records[index] = .recovery(try await saveRecovery(item, replacing: replacing, for: write))
            case .recoveryRemoval(let kind, let id):
                records[index] = .recoveryRemoval(try await removeRecovery(kind, id: id, for: write))
            }
        }
        var results: [CommittedWrite] = []
        for (index, (write, record)) in zip(writes, records).enumerated() {
            guard let record else { throw StoreError.corrupt("commit: a write produced no row") }
            var alert: SafetyAlert?
            for case .openAlert(let signal) in write.effects {
                guard let source = record.sourceID else { throw StoreError.corrupt("commit: an alert with no source") }
                alert = try await openAlert(signal, sourceID: source, client: write.client, now: write.now)
            }
            var committed = CommittedWrite(record: record, alert: alert)
            committed.ledgerLines = ledgers[index]?.lines ?? []
            committed.ledgerNote = ledgers[index]?.skipped
            results.append(committed)
        }
        try await appendAudit(ClinicalWrite.auditEvents(of: writes))
        return results
    }

    /// Supersedes each day's current check-in and inserts the new ones, in a fixed number of statements. Several
    /// check-ins for one day in the batch: each supersedes the one before it.
    private func insertCheckIns(_ writes: [ClinicalWrite]) async throws -> [StoredCheckIn] {
        struct Day: Hashable {
            let client: UUID
            let date: String
        }
        let items: [(write: ClinicalWrite, date: CalendarDate, values: CheckInValues)] = writes.compactMap {
            if case .checkIn(let date, let values) = $0.content { ($0, date, values) } else { nil }
        }
        let sql = try sql
        let days = Array(Set(items.map { Day(client: $0.write.client.id.uuid, date: $0.date.description) }))
        let supersededAt = items.map(\.write.now).max()!
        let rows = try await sql.update(CheckInRecord.schema)
            .set("superseded_at", to: SQLBind(supersededAt))
            .where(SQLIdentifier("superseded_at"), .is, SQLLiteral.null)
            .where(group: { group in
                days.reduce(group) { builder, day in
                    builder.orWhere(group: {
                        $0.where("client_id", .equal, SQLBind(day.client)).where("date", .equal, SQLBind(day.date))
                    })
                }
            })
            .returning("client_id", "date", "revision")
            .all()
        var revision: [Day: Int] = [:]
        for row in rows {
            let day = Day(
                client: try row.decode(column: "client_id", as: UUID.self),
                date: try row.decode(column: "date", as: String.self))
            revision[day] = max(revision[day] ?? 0, try row.decode(column: "revision", as: Int.self))
        }
        let lastIndex = Dictionary(
            items.indices.map { (Day(client: items[$0].write.client.id.uuid, date: items[$0].date.description), $0) }
        ) { _, later in later }
        var stored: [StoredCheckIn] = []
        var insert = sql.insert(into: CheckInRecord.schema).columns(CheckInRow.insertColumns)
        for (index, item) in items.enumerated() {
            let day = Day(client: item.write.client.id.uuid, date: item.date.description)
            let next = (revision[day] ?? 0) + 1
            revision[day] = next
            let checkIn = StoredCheckIn(
                id: .timeOrdered(at: item.write.now), clientID: item.write.client.id, date: item.date,
                values: item.values, revision: next, recordedAt: item.write.now, recordedBy: item.write.author.userID,
                supersededAt: lastIndex[day] == index ? nil : supersededAt)
            stored.append(checkIn)
            insert = insert.values(CheckInRow.values(checkIn, programID: item.write.client.programID))
        }
        try await insert.run()
        return stored
    }

    /// Check-ins per statement: 20 bound values each stays far under SQLite's and PostgreSQL's parameter limits.
    public static let maximumCheckInBatch = 200
}

extension CommittedWrite.Record {
    /// The id an alert names as its source: the check-in, assessment, screen or diary card. Safety plans (keyed by version)
    /// and acknowledgements raise no alert.
    var sourceID: UUID? {
        switch self {
        case .checkIn(let value): value.id
        case .assessment(let value): value.id
        case .screen(let value): value.id
        case .recovery(let value): value.id
        case .safetyPlan, .relapsePlan, .alertAcknowledgement, .recoveryRemoval: nil
        }
    }
}
