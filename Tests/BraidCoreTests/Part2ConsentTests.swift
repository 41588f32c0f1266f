import Foundation
import Testing

@testable import BraidCore

/// The 42 CFR Part 2 consent (clinical-rules.md §11, issue 13 §5): its required elements, and the gate every
/// disclosure outside the program passes, with each of its refusals.
@Suite("Part 2 consent: required elements, and every refusal of the disclosure gate")
struct Part2ConsentTests {
    static let today = CalendarDate(iso: "2026-06-15")!
    static let client = ClientID.random()
    static let base: [String: JSONValue] = [
        "recipient": "Riverside Community Health", "purpose": "treatment", "scope": "record",
        "expiresOn": "2027-06-15", "rightToRevokeExplained": true, "signature": "Alex Doe", "signedOn": "2026-06-14",
    ]

    static func terms(_ changes: [String: JSONValue?] = [:]) throws(ValidationError) -> ConsentTerms {
        var object = base
        for (key, value) in changes { object[key] = value }
        return try ConsentTerms(json: .object(object), today: today)
    }

    static func consent(
        _ recipient: String = "Riverside Community Health", purpose: DisclosurePurpose = .treatment,
        scope: ConsentScope = .record, expires: String = "2027-06-15", recordedAt: TimeInterval = 0,
        revoked: Bool = false
    ) -> Part2Consent {
        Part2Consent(
            id: UUID(), clientID: client, discloser: "Braid Demo IOP",
            terms: ConsentTerms(
                recipient: recipient, purpose: purpose, scope: scope, expiresOn: CalendarDate(iso: expires)!,
                signature: "Alex Doe", signedOn: CalendarDate(iso: "2026-01-10")!),
            recordedAt: Date(timeIntervalSince1970: 1_760_000_000 + recordedAt), recordedBy: .random(),
            revokedAt: revoked ? Date(timeIntervalSince1970: 1_770_000_000) : nil, revokedBy: revoked ? .random() : nil)
    }

    static func refusal(
        _ recipient: String, _ purpose: DisclosurePurpose, _ scope: ConsentScope = .record, among: [Part2Consent]
    ) -> DisclosureRefusal? {
        do {
            _ = try ConsentGate.consent(for: recipient, purpose: purpose, scope: scope, among: among, on: today)
            return nil
        } catch { return error }
    }

    @Test("a consent holds every element: to whom, purpose, what, expiry, the right to revoke, signature and date")
    func elements() throws {
        let terms = try Self.terms(["recipient": "  Riverside   Community Health "])
        #expect(terms.recipient == "Riverside Community Health" && terms.purpose == .treatment)
        #expect(terms.scope == .record && terms.expiresOn.description == "2027-06-15")
        #expect(
            terms.rightToRevokeExplained && terms.signature == "Alex Doe" && terms.signedOn.description == "2026-06-14")
        // The boundaries: signed today or 30 days ago; expiring tomorrow or 3,660 days after signing.
        _ = try Self.terms(["signedOn": "2026-06-15", "expiresOn": "2026-06-16"])
        _ = try Self.terms(["signedOn": "2026-05-16", "expiresOn": .string(Self.signedPlus(3_660, "2026-05-16"))])
    }

    static func signedPlus(_ days: Int, _ signed: String) -> String {
        CalendarDate(iso: signed)!.adding(days: days).description
    }

    @Test("every missing or bad element is refused by name, and nothing else is accepted")
    func invalid() {
        let cases: [([String: JSONValue?], String)] = [
            (["recipient": nil], "recipient"), (["recipient": "  "], "recipient"), (["recipient": 3], "recipient"),
            (["recipient": .string(String(repeating: "x", count: 201))], "recipient"),
            (["purpose": nil], "purpose"), (["purpose": "marketing"], "purpose"), (["scope": "everything"], "scope"),
            (["scope": nil], "scope"), (["signature": nil], "signature"), (["signature": ""], "signature"),
            (["signedOn": nil], "signedOn"), (["signedOn": "yesterday"], "signedOn"),
            (["signedOn": "2026-06-16"], "signedOn"), (["signedOn": "2026-05-15"], "signedOn"),
            (["expiresOn": nil], "expiresOn"), (["expiresOn": "2026-06-15"], "expiresOn"),
            (["expiresOn": .string(Self.signedPlus(3_661, "2026-06-14"))], "expiresOn"),
            (["rightToRevokeExplained": nil], "rightToRevokeExplained"),
            (["rightToRevokeExplained": false], "rightToRevokeExplained"),
            (["rightToRevokeExplained": "yes"], "rightToRevokeExplained"), (["colour": "blue"], "colour"),
        ]
        for (changes, field) in cases {
            do {
                _ = try Self.terms(changes)
                Issue.record("accepted \(changes)")
            } catch { #expect(error.field == field, "\(changes)") }
        }
    }

    @Test("status: active through the expiry day, expired after it, revoked from the moment it is revoked")
    func status() {
        let consent = Self.consent(expires: "2026-06-15")
        #expect(consent.status(on: Self.today) == .active)
        #expect(consent.status(on: Self.today.adding(days: 1)) == .expired)
        #expect(Self.consent(revoked: true).status(on: Self.today) == .revoked)
    }

    @Test("an active consent that names the recipient (case and spaces aside) and the purpose permits the disclosure")
    func permits() throws {
        let other = Self.consent("County Court Program", purpose: .careCoordination)
        let wanted = Self.consent()
        let found = try ConsentGate.consent(
            for: "riverside  community health", purpose: .treatment, among: [other, wanted], on: Self.today)
        #expect(found.id == wanted.id)
        // A newer active consent is preferred over an older one for the same recipient and purpose.
        let newer = Self.consent(recordedAt: 100)
        #expect(
            try ConsentGate.consent(
                for: "Riverside Community Health", purpose: .treatment, among: [wanted, newer], on: Self.today
            ).id == newer.id)
    }

    @Test("refusals: no consent, wrong recipient, wrong purpose, expired, revoked, each with its field and message")
    func refusals() {
        let active = Self.consent()
        #expect(Self.refusal("Riverside Community Health", .treatment, among: []) == .noConsent(.record))
        #expect(
            Self.refusal("Northside Hospital", .treatment, among: [active]) == .wrongRecipient("Northside Hospital"))
        #expect(
            Self.refusal("Riverside Community Health", .payment, among: [active])
                == .wrongPurpose(recipient: "Riverside Community Health", purpose: .payment))
        let expired = Self.consent(expires: "2026-06-14")
        #expect(
            Self.refusal("Riverside Community Health", .treatment, among: [expired])
                == .expired(recipient: "Riverside Community Health", on: CalendarDate(iso: "2026-06-14")!))
        let revoked = Self.consent(revoked: true)
        #expect(
            Self.refusal("Riverside Community Health", .treatment, among: [revoked])
                == .revoked(recipient: "Riverside Community Health"))
        // The latest consent says why: revoked after an earlier one expired.
        let expiredFirst = Self.consent(expires: "2026-06-01", recordedAt: 0)
        let revokedLater = Self.consent(recordedAt: 50, revoked: true)
        #expect(
            Self.refusal("Riverside Community Health", .treatment, among: [expiredFirst, revokedLater])
                == .revoked(recipient: "Riverside Community Health"))
        // A revoked consent does not block an active one recorded after it.
        #expect(
            Self.refusal("Riverside Community Health", .treatment, among: [revoked, Self.consent(recordedAt: 9)]) == nil
        )
        let fields = [
            DisclosureRefusal.noConsent(.record), .wrongRecipient("X"),
            .wrongPurpose(recipient: "X", purpose: .payment),
            .expired(recipient: "X", on: Self.today), .revoked(recipient: "X"),
        ].map(\.field)
        #expect(fields == ["scope", "recipient", "purpose", "recipient", "recipient"])
        #expect(DisclosureRefusal.wrongPurpose(recipient: "X", purpose: .payment).description.contains("payment"))
        #expect(DisclosureRefusal.expired(recipient: "X", on: Self.today).description.contains("expired on 2026-06-15"))
    }

    @Test("counseling notes are kept apart: a record consent never covers them, and theirs never covers the record")
    func counselingNotes() {
        let record = Self.consent()
        #expect(
            Self.refusal("Riverside Community Health", .treatment, .counselingNotes, among: [record])
                == .noConsent(.counselingNotes))
        #expect(DisclosureRefusal.noConsent(.counselingNotes).description.contains("consent of their own"))
        let notes = Self.consent(scope: .counselingNotes)
        #expect(Self.refusal("Riverside Community Health", .treatment, among: [notes]) == .noConsent(.record))
        #expect(
            Self.refusal("Riverside Community Health", .treatment, .counselingNotes, among: [notes, record]) == nil)
    }

    @Test("the disclosure carries the 2.32 notice word for word and the consent's scope in plain words")
    func notice() {
        #expect(ConsentGate.notice.hasPrefix("This record which has been disclosed to you is protected by Federal"))
        #expect(
            ConsentGate.notice.hasSuffix("written consent to further use or redisclose the record (see 42 CFR 2.31)."))
        #expect(
            ConsentGate.notice.contains(
                "42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65"))
        let statement = ConsentGate.scopeStatement(Self.consent())
        #expect(statement.contains("Disclosed by Braid Demo IOP to Riverside Community Health for treatment"))
        #expect(statement.contains("signed on 2026-01-10") && statement.contains("until 2027-06-15"))
        #expect(statement.contains(ConsentScope.record.information) && statement.contains("may revoke"))
    }

    @Test("a disclosure request names the recipient and purpose; the scope is the record unless asked")
    func request() throws {
        let request = try DisclosureRequest(json: ["recipient": " Riverside ", "purpose": "treatment"])
        #expect(request.recipient == "Riverside" && request.purpose == .treatment && request.scope == .record)
        let notes = try DisclosureRequest(
            json: ["recipient": "Riverside", "purpose": "payment", "scope": "counseling-notes"])
        #expect(notes.scope == .counselingNotes)
        let cases: [(JSONValue, String)] = [
            (["purpose": "treatment"], "recipient"), (["recipient": "", "purpose": "treatment"], "recipient"),
            (["recipient": "R"], "purpose"), (["recipient": "R", "purpose": "sale"], "purpose"),
            (["recipient": "R", "purpose": "treatment", "scope": "all"], "scope"),
            (["recipient": "R", "purpose": "treatment", "to": "x"], "to"), ([1], "(document)"),
        ]
        for (json, field) in cases {
            do {
                _ = try DisclosureRequest(json: json)
                Issue.record("accepted \(json)")
            } catch { #expect(error.field == field, "\(json)") }
        }
    }

    @Test("a counseling note needs a session in the last year and text of at most 4,000 characters")
    func noteEntry() throws {
        let entry = try CounselingNote.entry(
            json: ["sessionDate": "2026-06-15", "text": " Talked about work. "], today: Self.today)
        #expect(entry.sessionDate == Self.today && entry.text == "Talked about work.")
        _ = try CounselingNote.entry(json: ["sessionDate": "2025-06-15", "text": "x"], today: Self.today)
        let cases: [(JSONValue, String)] = [
            (["text": "x"], "sessionDate"), (["sessionDate": "2026-06-16", "text": "x"], "sessionDate"),
            (["sessionDate": "2025-06-14", "text": "x"], "sessionDate"), (["sessionDate": "2026-06-15"], "text"),
            (["sessionDate": "2026-06-15", "text": "  "], "text"),
            (["sessionDate": "2026-06-15", "text": .string(String(repeating: "x", count: 4_001))], "text"),
        ]
        for (json, field) in cases {
            do {
                _ = try CounselingNote.entry(json: json, today: Self.today)
                Issue.record("accepted \(json)")
            } catch { #expect(error.field == field, "\(json)") }
        }
    }

    @Test("as FHIR: an R4 Consent with privacy scope, a category, the Part 2 policy, the recipient and purpose")
    func fhirConsent() {
        let patient: JSONValue = ["reference": "urn:uuid:x"]
        let resource = FHIRExport.consentResource(Self.consent(), patient: patient, today: Self.today)
        #expect(resource["status"] == "active" && resource["patient"] == patient)
        #expect(resource["policy"] == [["uri": .string(FHIRExport.part2Policy)]])
        guard case .object(let provision)? = resource["provision"] else {
            Issue.record("no provision")
            return
        }
        #expect(provision["type"] == "permit" && provision["period"] == ["start": "2026-01-10", "end": "2027-06-15"])
        #expect(
            provision["purpose"]
                == [
                    [
                        "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT",
                        "display": "treatment",
                    ]
                ])
        guard case .array(let actors)? = provision["actor"], case .object(let actor)? = actors.first else {
            Issue.record("no actor")
            return
        }
        #expect(actor["reference"] == ["display": "Riverside Community Health"])
        #expect(
            FHIRExport.consentResource(Self.consent(revoked: true), patient: patient, today: Self.today)["status"]
                == "inactive")
        #expect(
            FHIRExport.consentResource(Self.consent(expires: "2026-06-14"), patient: patient, today: Self.today)[
                "status"]
                == "inactive")
    }

    @Test("counseling notes go out as DocumentReferences with the text attached, beside their consent")
    func notesBundle() {
        let consent = Self.consent(scope: .counselingNotes)
        let author = UserID.random()
        let note = CounselingNote(
            id: UUID(), clientID: Self.client, sessionDate: Self.today, text: "Session text", writtenBy: author,
            writtenAt: Date(timeIntervalSince1970: 1_780_000_000))
        let bundle = FHIRExport.counselingNotesBundle(
            clientID: Self.client, name: "Alex Doe", notes: [note], consent: consent, today: Self.today,
            authors: [author: "Sam Rivera"], now: Date())
        guard case .array(let entries)? = bundle["entry"] else {
            Issue.record("no entries")
            return
        }
        let resources = entries.compactMap { entry -> [String: JSONValue]? in
            guard case .object(let resource)? = entry["resource"] else { return nil }
            return resource
        }
        #expect(resources.map { $0["resourceType"] } == ["Patient", "Consent", "DocumentReference"])
        let document = resources[2]
        #expect(document["author"] == [["display": "Sam Rivera"]])
        guard case .array(let content)? = document["content"],
            case .object(let attachment)? = content.first?["attachment"],
            case .string(let data)? = attachment["data"]
        else {
            Issue.record("no attachment")
            return
        }
        #expect(String(decoding: Data(base64Encoded: data)!, as: UTF8.self) == "Session text")
    }
}

extension JSONValue {
    /// A member of an object (`nil` for anything else), to read FHIR resources in tests.
    fileprivate subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }
}
