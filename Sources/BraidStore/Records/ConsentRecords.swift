import BraidCore
import FluentKit
import Foundation

final class ConsentRecord: Model, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "discloser") var discloser: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "scope") var scope: String
    @Field(key: "expires_on") var expiresOn: String
    @Field(key: "signature") var signature: String
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?

    init() {}

    init(_ consent: Part2Consent, programID: ProgramID) {
        id = consent.id
        self.programID = programID.uuid
        clientID = consent.clientID.uuid
        discloser = consent.discloser
        recipient = consent.terms.recipient
        purpose = consent.terms.purpose.rawValue
        scope = consent.terms.scope.rawValue
        expiresOn = consent.terms.expiresOn.description
        signature = consent.terms.signature
        signedOn = consent.terms.signedOn.description
        recordedAt = consent.recordedAt
        recordedBy = consent.recordedBy.uuid
        revokedAt = consent.revokedAt
        revokedBy = consent.revokedBy?.uuid
    }

    func toDomain() throws -> Part2Consent {
        guard let purpose = DisclosurePurpose(rawValue: purpose), let scope = ConsentScope(rawValue: scope),
            let expires = CalendarDate(iso: expiresOn), let signed = CalendarDate(iso: signedOn)
        else { throw StoreError.corrupt("consents") }
        return Part2Consent(
            id: try requireID(), clientID: ClientID(clientID), discloser: discloser,
            terms: ConsentTerms(
                recipient: recipient, purpose: purpose, scope: scope, expiresOn: expires, signature: signature,
                signedOn: signed),
            recordedAt: recordedAt, recordedBy: UserID(recordedBy), revokedAt: revokedAt,
            revokedBy: revokedBy.map(UserID.init))
    }
}

final class DisclosureRecord: Model, @unchecked Sendable {
    static let schema = "disclosures"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "consent_id") var consentID: UUID
    @Field(key: "recipient") var recipient: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "scope") var scope: String
    @Field(key: "disclosed_at") var disclosedAt: Date
    @OptionalField(key: "disclosed_by") var disclosedBy: UUID?
    @Field(key: "resources") var resources: Int

    init() {}

    init(_ disclosure: Disclosure, programID: ProgramID) {
        id = disclosure.id
        self.programID = programID.uuid
        clientID = disclosure.clientID.uuid
        consentID = disclosure.consentID
        recipient = disclosure.recipient
        purpose = disclosure.purpose.rawValue
        scope = disclosure.scope.rawValue
        disclosedAt = disclosure.disclosedAt
        disclosedBy = disclosure.disclosedBy?.uuid
        resources = disclosure.resources
    }

    func toDomain() throws -> Disclosure {
        guard let purpose = DisclosurePurpose(rawValue: purpose), let scope = ConsentScope(rawValue: scope) else {
            throw StoreError.corrupt("disclosures")
        }
        return Disclosure(
            id: try requireID(), clientID: ClientID(clientID), consentID: consentID, recipient: recipient,
            purpose: purpose, scope: scope, disclosedAt: disclosedAt, disclosedBy: disclosedBy.map(UserID.init),
            resources: resources)
    }
}

final class CounselingNoteRecord: Model, @unchecked Sendable {
    static let schema = "counseling_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "session_date") var sessionDate: String
    @Field(key: "text") var text: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    init(_ note: CounselingNote, programID: ProgramID) {
        id = note.id
        self.programID = programID.uuid
        clientID = note.clientID.uuid
        sessionDate = note.sessionDate.description
        text = NoteSeal.seal(note.text, .counselingNote)
        writtenBy = note.writtenBy.uuid
        writtenAt = note.writtenAt
    }

    func toDomain() throws -> CounselingNote {
        guard let day = CalendarDate(iso: sessionDate) else { throw StoreError.corrupt("counseling_notes") }
        return CounselingNote(
            id: try requireID(), clientID: ClientID(clientID), sessionDate: day,
            text: try NoteSeal.open(text, .counselingNote),
            writtenBy: UserID(writtenBy), writtenAt: writtenAt)
    }
}
