import BraidCore
import BraidStore
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import BraidApp

/// Makes every alert insert fail, so a test can prove that a write whose alert cannot be stored is not stored
/// either (the write and its effects share one transaction). A real trigger in the real database, not a mock.
enum InjectedAlertFailure {
    static func install(_ app: Application) async throws {
        let sql = app.db as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                "CREATE TRIGGER braid_test_fail_alerts BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'injected'); END"
            ).run()
        } else {
            try await sql.raw(
                "CREATE FUNCTION braid_test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$ LANGUAGE plpgsql"
            ).run()
            try await sql.raw(
                "CREATE TRIGGER braid_test_fail_alerts BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION braid_test_fail()"
            ).run()
        }
    }

    /// Rows in a table (the test checks that nothing was left behind).
    static func count(_ table: String, _ app: Application) async throws -> Int {
        struct Row: Decodable { let n: Int }
        let sql = app.db as! any SQLDatabase
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decoding: Row.self)?.n ?? -1
    }
}

/// Every door a clinical write can come through: a safety answer opens exactly one alert, in the write's own
/// transaction, and a failure after the write leaves neither the row nor the alert.
@Suite("One write path: every door opens exactly one alert for a safety answer, in the same transaction")
struct WriteDoorTests {
    static let safetyCheckIn = #"{"mood": 2, "craving": 8, "sleepHours": 4, "used": true, "safety": true}"#

    /// A CSV whose most recent day answers the safety question yes (the bug found in issue 9: no alert).
    static func safetyCSV(today: CalendarDate) -> String {
        var lines = ["date,mood,craving,sleep_hours,used,enjoyment,energy,irritability,safety"]
        for offset in stride(from: 9, through: 0, by: -1) {
            let date = today.adding(days: -offset)
            lines.append("\(date),\(offset == 0 ? 2 : 5),4,7,0,,,,\(offset == 0 ? 1 : 0)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static var today: CalendarDate { CalendarDate(date: Fixture.now, timeZone: TimeZone(identifier: "UTC")!) }

    @Test("API: POST /me/checkins with safety yes opens one alert; if the alert cannot be stored, nothing is")
    func api() async throws {
        try await withBraidApp { app, fixture, _ in
            let ok = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"), body: Self.safetyCheckIn)
            #expect(ok.status == .created)
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).count == 1)
            try await InjectedAlertFailure.install(app)
            let failed = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k2"), body: Self.safetyCheckIn)
            #expect(failed.status == .internalServerError)
            #expect(try await app.repository.checkIns(of: fixture.k2, includeHistory: true).isEmpty)
            #expect(try await InjectedAlertFailure.count("alerts", app) == 1)
        }
    }

    @Test("API: a PHQ-9 with item 9 > 0 opens one alert; a failed alert leaves no assessment")
    func apiAssessment() async throws {
        try await withBraidApp { app, fixture, _ in
            let body = #"{"instrument": "phq9", "answers": [1,1,1,1,1,1,1,1,2]}"#
            let path = "api/v1/clients/\(fixture.client1)/assessments"
            #expect(try await app.call(.POST, path, token: fixture.token("c1"), body: body).status == .created)
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).count == 1)
            try await InjectedAlertFailure.install(app)
            #expect(
                try await app.call(.POST, path, token: fixture.token("c1"), body: body).status == .internalServerError)
            #expect(try await app.repository.assessments(of: fixture.k1).count == 1)
        }
    }

    @Test("web: the Today form with safety yes opens one alert; a failed alert leaves no check-in")
    func web() async throws {
        try await withBraidApp { app, fixture, _ in
            let form = ["mood": "1", "craving": "9", "sleepHours": "3", "used": "true", "safety": "true"]
            let k1 = try await PageSession.signIn(app, email: "k1@test.example")
            let token1 = try #require(PageSession.csrf(in: (try await k1.send(.GET, "today")).text))
            #expect(try await k1.send(.POST, "today", form: form.merging(["_csrf": token1]) { $1 }).status == .ok)
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).count == 1)
            try await InjectedAlertFailure.install(app)
            let k2 = try await PageSession.signIn(app, email: "k2@test.example")
            let token2 = try #require(PageSession.csrf(in: (try await k2.send(.GET, "today")).text))
            let failed = try await k2.send(.POST, "today", form: form.merging(["_csrf": token2]) { $1 })
            #expect(failed.status == .internalServerError)
            #expect(try await app.repository.checkIns(of: fixture.k2, includeHistory: true).isEmpty)
        }
    }

    @Test("web: a clinician's C-SSRS form opens one alert; a failed alert leaves no assessment")
    func webAssessment() async throws {
        try await withBraidApp { app, fixture, _ in
            let c1 = try await PageSession.signIn(app, email: "c1@test.example")
            let page = try await c1.send(.GET, "clients/\(fixture.client1)/assessments/new?instrument=cssrs")
            let token = try #require(PageSession.csrf(in: page.text))
            var form = ["_csrf": token, "instrument": "cssrs"]
            for (item, answer) in zip(Instrument.definition(.cssrs).items, ["1", "0", "", "", "", "0", ""]) {
                form[item.id] = answer
            }
            let saved = try await c1.send(.POST, "clients/\(fixture.client1)/assessments", form: form)
            #expect(saved.status == .seeOther)
            #expect(try await app.repository.alerts(of: [fixture.k1], openOnly: true).count == 1)
            try await InjectedAlertFailure.install(app)
            let failed = try await c1.send(.POST, "clients/\(fixture.client1)/assessments", form: form)
            #expect(failed.status == .internalServerError)
            #expect(try await app.repository.assessments(of: fixture.k1).count == 1)
        }
    }

    @Test("CSV import: a recent safety answer opens one alert (it opened none before); a failure stores no day")
    func csvImport() async throws {
        try await withBraidApp { app, fixture, _ in
            let days = try CheckInCSV.parse(Self.safetyCSV(today: Self.today))
            let result = try await DataImport.checkIns(app, clientEmail: "k1@test.example", days: days)
            #expect(result.imported == 10 && result.alertsOpened == 1)
            let alerts = try await app.repository.alerts(of: [fixture.k1], openOnly: true)
            #expect(alerts.count == 1)
            #expect(alerts.first?.source == .checkIn)
            #expect(alerts.first?.summary.contains(Self.today.description) == true)
            let checkIns = try await app.repository.checkIns(of: fixture.k1)
            #expect(alerts.first?.sourceID == checkIns.last?.id)
            let audit = try await app.repository.auditEvents(client: fixture.client1).filter {
                $0.action == "checkin.import"
            }
            #expect(audit.count == 1)  // one import, one audited act
            try await InjectedAlertFailure.install(app)
            await #expect(throws: (any Error).self) {
                _ = try await DataImport.checkIns(app, clientEmail: "k2@test.example", days: days)
            }
            #expect(try await app.repository.checkIns(of: fixture.k2, includeHistory: true).isEmpty)
        }
    }

    @Test("CSV import refuses a day after today and stores nothing")
    func csvImportFuture() async throws {
        try await withBraidApp { app, fixture, _ in
            let csv =
                "date,mood,craving,sleep_hours,used\n\(Self.today),5,4,7,0\n\(Self.today.adding(days: 1)),5,4,7,0\n"
            let days = try CheckInCSV.parse(csv)
            let error = await #expect(throws: ValidationError.self) {
                _ = try await DataImport.checkIns(app, clientEmail: "k1@test.example", days: days)
            }
            #expect(error?.field == "file")
            #expect(try await app.repository.checkIns(of: fixture.k1, includeHistory: true).isEmpty)
        }
    }

    @Test("demo generator: client 2's safety check-in opens one alert; a failure leaves no check-in")
    func demo() async throws {
        try await withBraidApp { app, _, _ in
            _ = try await DemoProgram.ensure(app)
            let demo = try #require(try await app.repository.demoProgram())
            let clients = try await app.repository.clients(in: demo.id)
            let alerts = try await app.repository.alerts(of: clients.map(\.ref), openOnly: false)
            #expect(alerts.filter { $0.source == .checkIn }.count == 1)
        }
        try await withBraidApp { app, _, _ in
            try await InjectedAlertFailure.install(app)
            await #expect(throws: (any Error).self) { _ = try await DemoProgram.ensure(app) }
            // The first demo client has no safety answer and was stored; the second one's check-ins, the first with
            // one, were rolled back with the alert that could not be stored.
            let demo = try #require(try await app.repository.demoProgram())
            let clients = try await app.repository.clients(in: demo.id)
            let first = try #require(clients.first { $0.displayName == "Alex M." })
            let second = try #require(clients.first { $0.displayName == "Blair T." })
            #expect(try await app.repository.checkIns(of: first.ref).count > 60)
            #expect(try await app.repository.checkIns(of: second.ref, includeHistory: true).isEmpty)
        }
    }
}
