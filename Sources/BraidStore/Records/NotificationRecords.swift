import BraidCore
import FluentKit
import Foundation

final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "alert_id") var alertID: UUID?
    @OptionalField(key: "urgency") var urgency: String?
    @OptionalField(key: "step") var step: Int?
    @OptionalField(key: "reminder") var reminder: String?
    @OptionalField(key: "client_id") var clientID: UUID?
    @OptionalField(key: "day") var day: String?
    @Field(key: "recipient") var recipient: String
    @Field(key: "channel") var channel: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "link") var link: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "delivered_at") var deliveredAt: Date?

    init() {}

    init(_ notification: OutgoingNotification) {
        id = notification.id
        programID = notification.programID.uuid
        switch notification.purpose {
        case .alert(let alert, let urgency, let step):
            purpose = "alert"
            alertID = alert.uuid
            self.urgency = urgency.rawValue
            self.step = step
        case .reminder(let kind):
            purpose = "reminder"
            reminder = kind.rawValue
        }
        clientID = notification.clientID?.uuid
        day = notification.day?.description
        recipient = notification.recipient
        channel = notification.channel.rawValue
        subject = notification.message.subject
        body = notification.message.body
        link = notification.message.link
        createdAt = notification.createdAt
        set(notification)
    }

    func set(_ notification: OutgoingNotification) {
        status = notification.status.rawValue
        attempts = notification.attempts
        nextAttemptAt = notification.nextAttemptAt
        lastError = notification.lastError
        deliveredAt = notification.deliveredAt
    }

    func toDomain() throws -> OutgoingNotification {
        let purpose: NotificationPurpose
        switch (self.purpose, alertID, urgency.flatMap(AlertSeverity.init), step, reminder.flatMap(ReminderKind.init)) {
        case ("alert", let alert?, let urgency?, let step?, nil):
            purpose = .alert(AlertID(alert), urgency: urgency, step: step)
        case ("reminder", nil, nil, nil, let kind?): purpose = .reminder(kind)
        default: throw StoreError.corrupt("notifications.purpose")
        }
        guard let channel = NotificationChannel(rawValue: channel), let status = DeliveryStatus(rawValue: status) else {
            throw StoreError.corrupt("notifications")
        }
        var day: CalendarDate?
        if let text = self.day {
            guard let parsed = CalendarDate(iso: text) else { throw StoreError.corrupt("notifications.day") }
            day = parsed
        }
        var notification = OutgoingNotification(
            id: try requireID(), programID: ProgramID(programID), purpose: purpose,
            clientID: clientID.map(ClientID.init),
            day: day, recipient: recipient, channel: channel,
            message: NotificationMessage(subject: subject, body: body, link: link), createdAt: createdAt)
        notification.status = status
        notification.attempts = attempts
        notification.nextAttemptAt = nextAttemptAt
        notification.lastError = lastError
        notification.deliveredAt = deliveredAt
        return notification
    }
}

final class ReminderPreferencesRecord: Model, @unchecked Sendable {
    static let schema = "reminder_preferences"

    @ID(custom: "client_id", generatedBy: .user) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "kinds") var kinds: String
    @Field(key: "time") var time: Int
    @Field(key: "quiet_start") var quietStart: Int
    @Field(key: "quiet_end") var quietEnd: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    func set(_ preferences: ReminderPreferences, now: Date) {
        kinds = preferences.kinds.map(\.rawValue).sorted().joined(separator: ",")
        time = preferences.time
        quietStart = preferences.quietHours.start
        quietEnd = preferences.quietHours.end
        updatedAt = now
    }

    func toDomain() -> ReminderPreferences {
        ReminderPreferences(
            kinds: Set(kinds.split(separator: ",").compactMap { ReminderKind(rawValue: String($0)) }), time: time,
            quietHours: QuietHours(start: quietStart, end: quietEnd))
    }
}
