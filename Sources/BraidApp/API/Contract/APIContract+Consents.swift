import BraidCore
import Foundation

// MARK: - 42 CFR Part 2 consents, disclosures and SUD counseling notes (issue 13 §5)

extension APIContract {
    static var consents: [String: JSONValue] {
        let text = JSONSchema.string(minLength: 1, maxLength: 200, pattern: "\\S")
        return [
            "ConsentRequest": JSONSchema.object(
                [
                    "recipient": text, "purpose": JSONSchema.enumeration(DisclosurePurpose.self),
                    "scope": JSONSchema.enumeration(ConsentScope.self),
                    "expiresOn": dated(
                        "The last day it permits a disclosure: after today, within 3,660 days of signing."),
                    "rightToRevokeExplained": JSONSchema.constant(true), "signature": text,
                    "signedOn": dated("The day the client signed: today or within the last 30 days."),
                ], required: ConsentTerms.keys),
            "Consent": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "discloser": JSONSchema.string(), "recipient": JSONSchema.string(),
                    "purpose": JSONSchema.enumeration(DisclosurePurpose.self),
                    "scope": JSONSchema.enumeration(ConsentScope.self), "information": JSONSchema.string(),
                    "expiresOn": JSONSchema.date, "rightToRevokeExplained": JSONSchema.constant(true),
                    "signature": JSONSchema.string(), "signedOn": JSONSchema.date,
                    "status": JSONSchema.enumeration(Part2Consent.Status.self), "recordedAt": JSONSchema.instant,
                    "recordedBy": JSONSchema.uuid, "recordedByName": JSONSchema.string(),
                    "revokedAt": JSONSchema.instant,
                    "revokedBy": JSONSchema.uuid,
                ],
                required: [
                    "id", "discloser", "recipient", "purpose", "scope", "information", "expiresOn",
                    "rightToRevokeExplained", "signature", "signedOn", "recordedAt", "recordedBy",
                ]),
            "Disclosure": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "consentId": JSONSchema.uuid, "recipient": JSONSchema.string(),
                    "purpose": JSONSchema.enumeration(DisclosurePurpose.self),
                    "scope": JSONSchema.enumeration(ConsentScope.self), "disclosedAt": JSONSchema.instant,
                    "resources": JSONSchema.integer(atLeast: 0), "disclosedBy": JSONSchema.uuid,
                    "disclosedByName": JSONSchema.string(),
                ], required: ["id", "consentId", "recipient", "purpose", "scope", "disclosedAt", "resources"]),
            "ConsentAccount": JSONSchema.object(
                ["consents": JSONSchema.list("Consent"), "disclosures": JSONSchema.list("Disclosure")],
                required: ["consents", "disclosures"]),
            "DisclosureRequest": JSONSchema.object(
                [
                    "recipient": text, "purpose": JSONSchema.enumeration(DisclosurePurpose.self),
                    "scope": JSONSchema.enumeration(ConsentScope.self),
                ], required: ["recipient", "purpose"]),
            "DisclosurePackage": JSONSchema.object(
                [
                    "disclosure": JSONSchema.ref("Disclosure"), "consent": JSONSchema.ref("Consent"),
                    "notice": JSONSchema.constant(.string(ConsentGate.notice)), "scopeStatement": JSONSchema.string(),
                    "bundle": JSONSchema.ref("FHIRBundle"),
                ], required: ["disclosure", "consent", "notice", "scopeStatement", "bundle"]),
            "CounselingNoteRequest": JSONSchema.object(
                [
                    "sessionDate": dated("The counseling session's day: in the last 365 days, not after today."),
                    "text": JSONSchema.string(minLength: 1, maxLength: CounselingNote.maximumLength, pattern: "\\S"),
                ], required: CounselingNote.keys),
            "CounselingNote": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "sessionDate": JSONSchema.date, "text": JSONSchema.string(),
                    "writtenBy": JSONSchema.uuid, "writtenByName": JSONSchema.string(), "writtenAt": JSONSchema.instant,
                ], required: ["id", "sessionDate", "text", "writtenBy", "writtenAt"]),
            "CounselingNoteList": JSONSchema.object(
                ["notes": JSONSchema.list("CounselingNote")], required: ["notes"]),
        ]
    }
}
