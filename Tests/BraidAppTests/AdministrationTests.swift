import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// Running a program through the web: accounts and invitations, deactivation, settings and thresholds, episodes
/// of care, the program lead. Runs on SQLite, and on PostgreSQL in CI's PostgreSQL pass.
@Suite("Running a program: invitations, deactivation, settings, thresholds, episodes, roles")
struct AdministrationTests {
    static func invitationLink(in page: String) throws -> String {
        let start = try #require(page.range(of: "/invite/"))
        return String(page[start.lowerBound...].prefix { $0 != "\"" })
    }

    static func csrf(_ session: PageSession, _ path: String = "admin") async throws -> String {
        try #require(PageSession.csrf(in: (try await session.send(.GET, path)).text))
    }

    @Test("an admin creates a client with a care team and an admission; the client sets a password once")
    func invitationJourney() async throws {
        try await withBraidApp { app, fixture, clock in
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let token = try await Self.csrf(admin)
            // Bad input: the page names the field and nothing is stored.
            let bad = try await admin.send(
                .POST, "admin/accounts",
                form: ["_csrf": token, "role": "client", "name": "Mo", "email": "mo@test.example"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("id=\"clinician-error\""))
            #expect(try await app.repository.credentials(email: "mo@test.example") == nil)
            let created = try await admin.send(
                .POST, "admin/accounts",
                form: [
                    "_csrf": token, "role": "client", "name": "Mo Q.", "email": "Mo@Test.example",
                    "clinician-\(fixture.clinician1)": "on", "admittedOn": "2026-06-14", "level": "php",
                    "referralSource": "family",
                ])
            #expect(created.status == .created)
            let link = try Self.invitationLink(in: created.text)
            let account = try #require(try await app.repository.credentials(email: "mo@test.example"))
            #expect(account.passwordHash.isEmpty)
            let client = try #require(
                try await app.repository.clients(in: fixture.program).first { $0.userID == account.account.id })
            #expect(client.careTeam == [fixture.clinician1])
            let episodes = try await app.repository.episodes(of: [client.ref])[client.id] ?? []
            #expect(episodes.map(\.levelAtAdmission) == [.php])
            #expect(episodes.first?.referralSource == .family)
            // Not yet able to sign in: there is no password.
            let early = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "mo@test.example", "password": ""])
            #expect(early.status == .unauthorized)

            let visitor = PageSession(app: app)
            let form = try await visitor.send(.GET, String(link.dropFirst()))
            #expect(form.status == .ok && form.text.contains("Welcome to Braid, Mo Q."))
            let short = try await visitor.send(
                .POST, String(link.dropFirst()), form: ["password": "short", "confirm": "short"])
            #expect(short.status == .unprocessableEntity && short.text.contains("id=\"password-error\""))
            let mismatch = try await visitor.send(
                .POST, String(link.dropFirst()), form: ["password": "mo-password-123", "confirm": "mo-password-124"])
            #expect(mismatch.status == .unprocessableEntity && mismatch.text.contains("id=\"confirm-error\""))
            let accepted = try await visitor.send(
                .POST, String(link.dropFirst()), form: ["password": "mo-password-123", "confirm": "mo-password-123"])
            #expect(accepted.status == .seeOther && accepted.headers.first(name: .location) == "/today")
            let signedIn = PageSession(
                app: app, cookie: accepted.headers.first(name: .setCookie).map { String($0.prefix { $0 != ";" }) })
            #expect(try await signedIn.send(.GET, "today").status == .ok)
            // Single use: the same link again changes nothing.
            let again = try await visitor.send(
                .POST, String(link.dropFirst()), form: ["password": "other-password-9", "confirm": "other-password-9"])
            #expect(again.status == .gone)
            let login = try await app.call(
                .POST, "api/v1/auth/token", body: #"{"email":"mo@test.example","password":"mo-password-123"}"#)
            #expect(login.status == .created || login.status == .ok)

            // A reset link for the same account expires after 72 hours.
            let page = try await admin.send(.GET, "admin/accounts/\(account.account.id)")
            #expect(page.text.contains("Make a password-reset link"))
            let reset = try await admin.send(
                .POST, "admin/accounts/\(account.account.id)/invitation", form: ["_csrf": token])
            #expect(reset.text.contains("One-time password-reset link for Mo Q."))
            let resetLink = try Self.invitationLink(in: reset.text)
            clock.advance(by: InvitationRules.lifetime + 1)
            let expired = try await PageSession(app: app).send(.GET, String(resetLink.dropFirst()))
            #expect(expired.status == .gone && expired.text.contains("expired"))
            #expect(try await PageSession(app: app).send(.GET, "invite/not-a-real-token").status == .notFound)

            let actions = try await app.repository.auditEvents().map(\.action)
            for action in ["account.create", "account.invite", "episode.admit", "account.invitation-used"] {
                #expect(actions.contains(action), "\(action) audited")
            }
        }
    }

    @Test("a deactivated account is refused on the API and the pages at once; its records stay")
    func deactivation() async throws {
        try await withBraidApp { app, fixture, _ in
            let page = try await PageSession.signIn(app, email: "k1@test.example")
            #expect(try await page.send(.GET, "today").status == .ok)
            // The token is used once, so this process's token cache holds it.
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("k1")).status == .ok)
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 5, "craving": 2, "sleepHours": 7, "used": false}"#)
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let token = try await Self.csrf(admin)
            let k1 = try #require(try await app.repository.credentials(email: "k1@test.example")?.account)
            let done = try await admin.send(.POST, "admin/accounts/\(k1.id)/deactivate", form: ["_csrf": token])
            #expect(done.status == .seeOther)
            #expect(try await app.call(.GET, "api/v1/me", token: fixture.token("k1")).status == .unauthorized)
            let after = try await page.send(.GET, "today")
            #expect(after.status == .seeOther && after.headers.first(name: .location) == "/login")
            let login = try await app.call(
                .POST, "api/v1/auth/token", body: #"{"email":"k1@test.example","password":"correct horse battery"}"#)
            #expect(login.status == .unauthorized)
            let pageLogin = try await PageSession(app: app).send(
                .POST, "login", form: ["email": "k1@test.example", "password": "correct horse battery"])
            #expect(pageLogin.status == .unauthorized)
            #expect(try await app.repository.checkIns(of: fixture.k1).count == 1)
            let list = try await admin.send(.GET, "admin")
            #expect(list.text.contains("data-state=\"deactivated\""))
            // An admin cannot deactivate themself, nor reach another program's account.
            let selfRefused = try await admin.send(
                .POST, "admin/accounts/\(fixture.admin)/deactivate", form: ["_csrf": token])
            #expect(selfRefused.status == .unprocessableEntity)
            let k3 = try #require(try await app.repository.credentials(email: "k3@test.example")?.account)
            #expect(
                try await admin.send(.POST, "admin/accounts/\(k3.id)/deactivate", form: ["_csrf": token]).status
                    == .notFound)
            #expect(try await app.repository.user(k3.id)?.isActive == true)
            // A clinician who is the only one on a client's team is not deactivated until the client has another.
            let lonely = try await admin.send(
                .POST, "admin/accounts/\(fixture.clinician2)/deactivate", form: ["_csrf": token])
            #expect(lonely.status == .unprocessableEntity)
            #expect(lonely.text.contains("first give these clients another clinician") && lonely.text.contains("k2"))
            #expect(try await app.repository.user(fixture.clinician2)?.isActive == true)
            let k2 = try #require(try await app.repository.credentials(email: "k2@test.example")?.account)
            let team = try await admin.send(
                .POST, "admin/accounts/\(k2.id)/care-team",
                form: [
                    "_csrf": token, "clinician-\(fixture.clinician1)": "on", "clinician-\(fixture.clinician2)": "on",
                ])
            #expect(team.status == .seeOther)
            let now = try await admin.send(
                .POST, "admin/accounts/\(fixture.clinician2)/deactivate", form: ["_csrf": token])
            #expect(now.status == .seeOther)
            // An empty care team is refused.
            let empty = try await admin.send(.POST, "admin/accounts/\(k2.id)/care-team", form: ["_csrf": token])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("id=\"clinician-error\""))
        }
    }

    @Test("only admins reach the admin pages; a program lead reads aggregates only")
    func roles() async throws {
        try await withBraidApp { app, fixture, _ in
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await clinician.send(.GET, "admin").status == .notFound)
            #expect(try await clinician.send(.GET, "admin/settings").status == .notFound)
            #expect(try await clinician.send(.GET, "program").status == .notFound)
            let lead = UserAccount(
                id: .random(), programID: fixture.program, role: .programLead, email: "lead@test.example", name: "L")
            try await app.repository.createUser(
                lead, passwordHash: try Passwords.hash("correct horse battery", cost: 4), now: Fixture.now)
            let session = try await PageSession.signIn(app, email: "lead@test.example")
            let overview = try await session.send(.GET, "program")
            #expect(overview.status == .ok && overview.text.contains("id=\"census\""))
            // No client's name, email or id: the names are "k1" and "k2", so they are looked for as whole words,
            // not inside the page's random CSRF token.
            for (name, id) in [("k1", fixture.client1), ("k2", fixture.client2)] {
                #expect(!overview.text.contains(">\(name)<") && !overview.text.contains("\(name)@test.example"))
                #expect(!overview.text.contains(id.description))
            }
            #expect(try await session.send(.GET, "program?days=7").status == .badRequest)
            #expect(try await session.send(.GET, "caseload").headers.first(name: .location) == "/program")
            #expect(
                try await session.send(.GET, "clients/\(fixture.client1)").headers.first(name: .location) == "/program")
            #expect(try await session.send(.GET, "admin").status == .notFound)
            let token = Tokens.make()
            try await app.repository.createToken(
                hash: Tokens.hash(token), for: lead.id, now: Fixture.now, expiresAt: Fixture.now.addingTimeInterval(600)
            )
            #expect(try await app.call(.GET, "api/v1/clients", token: token).status == .notFound)
            #expect(try await app.call(.GET, "api/v1/clients/\(fixture.client1)", token: token).status == .notFound)
            #expect(try await app.call(.GET, "api/v1/alerts", token: token).status == .notFound)
        }
    }

    @Test("a moved threshold needs a reason, is audited and kept, and changes the caseload at once")
    func thresholds() async throws {
        try await withBraidApp { app, fixture, _ in
            // k1 checks in on 3 of the last 7 days (4 missed): the default flags 3 or more, a threshold of 5 does not.
            for offset in [0, 3, 6] {
                let date = CalendarDate(date: Fixture.now, timeZone: TimeZone(identifier: "UTC")!).adding(days: -offset)
                let response = try await app.call(
                    .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                    body: #"{"date": "\#(date)", "mood": 6, "craving": 2, "sleepHours": 7, "used": false}"#)
                #expect(response.status == .created)
            }
            func flags() async throws -> [String] {
                let caseload = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
                let clients = caseload.json["clients"] as? [[String: Any]] ?? []
                let k1 = clients.first { $0["id"] as? String == fixture.client1.description }
                return (k1?["flags"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(try await flags().contains("missed-check-ins"))
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let token = try await Self.csrf(admin, "admin/settings")
            let noReason = try await admin.send(
                .POST, "admin/settings/thresholds", form: ["_csrf": token, "missed-check-ins-of-7": "5"])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("id=\"thresholdReason-error\""))
            let outOfRange = try await admin.send(
                .POST, "admin/settings/thresholds",
                form: ["_csrf": token, "missed-check-ins-of-7": "9", "reason": "Fewer alarms"])
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(outOfRange.text.contains("9 is not allowed (allowed: 1–7, whole numbers)"))
            #expect(try await app.repository.settingChanges(in: fixture.program).isEmpty)
            #expect(try await flags().contains("missed-check-ins"))

            let saved = try await admin.send(
                .POST, "admin/settings/thresholds",
                form: ["_csrf": token, "missed-check-ins-of-7": "5", "reason": "Clinical lead: fewer false alarms"])
            #expect(saved.status == .seeOther)
            #expect(try await !flags().contains("missed-check-ins"))
            let history = try await app.repository.settingChanges(in: fixture.program)
            #expect(history.count == 1)
            #expect(history.first?.setting == "missed-check-ins-of-7")
            #expect(history.first?.oldValue == "3" && history.first?.newValue == "5")
            #expect(history.first?.changedBy == fixture.admin)
            #expect(try await app.repository.auditEvents().contains { $0.action == "program.threshold-change" })
            let page = try await admin.send(.GET, "admin/settings")
            #expect(page.text.contains("Clinical lead: fewer false alarms"))
            #expect(page.text.contains("value=\"5\""))
            // Saving the same values again records nothing.
            let same = try await admin.send(
                .POST, "admin/settings/thresholds",
                form: ["_csrf": token, "missed-check-ins-of-7": "5", "reason": "again"])
            #expect(same.headers.first(name: .location) == "/admin/settings?saved=unchanged")
            #expect(try await app.repository.settingChanges(in: fixture.program).count == 1)
            // The other program keeps the default.
            #expect(try await app.repository.thresholds(of: fixture.otherProgram).isEmpty)
        }
    }

    @Test("program settings: checked, saved with a reason, followed at once (the crisis line on every page)")
    func programSettings() async throws {
        try await withBraidApp { app, fixture, _ in
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let token = try await Self.csrf(admin, "admin/settings")
            let badZone = try await admin.send(
                .POST, "admin/settings",
                form: [
                    "_csrf": token, "name": "Test program", "timeZone": "Mars/Olympus", "crisisLine": "555-0199",
                    "reason": "move",
                ])
            #expect(badZone.status == .unprocessableEntity && badZone.text.contains("id=\"timeZone-error\""))
            let taken = try await admin.send(
                .POST, "admin/settings",
                form: [
                    "_csrf": token, "name": "other PROGRAM", "timeZone": "UTC", "crisisLine": "555-0199",
                    "reason": "rename",
                ])
            #expect(taken.status == .unprocessableEntity && taken.text.contains("id=\"name-error\""))
            let saved = try await admin.send(
                .POST, "admin/settings",
                form: [
                    "_csrf": token, "name": "Harbor IOP", "timeZone": "America/New_York",
                    "crisisLine": "555-0123 (Harbor line)", "reason": "Program opened its own line",
                ])
            #expect(saved.status == .seeOther)
            let program = try #require(try await app.repository.program(fixture.program))
            #expect(program.name == "Harbor IOP" && program.timeZone == "America/New_York")
            let today = try await (try await PageSession.signIn(app, email: "k1@test.example")).send(.GET, "today")
            #expect(today.text.contains("555-0123 (Harbor line)"))
            let history = try await app.repository.settingChanges(in: fixture.program)
            #expect(Set(history.map(\.setting)) == ["name", "time-zone", "crisis-line"])
            #expect(history.allSatisfy { $0.reason == "Program opened its own line" })
        }
    }

    @Test("episodes: discharge hides a client from the caseload and its flags; a safety answer still alerts")
    func episodes() async throws {
        try await withBraidApp { app, fixture, _ in
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            let chart = try await clinician.send(.GET, "clients/\(fixture.client1)")
            #expect(chart.text.contains("data-episode-status=\"not-admitted\""))
            let token = try #require(PageSession.csrf(in: chart.text))
            let future = try await clinician.send(
                .POST, "clients/\(fixture.client1)/episodes",
                form: ["_csrf": token, "admittedOn": "2026-06-16", "level": "iop", "referralSource": "self"])
            #expect(future.status == .unprocessableEntity && future.text.contains("id=\"admittedOn-error\""))
            let admitted = try await clinician.send(
                .POST, "clients/\(fixture.client1)/episodes",
                form: ["_csrf": token, "admittedOn": "2026-05-01", "level": "iop", "referralSource": "primary-care"])
            #expect(admitted.status == .seeOther)
            // Another clinician's client is not found.
            let foreign = try await clinician.send(
                .POST, "clients/\(fixture.client2)/discharge",
                form: ["_csrf": token, "dischargedOn": "2026-06-10", "reason": "completed"])
            #expect(foreign.status == .notFound)
            let badReason = try await clinician.send(
                .POST, "clients/\(fixture.client1)/discharge",
                form: ["_csrf": token, "dischargedOn": "2026-06-10", "reason": "bored"])
            #expect(badReason.status == .unprocessableEntity && badReason.text.contains("id=\"reason-error\""))
            let discharged = try await clinician.send(
                .POST, "clients/\(fixture.client1)/discharge",
                form: ["_csrf": token, "dischargedOn": "2026-06-10", "reason": "completed"])
            #expect(discharged.status == .seeOther)

            func caseload(_ query: String = "") async throws -> [[String: Any]] {
                let response = try await app.call(.GET, "api/v1/clients\(query)", token: fixture.token("c1"))
                #expect(response.status == .ok)
                return response.json["clients"] as? [[String: Any]] ?? []
            }
            #expect(try await caseload().isEmpty)
            let gone = try await caseload("?show=discharged")
            #expect(gone.count == 1 && gone.first?["episodeStatus"] as? String == "discharged")
            #expect(
                try await app.call(.GET, "api/v1/clients?show=everyone", token: fixture.token("c1")).status
                    == .badRequest)
            let page = try await clinician.send(.GET, "caseload?show=discharged")
            #expect(page.text.contains("data-status=\"discharged\""))
            #expect(try await clinician.send(.GET, "caseload?show=x").status == .badRequest)

            // After discharge: check-ins are kept and raise no flags, but a safety answer opens an alert for the
            // last care team, and the client shows on the default caseload while it is open.
            let checkIn = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 1, "craving": 9, "sleepHours": 3, "used": true, "safety": true}"#)
            #expect(checkIn.status == .created && checkIn.json["safetyAlert"] != nil)
            let withAlert = try await caseload()
            #expect(withAlert.count == 1)
            #expect((withAlert.first?["openAlerts"] as? [Any])?.count == 1)
            #expect((withAlert.first?["flags"] as? [Any])?.isEmpty == true)
            #expect(withAlert.first?["episodeStatus"] as? String == "discharged")

            // Readmission opens a new episode; the client is back in care.
            let readmitted = try await clinician.send(
                .POST, "clients/\(fixture.client1)/episodes",
                form: ["_csrf": token, "admittedOn": "2026-06-14", "level": "php", "referralSource": "self"])
            #expect(readmitted.status == .seeOther)
            let episodes = try await app.repository.episodes(of: [fixture.k1])[fixture.client1] ?? []
            #expect(episodes.count == 2 && episodes[0].dischargeReason == .completed && episodes[1].isActive)
            #expect(try await caseload().first?["episodeStatus"] as? String == "active")
            let actions = try await app.repository.auditEvents(client: fixture.client1).map(\.action)
            #expect(actions.filter { $0 == "episode.admit" }.count == 2 && actions.contains("episode.discharge"))
        }
    }
}
