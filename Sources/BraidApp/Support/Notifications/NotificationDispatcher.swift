import AsyncHTTPClient
import BraidCore
import BraidStore
import Foundation
import Logging

/// Alerts that reach a person, and clients' opt-in reminders (issue 12). One pass, run by `BackgroundWork` every
/// few seconds and by tests with a clock of their own:
/// 1. every open alert is told to the person on call (or the client's care team when no one is) over each of the
///    program's channels; unacknowledged after N minutes, to the next person on the rota;
/// 2. each client who opted in gets their reminders, outside their quiet hours;
/// 3. every notification due is tried; a failure is tried again with back-off and recorded as delivered or failed.
/// Notifications carry no clinical content (`NotificationMessage`); the log holds ids, channels and statuses only.
struct NotificationDispatcher: Sendable {
    let store: BraidRepository
    let httpClient: HTTPClient
    let clinical: ClinicalConfiguration
    let logger: Logger

    struct Pass: Sendable, Equatable {
        var queued = 0
        var delivered = 0
        var failedAttempts = 0
    }

    func run(now: Date) async throws -> Pass {
        var pass = Pass()
        for program in try await store.programs() {
            let settings = NotificationSettings.from(history: try await store.settingChanges(in: program.id))
            guard !settings.channels.isEmpty else { continue }
            let context = ProgramContext(program, clinical: clinical)
            pass.queued += try await planAlerts(program.id, settings: settings, timeZone: context.timeZone, now: now)
            pass.queued += try await planReminders(program.id, settings: settings, context: context, now: now)
        }
        let (delivered, failed) = try await deliverDue(now: now)
        pass.delivered = delivered
        pass.failedAttempts = failed
        return pass
    }

    /// Queues the first notice of each new open alert, and each escalation step that came due. Step k is due k × N
    /// minutes after the first notice went out.
    func planAlerts(_ program: ProgramID, settings: NotificationSettings, timeZone: TimeZone, now: Date) async throws
        -> Int
    {
        let alerts = try await store.openAlerts(in: program)
        guard !alerts.isEmpty else { return 0 }
        let sent = Dictionary(grouping: try await store.notifications(ofAlerts: alerts.map(\.id), in: program)) {
            $0.alertID!
        }
        var accounts: [UserID: UserAccount]?
        var queued: [OutgoingNotification] = []
        for alert in alerts {
            let earlier = sent[alert.id] ?? []
            let first = earlier.map(\.createdAt).min() ?? now
            let due = settings.escalation.stepsDue(openedAt: first, urgency: alert.severity, now: now)
            let nextStep = (earlier.compactMap(\.step).max() ?? -1) + 1
            guard nextStep < due else { continue }
            let covering = settings.rota.covering(at: now, in: timeZone)
            var careTeam: [String] = []
            if covering.isEmpty && nextStep == 0 {
                if accounts == nil {
                    accounts = Dictionary(uniqueKeysWithValues: try await store.users(in: program).map { ($0.id, $0) })
                }
                let client = try await store.client(alert.clientID, in: program)
                careTeam = (client?.careTeam ?? []).compactMap { accounts?[$0] }.filter { $0.deactivatedAt == nil }
                    .map(\.email)
            }
            for step in nextStep..<due {
                let recipients = EscalationPolicy.recipients(step: step, covering: covering, careTeam: careTeam)
                let message = NotificationMessage.alert(
                    urgency: alert.severity, step: step,
                    link: settings.linkBase + SiteURL.chart(alert.clientID, anchor: "alerts").path)
                for recipient in recipients {
                    for channel in settings.channels {
                        queued.append(
                            OutgoingNotification(
                                programID: program, purpose: .alert(alert.id, urgency: alert.severity, step: step),
                                recipient: recipient, channel: channel, message: message, createdAt: now))
                    }
                }
                // Past the rota's end no one is left to tell: nothing is queued, so later passes stop here too.
                if recipients.isEmpty { break }
            }
        }
        try await store.queueNotifications(queued)
        return queued.count
    }

    /// Queues each opted-in client's reminders that are due now (each kind once a day, never in quiet hours).
    func planReminders(_ program: ProgramID, settings: NotificationSettings, context: ProgramContext, now: Date)
        async throws -> Int
    {
        let preferences = try await store.reminderPreferences(in: program)
        guard !preferences.isEmpty else { return 0 }
        let today = context.today(now: now)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let sent = Dictionary(
            grouping: try await store.reminders(on: today, for: Array(preferences.keys), in: program)
        ) { $0.clientID! }
        let emails = Dictionary(
            uniqueKeysWithValues: try await store.users(in: program).filter { $0.deactivatedAt == nil }
                .map { ($0.id, $0.email) })
        let clients = Dictionary(uniqueKeysWithValues: try await store.clients(in: program).map { ($0.id, $0) })
        var queued: [OutgoingNotification] = []
        for (clientID, choice) in preferences {
            guard let client = clients[clientID], let email = emails[client.userID] else { continue }
            let sentToday = Set(
                (sent[clientID] ?? []).compactMap { notification -> ReminderKind? in
                    if case .reminder(let kind) = notification.purpose { kind } else { nil }
                })
            // On most passes nothing can be due (before the time, in quiet hours, already sent): read the client's
            // record only when something could be.
            let possible = choice.due(
                minute: minute, sentToday: sentToday, checkedInToday: false, screeningToday: true,
                homeworkOpen: false)
            guard !possible.isEmpty else { continue }
            let checkedIn = !(try await store.checkIns(of: client.ref, from: today, through: today)).isEmpty
            let enrollment = try await store.cmEnrollments(of: client.ref).last { $0.isActive }
            let screened = try await store.screens(of: client.ref).contains { $0.screen.date == today }
            let screening = enrollment.map { $0.terms.screeningDays.contains(today.isoWeekday) } ?? false
            for kind in choice.due(
                minute: minute, sentToday: sentToday, checkedInToday: checkedIn, screeningToday: screening && !screened,
                homeworkOpen: false)
            {
                let message = NotificationMessage.reminder(kind, link: settings.linkBase + SiteURL.today().path)
                for channel in settings.channels {
                    queued.append(
                        OutgoingNotification(
                            programID: program, purpose: .reminder(kind), clientID: clientID, day: today,
                            recipient: email, channel: channel, message: message, createdAt: now))
                }
            }
        }
        try await store.queueNotifications(queued)
        return queued.count
    }

    /// Tries every notification due; an alert acknowledged meanwhile is cancelled instead of sent.
    func deliverDue(now: Date) async throws -> (delivered: Int, failed: Int) {
        var delivered = 0
        var failed = 0
        var settingsByProgram: [ProgramID: NotificationSettings] = [:]
        // Each program's open alerts, read once per pass rather than once per notification.
        var openAlerts: [ProgramID: Set<AlertID>] = [:]
        for var notification in try await store.dueNotifications(now: now) {
            if notification.alertID != nil, openAlerts[notification.programID] == nil {
                openAlerts[notification.programID] = Set(
                    try await store.openAlerts(in: notification.programID).map(\.id))
            }
            if let alertID = notification.alertID, openAlerts[notification.programID]?.contains(alertID) != true {
                notification.status = .cancelled
                notification.nextAttemptAt = nil
                try await store.updateDelivery(notification)
                continue
            }
            if settingsByProgram[notification.programID] == nil {
                settingsByProgram[notification.programID] = NotificationSettings.from(
                    history: try await store.settingChanges(in: notification.programID))
            }
            let settings = settingsByProgram[notification.programID]!
            var failure: String?
            do {
                try await send(notification, settings: settings, now: now)
            } catch {
                failure = String(describing: error)
            }
            notification.record(delivered: failure == nil, error: failure, at: now)
            try await store.updateDelivery(notification)
            if failure == nil { delivered += 1 } else { failed += 1 }
            logger.info(
                "notification attempt",
                metadata: [
                    "notification": "\(notification.id)", "channel": "\(notification.channel.rawValue)",
                    "status": "\(notification.status.rawValue)", "attempts": "\(notification.attempts)",
                ])
        }
        return (delivered, failed)
    }

    func send(_ notification: OutgoingNotification, settings: NotificationSettings, now: Date) async throws {
        switch notification.channel {
        case .webhook:
            guard let url = settings.webhookURL, let secret = settings.webhookSecret else {
                throw WebhookSender.Failure(description: "no webhook configured")
            }
            try await WebhookSender(client: httpClient, url: url, secret: secret).send(notification, at: now)
        case .email:
            guard let server = settings.smtp else { throw SMTPMailer.Failure(description: "no SMTP server configured") }
            try await SMTPMailer(server: server).send(
                from: settings.emailFrom, to: notification.recipient, subject: notification.message.subject,
                body: notification.message.body, messageID: notification.id, date: now)
        }
    }
}
