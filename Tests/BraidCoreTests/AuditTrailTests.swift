import Foundation
import Testing

@testable import BraidCore

@Suite("audit trail search and export (§11)")
struct AuditTrailTests {
    @Test("the search form: empty fields are unset; every bad field is refused by name")
    func query() throws {
        let client = ClientID.random()
        let query = try AuditQuery(fields: [
            "client": client.description, "actor": "", "action": "Chart.Read", "from": "2026-06-01", "to": "2026-06-01",
            "limit": "1000",
        ])
        #expect(query.client == client && query.actor == nil && query.action == "chart.read")
        #expect(query.from == query.to && query.limit == 1_000)
        #expect(try AuditQuery(fields: [:]) == AuditQuery())
        let refusals: [([String: String], String)] = [
            (["client": "k1"], "client"), (["actor": "12"], "actor"), (["action": "chart read"], "action"),
            (["action": String(repeating: "a", count: 65)], "action"), (["action": "chart%"], "action"),
            (["from": "2026-02-30"], "from"), (["to": "yesterday"], "to"),
            (["from": "2026-06-02", "to": "2026-06-01"], "to"), (["limit": "0"], "limit"), (["limit": "1001"], "limit"),
            (["limit": "ten"], "limit"),
        ]
        for (fields, field) in refusals {
            #expect(throws: ValidationError.self, "\(fields)") { try AuditQuery(fields: fields) }
            do { _ = try AuditQuery(fields: fields) } catch { #expect(error.field == field, "\(fields)") }
        }
        // The same query's fields read back as the same query (the export links carry them).
        let again = try AuditQuery(fields: Dictionary(uniqueKeysWithValues: query.fields.map { ($0.name, $0.value) }))
        #expect(again == query)
    }

    @Test("days are the program's: a day in New York runs 04:00Z to 04:00Z in June")
    func days() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        let query = try AuditQuery(fields: ["from": "2026-06-15", "to": "2026-06-15"])
        let (start, end) = query.interval(in: newYork)
        #expect(start == ISO8601DateFormatter().date(from: "2026-06-15T04:00:00Z"))
        #expect(end == ISO8601DateFormatter().date(from: "2026-06-16T04:00:00Z"))
        func event(at text: String) -> AuditEvent {
            AuditEvent(
                programID: nil, actorID: nil, role: nil, action: "chart.read", clientID: nil, requestID: nil,
                at: ISO8601DateFormatter().date(from: text)!)
        }
        #expect(query.matches(event(at: "2026-06-15T04:00:00Z"), timeZone: newYork))
        #expect(!query.matches(event(at: "2026-06-15T03:59:59Z"), timeZone: newYork))
        #expect(query.matches(event(at: "2026-06-16T03:59:59Z"), timeZone: newYork))
        #expect(!query.matches(event(at: "2026-06-16T04:00:00Z"), timeZone: newYork))
    }

    @Test("action kinds: sign-in, reads, writes, exports and permission changes")
    func kinds() {
        let expected: [String: AuditActionKind] = [
            "auth.login": .signIn, "auth.login-failed": .signInFailed, "auth.login-throttled": .signInFailed,
            "auth.logout": .signOut, "auth.logout-everywhere": .signOut, "chart.read": .read,
            "caseload.read": .read, "checkin.create": .create, "checkin.import": .create, "safety-plan.save": .create,
            "alert.acknowledge": .update, "consent.revoke": .update, "support-contact.remove": .delete,
            "export.fhir": .export, "export.csv": .export, "disclosure.create": .export, "audit.export": .export,
            "account.deactivate": .permission, "careteam.change": .permission,
            "program.settings-change": .permission, "audit.read": .read,
        ]
        for (action, kind) in expected { #expect(AuditActionKind(action: action) == kind, "\(action)") }
    }

    @Test("the CSV has one row per event in the documented columns; a list read names its clients")
    func csv() {
        let (a, b) = (ClientID.random(), ClientID.random())
        let event = AuditEvent(
            programID: .random(), actorID: .random(), role: .clinician, action: "caseload.read", clientID: nil,
            requestID: "r-1", at: Date(timeIntervalSince1970: 1_780_000_000), clients: [a, b])
        let stored = StoredAuditEvent(
            id: UUID(), event: event, sequence: 7, previousHash: String(repeating: "a", count: 64),
            hash: String(repeating: "b", count: 64))
        let table = AuditExport.table([stored])
        #expect(table.rows.count == 1 && table.rows[0].count == AuditExport.columns.count)
        let row = Dictionary(uniqueKeysWithValues: zip(AuditExport.columns.map(\.name), table.rows[0]))
        #expect(row["sequence"] == "7" && row["kind"] == "read" && row["client_id"] == "")
        #expect(row["clients"] == "\(a) \(b)" && row["recorded_at"] == "2026-05-28T20:26:40Z")
        let bundle = AuditExport.fhirBundle([stored], observer: "Braid", now: event.at)
        guard case .object(let object) = bundle, case .array(let entries)? = object["entry"],
            case .object(let entry) = entries[0], case .object(let resource)? = entry["resource"],
            case .array(let entities)? = resource["entity"]
        else {
            Issue.record("not a bundle with one resource")
            return
        }
        #expect(resource["resourceType"] == "AuditEvent" && resource["action"] == "R")
        #expect(entities.count == 3)  // both clients and the action's name
    }
}
