import BraidCore
import BraidStore
import Crypto
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@testable import BraidApp

/// A real HTTP server on 127.0.0.1 that takes webhook calls: it answers 500 to the first `failures` calls, then
/// 200, and keeps every call's body and signature.
final class WebhookReceiver: Sendable {
    struct Call: Sendable {
        let body: Data
        let signature: String?
        let answered: UInt
    }

    let app: Application
    let port: Int
    private let state: NIOLockedValueBox<(failures: Int, calls: [Call])>

    var calls: [Call] { state.withLockedValue { $0.calls } }
    var delivered: [Call] { calls.filter { $0.answered == 200 } }

    private init(app: Application, port: Int, state: NIOLockedValueBox<(failures: Int, calls: [Call])>) {
        self.app = app
        self.port = port
        self.state = state
    }

    static func start(failing failures: Int = 0) async throws -> WebhookReceiver {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        let state = NIOLockedValueBox<(failures: Int, calls: [Call])>((failures, []))
        app.on(.POST, "hook", body: .collect(maxSize: "64kb")) { req -> HTTPStatus in
            let body = req.body.data.map { Data(buffer: $0) } ?? Data()
            let signature = req.headers.first(name: WebhookSender.signatureHeader)
            return state.withLockedValue { state in
                let status: HTTPStatus = state.failures > 0 ? .internalServerError : .ok
                if state.failures > 0 { state.failures -= 1 }
                state.calls.append(Call(body: body, signature: signature, answered: status.code))
                return status
            }
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(app.http.server.shared.localAddress?.port)
        return WebhookReceiver(app: app, port: port, state: state)
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("Alerts that reach a person: a local webhook receiver, retries, escalation, reminders, no clinical content")
struct NotificationTests {
    static let secret = "a-test-secret-of-32-characters!!"

    /// Channels and a rota for program P: C1 first, then C2, around the clock.
    static func configure(
        _ app: Application, _ fixture: Fixture, webhook: String, extra: [NotificationSettings.Key: String] = [:]
    )
        async throws
    {
        let admin = try #require(try await app.repository.actor(of: fixture.admin))
        var texts: [NotificationSettings.Key: String] = [
            .rota: "daily 00:00-00:00 c1@test.example\ndaily 00:00-00:00 c2@test.example",
            .webhookURL: webhook, .webhookSecret: secret, .linkBase: "https://braid.example.org",
        ]
        texts.merge(extra) { $1 }
        let changed = try await Administration(
            store: app.repository, actor: admin, programID: fixture.program, now: app.clock(), requestID: "test",
            baseURL: "https://braid.example.org"
        ).setNotifications(texts, reason: "on-call cover for the test")
        #expect(changed >= 4)
    }

    static func dispatcher(_ app: Application) -> NotificationDispatcher { BackgroundWork.dispatcher(app) }

    /// A test app beside a local webhook receiver, stopped however the test ends.
    static func withReceiver(
        failing failures: Int = 0, _ body: (WebhookReceiver, Application, Fixture, TestClock) async throws -> Void
    ) async throws {
        let receiver = try await WebhookReceiver.start(failing: failures)
        do {
            try await withBraidApp { app, fixture, clock in try await body(receiver, app, fixture, clock) }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    static func payload(_ call: WebhookReceiver.Call) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
    }

    @Test("an alert reaches the first person on call by a signed webhook; the receiver can check the signature")
    func delivery() async throws {
        try await Self.withReceiver { receiver, app, fixture, clock in
            try await Self.configure(app, fixture, webhook: receiver.url)
            let created = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body:
                    #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true, "note": "Bad night after the party"}"#
            )
            let alertID = try #require((created.json["safetyAlert"] as? [String: Any])?["id"] as? String)
            let pass = try await Self.dispatcher(app).run(now: clock.now)
            #expect(pass == .init(queued: 1, delivered: 1, failedAttempts: 0))
            let call = try #require(receiver.delivered.first)
            #expect(receiver.calls.count == 1)
            // The signature is HMAC-SHA256 of the exact body under the program's secret.
            let expected = HMAC<SHA256>.authenticationCode(
                for: call.body, using: SymmetricKey(data: Data(Self.secret.utf8)))
            #expect(call.signature == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
            let body = try Self.payload(call)
            #expect(body["event"] as? String == "alert" && body["alert"] as? String == alertID)
            #expect(body["urgency"] as? String == "urgent" && body["step"] as? Int == 0)
            #expect(body["recipient"] as? String == "c1@test.example")
            #expect(body["link"] as? String == "https://braid.example.org/clients/\(fixture.client1)#alerts")
            // A second pass sends nothing new: the first notice went out and the escalation is not due.
            #expect(try await Self.dispatcher(app).run(now: clock.now + 60) == .init())
            let stored = try await app.repository.notifications(in: fixture.program)
            #expect(stored.count == 1 && stored[0].status == .delivered && stored[0].attempts == 1)
            // Nothing clinical in what left Braid: not the name, the note, the answers or the reason.
            try await Self.expectNoClinicalContent(
                app, fixture, calls: receiver.calls, extra: ["Bad night", "party"])
        }
    }

    @Test("a receiver that fails twice gets the notification on the third try, after the back-off; failures recorded")
    func retries() async throws {
        try await Self.withReceiver(failing: 2) { receiver, app, fixture, clock in
            try await Self.configure(app, fixture, webhook: receiver.url)
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let dispatcher = Self.dispatcher(app)
            #expect(try await dispatcher.run(now: clock.now).failedAttempts == 1)
            var stored = try #require(try await app.repository.notifications(in: fixture.program).first)
            #expect(stored.status == .pending && stored.attempts == 1 && stored.lastError == "HTTP 500")
            #expect(stored.nextAttemptAt == clock.now + 30)
            // Not yet due: nothing is tried.
            #expect(try await dispatcher.run(now: clock.now + 29) == .init())
            #expect(try await dispatcher.run(now: clock.now + 30).failedAttempts == 1)
            stored = try #require(try await app.repository.notifications(in: fixture.program).first)
            #expect(stored.attempts == 2 && stored.nextAttemptAt == clock.now + 30 + 120)
            #expect(try await dispatcher.run(now: clock.now + 150).delivered == 1)
            stored = try #require(try await app.repository.notifications(in: fixture.program).first)
            #expect(stored.status == .delivered && stored.attempts == 3 && stored.deliveredAt == clock.now + 150)
            #expect(receiver.calls.map(\.answered) == [500, 500, 200])
            // The same notification each time (one id), so a receiver can drop repeats.
            #expect(Set(try receiver.calls.map { try Self.payload($0)["notification"] as? String }).count == 1)
            // The admin's delivery log shows it.
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let page = try await admin.send(.GET, "admin/notifications")
            #expect(page.text.contains("data-status=\"delivered\"") && page.text.contains("c1@test.example"))
        }
    }

    @Test("a receiver that never answers: five attempts, then the notification is recorded as failed")
    func failure() async throws {
        try await Self.withReceiver(failing: 10) { receiver, app, fixture, clock in
            try await Self.configure(app, fixture, webhook: receiver.url)
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let dispatcher = Self.dispatcher(app)
            var when = clock.now
            for wait in [0.0, 30, 120, 480, 1800] {
                when += wait
                // Acknowledgement is not the test: keep the escalation out of it with a long N.
                _ = try await dispatcher.deliverDue(now: when)
                if wait == 0 {
                    _ = try await dispatcher.run(now: when)
                }
            }
            let stored = try #require(try await app.repository.notifications(in: fixture.program).first)
            #expect(stored.status == .failed && stored.attempts == 5 && stored.nextAttemptAt == nil)
            #expect(receiver.calls.count == 5)
        }
    }

    @Test("unacknowledged after 15 minutes an emergency escalates to the next on the rota; an acknowledgement stops it")
    func escalation() async throws {
        try await Self.withReceiver { receiver, app, fixture, clock in
            try await Self.configure(app, fixture, webhook: receiver.url)
            let created = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "cssrs", "answers": [1,1,0,1,0,0,null]}"#)
            let alertID = try #require((created.json["safetyAlert"] as? [String: Any])?["id"] as? String)
            let dispatcher = Self.dispatcher(app)
            let start = clock.now
            _ = try await dispatcher.run(now: start)
            #expect(try await dispatcher.run(now: start + 14 * 60 + 59).queued == 0)
            #expect(try await dispatcher.run(now: start + 15 * 60).queued == 1)
            let recipients = try receiver.delivered.map { try Self.payload($0)["recipient"] as? String }
            #expect(recipients == ["c1@test.example", "c2@test.example"])
            let steps = try receiver.delivered.map { try Self.payload($0)["step"] as? Int }
            #expect(steps == [0, 1])
            #expect(try Self.payload(receiver.delivered[1])["urgency"] as? String == "emergency")
            // Past the rota's end at 30 minutes: both, once more; then nothing.
            #expect(try await dispatcher.run(now: start + 30 * 60).queued == 2)
            #expect(try await dispatcher.run(now: start + 45 * 60).queued == 0)

            // A second alert is acknowledged before its escalation: nothing more is sent for it.
            let second = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "cssrs", "answers": [1,1,0,1,0,0,null]}"#)
            let secondID = try #require((second.json["safetyAlert"] as? [String: Any])?["id"] as? String)
            let later = start + 60 * 60
            #expect(try await dispatcher.run(now: later).queued == 1)
            let acknowledged = try await app.call(
                .POST, "api/v1/alerts/\(secondID)/acknowledge", token: fixture.token("c1"),
                body: #"{"note": "Called the client; safe with family tonight"}"#)
            #expect(acknowledged.status == .ok)
            #expect(try await dispatcher.run(now: later + 20 * 60).queued == 0)
            let forSecond = try receiver.delivered.filter { try Self.payload($0)["alert"] as? String == secondID }
            #expect(forSecond.count == 1)
            #expect(alertID != secondID)
            try await Self.expectNoClinicalContent(
                app, fixture, calls: receiver.calls, extra: ["Called the client", "family"])
        }
    }

    @Test("N is configurable; with no one on the rota the client's care team is told")
    func configurable() async throws {
        try await Self.withReceiver { receiver, app, fixture, clock in
            try await Self.configure(
                app, fixture, webhook: receiver.url,
                extra: [.urgentMinutes: "5", .rota: "mon 09:00-10:00 c2@test.example"])
            // The fixture's now is Monday 12:00 UTC: no one is on call.
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#)
            let dispatcher = Self.dispatcher(app)
            _ = try await dispatcher.run(now: clock.now)
            #expect(
                try receiver.delivered.map { try Self.payload($0)["recipient"] as? String } == ["c1@test.example"])
            // The urgent alert's 5 minutes pass: with no one on call there is no next person, and nothing is sent.
            #expect(try await dispatcher.run(now: clock.now + 5 * 60).queued == 0)
            let settings = NotificationSettings.from(
                history: try await app.repository.settingChanges(in: fixture.program))
            #expect(settings.escalation.urgentMinutes == 5)
        }
    }

    @Test("reminders: only for clients who opted in, once a day from their time, never in quiet hours, only when due")
    func reminders() async throws {
        try await Self.withReceiver { receiver, app, fixture, clock in
            try await Self.configure(app, fixture, webhook: receiver.url)
            let dispatcher = Self.dispatcher(app)
            // Nobody opted in: nothing.
            #expect(try await dispatcher.run(now: clock.now).queued == 0)
            let refused = try await app.call(
                .PUT, "api/v1/me/reminders", token: fixture.token("k1"),
                body: #"{"kinds": ["check-in"], "time": "22:00", "quietHours": "21:00-08:00"}"#)
            #expect(refused.status == .unprocessableEntity && refused.errorField == "time")
            let unknown = try await app.call(
                .PUT, "api/v1/me/reminders", token: fixture.token("k1"),
                body: #"{"kinds": ["sms"], "time": "12:30", "quietHours": "21:00-08:00"}"#)
            #expect(unknown.status == .unprocessableEntity && unknown.errorField == "kinds[0]")
            #expect(try await app.repository.reminderPreferences(of: fixture.k1) == nil)
            let saved = try await app.call(
                .PUT, "api/v1/me/reminders", token: fixture.token("k1"),
                body: #"{"kinds": ["check-in", "screening-day"], "time": "12:30", "quietHours": "21:00-08:00"}"#)
            #expect(saved.status == .ok && saved.json["kinds"] as? [String] == ["check-in", "screening-day"])
            #expect(try await app.call(.GET, "api/v1/me/reminders", token: fixture.token("c1")).status == .notFound)
            // 12:00: before the chosen time.
            #expect(try await dispatcher.run(now: clock.now).queued == 0)
            // 12:30: the check-in reminder (no check-in yet; not enrolled in CM, so no screening day).
            #expect(try await dispatcher.run(now: clock.now + 30 * 60).queued == 1)
            #expect(try await dispatcher.run(now: clock.now + 60 * 60).queued == 0)
            let call = try #require(receiver.delivered.first)
            let body = try Self.payload(call)
            #expect(body["event"] as? String == "reminder" && body["reminder"] as? String == "check-in")
            #expect(body["recipient"] as? String == "k1@test.example")
            // K2 chose the same, and checked in before 12:30: no reminder for K2.
            _ = try await app.call(
                .PUT, "api/v1/me/reminders", token: fixture.token("k2"),
                body: #"{"kinds": ["check-in"], "time": "12:30", "quietHours": "21:00-08:00"}"#)
            let checkIn = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k2"),
                body: #"{"mood": 6, "craving": 2, "sleepHours": 7, "used": false}"#)
            #expect(checkIn.status == .created)
            #expect(try await dispatcher.run(now: clock.now + 2 * 60 * 60).queued == 0)
            #expect(receiver.delivered.count == 1)
            try await Self.expectNoClinicalContent(app, fixture, calls: receiver.calls, extra: [])
            let audit = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(audit.contains("reminders.save"))
        }
    }

    @Test("the admin's form refuses a rota naming someone who is not staff here, naming the setting")
    func settingsForm() async throws {
        try await withBraidApp { app, fixture, _ in
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let page = try await admin.send(.GET, "admin/notifications")
            #expect(page.status == .ok && page.text.contains("On call now: "))
            let token = try #require(PageSession.csrf(in: page.text))
            for (rota, message) in [
                ("daily 00:00-00:00 k1@test.example", "is not an active staff account"),
                ("daily 00:00-00:00 c3@test.example", "is not an active staff account"),
                ("always c1@test.example", "write DAYS HH:MM-HH:MM EMAIL"),
            ] {
                let refused = try await admin.send(
                    .POST, "admin/notifications",
                    form: ["_csrf": token, "on-call-rota": rota, "reason": "cover", "escalate-emergency-minutes": "15"])
                #expect(refused.status == .unprocessableEntity && refused.text.contains(message), "\(rota)")
            }
            let saved = try await admin.send(
                .POST, "admin/notifications",
                form: [
                    "_csrf": token, "on-call-rota": "mon-fri 08:00-18:00 c1@test.example",
                    "notify-webhook-secret": Self.secret, "reason": "cover",
                ])
            #expect(saved.status == .seeOther)
            let shown = try await admin.send(.GET, "admin/notifications?saved=notifications")
            #expect(shown.text.contains("On call now: </strong>c1@test.example"))
            // The secret is never shown again, in the form or the history.
            #expect(!shown.text.contains(Self.secret))
            let settings = try await admin.send(.GET, "admin/settings")
            #expect(!settings.text.contains(Self.secret) && settings.text.contains("(a secret)"))
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await clinician.send(.GET, "admin/notifications").status == .notFound)
            #expect(fixture.program != fixture.otherProgram)
        }
    }

    /// Greps every notification that left Braid, and every one stored, for clinical content: the client's name,
    /// the alert's summary, the words of `NotificationContentCheck`, and the test's own note text.
    static func expectNoClinicalContent(
        _ app: Application, _ fixture: Fixture, calls: [WebhookReceiver.Call], extra: [String]
    ) async throws {
        let alerts = try await app.repository.alerts(of: [fixture.k1, fixture.k2], openOnly: false)
        let names = try await app.repository.clients(in: fixture.program).map(\.displayName)
        let stored = try await app.repository.notifications(in: fixture.program)
        #expect(!stored.isEmpty && !calls.isEmpty)
        // Recipients' addresses are who it goes to, not content: left out before the grep.
        let texts =
            (calls.map { String(decoding: $0.body, as: UTF8.self) }
            + stored.map { $0.message.subject + "\n" + $0.message.body })
            .map { $0.replacingOccurrences(of: #"[a-z0-9.]+@test\.example"#, with: "", options: .regularExpression) }
        let forbidden =
            ["suicid", "harm", "phq", "c-ssrs", "cssrs", "mood", "craving", "cocaine", "relapse", "depress", "score"]
            + alerts.map(\.summary) + names + extra
        for text in texts {
            for word in forbidden {
                #expect(!text.lowercased().contains(word.lowercased()), "'\(word)' in \(text)")
            }
        }
    }
}
