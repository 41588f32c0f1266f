import BraidCore
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import BraidStore

@Suite("notes sealed at rest (AES-GCM): stored sealed, read back plain, bound to their column")
struct SealingTests {
    static func raw(_ database: any Database, _ table: String, _ column: String) async throws -> [String] {
        try await (database as! any SQLDatabase).select().column(column).from(table)
            .where(SQLIdentifier(column), .isNot, SQLLiteral.null).all()
            .map { try $0.decode(column: column, as: String.self) }
    }

    @Test("a check-in note, an acknowledgement note and a thought record are sealed; the store reads them back")
    func sealed() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let day = CalendarDate(date: StoreFixture.now, timeZone: TimeZone(identifier: "UTC")!)
            var values = CheckInValues(mood: 2, craving: 8, sleepHours: 4, used: true, safety: true)
            values.note = "Relapsed after the funeral; my cousin had some"
            let saved = try await repository.commit(fixture.write(.checkIn(date: day, values: values)))
            let alert = try #require(saved.alert)
            _ = try await repository.commit(
                fixture.write(
                    .alertAcknowledgement(alert.id, note: "Spoke with K.; staying with sister"), by: fixture.clinician))
            let record = ThoughtRecord(
                date: day, situation: "Payday, alone in the flat", automaticThought: "One line won't hurt",
                emotions: [EmotionRating(emotion: "restless", before: 80)])
            _ = try await repository.commit(fixture.write(.recovery(.thoughtRecord(record), replacing: nil)))

            let notes = try await Self.raw(database, "check_ins", "note")
            let acknowledgements = try await Self.raw(database, "alerts", "acknowledgement_note")
            let payloads = try await Self.raw(database, "recovery_records", "payload")
            for stored in notes + acknowledgements + payloads {
                #expect(stored.hasPrefix("braid-sealed:1:\(NoteSeal.current!.current.id):"))
                for plain in ["funeral", "sister", "Payday", "restless"] { #expect(!stored.contains(plain)) }
            }
            #expect(notes.count == 1 && acknowledgements.count == 1 && payloads.count == 1)
            // Two seals of the same text differ (a fresh nonce each time).
            #expect(NoteSeal.seal("same", .checkInNote) != NoteSeal.seal("same", .checkInNote))

            let read = try await repository.checkIns(of: fixture.client.ref)
            #expect(read.first?.values.note == "Relapsed after the funeral; my cousin had some")
            let alerts = try await repository.alerts(of: [fixture.client.ref], openOnly: false)
            #expect(alerts.first?.acknowledgementNote == "Spoke with K.; staying with sister")
            let records = try await repository.recoveryItems(.thoughtRecord, of: fixture.client.ref)
            guard case .thoughtRecord(let back)? = records.first?.item else {
                Issue.record("no thought record read back")
                return
            }
            #expect(back.situation == "Payday, alone in the flat")
        }
    }

    @Test("a sealed value moved to another column, or altered, does not open; plain text from before still reads")
    func boundAndLegacy() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let day = CalendarDate(date: StoreFixture.now, timeZone: TimeZone(identifier: "UTC")!)
            var values = CheckInValues(mood: 2, craving: 8, sleepHours: 4, used: false, safety: true)
            values.note = "Bad night"
            let saved = try await repository.commit(fixture.write(.checkIn(date: day, values: values)))
            _ = try await repository.commit(
                fixture.write(.alertAcknowledgement(saved.alert!.id, note: "Called back"), by: fixture.clinician))
            let sql = database as! any SQLDatabase
            let note = try await Self.raw(database, "check_ins", "note")[0]
            try await sql.update("alerts").set("acknowledgement_note", to: note).run()
            await #expect(throws: StoreError.self) {
                _ = try await repository.alerts(of: [fixture.client.ref], openOnly: false)
            }
            // One character of the ciphertext changed (well inside the base64, away from its padding).
            var altered = Array(note)
            let middle = note.count - 20
            altered[middle] = altered[middle] == "A" ? "B" : "A"
            try await sql.update("check_ins").set("note", to: String(altered)).run()
            #expect(try await Self.raw(database, "check_ins", "note") == [String(altered)], "\(note)")
            await #expect(throws: StoreError.self) { _ = try await repository.checkIns(of: fixture.client.ref) }
            #expect(throws: StoreError.self) { try NoteSeal.open("braid-sealed:1:nokey:AAAA", .checkInNote) }
            // A note stored before sealing existed reads as it is.
            try await sql.update("check_ins").set("note", to: "written before sealing").run()
            #expect(
                try await repository.checkIns(of: fixture.client.ref).first?.values.note == "written before sealing")
            #expect(try await repository.sealedValueCounts()["plain"] == 1)
        }
    }

    @Test("the keyring's text form: one key per line, 32 bytes each; bad lines are named without the key")
    func keyringText() throws {
        let ring = NoteKeyring.generate().rotated()
        let back = try NoteKeyring.parse(ring.text, source: "test")
        #expect(back.keys.map(\.id) == ring.keys.map(\.id))
        #expect(ring.text.split(separator: "\n").count == 2)
        for bad in [
            "", "k1 short", "k1 " + Data(repeating: 1, count: 16).base64EncodedString(),
            "k/1 " + Data(repeating: 1, count: 32).base64EncodedString(),
        ] {
            #expect(throws: StoreError.self) { try NoteKeyring.parse(bad, source: "test") }
        }
        let twice = "k1 " + Data(repeating: 1, count: 32).base64EncodedString()
        #expect(throws: StoreError.self) { try NoteKeyring.parse(twice + "\n" + twice, source: "test") }
    }
}
