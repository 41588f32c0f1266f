import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("OpenAPI, audit, configuration, demo")
struct ServiceTests {
    @Test("the OpenAPI document lists exactly the registered API routes")
    func openAPIMatchesRoutes() async throws {
        try await withBraidApp { app, _, _ in
            let response = try await app.call(.GET, "api/v1/openapi.json")
            #expect(response.json["openapi"] as? String == "3.1.0")
            let paths = try #require(response.json["paths"] as? [String: [String: Any]])
            let documented = Set(
                paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    "\(route.method.rawValue) /"
                        + route.path.map { component in
                            component.description.hasPrefix(":")
                                ? "{\(component.description.dropFirst())}" : component.description
                        }.joined(separator: "/")
                })
            #expect(registered.count == APIRoute.allCases.count)
            #expect(documented == registered)
        }
    }

    @Test("reads and writes of client data are audited with actor, role, action, client and request id; no content")
    func audit() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "note": "private words"}"#)
            let read = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/checkins", token: fixture.token("c1"))
            _ = try await app.call(.GET, "api/v1/clients", token: fixture.token("c1"))
            let events = try await app.repository.auditEvents(client: fixture.client1)
            #expect(Set(events.map(\.action)) == ["checkin.create", "checkins.read", "caseload.read"])
            let readEvent = try #require(events.first { $0.action == "checkins.read" })
            #expect(readEvent.actorID == fixture.clinician1)
            #expect(readEvent.role == .clinician)
            #expect(readEvent.requestID == read.headers.first(name: "X-Request-ID"))
            #expect(readEvent.at == Fixture.now)
            #expect(events.allSatisfy { !$0.action.contains("private") && !($0.requestID ?? "").contains("private") })
        }
    }

    @Test("production settings: every missing one is listed at once")
    func configuration() throws {
        #expect(throws: ConfigurationError.self) {
            _ = try BraidConfiguration.load(environment: ["BRAID_ENV": "production"], sqlitePath: "x.sqlite")
        }
        do {
            _ = try BraidConfiguration.load(
                environment: ["BRAID_ENV": "production", "BRAID_TOKEN_HOURS": "0", "DATABASE_URL": "mysql://x"],
                sqlitePath: "x.sqlite")
        } catch {
            #expect(error.problems.count == 5)
            #expect(error.problems.contains { $0.hasPrefix("BRAID_NOTES_KEY_FILE or BRAID_NOTES_KEY") })
            #expect(error.problems.contains { $0.hasPrefix("BRAID_CRISIS_LINE") })
            #expect(error.problems.contains { $0.hasPrefix("BRAID_TIME_ZONE") })
            #expect(error.problems.contains { $0.hasPrefix("BRAID_TOKEN_HOURS") })
            #expect(error.problems.contains { $0.hasPrefix("DATABASE_URL") })
        }
        let ok = try BraidConfiguration.load(
            environment: [
                "BRAID_ENV": "production", "BRAID_CRISIS_LINE": "555-0100", "BRAID_TIME_ZONE": "America/Chicago",
                "DATABASE_URL": "postgres://u:p@localhost:5432/braid",
                "BRAID_NOTES_KEY": "k1 " + Data(repeating: 7, count: 32).base64EncodedString(),
            ], sqlitePath: "x.sqlite")
        #expect(ok.crisisResources.programLine == "555-0100")
        #expect(try ok.notesKey?.load().current.id == "k1")
        #expect(!ok.database.isSQLite)
        #expect(!ok.database.description.contains("u:p"))
        let development = try BraidConfiguration.load(environment: [:], sqlitePath: "dev.sqlite")
        #expect(development.database == .sqliteFile(path: "dev.sqlite"))
    }

    @Test("the demo program: 12 clients over two clinicians, all four profiles, open alerts; created once")
    func demo() async throws {
        try await withBraidApp { app, _, _ in
            let logins = try await DemoProgram.ensure(app)
            #expect(logins.filter { $0.role == .client }.count == 12)
            let again = try await DemoProgram.ensure(app)
            #expect(again == logins)
            let demo = try #require(try await app.repository.demoProgram())
            let clients = try await app.repository.clients(in: demo.id)
            #expect(clients.count == 12)
            let sign = try await app.call(
                .POST, "api/v1/auth/token",
                body: #"{"email": "rivera@demo.braid.test", "password": "demo-clinician-password"}"#)
            let token = try #require(sign.json["token"] as? String)
            let caseload = try await app.call(.GET, "api/v1/clients", token: token)
            let summaries = try #require(caseload.json["clients"] as? [[String: Any]])
            #expect(summaries.count == 7)  // six of her own and one shared
            #expect(((summaries.first?["openAlerts"] as? [Any])?.count ?? 0) > 0)
            let classes = Set(summaries.compactMap { $0["classification"] as? String })
            #expect(classes.isSuperset(of: ["crash-driven", "persistent", "mixed", "not-low"]))

            // Running the program: every client has an episode; Kai D. was readmitted, Logan F. discharged (off
            // the default caseload, no flags); a settings history; an invited clinician without a password.
            // Recovery tools (issue 14): records for the first six, two groups with sessions and homework, Finley J.
            // in Spanish, and no diary-card alert.
            let alex = try #require(clients.first { $0.displayName == "Alex M." })
            #expect(try await !app.repository.recoveryItems(.thoughtRecord, of: alex.ref).isEmpty)
            #expect(try await app.repository.recoveryItems(.diaryCard, of: alex.ref).count == 2)
            #expect(try await !app.repository.recoveryItems(.supportContact, of: alex.ref).isEmpty)
            let groups = try await app.repository.groups(in: demo.id)
            #expect(groups.count == 2 && groups.allSatisfy { !$0.members.isEmpty })
            #expect(try await !app.repository.attendance(of: alex.ref).isEmpty)
            let finley = try #require(clients.first { $0.displayName == "Finley J." })
            #expect(try await app.repository.language(of: finley.userID) == .es)
            // The signed plans' goals include those the recovery tools feed, with progress computed from them.
            let alexPlan = try await app.call(.GET, "api/v1/clients/\(alex.id)/plan", token: token)
            let goals = ((alexPlan.json["current"] as? [String: Any])?["goals"] as? [[String: Any]]) ?? []
            let fed = goals.filter { ["diary-card-5-of-7", "group-attendance-80"].contains($0["target"] as? String) }
            #expect(fed.count == 2 && fed.allSatisfy { ($0["progress"] as? String).map { $0 != "no-data" } ?? false })
            let demoAlerts = try await app.repository.alerts(of: clients.map(\.ref), openOnly: false)
            #expect(!demoAlerts.contains { $0.source == .diaryCard })
            let episodes = try await app.repository.episodes(of: clients.map(\.ref))
            #expect(clients.allSatisfy { !(episodes[$0.id] ?? []).isEmpty })
            let kai = try #require(clients.first { $0.displayName == "Kai D." })
            #expect(episodes[kai.id]?.count == 2 && episodes[kai.id]?.first?.dischargeReason == .leftAgainstAdvice)
            #expect(episodes[kai.id]?.last?.isActive == true)
            let logan = try #require(clients.first { $0.displayName == "Logan F." })
            #expect(EpisodeStatus(episodes: episodes[logan.id] ?? []).isInCare == false)
            let chen = try #require(
                try await app.call(
                    .POST, "api/v1/auth/token",
                    body: #"{"email": "chen@demo.braid.test", "password": "demo-clinician-password"}"#
                ).json["token"] as? String)
            let chenCaseload = try await app.call(.GET, "api/v1/clients", token: chen)
            let names = (chenCaseload.json["clients"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("Kai D.") && !names.contains("Logan F."))
            let discharged = try await app.call(.GET, "api/v1/clients?show=discharged", token: chen)
            let gone = try #require((discharged.json["clients"] as? [[String: Any]])?.first)
            #expect(gone["name"] as? String == "Logan F." && (gone["flags"] as? [Any])?.isEmpty == true)
            #expect(
                try await app.repository.settingChanges(in: demo.id).map(\.setting) == [
                    "cm-screening-days", "on-call-rota", "reliable-change-pcl5",
                ])
            // Contingency management: Alex on vouchers with a payout, a client on prize draws, both earning.
            var schedules: [ContingencyManagement.Schedule] = []
            for client in try await app.repository.clients(in: demo.id) {
                guard let ledger = try await app.repository.contingency(of: client.ref) else { continue }
                schedules.append(ledger.enrollment.terms.schedule)
                #expect(
                    ledger.lines.contains { $0.earnedCents > 0 } && ledger.enrollment.terms.screeningDays == [1, 4])
                if ledger.enrollment.terms.schedule == .prizes { #expect(ledger.lines.contains { !$0.draws.isEmpty }) }
            }
            #expect(schedules.sorted { $0.rawValue < $1.rawValue } == [.prizes, .vouchers])
            let accounts = try await app.repository.users(in: demo.id)
            let invited = try #require(accounts.first { $0.email == "park@demo.braid.test" })
            #expect(try await !app.repository.accountsWithPassword(in: demo.id).contains(invited.id))
            #expect(try await app.repository.openInvitations(in: demo.id, now: app.clock())[invited.id] != nil)
            #expect(accounts.contains { $0.role == .programLead })

            // Levels of care: clients at IOP and at PHP with a history of levels, a pending step-up, a step-down due.
            let today = app.braid.today(now: app.clock())
            var levels: Set<LevelOfCare> = []
            var steps: [LevelRecommendation.Step?] = []
            var histories = 0
            for client in clients where client.displayName != "Logan F." {
                let evaluation = try await app.repository.levelEvidence(of: client.ref, through: today)
                    .evaluate(today: today)
                if let level = evaluation.current?.level { levels.insert(level) }
                steps.append(evaluation.recommendation.stepDirection)
                if try await !app.repository.levelDecisions(of: client.ref).isEmpty { histories += 1 }
            }
            #expect(levels.isSuperset(of: [.iop, .php]))
            #expect(steps.contains(.up) && steps.contains(.down))
            #expect(histories >= 6)
            for client in clients {
                #expect(
                    try await !app.repository.planVersions(of: client.ref).isEmpty, "\(client.displayName) has a plan")
            }
        }
    }

    @Test("two programs in one database: an admin sees and changes only its own program's accounts and settings")
    func programIsolation() async throws {
        try await withBraidApp { app, fixture, _ in
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            let page = try await admin.send(.GET, "admin")
            #expect(page.text.contains("k1@test.example") && !page.text.contains("k3@test.example"))
            #expect(!page.text.contains("c3@test.example"))
            let c3 = try #require(try await app.repository.credentials(email: "c3@test.example")?.account)
            #expect(try await admin.send(.GET, "admin/accounts/\(c3.id)").status == .notFound)
            let token = try #require(PageSession.csrf(in: page.text))
            // A client of this program cannot be given another program's clinician.
            let k1 = try #require(try await app.repository.credentials(email: "k1@test.example")?.account)
            let foreign = try await admin.send(
                .POST, "admin/accounts/\(k1.id)/care-team", form: ["_csrf": token, "clinician-\(c3.id)": "on"])
            #expect(foreign.status == .unprocessableEntity)
            #expect(
                try await app.repository.client(fixture.client1, in: fixture.program)?.careTeam == [fixture.clinician1])
            let created = try await admin.send(
                .POST, "admin/accounts",
                form: [
                    "_csrf": token, "role": "client", "name": "Z", "email": "z@test.example",
                    "clinician-\(c3.id)": "on",
                ])
            #expect(created.status == .unprocessableEntity)
            #expect(try await app.repository.credentials(email: "z@test.example") == nil)
            _ = try await admin.send(
                .POST, "admin/settings/thresholds",
                form: ["_csrf": token, "phq9-flag-at-least": "12", "reason": "Our lead's choice"])
            #expect(try await app.repository.thresholds(of: fixture.program) == [.phq9FlagAtLeast: 12])
            #expect(try await app.repository.thresholds(of: fixture.otherProgram).isEmpty)
            #expect(try await app.programContext(fixture.otherProgram).clinical.analysis.phq9FlagAtLeast == 10)
            #expect(try await app.programContext(fixture.program).clinical.analysis.phq9FlagAtLeast == 12)
        }
    }
}

@Suite("Demo data helpers")
struct DemoDataTests {
    @Test("PHQ item scores add up to the total, stay within 0…3 and keep item 9 as given")
    func items() {
        for total in [0, 7, 17, 25] {  // 25 = eight free items at 3 plus item 9
            let scores = DemoHistory.items(total: total, count: 9, item9: 1)
            #expect(scores.compactMap { $0 }.reduce(0, +) == max(total, 1))
            #expect(scores.allSatisfy { (0...3).contains($0 ?? -1) })
            #expect(scores[8] == 1)
        }
        #expect(DemoHistory.items(total: 30, count: 7).compactMap { $0 } == Array(repeating: 3, count: 7))
    }
}
