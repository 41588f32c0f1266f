import BraidCore
import BraidStore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

/// The program lead's report page (§9, issue 13) over six episodes read from the store. The fixture's today is
/// Monday 2026-06-15.
@Suite("Program report page: aggregates from the store, never a name; downloads; bad ranges refused")
struct ProgramReportAppTests {
    /// Six clients of the test program admitted on 1 May, each with PHQ-9 16 on 2 May and 8 on 10 June, and one
    /// check-in; returns the program lead's session.
    static func seedCohort(_ app: Application, _ fixture: Fixture) async throws -> PageSession {
        let repository = app.repository
        let hash = try Passwords.hash("correct horse battery", cost: 4)
        var clients = [fixture.client1]
        for index in 4...8 {
            let account = UserAccount(
                id: .random(), programID: fixture.program, role: .client, email: "r\(index)@test.example",
                name: "Reportee \(index)")
            let id = ClientID.random()
            try await repository.createUser(
                account, passwordHash: hash, clientID: id, careTeam: [fixture.clinician1], now: Fixture.now)
            clients.append(id)
        }
        for client in clients {
            try await repository.admit(
                Episode(
                    id: .random(), clientID: client, programID: fixture.program,
                    admittedOn: CalendarDate(iso: "2026-05-01")!, levelAtAdmission: .iop, referralSource: .selfReferred),
                by: fixture.clinician1, now: Fixture.now)
            for (date, answers) in [("2026-05-02", "[2,2,2,2,2,2,2,2,0]"), ("2026-06-10", "[1,1,1,1,1,1,1,1,0]")] {
                let saved = try await app.call(
                    .POST, "api/v1/clients/\(client)/assessments", token: fixture.token("c1"),
                    body: #"{"instrument": "phq9", "date": "\#(date)", "answers": \#(answers)}"#)
                #expect(saved.status == .created)
            }
        }
        let lead = UserAccount(
            id: .random(), programID: fixture.program, role: .programLead, email: "lead@test.example", name: "Lead")
        try await repository.createUser(lead, passwordHash: hash, now: Fixture.now)
        return try await PageSession.signIn(app, email: "lead@test.example")
    }

    @Test("the page shows both tracks and three plots from the store's episodes, and no name or id")
    func page() async throws {
        try await withBraidApp { app, fixture, _ in
            let lead = try await Self.seedCohort(app, fixture)
            let page = try await lead.send(.GET, "program/report?from=2026-05-01&to=2026-06-15")
            #expect(page.status == .ok)
            let text = page.text
            // Six episodes: PHQ-9 16 → 8 for each, a response (−50 %) and reliable improvement (−8), no remission.
            #expect(text.contains("<th scope=\"row\">Episodes in care</th><td>6</td>"))
            #expect(text.contains("<th scope=\"row\">Median baseline</th><td>16 (n = 6)</td>"))
            #expect(text.contains("<td>100 % (6 of 6)</td>"))
            #expect(text.contains("<th scope=\"row\">Remission (from a clinical baseline)</th><td>0 % (0 of 6)</td>"))
            // No check-ins: the stimulant track has no data; retention 46 days (1 May – 15 June) for all six.
            #expect(text.contains("<th scope=\"row\">Median retention</th><td>46 days (n = 6)</td>"))
            #expect(text.contains("<title id=\"report-phq9-title\">PHQ-9 by week of treatment</title>"))
            #expect(text.contains("report-abstinence-title") && text.contains("report-levels-title"))
            #expect(
                !text.contains("Reportee") && !text.contains(">k1<") && !text.contains("k1@test.example")
                    && !text.contains(fixture.client1.description))
            let audit = try await app.repository.auditEvents(limit: 20)
            #expect(audit.contains { $0.action == "report.read" && $0.clientID == nil })
        }
    }

    @Test("CSV and JSON downloads carry the same report; small cells are withheld in both")
    func downloads() async throws {
        try await withBraidApp { app, fixture, _ in
            let lead = try await Self.seedCohort(app, fixture)
            let csv = try await lead.send(.GET, "program/report?from=2026-05-01&to=2026-06-15&format=csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(
                csv.headers.first(name: .contentDisposition)
                    == "attachment; filename=\"braid-report-2026-05-01-2026-06-15.csv\"")
            let lines = csv.text.split(separator: "\n").map(String.init)
            #expect(lines.first == ProgramReport.csvColumns.joined(separator: ","))
            #expect(lines.contains("phq9,response,,,6,6,100.0,false"))
            #expect(lines.contains("phq9,baseline-median,,,,6,16.0,false"))
            // Week 6 (5–11 June) holds the six 10 June totals; weeks 2–5 none.
            #expect(lines.contains("week,phq9-median,6,,,6,8.0,false"))
            let json = try await lead.send(.GET, "program/report?from=2026-05-01&to=2026-06-15&format=json")
            let report = try JSONDecoder().decode(ProgramReport.self, from: Data(json.text.utf8))
            #expect(report.episodes.value == 6 && report.depression[0].response.percent == 100)
            // January, before any admission: no episodes, and 0 is shown as 0 (only 1–4 are withheld).
            let empty = try await lead.send(.GET, "program/report?from=2026-01-01&to=2026-01-31&format=json")
            let none = try JSONDecoder().decode(ProgramReport.self, from: Data(empty.text.utf8))
            #expect(none.episodes.value == 0 && none.weeks.isEmpty)
        }
    }

    @Test("bad dates, ranges and formats are refused naming the field; staff other than leads and admins get 404")
    func refusals() async throws {
        try await withBraidApp { app, fixture, _ in
            let lead = try await Self.seedCohort(app, fixture)
            let bad = try await lead.send(.GET, "program/report?from=2026-02-30")
            #expect(
                bad.status == .badRequest && bad.text.contains("From: ") && bad.text.contains("2026-02-30")
                    && bad.text.contains("is not a date"))
            let backwards = try await lead.send(.GET, "program/report?from=2026-06-01&to=2026-05-01")
            #expect(
                backwards.status == .badRequest && backwards.text.contains("To: 2026-05-01 is before from 2026-06-01"))
            let format = try await lead.send(.GET, "program/report?format=xml")
            #expect(
                format.status == .badRequest && format.text.contains("Format: ")
                    && format.text.contains("is not html, csv or json"))
            let clinician = try await PageSession.signIn(app, email: "c1@test.example")
            #expect(try await clinician.send(.GET, "program/report").status == .notFound)
            let admin = try await PageSession.signIn(app, email: "admin@test.example")
            #expect(try await admin.send(.GET, "program/report").status == .ok)
        }
    }
}
