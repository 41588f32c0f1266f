import Foundation

/// Why a record leaves the program (42 CFR 2.31: the consent states the purpose; a disclosure must match it).
public enum DisclosurePurpose: String, Sendable, Hashable, Codable, CaseIterable {
    case treatment
    case payment
    case healthCareOperations = "health-care-operations"
    case careCoordination = "care-coordination"
    case research
    case patientRequest = "patient-request"

    public var label: String {
        switch self {
        case .treatment: "Treatment"
        case .payment: "Payment"
        case .healthCareOperations: "Health care operations"
        case .careCoordination: "Care coordination"
        case .research: "Research"
        case .patientRequest: "At my request"
        }
    }
}

/// What a consent lets the program disclose. SUD counseling notes are kept apart from the record and need a
/// consent of their own (42 CFR 2.31(b)); a record consent never covers them.
public enum ConsentScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// The clinical record as the FHIR export holds it: assessments and their totals, check-ins, diagnoses, the
    /// treatment plan and its goals.
    case record
    case counselingNotes = "counseling-notes"

    /// The consent's "what": the kind and amount of information, in plain words.
    public var information: String {
        switch self {
        case .record:
            "My substance use disorder treatment record at this program: questionnaire answers and scores, daily "
                + "check-ins (mood, craving, sleep, use), diagnoses, and my treatment plan and goals."
        case .counselingNotes: "My counselor's SUD counseling notes, which are kept apart from the rest of my record."
        }
    }
}

/// The elements a written consent must hold (42 CFR 2.31(a)), as the client agreed them. Who discloses is the
/// program, added when the consent is kept.
public struct ConsentTerms: Sendable, Hashable, Codable {
    public static let keys = [
        "recipient", "purpose", "scope", "expiresOn", "rightToRevokeExplained", "signature", "signedOn",
    ]
    /// The longest a consent may run.
    public static let longestDays = 3_660

    /// To whom: the person or organization, by name.
    public let recipient: String
    public let purpose: DisclosurePurpose
    public let scope: ConsentScope
    public let expiresOn: CalendarDate
    /// The client was told of the right to revoke, in writing (it must be true to keep the consent).
    public let rightToRevokeExplained: Bool
    /// The client's signature: their name as they typed or signed it.
    public let signature: String
    public let signedOn: CalendarDate

    /// From a JSON object (the API's body, or a form turned into one); dates are checked against `today`.
    public init(json: JSONValue, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Set(Self.keys))
        func text(_ key: String) throws(ValidationError) -> String {
            guard case .string(let raw)? = reader.object[key] else {
                throw ValidationError(field: key, reader.object[key] == nil ? "is required" : "must be text")
            }
            let value = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !value.isEmpty else { throw ValidationError(field: key, "is required") }
            guard value.unicodeScalars.count <= 200 else {
                throw ValidationError(field: key, "must be at most 200 characters")
            }
            return value
        }
        func date(_ key: String) throws(ValidationError) -> CalendarDate {
            guard case .string(let raw)? = reader.object[key] else {
                throw ValidationError(
                    field: key, reader.object[key] == nil ? "is required" : "must be a date YYYY-MM-DD")
            }
            guard let date = CalendarDate(iso: raw) else {
                throw ValidationError(field: key, "'\(raw.prefix(20))' is not a date (YYYY-MM-DD)")
            }
            return date
        }
        func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _: Value.Type) throws(ValidationError)
            -> Value where Value.RawValue == String
        {
            guard case .string(let raw)? = reader.object[key], let value = Value(rawValue: raw) else {
                throw ValidationError(
                    field: key, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        recipient = try text("recipient")
        purpose = try choice("purpose", DisclosurePurpose.self)
        scope = try choice("scope", ConsentScope.self)
        signature = try text("signature")
        signedOn = try date("signedOn")
        guard signedOn <= today else { throw ValidationError(field: "signedOn", "cannot be in the future") }
        guard signedOn >= today.adding(days: -30) else {
            throw ValidationError(
                field: "signedOn", "must be within the last 30 days (record a consent when it is signed)")
        }
        expiresOn = try date("expiresOn")
        guard expiresOn > today else { throw ValidationError(field: "expiresOn", "must be after today") }
        guard signedOn.days(to: expiresOn) <= Self.longestDays else {
            throw ValidationError(field: "expiresOn", "must be within \(Self.longestDays) days of signedOn")
        }
        guard case .bool(true)? = reader.object["rightToRevokeExplained"] else {
            throw ValidationError(
                field: "rightToRevokeExplained",
                "must be true: the client is told in writing that they may revoke the consent at any time")
        }
        rightToRevokeExplained = true
    }

    public init(
        recipient: String, purpose: DisclosurePurpose, scope: ConsentScope, expiresOn: CalendarDate, signature: String,
        signedOn: CalendarDate
    ) {
        self.recipient = recipient
        self.purpose = purpose
        self.scope = scope
        self.expiresOn = expiresOn
        self.rightToRevokeExplained = true
        self.signature = signature
        self.signedOn = signedOn
    }

    /// Two recipients are the same when they match ignoring case and runs of spaces.
    public static func sameRecipient(_ a: String, _ b: String) -> Bool {
        func key(_ text: String) -> String {
            text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        }
        return key(a) == key(b)
    }
}

/// A kept consent: its terms, who discloses, and whether it was revoked.
public struct Part2Consent: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case active, expired, revoked
    }

    public let id: UUID
    public let clientID: ClientID
    /// Who discloses: the program's name.
    public let discloser: String
    public let terms: ConsentTerms
    public let recordedAt: Date
    public let recordedBy: UserID
    public let revokedAt: Date?
    public let revokedBy: UserID?

    public init(
        id: UUID, clientID: ClientID, discloser: String, terms: ConsentTerms, recordedAt: Date, recordedBy: UserID,
        revokedAt: Date? = nil, revokedBy: UserID? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.discloser = discloser
        self.terms = terms
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }

    /// Revoked from the moment it is revoked; expired after its last day.
    public func status(on day: CalendarDate) -> Status {
        if revokedAt != nil { return .revoked }
        return day > terms.expiresOn ? .expired : .active
    }
}

/// Why a disclosure was refused: each answers with a clear message, and nothing is written out.
public enum DisclosureRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case noConsent(ConsentScope)
    case expired(recipient: String, on: CalendarDate)
    case revoked(recipient: String)
    case wrongRecipient(String)
    case wrongPurpose(recipient: String, purpose: DisclosurePurpose)

    /// The request field the refusal is about.
    public var field: String {
        switch self {
        case .noConsent: "scope"
        case .expired, .revoked, .wrongRecipient: "recipient"
        case .wrongPurpose: "purpose"
        }
    }

    public var description: String {
        switch self {
        case .noConsent(let scope):
            scope == .counselingNotes
                ? "the client has no consent to disclose SUD counseling notes (they need a consent of their own)"
                : "the client has no consent to disclose their record outside the program"
        case .expired(let recipient, let day):
            "the client's consent to disclose to \(recipient) for this purpose expired on \(day)"
        case .revoked(let recipient): "the client revoked their consent to disclose to \(recipient) for this purpose"
        case .wrongRecipient(let recipient): "no consent of the client names \(recipient) as a recipient"
        case .wrongPurpose(let recipient, let purpose):
            "the client's consent for \(recipient) does not cover the purpose \(purpose.rawValue)"
        }
    }
}

/// The Part 2 consent gate (clinical-rules.md §11): a disclosure outside the program needs an active consent that
/// names the recipient, the purpose and the scope. The care team's own reads inside the program need none.
public enum ConsentGate {
    /// The consent that permits disclosing `scope` to `recipient` for `purpose` on `day`, or the refusal.
    public static func consent(
        for recipient: String, purpose: DisclosurePurpose, scope: ConsentScope = .record,
        among consents: [Part2Consent],
        on day: CalendarDate
    ) throws(DisclosureRefusal) -> Part2Consent {
        let inScope = consents.filter { $0.terms.scope == scope }
        guard !inScope.isEmpty else { throw .noConsent(scope) }
        let forRecipient = inScope.filter { ConsentTerms.sameRecipient($0.terms.recipient, recipient) }
        guard !forRecipient.isEmpty else { throw .wrongRecipient(recipient) }
        let matching = forRecipient.filter { $0.terms.purpose == purpose }
        guard !matching.isEmpty else { throw .wrongPurpose(recipient: recipient, purpose: purpose) }
        if let active = matching.filter({ $0.status(on: day) == .active }).max(by: { $0.recordedAt < $1.recordedAt }) {
            return active
        }
        // None active: say the most recent reason (a revoked consent over an expired one signed earlier).
        let latest = matching.max { $0.recordedAt < $1.recordedAt }!
        if latest.status(on: day) == .revoked { throw .revoked(recipient: latest.terms.recipient) }
        throw .expired(recipient: latest.terms.recipient, on: latest.terms.expiresOn)
    }

    /// Statement 1 of 42 CFR 2.32(a) as amended by the 2024 final rule (89 FR 12472): it accompanies every
    /// disclosure. Verify the wording against the eCFR text before a program relies on it.
    public static let notice =
        "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). "
        + "These rules prohibit you from using or disclosing this record, or testimony that describes the information "
        + "contained in this record, in any civil, criminal, administrative, or legislative proceedings by any "
        + "Federal, State, or local authority, against the patient, unless authorized by the consent of the patient, "
        + "except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. "
        + "In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless "
        + "at least one of the following applies: (i) Further use or disclosure is expressly permitted by the written "
        + "consent of the individual whose information is being disclosed in this record or as otherwise permitted "
        + "by 42 CFR part 2. (ii) You are a covered entity or business associate and have received the record for "
        + "treatment, payment, or health care operations, or (iii) You have received the record from a covered "
        + "entity or business associate as permitted by 45 CFR part 164, subparts A and E. A general authorization "
        + "for the release of medical or other information is NOT sufficient to meet the required elements of "
        + "written consent to further use or redisclose the record (see 42 CFR 2.31)."

    /// Statement 2, where space is tight.
    public static let shortNotice = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."

    /// The consent's scope in plain words, which a disclosure carries with the notice (§2.32(b)).
    public static func scopeStatement(_ consent: Part2Consent) -> String {
        let terms = consent.terms
        return "Disclosed by \(consent.discloser) to \(terms.recipient) for \(terms.purpose.label.lowercased()), "
            + "under the client's written consent signed on \(terms.signedOn) and in force until \(terms.expiresOn) "
            + "unless revoked earlier. It covers: \(terms.scope.information) The client may revoke this consent at any "
            + "time, except for action already taken on it."
    }
}

/// A request to disclose a client's record outside the program: to whom, why, and what (`record` unless
/// `counseling-notes` is asked for).
public struct DisclosureRequest: Sendable, Hashable {
    public static let keys = ["recipient", "purpose", "scope"]

    public let recipient: String
    public let purpose: DisclosurePurpose
    public let scope: ConsentScope

    public init(recipient: String, purpose: DisclosurePurpose, scope: ConsentScope = .record) {
        self.recipient = recipient
        self.purpose = purpose
        self.scope = scope
    }

    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Set(Self.keys))
        guard case .string(let raw)? = reader.object["recipient"] else {
            throw ValidationError(
                field: "recipient", reader.object["recipient"] == nil ? "is required" : "must be text")
        }
        let recipient = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !recipient.isEmpty else { throw ValidationError(field: "recipient", "is required") }
        guard recipient.unicodeScalars.count <= 200 else {
            throw ValidationError(field: "recipient", "must be at most 200 characters")
        }
        guard case .string(let purposeText)? = reader.object["purpose"],
            let purpose = DisclosurePurpose(rawValue: purposeText)
        else {
            throw ValidationError(
                field: "purpose", "must be one of \(DisclosurePurpose.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var scope = ConsentScope.record
        if let value = reader.object["scope"] {
            guard case .string(let text) = value, let chosen = ConsentScope(rawValue: text) else {
                throw ValidationError(
                    field: "scope", "must be one of \(ConsentScope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scope = chosen
        }
        self.init(recipient: recipient, purpose: purpose, scope: scope)
    }
}

/// One line of the accounting of disclosures (42 CFR 2.24): what left the program, to whom, why, when, and under
/// which consent. The client can read every line.
public struct Disclosure: Sendable, Hashable {
    public let id: UUID
    public let clientID: ClientID
    public let consentID: UUID
    public let recipient: String
    public let purpose: DisclosurePurpose
    public let scope: ConsentScope
    public let disclosedAt: Date
    /// Who sent it (`nil` from the command line).
    public let disclosedBy: UserID?
    /// How many FHIR resources the disclosed Bundle held.
    public let resources: Int

    public init(
        id: UUID, clientID: ClientID, consentID: UUID, recipient: String, purpose: DisclosurePurpose,
        scope: ConsentScope, disclosedAt: Date, disclosedBy: UserID?, resources: Int
    ) {
        self.id = id
        self.clientID = clientID
        self.consentID = consentID
        self.recipient = recipient
        self.purpose = purpose
        self.scope = scope
        self.disclosedAt = disclosedAt
        self.disclosedBy = disclosedBy
        self.resources = resources
    }
}

/// A SUD counseling note (42 CFR 2.11): the counselor's notes of a counseling session, kept apart from the rest of
/// the record. They are not in the chart's timeline, the CSV or the FHIR export, and leave the program only under
/// a consent of their own.
public struct CounselingNote: Sendable, Hashable {
    public static let maximumLength = 4_000
    public static let keys = ["sessionDate", "text"]

    public let id: UUID
    public let clientID: ClientID
    public let sessionDate: CalendarDate
    public let text: String
    public let writtenBy: UserID
    public let writtenAt: Date

    public init(
        id: UUID, clientID: ClientID, sessionDate: CalendarDate, text: String, writtenBy: UserID, writtenAt: Date
    ) {
        self.id = id
        self.clientID = clientID
        self.sessionDate = sessionDate
        self.text = text
        self.writtenBy = writtenBy
        self.writtenAt = writtenAt
    }

    /// The session date and text of a new note, checked: the session is in the last year and not in the future.
    public static func entry(json: JSONValue, today: CalendarDate) throws(ValidationError) -> (
        sessionDate: CalendarDate, text: String
    ) {
        let reader = try JSONObjectReader(json, allowedKeys: Set(keys))
        guard case .string(let rawDate)? = reader.object["sessionDate"] else {
            throw ValidationError(field: "sessionDate", "is required (YYYY-MM-DD)")
        }
        guard let day = CalendarDate(iso: rawDate) else {
            throw ValidationError(field: "sessionDate", "'\(rawDate.prefix(20))' is not a date (YYYY-MM-DD)")
        }
        guard day <= today else { throw ValidationError(field: "sessionDate", "cannot be in the future") }
        guard day >= today.adding(days: -365) else {
            throw ValidationError(field: "sessionDate", "must be within the last 365 days")
        }
        guard case .string(let raw)? = reader.object["text"] else {
            throw ValidationError(field: "text", reader.object["text"] == nil ? "is required" : "must be text")
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ValidationError(field: "text", "is required") }
        guard text.count <= maximumLength else {
            throw ValidationError(field: "text", "must be at most \(maximumLength) characters")
        }
        return (day, text)
    }
}
