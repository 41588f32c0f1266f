import BraidCore
import BraidStore
import Foundation
import Vapor

/// A client's consents and the accounting of disclosures made under them, with the names of who recorded,
/// revoked or sent each.
struct ConsentAccount: Sendable {
    let consents: [Part2Consent]
    let disclosures: [Disclosure]
    let names: [UserID: String]
    let today: CalendarDate
}

/// 42 CFR Part 2 consents (issue 13 §5): the care team records a consent the client signed; the care team or the
/// client revokes it; SUD counseling notes are kept by the care team apart from the rest of the record.
struct ConsentService: CareTeamService {
    let store: BraidRepository
    let actor: Actor
    let program: Program
    let today: CalendarDate
    let now: Date
    let requestID: String?

    func account(of client: ClientRef) async throws -> ConsentAccount {
        let consents = try await store.consents(of: client)
        let disclosures = try await store.disclosures(of: client)
        let people = Set(consents.flatMap { [$0.recordedBy] + ($0.revokedBy.map { [$0] } ?? []) })
            .union(disclosures.compactMap(\.disclosedBy))
        var names: [UserID: String] = [:]
        for id in people { names[id] = try await store.user(id)?.name }
        return ConsentAccount(consents: consents, disclosures: disclosures, names: names, today: today)
    }

    /// Keeps a consent the client signed (care team only), audited as `consent.create`.
    func record(_ body: JSONValue, for client: ClientRef) async throws -> Part2Consent {
        try requireCareTeam("only the care team records a consent the client signed", field: "recipient")
        let consent = Part2Consent(
            id: UUID(), clientID: client.id, discloser: program.name, terms: try ConsentTerms(json: body, today: today),
            recordedAt: now, recordedBy: actor.userID)
        let audit = event("consent.create", client: client)
        try await store.transaction { store in
            try await store.addConsent(consent, client: client)
            try await store.appendAudit(audit)
        }
        return consent
    }

    /// Revokes a consent: by the care team on the client's word, or by the client on their own record. A
    /// revoked consent stays (the accounting points at it) and permits nothing more.
    func revoke(_ id: UUID, for client: ClientRef) async throws -> Part2Consent {
        guard actor.role.mayJoinCareTeam || actor.clientID == client.id else {
            throw APIError(.forbidden, code: "forbidden", "only the client or the care team revokes a consent")
        }
        guard let consent = try await store.consents(of: client).first(where: { $0.id == id }) else {
            throw APIError.notFound("consent")
        }
        guard consent.revokedAt == nil else {
            throw APIError(.conflict, code: "conflict", "the consent was already revoked")
        }
        let audit = event("consent.revoke", client: client)
        try await store.transaction { store in
            try await store.revokeConsent(id, of: client, by: actor.userID, at: now)
            try await store.appendAudit(audit)
        }
        return Part2Consent(
            id: consent.id, clientID: consent.clientID, discloser: consent.discloser, terms: consent.terms,
            recordedAt: consent.recordedAt, recordedBy: consent.recordedBy, revokedAt: now, revokedBy: actor.userID)
    }

    /// The SUD counseling notes (care team only), audited as `counseling-notes.read`.
    func counselingNotes(of client: ClientRef) async throws -> (notes: [CounselingNote], authors: [UserID: String]) {
        try requireCareTeam("only the care team reads SUD counseling notes", field: "text")
        let notes = try await store.counselingNotes(of: client)
        var authors: [UserID: String] = [:]
        for id in Set(notes.map(\.writtenBy)) { authors[id] = try await store.user(id)?.name }
        try await store.appendAudit(event("counseling-notes.read", client: client))
        return (notes, authors)
    }

    func addCounselingNote(_ body: JSONValue, for client: ClientRef) async throws -> CounselingNote {
        try requireCareTeam("only the care team writes SUD counseling notes", field: "text")
        let entry = try CounselingNote.entry(json: body, today: today)
        let note = CounselingNote(
            id: UUID(), clientID: client.id, sessionDate: entry.sessionDate, text: entry.text,
            writtenBy: actor.userID, writtenAt: now)
        let audit = event("counseling-note.create", client: client)
        try await store.transaction { store in
            try await store.addCounselingNote(note, client: client)
            try await store.appendAudit(audit)
        }
        return note
    }
}

extension Request {
    func consents(by actor: Actor) async throws -> ConsentService {
        let program = try await program(of: actor)
        return ConsentService(
            store: repository, actor: actor, program: program.program, today: program.today(now: now), now: now,
            requestID: requestID)
    }
}

/// A disclosure outside the program (issue 13 §5): the consent gate, then the Bundle with the 2.32 notice and
/// the consent's scope, recorded in the accounting of disclosures. A refusal writes nothing out: no Bundle and
/// no accounting line (the refused attempt is audited as `disclosure.refuse`).
public enum Part2Disclosing {
    /// What leaves the program: the accounting line, the consent, the notice and scope statement, and the Bundle.
    struct Package: Sendable {
        let disclosure: Disclosure
        let consent: Part2Consent
        let bundle: JSONValue

        var json: JSONValue {
            [
                "disclosure": DisclosureJSON.disclosure(disclosure, names: [:]),
                "consent": DisclosureJSON.consent(consent, today: nil, names: [:]),
                "notice": .string(ConsentGate.notice), "scopeStatement": .string(ConsentGate.scopeStatement(consent)),
                "bundle": bundle,
            ]
        }
    }

    static func disclose(
        _ repository: BraidRepository, client: ClientProfile, request: DisclosureRequest, actor: Actor?,
        today: CalendarDate, requestID: String, now: Date
    ) async throws -> Package {
        let ref = client.ref
        func audit(_ action: String) -> AuditEvent {
            AuditEvent(
                programID: client.programID, actorID: actor?.userID, role: actor?.role, action: action,
                clientID: client.id, requestID: requestID, at: now)
        }
        let consent: Part2Consent
        do {
            consent = try ConsentGate.consent(
                for: request.recipient, purpose: request.purpose, scope: request.scope,
                among: try await repository.consents(of: ref), on: today)
        } catch let refusal as DisclosureRefusal {
            try await repository.appendAudit(audit("disclosure.refuse"))
            throw APIError(.unprocessableEntity, code: "consent-refused", refusal.description, field: refusal.field)
        }
        let bundle: JSONValue
        switch request.scope {
        case .record:
            let record = try await FHIRExporting.record(repository, client: client, consents: [consent], today: today)
            bundle = FHIRExport.bundle(record, now: now)
        case .counselingNotes:
            let notes = try await repository.counselingNotes(of: ref)
            var authors: [UserID: String] = [:]
            for id in Set(notes.map(\.writtenBy)) { authors[id] = try await repository.user(id)?.name }
            bundle = FHIRExport.counselingNotesBundle(
                clientID: client.id, name: client.displayName, notes: notes, consent: consent, today: today,
                authors: authors, now: now)
        }
        var resources = 0
        if case .object(let root) = bundle, case .array(let entries)? = root["entry"] { resources = entries.count }
        let disclosure = Disclosure(
            id: UUID(), clientID: client.id, consentID: consent.id, recipient: consent.terms.recipient,
            purpose: request.purpose, scope: request.scope, disclosedAt: now, disclosedBy: actor?.userID,
            resources: resources)
        let event = audit("disclosure.create")
        try await repository.transaction { store in
            try await store.addDisclosure(disclosure, client: ref)
            try await store.appendAudit(event)
        }
        return Package(disclosure: disclosure, consent: consent, bundle: bundle)
    }

    /// `braid export fhir --client EMAIL --recipient NAME --purpose PURPOSE [--scope SCOPE]`: the package as JSON
    /// text; a refusal is a `ValidationError` naming the option.
    public static func disclose(
        _ app: Application, clientEmail: String, recipient: String, purpose: String, scope: String?
    ) async throws -> String {
        var body: [String: JSONValue] = ["recipient": .string(recipient), "purpose": .string(purpose)]
        if let scope { body["scope"] = .string(scope) }
        let request: DisclosureRequest
        do {
            request = try DisclosureRequest(json: .object(body))
        } catch { throw ValidationError(field: "--\(error.field)", error.message) }
        let client = try await DataImport.client(app, email: clientEmail)
        let today = try await app.programContext(client.programID).today(now: app.clock())
        do {
            let package = try await disclose(
                app.repository, client: client, request: request, actor: nil, today: today, requestID: "cli",
                now: app.clock())
            return try FHIRExport.json(package.json)
        } catch let error as APIError where error.code == "consent-refused" {
            throw ValidationError(field: "--\(error.field ?? "recipient")", error.message)
        }
    }
}

/// The JSON forms of consents, disclosures and counseling notes, shared by the API and the CLI.
enum DisclosureJSON {
    static func consent(_ consent: Part2Consent, today: CalendarDate?, names: [UserID: String]) -> JSONValue {
        let terms = consent.terms
        var object: [String: JSONValue] = [
            "id": .string(consent.id.uuidString.lowercased()), "discloser": .string(consent.discloser),
            "recipient": .string(terms.recipient), "purpose": .string(terms.purpose.rawValue),
            "scope": .string(terms.scope.rawValue), "information": .string(terms.scope.information),
            "expiresOn": .string(terms.expiresOn.description), "rightToRevokeExplained": true,
            "signature": .string(terms.signature), "signedOn": .string(terms.signedOn.description),
            "recordedAt": LevelController.instant(consent.recordedAt),
            "recordedBy": .string(consent.recordedBy.description),
        ]
        if let today { object["status"] = .string(consent.status(on: today).rawValue) }
        if let name = names[consent.recordedBy] { object["recordedByName"] = .string(name) }
        if let revoked = consent.revokedAt { object["revokedAt"] = LevelController.instant(revoked) }
        if let by = consent.revokedBy { object["revokedBy"] = .string(by.description) }
        return .object(object)
    }

    static func disclosure(_ disclosure: Disclosure, names: [UserID: String]) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(disclosure.id.uuidString.lowercased()),
            "consentId": .string(disclosure.consentID.uuidString.lowercased()),
            "recipient": .string(disclosure.recipient), "purpose": .string(disclosure.purpose.rawValue),
            "scope": .string(disclosure.scope.rawValue), "disclosedAt": LevelController.instant(disclosure.disclosedAt),
            "resources": .number(Double(disclosure.resources)),
        ]
        if let by = disclosure.disclosedBy {
            object["disclosedBy"] = .string(by.description)
            if let name = names[by] { object["disclosedByName"] = .string(name) }
        }
        return .object(object)
    }

    static func account(_ account: ConsentAccount) -> JSONValue {
        [
            "consents": .array(account.consents.map { consent($0, today: account.today, names: account.names) }),
            "disclosures": .array(account.disclosures.map { disclosure($0, names: account.names) }),
        ]
    }

    static func note(_ note: CounselingNote, authors: [UserID: String]) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(note.id.uuidString.lowercased()), "sessionDate": .string(note.sessionDate.description),
            "text": .string(note.text), "writtenBy": .string(note.writtenBy.description),
            "writtenAt": LevelController.instant(note.writtenAt),
        ]
        if let name = authors[note.writtenBy] { object["writtenByName"] = .string(name) }
        return .object(object)
    }
}
