import BraidCore
import FluentKit
import Foundation
import SQLKit

/// One check-in to store, with who recorded it and when.
public struct CheckInWrite: Sendable {
    public let values: CheckInValues
    public let date: CalendarDate
    public let client: ClientRef
    public let author: Actor
    public let requestID: String?
    public let now: Date

    public init(
        values: CheckInValues, date: CalendarDate, client: ClientRef, author: Actor, requestID: String?, now: Date
    ) {
        self.values = values
        self.date = date
        self.client = client
        self.author = author
        self.requestID = requestID
        self.now = now
    }
}

extension BraidRepository {
    /// Current (not superseded) check-ins of a client in a date range, in date order.
    public func checkIns(
        of client: ClientID, from: CalendarDate? = nil, through: CalendarDate? = nil, includeHistory: Bool = false
    ) async throws -> [StoredCheckIn] {
        var query = try sql.select().columns(CheckInRow.columns).from(CheckInRecord.schema)
            .where("client_id", .equal, SQLBind(client.uuid))
        if !includeHistory { query = query.where(SQLIdentifier("superseded_at"), .is, SQLLiteral.null) }
        if let from { query = query.where("date", .greaterThanOrEqual, SQLBind(from.description)) }
        if let through { query = query.where("date", .lessThanOrEqual, SQLBind(through.description)) }
        return try await query.orderBy("date").orderBy("revision").all(decoding: CheckInRow.self).map {
            try $0.toDomain()
        }
    }

    /// Stores a check-in. A later check-in for the same day supersedes the earlier one, which is kept. A safety
    /// "yes" opens a care-team alert in the same transaction. Returns the stored check-in and the alert.
    public func recordCheckIn(
        _ values: CheckInValues, on date: CalendarDate, for client: ClientProfile, by author: Actor,
        requestID: String?, now: Date
    ) async throws -> (checkIn: StoredCheckIn, alert: SafetyAlert?) {
        let item = CheckInWrite(
            values: values, date: date, client: client.ref, author: author, requestID: requestID, now: now)
        return try await recordCheckIns([item])[0]
    }

    /// Stores several check-ins in one transaction with a fixed number of statements, whatever their number
    /// (group commit): bump the clients' data versions (first, so the row locks order concurrent writers of a
    /// client on PostgreSQL), supersede each day's current check-in and learn its revision, insert the new
    /// check-ins, open alerts for safety "yes", and append the audit events. Results are in input order.
    public func recordCheckIns(_ items: [CheckInWrite]) async throws -> [(checkIn: StoredCheckIn, alert: SafetyAlert?)]
    {
        guard !items.isEmpty else { return [] }
        precondition(items.count <= Self.maximumCheckInBatch, "batches are capped to stay under bind limits")
        return try await transaction { store in
            let sql = try store.sql
            let clients = Array(Set(items.map(\.client.id.uuid)))
            try await sql.update(ClientRecord.schema)
                .set(SQLIdentifier("data_version"), to: SQLRaw("data_version + 1"))
                .where(SQLIdentifier("id"), .in, SQLBind.group(clients))
                .run()
            struct Day: Hashable {
                let client: UUID
                let date: String
            }
            let days = Array(Set(items.map { Day(client: $0.client.id.uuid, date: $0.date.description) }))
            let supersededAt = items.map(\.now).max()!
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
            // Several check-ins for one day in the batch: each supersedes the one before it.
            let lastIndex = Dictionary(
                items.indices.map { (Day(client: items[$0].client.id.uuid, date: items[$0].date.description), $0) }
            ) { _, later in later }
            var stored: [StoredCheckIn] = []
            var insert = sql.insert(into: CheckInRecord.schema).columns(CheckInRow.insertColumns)
            for (index, item) in items.enumerated() {
                let day = Day(client: item.client.id.uuid, date: item.date.description)
                let next = (revision[day] ?? 0) + 1
                revision[day] = next
                let checkIn = StoredCheckIn(
                    id: .timeOrdered(at: item.now), clientID: item.client.id, date: item.date, values: item.values,
                    revision: next,
                    recordedAt: item.now, recordedBy: item.author.userID,
                    supersededAt: lastIndex[day] == index ? nil : supersededAt)
                stored.append(checkIn)
                insert = insert.values(CheckInRow.values(checkIn, programID: item.client.programID))
            }
            try await insert.run()
            var alerts: [SafetyAlert?] = []
            for (item, checkIn) in zip(items, stored) {
                alerts.append(
                    try await store.openAlert(
                        SafetyRules.signal(for: item.values), sourceID: checkIn.id, client: item.client, now: item.now))
            }
            try await store.appendAudit(
                items.map {
                    AuditEvent(
                        programID: $0.client.programID, actorID: $0.author.userID, role: $0.author.role,
                        action: "checkin.create", clientID: $0.client.id, requestID: $0.requestID, at: $0.now)
                })
            return Array(zip(stored, alerts)).map { (checkIn: $0.0, alert: $0.1) }
        }
    }

    /// Check-ins per batch: 20 bound values each stays far under SQLite's and PostgreSQL's parameter limits.
    public static let maximumCheckInBatch = 200
}

extension BraidRepository {
    /// Imports a history of check-ins for one client in one transaction (a program moving to Braid). Days
    /// that already have a check-in are superseded as by a new check-in. Returns how many were stored.
    public func importCheckIns(
        _ checkIns: [(date: CalendarDate, values: CheckInValues)], for client: ClientProfile, by author: Actor,
        now: Date
    ) async throws -> Int {
        try await transaction { store in
            let existing = try await CheckInRecord.query(on: store.database).filter(\.$clientID == client.id.uuid).all()
            let latest = Dictionary(grouping: existing, by: \.date).compactMapValues {
                $0.max { $0.revision < $1.revision }
            }
            var records: [CheckInRecord] = []
            for (date, values) in checkIns {
                let previous = latest[date.description]
                if let previous, previous.supersededAt == nil {
                    previous.supersededAt = now
                    try await previous.save(on: store.database)
                }
                let checkIn = StoredCheckIn(
                    id: UUID(), clientID: client.id, date: date, values: values,
                    revision: (previous?.revision ?? 0) + 1,
                    recordedAt: now, recordedBy: author.userID, supersededAt: nil)
                records.append(CheckInRecord(checkIn, programID: client.programID))
            }
            // Multi-row inserts, in chunks that stay under both databases' bind-parameter limits.
            for start in stride(from: 0, to: records.count, by: 500) {
                try await Array(records[start..<min(start + 500, records.count)]).create(on: store.database)
            }
            try await store.bumpDataVersion(of: client.id)
            try await store.appendAudit(
                AuditEvent(
                    programID: client.programID, actorID: author.userID, role: author.role, action: "checkin.import",
                    clientID: client.id, requestID: "cli", at: now))
            return records.count
        }
    }
}
