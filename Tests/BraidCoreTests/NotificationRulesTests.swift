import Foundation
import Testing

@testable import BraidCore

@Suite(
    "Alerts that reach a person: the rota, escalation, back-off, quiet hours, reminders, words without clinical content"
)
struct NotificationRulesTests {
    static let rotaText = """
        mon-fri 08:00-18:00 day@p.test
        mon-fri 08:00-18:00 backup@p.test
        daily 18:00-08:00 night@p.test

        sat,sun 08:00-18:00 WEEKEND@p.test
        """

    @Test("a rota covers by weekday and hour, overnight shifts run into the next day, in escalation order")
    func rota() throws {
        let rota = try OnCallRota(text: Self.rotaText)
        #expect(rota.shifts.count == 4 && rota.shifts[3].email == "weekend@p.test")
        // Monday 09:00: day then backup.
        #expect(rota.covering(weekday: 1, minute: 9 * 60) == ["day@p.test", "backup@p.test"])
        // 08:00 is the day shift's first minute and not the night's; 18:00 the night's first.
        #expect(rota.covering(weekday: 2, minute: 8 * 60) == ["day@p.test", "backup@p.test"])
        #expect(rota.covering(weekday: 2, minute: 18 * 60) == ["night@p.test"])
        // Saturday 02:00 is Friday's night shift; Saturday 10:00 the weekend's.
        #expect(rota.covering(weekday: 6, minute: 2 * 60) == ["night@p.test"])
        #expect(rota.covering(weekday: 6, minute: 10 * 60) == ["weekend@p.test"])
        // Monday 07:59 is Sunday's night shift (the week wraps).
        #expect(rota.covering(weekday: 1, minute: 7 * 60 + 59) == ["night@p.test"])
        // The text round-trips.
        #expect(try OnCallRota(text: rota.text) == rota)
        #expect(rota.text.split(separator: "\n").first == "mon-fri 08:00-18:00 day@p.test")
        // In a time zone: Monday 2026-06-15 13:00 UTC is 09:00 in New York.
        let instant = ISO8601DateFormatter().date(from: "2026-06-15T13:00:00Z")!
        #expect(
            rota.covering(at: instant, in: TimeZone(identifier: "America/New_York")!) == [
                "day@p.test", "backup@p.test",
            ])
        // A browser's text area sends CRLF line ends; blank lines still count for the line numbers.
        let crlf = try OnCallRota(text: "mon 08:00-18:00 a@p.test\r\n\r\ntue 08:00-18:00 b@p.test")
        #expect(crlf.shifts.map(\.email) == ["a@p.test", "b@p.test"])
        #expect {
            try OnCallRota(text: "mon 08:00-18:00 a@p.test\r\n\r\ntue 8-18 b@p.test")
        } throws: { ($0 as? ValidationError)?.message.hasPrefix("line 3:") == true }
        // A range may wrap the week.
        #expect(try OnCallRota(text: "fri-mon 00:00-24:00 a@p.test").shifts[0].days == [5, 6, 7, 1])
    }

    @Test(
        "a bad rota line is refused naming the line and what is allowed",
        arguments: [
            ("mon-fri 08:00-18:00", "line 1: write DAYS"), ("weekdays 08:00-18:00 a@p.test", "is not days"),
            ("mon 8:00-18:00 a@p.test", "is not hours"), ("mon 08:00-25:00 a@p.test", "is not hours"),
            ("mon 08:00-18:00 lee", "is not an email"), ("\nmon 24:00-08:00 a@p.test", "line 2"),
        ])
    func badRota(text: String, message: String) {
        #expect {
            try OnCallRota(text: text)
        } throws: { error in
            (error as? ValidationError)?.field == "on-call-rota"
                && (error as? ValidationError)?.message.contains(message) == true
        }
    }

    @Test("escalation: step k is due k × N minutes after the first notice; 15 for emergencies, 60 otherwise")
    func escalation() {
        let policy = EscalationPolicy()
        let opened = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.stepsDue(openedAt: opened, urgency: .emergency, now: opened) == 1)
        #expect(policy.stepsDue(openedAt: opened, urgency: .emergency, now: opened + 14 * 60 + 59) == 1)
        #expect(policy.stepsDue(openedAt: opened, urgency: .emergency, now: opened + 15 * 60) == 2)
        #expect(policy.stepsDue(openedAt: opened, urgency: .emergency, now: opened + 30 * 60) == 3)
        #expect(policy.stepsDue(openedAt: opened, urgency: .urgent, now: opened + 59 * 60) == 1)
        #expect(policy.stepsDue(openedAt: opened, urgency: .urgent, now: opened + 60 * 60) == 2)
        #expect(
            EscalationPolicy(emergencyMinutes: 5).stepsDue(openedAt: opened, urgency: .emergency, now: opened + 300)
                == 2)
        let covering = ["a@p.test", "b@p.test"]
        #expect(EscalationPolicy.recipients(step: 0, covering: covering, careTeam: ["t@p.test"]) == ["a@p.test"])
        #expect(EscalationPolicy.recipients(step: 1, covering: covering, careTeam: []) == ["b@p.test"])
        // Past the end of the rota: everyone covering, once; then no one.
        #expect(EscalationPolicy.recipients(step: 2, covering: covering, careTeam: []) == covering)
        #expect(EscalationPolicy.recipients(step: 3, covering: covering, careTeam: []).isEmpty)
        #expect(EscalationPolicy.recipients(step: 1, covering: ["a@p.test"], careTeam: []).isEmpty)
        // No one on call: the care team at the first step.
        #expect(EscalationPolicy.recipients(step: 0, covering: [], careTeam: ["t@p.test"]) == ["t@p.test"])
        #expect(EscalationPolicy.recipients(step: 1, covering: [], careTeam: ["t@p.test"]).isEmpty)
    }

    @Test("delivery retries after 30 s, 2, 8 and 30 min, then is recorded as failed; a success is delivered")
    func backoff() {
        let now = Date(timeIntervalSince1970: 2_000_000)
        let message = NotificationMessage.alert(urgency: .emergency, step: 0, link: "http://x/clients/1")
        var notification = OutgoingNotification(
            programID: .random(), purpose: .alert(.random(), urgency: .emergency, step: 0), recipient: "a@p.test",
            channel: .webhook, message: message, createdAt: now)
        #expect(notification.status == .pending && notification.nextAttemptAt == now)
        var expected: [TimeInterval] = [30, 120, 480, 1800]
        for attempt in 1...4 {
            notification.record(delivered: false, error: "HTTP 500", at: now)
            #expect(notification.attempts == attempt && notification.status == .pending)
            #expect(notification.nextAttemptAt == now + expected.removeFirst())
        }
        notification.record(delivered: false, error: "HTTP 503", at: now)
        #expect(notification.status == .failed && notification.nextAttemptAt == nil && notification.attempts == 5)
        #expect(notification.lastError == "HTTP 503")
        var second = OutgoingNotification(
            programID: .random(), purpose: .reminder(.checkIn), recipient: "k@p.test", channel: .email,
            message: .reminder(.checkIn, link: "http://x/today"), createdAt: now)
        second.record(delivered: false, error: "refused", at: now)
        second.record(delivered: true, error: nil, at: now + 30)
        #expect(second.status == .delivered && second.deliveredAt == now + 30 && second.lastError == nil)
        #expect(second.attempts == 2)
    }

    @Test("quiet hours, overnight or not; reminders once a day from their time, never in quiet hours, only when due")
    func reminders() throws {
        let night = QuietHours(start: 21 * 60, end: 8 * 60)
        #expect(night.contains(minute: 21 * 60) && night.contains(minute: 3 * 60) && !night.contains(minute: 8 * 60))
        #expect(!QuietHours(start: 600, end: 600).contains(minute: 600))
        #expect(QuietHours(start: 13 * 60, end: 14 * 60).contains(minute: 13 * 60 + 30))
        let choice = try ReminderPreferences(
            kinds: ["check-in", "screening-day"], time: "18:00", quietHours: "21:00-08:00")
        func due(_ minute: Int, sent: Set<ReminderKind> = [], checkedIn: Bool = false, screening: Bool = true)
            -> [ReminderKind]
        {
            choice.due(
                minute: minute, sentToday: sent, checkedInToday: checkedIn, screeningToday: screening,
                homeworkOpen: true)
        }
        #expect(due(17 * 60 + 59).isEmpty)
        #expect(due(18 * 60) == [.checkIn, .screeningDay])
        #expect(due(19 * 60, sent: [.checkIn]) == [.screeningDay])
        #expect(due(19 * 60, checkedIn: true, screening: false).isEmpty)
        // Quiet hours hold everything, even what was not sent yet.
        #expect(due(22 * 60).isEmpty)
        // Group homework was not chosen.
        #expect(!due(18 * 60).contains(.groupHomework))
        #expect(throws: ValidationError.self) {
            try ReminderPreferences(kinds: ["sms"], time: "18:00", quietHours: "21:00-08:00")
        }
        #expect {
            try ReminderPreferences(kinds: ["check-in", "check-in"], time: "18:00", quietHours: "21:00-08:00")
        } throws: { ($0 as? ValidationError)?.field == "kinds[1]" }
        #expect {
            try ReminderPreferences(kinds: [], time: "22:30", quietHours: "21:00-08:00")
        } throws: { ($0 as? ValidationError)?.field == "time" }
        #expect {
            try ReminderPreferences(kinds: [], time: "18:00", quietHours: "21:00")
        } throws: { ($0 as? ValidationError)?.field == "quietHours" }
        #expect {
            try ReminderPreferences(kinds: [], time: "6pm", quietHours: "21:00-08:00")
        } throws: { ($0 as? ValidationError)?.field == "time" }
    }

    @Test("settings: defaults, channels only when complete, each refusal naming its setting")
    func settings() throws {
        var settings = NotificationSettings()
        #expect(
            settings.channels.isEmpty
                && settings.escalation == EscalationPolicy(emergencyMinutes: 15, urgentMinutes: 60))
        try settings.set(.webhookURL, "http://127.0.0.1:9000/hook")
        #expect(settings.channels.isEmpty)
        try settings.set(.webhookSecret, "0123456789abcdef")
        try settings.set(.smtp, "localhost:2525")
        #expect(settings.channels == [.webhook, .email])
        try settings.set(.linkBase, "https://braid.example.org/")
        #expect(settings.linkBase == "https://braid.example.org")
        for (key, text) in [
            (NotificationSettings.Key.emergencyMinutes, "0"), (.urgentMinutes, "1441"), (.webhookURL, "ftp://x"),
            (.webhookSecret, "short"), (.smtp, "localhost"), (.smtp, "local host:25"), (.emailFrom, "braid"),
            (.linkBase, "braid.example.org"),
        ] {
            #expect(throws: ValidationError.self, "\(key) \(text)") { try settings.set(key, text) }
            do { try settings.set(key, text) } catch { #expect(error.field == key.rawValue) }
        }
        let history = [
            SettingChange(
                setting: "escalate-emergency-minutes", oldValue: "15", newValue: "10", reason: "r", changedBy: nil,
                changedAt: Date()),
            SettingChange(
                setting: "on-call-rota", oldValue: "", newValue: "daily 00:00-00:00 a@p.test", reason: "r",
                changedBy: nil, changedAt: Date()),
        ]
        let read = NotificationSettings.from(history: history)
        #expect(read.escalation.emergencyMinutes == 10 && read.rota.covering(weekday: 3, minute: 0) == ["a@p.test"])
    }

    @Test("notification words carry no clinical content: urgency, a link, nothing else")
    func words() {
        let link = "https://braid.example.org/clients/6a1c#alerts"
        let alert = NotificationMessage.alert(urgency: .emergency, step: 0, link: link)
        let escalated = NotificationMessage.alert(urgency: .urgent, step: 2, link: link)
        #expect(alert.subject.contains("EMERGENCY") && alert.body.contains(link))
        #expect(escalated.subject.contains("escalated") && escalated.body.contains("urgent"))
        let all = [alert, escalated] + ReminderKind.allCases.map { NotificationMessage.reminder($0, link: link) }
        for message in all {
            NotificationContentCheck.expectClean(message.subject + "\n" + message.body)
        }
    }
}

/// Words that would be clinical content in a notification; shared with the app's grep of every notification sent.
enum NotificationContentCheck {
    static let forbidden = [
        "suicid", "self-harm", "harm", "phq", "c-ssrs", "cssrs", "asq", "item 9", "mood", "craving", "cocaine",
        "use ", "used", "relapse", "depress", "score", "screen result", "positive", "negative",
    ]

    static func expectClean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = text.lowercased()
        for word in forbidden {
            #expect(!lower.contains(word), "notification text holds '\(word)': \(text)", sourceLocation: sourceLocation)
        }
    }
}
