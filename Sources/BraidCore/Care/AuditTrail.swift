import Foundation

/// One audit event as stored: its place in its program's hash chain (§11: append-only, tamper-evident).
public struct StoredAuditEvent: Sendable, Hashable {
    public let id: UUID
    public let event: AuditEvent
    /// 1, 2, 3… within the chain of the event's program (events with no program form a chain of their own).
    public let sequence: Int
    /// The hash of the event before it in the chain (64 zeros for the first).
    public let previousHash: String
    /// SHA-256 of the previous hash and this event's canonical content, as 64 lower-case hex digits.
    public let hash: String

    public init(id: UUID, event: AuditEvent, sequence: Int, previousHash: String, hash: String) {
        self.id = id
        self.event = event
        self.sequence = sequence
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// What kind of thing an audit action records, read from its name (`checkin.create`, `chart.read`).
public enum AuditActionKind: String, Sendable, Hashable, CaseIterable {
    case signIn = "sign-in"
    case signInFailed = "sign-in-failed"
    case signOut = "sign-out"
    case read, create, update, delete, export
    /// Account, care-team and program-settings changes: who may see and do what.
    case permission

    public init(action: String) {
        let parts = action.split(separator: ".").map(String.init)
        let (scope, verb) = (parts.first ?? action, parts.last ?? action)
        switch action {
        case "auth.login": self = .signIn
        case "auth.login-failed", "auth.login-throttled": self = .signInFailed
        case _ where scope == "auth": self = .signOut
        case _ where ["export", "disclosure"].contains(scope) || verb == "export": self = .export
        case _ where ["account", "careteam", "program"].contains(scope) && verb != "read": self = .permission
        case _ where ["read", "search"].contains(verb): self = .read
        case _ where ["create", "import", "save", "enroll", "admit", "sign", "join", "payout"].contains(verb):
            self = .create
        case _ where ["remove", "delete", "leave"].contains(verb): self = .delete
        default: self = .update
        }
    }
}

/// The admin's search of the audit trail. Every filter is optional; given ones all apply.
public struct AuditQuery: Sendable, Hashable {
    public static let maximumLimit = 1_000
    public static let defaultLimit = 200

    public var client: ClientID?
    public var actor: UserID?
    /// An action name or its first part: `checkin` finds `checkin.create` and `checkin.import`.
    public var action: String?
    /// Events at or after the start of this day, in the program's time zone.
    public var from: CalendarDate?
    /// Events before the end of this day.
    public var to: CalendarDate?
    public var limit: Int

    public init(
        client: ClientID? = nil, actor: UserID? = nil, action: String? = nil, from: CalendarDate? = nil,
        to: CalendarDate? = nil, limit: Int = AuditQuery.defaultLimit
    ) {
        self.client = client
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.limit = limit
    }

    /// Reads the search form's (or query string's) fields; a bad one is refused by name. Empty fields are unset.
    public init(fields: [String: String]) throws(ValidationError) {
        func value(_ name: String) -> String? {
            guard let text = fields[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        self.init()
        if let text = value("client") {
            guard let id = ClientID(text) else { throw ValidationError(field: "client", "must be a client id (UUID)") }
            client = id
        }
        if let text = value("actor") {
            guard let id = UserID(text) else { throw ValidationError(field: "actor", "must be an account id (UUID)") }
            actor = id
        }
        if let text = value("action") {
            let allowed =
                text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) }
            guard allowed else {
                throw ValidationError(
                    field: "action", "must be an action name such as chart.read (letters, digits, . and -; at most 64)")
            }
            action = text.lowercased()
        }
        for name in ["from", "to"] {
            guard let text = value(name) else { continue }
            guard let date = CalendarDate(iso: text) else {
                throw ValidationError(field: name, "must be a date YYYY-MM-DD")
            }
            if name == "from" { from = date } else { to = date }
        }
        if let from, let to, to < from { throw ValidationError(field: "to", "must not be before from") }
        if let text = value("limit") {
            guard let number = Int(text), (1...Self.maximumLimit).contains(number) else {
                throw ValidationError(field: "limit", "must be a whole number 1…\(Self.maximumLimit)")
            }
            limit = number
        }
    }

    /// The instants the day filters stand for, in `timeZone`: `[start, end)`.
    public func interval(in timeZone: TimeZone) -> (start: Date?, end: Date?) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func midnight(_ day: CalendarDate) -> Date? {
            let parts = day.description.split(separator: "-").compactMap { Int($0) }
            return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        }
        return (from.flatMap(midnight), to.flatMap { midnight($0.adding(days: 1)) })
    }

    /// Whether a stored event matches (the store filters the same way in SQL; this is the reference).
    public func matches(_ event: AuditEvent, timeZone: TimeZone) -> Bool {
        if let client, !event.concerns(client) { return false }
        if let actor, event.actorID != actor { return false }
        if let action, event.action != action, !event.action.hasPrefix(action + ".") { return false }
        let (start, end) = interval(in: timeZone)
        if let start, event.at < start { return false }
        if let end, event.at >= end { return false }
        return true
    }

    /// The query as the fields it was read from (for export links and the form).
    public var fields: [(name: String, value: String)] {
        var result: [(String, String)] = []
        if let client { result.append(("client", client.description)) }
        if let actor { result.append(("actor", actor.description)) }
        if let action { result.append(("action", action)) }
        if let from { result.append(("from", from.description)) }
        if let to { result.append(("to", to.description)) }
        if limit != Self.defaultLimit { result.append(("limit", String(limit))) }
        return result
    }
}

/// The audit trail as a CSV table and as FHIR R4 AuditEvent resources.
public enum AuditExport {
    public static let columns: [ExportColumn] = [
        ExportColumn("event_id", .text, "The event's id."),
        ExportColumn("sequence", .integer, "Its place in the program's chain, from 1."),
        ExportColumn("recorded_at", .instant, "When it happened (UTC)."),
        ExportColumn("program_id", .text, "The program; empty for a sign-in failure of an unknown email."),
        ExportColumn("actor_id", .text, "The account that acted; empty when unknown."),
        ExportColumn("role", .text, "The actor's role then."),
        ExportColumn("action", .text, "What was done, e.g. chart.read."),
        ExportColumn(
            "kind", .text, "sign-in, sign-in-failed, sign-out, read, create, update, delete, export, permission."),
        ExportColumn("client_id", .text, "The client whose record it was, if one."),
        ExportColumn("clients", .text, "The clients a list showed, separated by spaces."),
        ExportColumn("request_id", .text, "The request, to match the server log."),
        ExportColumn("previous_hash", .text, "The chain's hash before this event."),
        ExportColumn("hash", .text, "SHA-256 of the previous hash and this event."),
    ]

    public static func table(_ events: [StoredAuditEvent]) -> ExportTable {
        var table = ExportTable(name: "audit_events", columns: columns)
        for stored in events {
            let event = stored.event
            table.append([
                stored.id.uuidString.lowercased(), String(stored.sequence), RecordExport.instant(event.at),
                event.programID?.description ?? "", event.actorID?.description ?? "", event.role?.rawValue ?? "",
                event.action, AuditActionKind(action: event.action).rawValue, event.clientID?.description ?? "",
                event.clients.map(\.description).joined(separator: " "), event.requestID ?? "", stored.previousHash,
                stored.hash,
            ])
        }
        return table
    }

    /// A FHIR R4 Bundle (type `collection`) of AuditEvent resources. Who was in a substance-use program is itself
    /// Part 2 information, so the bundle carries the Part 2 security labels.
    public static func fhirBundle(_ events: [StoredAuditEvent], observer: String, now: Date) -> JSONValue {
        let entries: [JSONValue] = events.map { stored in
            let id = stored.id.uuidString.lowercased()
            return [
                "fullUrl": .string("urn:uuid:\(id)"),
                "resource": .object(resource(stored, observer: observer)),
            ]
        }
        return FHIRExport.bundleValue(entries, now: now)
    }

    static func resource(_ stored: StoredAuditEvent, observer: String) -> [String: JSONValue] {
        let event = stored.event
        let kind = AuditActionKind(action: event.action)
        let dicom = "http://dicom.nema.org/resources/ontology/DCM"
        let type: JSONValue
        var subtype: [JSONValue] = []
        let action: String
        switch kind {
        case .signIn, .signInFailed, .signOut:
            type = FHIRExport.coding(dicom, "110114", "User Authentication")
            subtype = [
                kind == .signOut
                    ? FHIRExport.coding(dicom, "110123", "Logout") : FHIRExport.coding(dicom, "110122", "Login")
            ]
            action = "E"
        case .export:
            type = FHIRExport.coding(dicom, "110106", "Export")
            action = "R"
        case .permission:
            type = FHIRExport.coding(dicom, "110136", "Security Roles Changed")
            action = "U"
        case .read, .create, .update, .delete:
            type = FHIRExport.coding(
                "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation")
            let interaction = ["read": "read", "create": "create", "update": "update", "delete": "delete"][
                kind.rawValue]!
            subtype = [FHIRExport.coding("http://hl7.org/fhir/restful-interaction", interaction)]
            action = ["read": "R", "create": "C", "update": "U", "delete": "D"][kind.rawValue]!
        }
        var agent: [String: JSONValue] = ["requestor": true]
        if let actor = event.actorID {
            agent["who"] = ["identifier": ["system": "urn:braid:user", "value": .string(actor.description)]]
        }
        if let role = event.role { agent["name"] = .string(role.rawValue) }
        var resource: [String: JSONValue] = [
            "resourceType": "AuditEvent", "id": .string(stored.id.uuidString.lowercased()), "type": type,
            "action": .string(action), "recorded": FHIRExport.instant(event.at),
            "outcome": .string(kind == .signInFailed ? "4" : "0"),
            "source": [
                "observer": ["display": .string(observer)], "site": .string(event.programID?.description ?? "braid"),
            ],
            "extension": [
                ["url": "urn:braid:audit-chain", "valueString": .string("\(stored.sequence) \(stored.hash)")]
            ],
        ]
        if !subtype.isEmpty { resource["subtype"] = .array(subtype) }
        var entities: [JSONValue] = ([event.clientID].compactMap { $0 } + event.clients).map { client in
            [
                "what": ["identifier": ["system": "urn:braid:client", "value": .string(client.description)]],
                "type": FHIRExport.coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                "role": FHIRExport.coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
            ]
        }
        entities.append(["name": .string(event.action)])
        resource["entity"] = .array(entities)
        if let request = event.requestID { agent["altId"] = .string(request) }
        resource["agent"] = [.object(agent)]
        return resource
    }
}
