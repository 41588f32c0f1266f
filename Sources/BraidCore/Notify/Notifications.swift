import Foundation

/// How a notification leaves Braid.
public enum NotificationChannel: String, Sendable, Hashable, CaseIterable, Codable {
    /// A POST of a small JSON body, signed with HMAC-SHA256 of the body and the program's secret.
    case webhook
    /// A plain-text email over SMTP.
    case email
}

/// What a notification is about. None carries clinical content (issue 12): only that something needs attention,
/// how urgently, and a link that needs a sign-in.
public enum NotificationPurpose: Sendable, Hashable {
    /// An open safety alert, to the on-call person at this escalation step (0 = the first).
    case alert(AlertID, urgency: AlertSeverity, step: Int)
    /// An opt-in reminder to a client.
    case reminder(ReminderKind)
}

/// The reminders a client may opt into.
public enum ReminderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case checkIn = "check-in"
    case screeningDay = "screening-day"
    case groupHomework = "group-homework"

    public var label: String {
        switch self {
        case .checkIn: "The daily check-in"
        case .screeningDay: "A screening day"
        case .groupHomework: "Group homework"
        }
    }
}

/// A notification's words: the same for every channel, and never anything clinical (no name, no answer, no
/// instrument, no score, no reason the alert opened). A test greps every notification sent for clinical content.
public struct NotificationMessage: Sendable, Hashable {
    public let subject: String
    public let body: String
    /// Where the link goes (an absolute URL; the page asks for a sign-in).
    public let link: String

    public init(subject: String, body: String, link: String) {
        self.subject = subject
        self.body = body
        self.link = link
    }

    public static func alert(urgency: AlertSeverity, step: Int, link: String) -> NotificationMessage {
        let level = urgency == .emergency ? "EMERGENCY" : "urgent"
        let escalated = step == 0 ? "" : " (escalated: not acknowledged in time)"
        return NotificationMessage(
            subject: "Braid: a safety alert needs attention (\(level))\(escalated)",
            body: "A safety alert in Braid needs attention.\nUrgency: \(level)\(escalated)\n"
                + "Open Braid and sign in to see it: \(link)\n"
                + "This message holds no clinical details by design.",
            link: link)
    }

    public static func reminder(_ kind: ReminderKind, link: String) -> NotificationMessage {
        let what =
            switch kind {
            case .checkIn: "a reminder for today's check-in"
            case .screeningDay: "today is a screening day"
            case .groupHomework: "a reminder about your group homework"
            }
        return NotificationMessage(
            subject: "Braid: \(what)",
            body: "Braid: \(what).\nOpen Braid: \(link)\n"
                + "You chose to get these reminders; change them in Braid under Reminders.", link: link)
    }
}

/// When a failed delivery is tried again: after 30 s, 2 min, 8 min and 30 min; after the fifth failed attempt the
/// notification is recorded as failed.
public enum DeliveryBackoff {
    public static let maximumAttempts = 5
    static let delays: [TimeInterval] = [30, 120, 480, 1800]

    /// When to try again after `attempts` failed attempts, or `nil` when that was the last.
    public static func retry(after attempts: Int, failedAt: Date) -> Date? {
        guard attempts >= 1, attempts < maximumAttempts else { return nil }
        return failedAt.addingTimeInterval(delays[min(attempts - 1, delays.count - 1)])
    }
}

/// When an unacknowledged alert moves to the next person on the rota: after N minutes, 15 for an emergency and 60
/// otherwise by default, both set per program.
public struct EscalationPolicy: Sendable, Hashable {
    public var emergencyMinutes: Int
    public var urgentMinutes: Int

    public init(emergencyMinutes: Int = 15, urgentMinutes: Int = 60) {
        self.emergencyMinutes = emergencyMinutes
        self.urgentMinutes = urgentMinutes
    }

    public func minutes(for urgency: AlertSeverity) -> Int {
        urgency == .emergency ? emergencyMinutes : urgentMinutes
    }

    /// The escalation steps due by `now` for an alert opened at `openedAt` and still open: step k is due k × N
    /// minutes after it opened.
    public func stepsDue(openedAt: Date, urgency: AlertSeverity, now: Date) -> Int {
        let elapsed = now.timeIntervalSince(openedAt)
        guard elapsed >= 0 else { return 0 }
        return Int(elapsed / Double(minutes(for: urgency) * 60)) + 1
    }

    /// Who is told at step `step`: the step-th person covering; past the end of the rota, everyone covering, once;
    /// then no one (the alert stays at the top of every caseload). With no one on the rota at that moment, the
    /// client's care team is told at the first step, so an alert always reaches a person.
    public static func recipients(step: Int, covering: [String], careTeam: [String]) -> [String] {
        if covering.isEmpty { return step == 0 ? careTeam : [] }
        if step < covering.count { return [covering[step]] }
        return step == covering.count && covering.count > 1 ? covering : []
    }
}

/// Hours in which a client gets no reminders (in the program's time zone). Start and end as minutes after
/// midnight; a window whose end is before its start runs overnight (21:00-08:00). Equal start and end means none.
public struct QuietHours: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int = 21 * 60, end: Int = 8 * 60) {
        self.start = start
        self.end = end
    }

    public func contains(minute: Int) -> Bool {
        if start == end { return false }
        return start < end ? (minute >= start && minute < end) : (minute >= start || minute < end)
    }

    public var text: String { "\(OnCallRota.clock(start))-\(OnCallRota.clock(end))" }

    public init(text: String, field: String) throws(ValidationError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-").map(String.init)
        guard parts.count == 2, let start = OnCallRota.minutes(parts[0]), let end = OnCallRota.minutes(parts[1]),
            start < 1440, end < 1440
        else {
            throw ValidationError(field: field, "'\(text.prefix(20))' is not hours HH:MM-HH:MM, e.g. 21:00-08:00")
        }
        self.init(start: start, end: end)
    }
}

/// A client's reminder choices: none until they opt in.
public struct ReminderPreferences: Sendable, Hashable {
    public var kinds: Set<ReminderKind>
    /// When the daily reminders go out (minutes after midnight, the program's time zone).
    public var time: Int
    public var quietHours: QuietHours

    public init(kinds: Set<ReminderKind> = [], time: Int = 18 * 60, quietHours: QuietHours = QuietHours()) {
        self.kinds = kinds
        self.time = time
        self.quietHours = quietHours
    }

    /// The reminders to send now, at local `minute` of a day: each kind at most once a day (`sentToday`), from the
    /// chosen time on, never in quiet hours (a time inside them waits for their end), and only when it still
    /// applies (no check-in yet today; a screening day without a result; homework open).
    public func due(
        minute: Int, sentToday: Set<ReminderKind>, checkedInToday: Bool, screeningToday: Bool, homeworkOpen: Bool
    ) -> [ReminderKind] {
        guard minute >= time, !quietHours.contains(minute: minute) else { return [] }
        return ReminderKind.allCases.filter { kind in
            guard kinds.contains(kind), !sentToday.contains(kind) else { return false }
            switch kind {
            case .checkIn: return !checkedInToday
            case .screeningDay: return screeningToday
            case .groupHomework: return homeworkOpen
            }
        }
    }
}

/// Where a notification stands.
public enum DeliveryStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case delivered
    /// Every attempt failed (`DeliveryBackoff.maximumAttempts`).
    case failed
    /// Not sent: the alert was acknowledged first.
    case cancelled
}

/// One notification to one person over one channel, with its delivery record.
public struct OutgoingNotification: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let programID: ProgramID
    public let purpose: NotificationPurpose
    /// The client a reminder is for (alerts name no client: the link does, behind a sign-in).
    public let clientID: ClientID?
    /// The program-local day a reminder is for (each kind at most once a day).
    public let day: CalendarDate?
    /// An email address.
    public let recipient: String
    public let channel: NotificationChannel
    public let message: NotificationMessage
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// Why the last attempt failed (a status code or a connection error; never content).
    public var lastError: String?
    public let createdAt: Date
    public var deliveredAt: Date?

    public init(
        id: UUID = UUID(), programID: ProgramID, purpose: NotificationPurpose, clientID: ClientID? = nil,
        day: CalendarDate? = nil, recipient: String, channel: NotificationChannel, message: NotificationMessage,
        createdAt: Date
    ) {
        self.id = id
        self.programID = programID
        self.purpose = purpose
        self.clientID = clientID
        self.day = day
        self.recipient = recipient
        self.channel = channel
        self.message = message
        status = .pending
        attempts = 0
        nextAttemptAt = createdAt
        lastError = nil
        self.createdAt = createdAt
        deliveredAt = nil
    }

    public var alertID: AlertID? { if case .alert(let id, _, _) = purpose { id } else { nil } }
    public var step: Int? { if case .alert(_, _, let step) = purpose { step } else { nil } }

    /// The outcome of one delivery attempt at `now`.
    public mutating func record(delivered: Bool, error: String?, at now: Date) {
        attempts += 1
        if delivered {
            status = .delivered
            deliveredAt = now
            nextAttemptAt = nil
            lastError = nil
        } else {
            lastError = error.map { String($0.prefix(200)) }
            nextAttemptAt = DeliveryBackoff.retry(after: attempts, failedAt: now)
            if nextAttemptAt == nil { status = .failed }
        }
    }
}

extension ReminderPreferences {
    /// Choices from their texts (the form's and the API's): kinds by id, the time `HH:MM`, quiet hours
    /// `HH:MM-HH:MM`. The time may not fall in the quiet hours (nothing would be sent).
    public init(kinds: [String], time: String, quietHours: String) throws(ValidationError) {
        var chosen: Set<ReminderKind> = []
        for (index, text) in kinds.enumerated() {
            guard let kind = ReminderKind(rawValue: text) else {
                throw ValidationError(
                    field: "kinds[\(index)]",
                    "'\(text.prefix(20))' is not a reminder (\(ReminderKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            guard chosen.insert(kind).inserted else {
                throw ValidationError(field: "kinds[\(index)]", "'\(text)' is listed twice")
            }
        }
        guard let minute = OnCallRota.minutes(time.trimmingCharacters(in: .whitespaces)), minute < 1440 else {
            throw ValidationError(field: "time", "'\(time.prefix(20))' is not a time HH:MM, e.g. 18:00")
        }
        let quiet = try QuietHours(text: quietHours, field: "quietHours")
        guard !quiet.contains(minute: minute) else {
            throw ValidationError(
                field: "time", "falls in your quiet hours (\(quiet.text)): choose a time outside them")
        }
        self.init(kinds: chosen, time: minute, quietHours: quiet)
    }

    public var timeText: String { OnCallRota.clock(time) }
}
