import BraidCore
import FluentKit
import Foundation

// Notifications that reach a person (issue 12) and clients' reminder choices. Reads carry the program.

extension BraidRepository {
    /// Every open alert of the program, oldest first.
    public func openAlerts(in program: ProgramID) async throws -> [SafetyAlert] {
        try await AlertRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$acknowledgedAt == nil).sort(\.$openedAt).all().map { try $0.toDomain() }
    }

    public func queueNotifications(_ notifications: [OutgoingNotification]) async throws {
        guard !notifications.isEmpty else { return }
        try await notifications.map(NotificationRecord.init).create(on: database)
    }

    /// The notifications of these alerts, oldest first.
    public func notifications(ofAlerts alerts: [AlertID], in program: ProgramID) async throws
        -> [OutgoingNotification]
    {
        guard !alerts.isEmpty else { return [] }
        return try await NotificationRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$alertID ~~ alerts.map(\.uuid)).sort(\.$createdAt).all().map { try $0.toDomain() }
    }

    /// A program's notifications, newest first (the admin's delivery log).
    public func notifications(in program: ProgramID, limit: Int = 100) async throws -> [OutgoingNotification] {
        try await NotificationRecord.query(on: database).filter(\.$programID == program.uuid)
            .sort(\.$createdAt, .descending).limit(limit).all().map { try $0.toDomain() }
    }

    /// Reminders already queued for these clients on `day`.
    public func reminders(on day: CalendarDate, for clients: [ClientID], in program: ProgramID) async throws
        -> [OutgoingNotification]
    {
        guard !clients.isEmpty else { return [] }
        return try await NotificationRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$day == day.description).filter(\.$clientID ~~ clients.map(\.uuid)).all()
            .map { try $0.toDomain() }
    }

    /// Pending notifications whose next attempt is due, in every program, oldest first.
    public func dueNotifications(now: Date, limit: Int = 200) async throws -> [OutgoingNotification] {
        try await NotificationRecord.query(on: database).filter(\.$status == DeliveryStatus.pending.rawValue)
            .filter(\.$nextAttemptAt <= now).sort(\.$createdAt).limit(limit).all().map { try $0.toDomain() }
    }

    /// Stores a delivery attempt's outcome (status, attempts, the next attempt, the error).
    public func updateDelivery(_ notification: OutgoingNotification) async throws {
        guard
            let record = try await NotificationRecord.query(on: database).filter(\.$id == notification.id)
                .filter(\.$programID == notification.programID.uuid).first()
        else { throw StoreError.notFound("notification") }
        record.set(notification)
        try await record.save(on: database)
    }

    public func reminderPreferences(of client: ClientRef) async throws -> ReminderPreferences? {
        try await ReminderPreferencesRecord.query(on: database).filter(\.$id == client.id.uuid)
            .filter(\.$programID == client.programID.uuid).first()?.toDomain()
    }

    /// The program's clients who chose at least one reminder.
    public func reminderPreferences(in program: ProgramID) async throws -> [ClientID: ReminderPreferences] {
        let records = try await ReminderPreferencesRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$kinds != "").all()
        return Dictionary(
            uniqueKeysWithValues: records.compactMap { record in record.id.map { (ClientID($0), record.toDomain()) } })
    }

    public func setReminderPreferences(_ preferences: ReminderPreferences, of client: ClientRef, now: Date)
        async throws
    {
        let record =
            try await ReminderPreferencesRecord.query(on: database).filter(\.$id == client.id.uuid)
            .filter(\.$programID == client.programID.uuid).first()
            ?? {
                let new = ReminderPreferencesRecord()
                new.id = client.id.uuid
                new.programID = client.programID.uuid
                return new
            }()
        record.set(preferences, now: now)
        try await record.save(on: database)
    }
}
