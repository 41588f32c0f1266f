import Foundation
import Testing

@testable import BraidCore

@Suite("Medications: entries checked by field, adherence from the check-ins")
struct MedicationTests {
    static let today = CalendarDate(iso: "2026-06-15")!

    static func entry(_ changes: [String: JSONValue] = [:]) throws(ValidationError) -> MedicationEntry {
        var object: [String: JSONValue] = [
            "name": .string(" Sertraline "), "dose": .string("50 mg"), "route": .string("oral"),
            "frequency": .string("once a day"), "prescriber": .string("Dr. Okafor"), "startDate": .string("2026-06-01"),
        ]
        for (key, value) in changes { object[key] = value }
        return try MedicationEntry(json: .object(object), today: today)
    }

    @Test("a full entry is kept trimmed; optional fields may be empty")
    func valid() throws {
        let entry = try Self.entry(["reason": .string("depression"), "stopDate": .string("2026-06-30")])
        #expect(entry.name == "Sertraline" && entry.route == .oral && entry.reason == "depression")
        #expect(entry.stopDate?.description == "2026-06-30" && entry.notes == nil)
        let medication = entry.medication(id: UUID(), clientID: .random(), by: nil, at: Date())
        #expect(medication.isActive(on: Self.today) && medication.isActive(on: CalendarDate(iso: "2026-06-30")!))
        #expect(!medication.isActive(on: CalendarDate(iso: "2026-07-01")!))
        #expect(!medication.isActive(on: CalendarDate(iso: "2026-05-31")!))
        #expect(try Self.entry(["reason": .string("  "), "notes": .string("")]).reason == nil)
    }

    @Test("every bad field is named: missing, too long, unknown route, dates out of order or in the future")
    func invalid() {
        let cases: [([String: JSONValue], String)] = [
            (["name": .string("")], "name"), (["name": .null], "name"),
            (["dose": .string(String(repeating: "x", count: 61))], "dose"), (["route": .string("by mouth")], "route"),
            (["frequency": .number(1)], "frequency"), (["prescriber": .string(" ")], "prescriber"),
            (["startDate": .string("2026-06-16")], "startDate"), (["startDate": .string("June 1")], "startDate"),
            (["stopDate": .string("2026-05-31")], "stopDate"), (["colour": .string("blue")], "colour"),
            (["notes": .string(String(repeating: "x", count: 1_001))], "notes"), (["notes": .null], "notes"),
            (["stopDate": .null], "stopDate"), (["stopDate": .string("")], "stopDate"),
        ]
        for (changes, field) in cases {
            #expect(throws: ValidationError.self, "\(changes)") { try Self.entry(changes) }
            do { _ = try Self.entry(changes) } catch { #expect(error.field == field, "\(changes)") }
        }
    }

    @Test("adherence: taken ÷ answered over the window; unanswered days apart, never counted as missed")
    func adherence() {
        var answers: [CalendarDate: Bool?] = [:]
        // The last 7 days: yes, yes, no, (no answer), yes, (no check-in), yes.
        for (offset, answer) in [(0, true), (1, true), (2, false), (4, true), (6, true)] {
            answers[Self.today.adding(days: -offset)] = answer
        }
        answers[Self.today.adding(days: -3)] = .some(nil)
        // Outside the 7-day window, a miss that only the 30-day window sees.
        answers[Self.today.adding(days: -10)] = false
        let week = MedicationAdherence(answers: answers, today: Self.today, days: 7)
        #expect(week.taken == 4 && week.answered == 5 && week.unanswered == 2)
        #expect(week.rate == 0.8 && week.sentence == "4 of 5 answered days (80 %); 2 days not answered")
        let month = MedicationAdherence(answers: answers, today: Self.today, days: 30)
        #expect(month.taken == 4 && month.answered == 6)
        #expect(MedicationAdherence(answers: [:], today: Self.today, days: 7).rate == nil)
        #expect(
            MedicationAdherence(answers: [:], today: Self.today, days: 7).sentence == "no answers in the last 7 days")
    }

    @Test("a prescriber note is 1–2,000 characters once trimmed; the facts say no medication is approved")
    func notesAndFacts() throws {
        #expect(try PrescriberNote.check("  Dose up to 100 mg from Monday. ") == "Dose up to 100 mg from Monday.")
        #expect(throws: ValidationError.self) { try PrescriberNote.check(" \n ") }
        #expect(throws: ValidationError.self) { try PrescriberNote.check(String(repeating: "x", count: 2_001)) }
        #expect(MedicationFacts.noApprovedMedication.contains("No medication is FDA-approved for cocaine use disorder"))
        #expect(MedicationFacts.antidepressants.contains("do not reduce cocaine use"))
    }
}
