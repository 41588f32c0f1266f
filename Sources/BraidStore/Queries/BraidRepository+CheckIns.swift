import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    /// Current (not superseded) check-ins of a client in a date range, in date order.
    public func checkIns(
        of client: ClientID, from: CalendarDate? = nil, through: CalendarDate? = nil, includeHistory: Bool = false
    ) async throws -> [StoredCheckIn] {
        let query = CheckInRecord.query(on: database).filter(\.$clientID == client.uuid)
        if !includeHistory { query.filter(\.$supersededAt == nil) }
        if let from { query.filter(\.$date >= from.description) }
        if let through { query.filter(\.$date <= through.description) }
        return try await query.sort(\.$date).sort(\.$revision).all().map { try $0.toDomain() }
    }

    /// Stores a check-in. A later check-in for the same day supersedes the earlier one, which is kept. A safety
    /// "yes" opens a care-team alert in the same transaction. Returns the stored check-in and the alert.
    public func recordCheckIn(
        _ values: CheckInValues, on date: CalendarDate, for client: ClientProfile, by author: Actor,
        requestID: String?, now: Date
    ) async throws -> (checkIn: StoredCheckIn, alert: SafetyAlert?) {
        try await transaction { store in
            let latest = try await CheckInRecord.query(on: store.database).filter(\.$clientID == client.id.uuid)
                .filter(\.$date == date.description).sort(\.$revision, .descending).first()
            if let latest, latest.supersededAt == nil {
                latest.supersededAt = now
                try await latest.save(on: store.database)
            }
            let checkIn = StoredCheckIn(
                id: UUID(), clientID: client.id, date: date, values: values, revision: (latest?.revision ?? 0) + 1,
                recordedAt: now, recordedBy: author.userID, supersededAt: nil)
            do {
                try await CheckInRecord(checkIn, programID: client.programID).create(on: store.database)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Two submissions for one day at the same moment: the other one won.
                throw StoreError.conflict("a check-in for \(date) recorded at the same moment")
            }
            try await store.bumpDataVersion(of: client.id)
            let alert = try await store.openAlert(
                SafetyRules.signal(for: values), sourceID: checkIn.id, client: client, now: now)
            try await store.appendAudit(
                AuditEvent(
                    programID: client.programID, actorID: author.userID, role: author.role, action: "checkin.create",
                    clientID: client.id, requestID: requestID, at: now))
            return (checkIn, alert)
        }
    }
}
