import Foundation

// 42 CFR Part 2 in FHIR R4 (issue 13 §5): a consent as a Consent resource, and the Bundle of a counseling-notes
// disclosure.

extension FHIRExport {
    public static let part2Policy = "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"

    /// A purpose of use as HL7 v3 ActReason.
    static func purposeCoding(_ purpose: DisclosurePurpose) -> JSONValue {
        let system = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
        return switch purpose {
        case .treatment: coding(system, "TREAT", "treatment")
        case .payment: coding(system, "HPAYMT", "healthcare payment")
        case .healthCareOperations: coding(system, "HOPERAT", "healthcare operations")
        case .careCoordination: coding(system, "CAREMGT", "care management")
        case .research: coding(system, "HRESCH", "healthcare research")
        case .patientRequest: coding(system, "PATRQT", "patient requested")
        }
    }

    /// A Part 2 consent as an R4 Consent (privacy scope, LOINC 59284-0, the Part 2 regulation as its policy):
    /// active while in force, inactive once revoked or expired. Its provision permits disclosure to the named
    /// recipient for the purpose, from the day signed to the expiry.
    static func consentResource(_ consent: Part2Consent, patient: JSONValue, today: CalendarDate?) -> [String:
        JSONValue]
    {
        let terms = consent.terms
        let active = today.map { consent.status(on: $0) == .active } ?? (consent.revokedAt == nil)
        let recipient = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
        return [
            "resourceType": "Consent", "status": .string(active ? "active" : "inactive"),
            "scope": concept(
                [coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")]),
            "category": [concept([coding(loinc, "59284-0", "Consent Document")], text: "42 CFR Part 2 consent")],
            "patient": patient, "dateTime": .string(terms.signedOn.description),
            "performer": [patient], "organization": [["display": .string(consent.discloser)]],
            "policy": [["uri": .string(part2Policy)]],
            "provision": [
                "type": "permit",
                "period": ["start": .string(terms.signedOn.description), "end": .string(terms.expiresOn.description)],
                "actor": [
                    [
                        "role": concept([coding(recipient, "IRCP", "information recipient")]),
                        "reference": ["display": .string(terms.recipient)],
                    ]
                ],
                "action": [
                    concept([coding("http://terminology.hl7.org/CodeSystem/consentaction", "disclose", "Disclose")])
                ],
                "purpose": [purposeCoding(terms.purpose)],
                "securityLabel": [
                    coding(
                        actCode, terms.scope == .counselingNotes ? "PSYTHPN" : "SUD",
                        terms.scope == .counselingNotes
                            ? "psychotherapy note information sensitivity"
                            : "substance use disorder information sensitivity")
                ],
            ],
        ]
    }

    /// SUD counseling notes for a disclosure under their own consent: the Patient, the Consent, and a
    /// DocumentReference per note (its text as a plain-text attachment).
    public static func counselingNotesBundle(
        clientID: ClientID, name: String, notes: [CounselingNote], consent: Part2Consent, today: CalendarDate,
        authors: [UserID: String], now: Date
    ) -> JSONValue {
        var entries: [JSONValue] = []
        func add(_ id: UUID, _ resource: [String: JSONValue]) {
            var resource = resource
            resource["id"] = .string(id.uuidString.lowercased())
            resource["meta"] = ["security": security(.both)]
            entries.append([
                "fullUrl": .string("urn:uuid:\(id.uuidString.lowercased())"), "resource": .object(resource),
            ])
        }
        let patient = reference(clientID.uuid)
        add(
            clientID.uuid,
            [
                "resourceType": "Patient", "active": true,
                "identifier": [["system": .string(clientSystem), "value": .string(clientID.description)]],
                "name": [["text": .string(name)]],
            ])
        add(consent.id, consentResource(consent, patient: patient, today: today))
        for note in notes.sorted(by: { ($0.sessionDate, $0.writtenAt) < ($1.sessionDate, $1.writtenAt) }) {
            var resource: [String: JSONValue] = [
                "resourceType": "DocumentReference", "status": "current",
                "type": concept(
                    [coding("urn:braid:document", "sud-counseling-note", "SUD counseling note")],
                    text: "SUD counseling note"),
                "subject": patient, "date": instant(note.writtenAt),
                "description": .string("Counseling session of \(note.sessionDate)"),
                "content": [
                    [
                        "attachment": [
                            "contentType": "text/plain; charset=utf-8",
                            "data": .string(Data(note.text.utf8).base64EncodedString()),
                            "creation": instant(note.writtenAt),
                        ]
                    ]
                ],
            ]
            if let author = authors[note.writtenBy] { resource["author"] = [["display": .string(author)]] }
            add(note.id, resource)
        }
        return bundleValue(entries, now: now)
    }
}
