import Foundation

// Read models of stored clinical data: what the store returns and the app shows. Plain values; the store
// maps its records to these, and nothing above the store sees a database type.

/// A treatment program (tenant).
public struct Program: Sendable, Hashable, Codable {
    public let id: ProgramID
    public let name: String
    /// IANA time zone: dates (check-ins, "today") are calendar dates in this zone.
    public let timeZone: String
    /// The program's own 24/7 line.
    public let crisisLine: String?
    public let isDemo: Bool

    public init(id: ProgramID, name: String, timeZone: String, crisisLine: String?, isDemo: Bool) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.crisisLine = crisisLine
        self.isDemo = isDemo
    }
}

/// An account, without its credentials.
public struct UserAccount: Sendable, Hashable, Codable {
    public let id: UserID
    public let programID: ProgramID
    public let role: Role
    public let email: String
    public let name: String
    /// When an admin deactivated the account: it can no longer sign in, and its records stay.
    public let deactivatedAt: Date?

    public init(
        id: UserID, programID: ProgramID, role: Role, email: String, name: String, deactivatedAt: Date? = nil
    ) {
        self.id = id
        self.programID = programID
        self.role = role
        self.email = email
        self.name = name
        self.deactivatedAt = deactivatedAt
    }

    public var isActive: Bool { deactivatedAt == nil }
}

/// Just enough to write to a client's record: its id and its program (every clinical row carries both).
public struct ClientRef: Sendable, Hashable {
    public let id: ClientID
    public let programID: ProgramID

    public init(id: ClientID, programID: ProgramID) {
        self.id = id
        self.programID = programID
    }
}

/// A client record and its care team.
public struct ClientProfile: Sendable, Hashable, Codable {
    public let id: ClientID
    public let programID: ProgramID
    public let userID: UserID
    public let displayName: String
    public let careTeam: [UserID]
    /// Bumped on every clinical write (check-ins, assessments, screens).
    public let dataVersion: Int
    public let createdAt: Date

    public var ref: ClientRef { ClientRef(id: id, programID: programID) }

    public init(
        id: ClientID, programID: ProgramID, userID: UserID, displayName: String, careTeam: [UserID],
        dataVersion: Int, createdAt: Date
    ) {
        self.id = id
        self.programID = programID
        self.userID = userID
        self.displayName = displayName
        self.careTeam = careTeam
        self.dataVersion = dataVersion
        self.createdAt = createdAt
    }
}

/// A stored check-in. Superseded ones are kept as history.
public struct StoredCheckIn: Sendable, Hashable, Codable {
    public let id: UUID
    public let clientID: ClientID
    public let date: CalendarDate
    public let values: CheckInValues
    public let revision: Int
    public let recordedAt: Date
    public let recordedBy: UserID
    public let supersededAt: Date?

    public init(
        id: UUID, clientID: ClientID, date: CalendarDate, values: CheckInValues, revision: Int, recordedAt: Date,
        recordedBy: UserID, supersededAt: Date?
    ) {
        self.id = id
        self.clientID = clientID
        self.date = date
        self.values = values
        self.revision = revision
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.supersededAt = supersededAt
    }
}

/// What an assessment holds: a scored instrument, or the ordering interview.
public enum AssessmentContent: Sendable, Hashable {
    case instrument(answers: [Int?], result: ScoreResult)
    case ordering(input: OrderingInput, result: OrderingAssessment)

    /// `phq9` … `sds`, or `ordering`.
    public var kind: String {
        switch self {
        case .instrument(_, let result): result.instrument.rawValue
        case .ordering: "ordering"
        }
    }

    public var scoreResult: ScoreResult? {
        if case .instrument(_, let result) = self { result } else { nil }
    }
}

public struct StoredAssessment: Sendable, Hashable {
    public let id: UUID
    public let clientID: ClientID
    public let date: CalendarDate
    public let content: AssessmentContent
    public let recordedAt: Date
    public let recordedBy: UserID

    public init(
        id: UUID, clientID: ClientID, date: CalendarDate, content: AssessmentContent, recordedAt: Date,
        recordedBy: UserID
    ) {
        self.id = id
        self.clientID = clientID
        self.date = date
        self.content = content
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

public struct StoredScreen: Sendable, Hashable {
    public let id: UUID
    public let clientID: ClientID
    public let screen: UrineScreen
    public let recordedAt: Date
    public let recordedBy: UserID

    public init(id: UUID, clientID: ClientID, screen: UrineScreen, recordedAt: Date, recordedBy: UserID) {
        self.id = id
        self.clientID = clientID
        self.screen = screen
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// A care-team safety alert (§8): open until acknowledged with a note.
public struct SafetyAlert: Sendable, Hashable {
    public let id: AlertID
    public let clientID: ClientID
    public let source: SafetySource
    /// The check-in or assessment that raised it.
    public let sourceID: UUID
    public let severity: AlertSeverity
    public let summary: String
    public let openedAt: Date
    public let acknowledgedAt: Date?
    public let acknowledgedBy: UserID?
    public let acknowledgementNote: String?

    public init(
        id: AlertID, clientID: ClientID, source: SafetySource, sourceID: UUID, severity: AlertSeverity,
        summary: String, openedAt: Date, acknowledgedAt: Date?, acknowledgedBy: UserID?, acknowledgementNote: String?
    ) {
        self.id = id
        self.clientID = clientID
        self.source = source
        self.sourceID = sourceID
        self.severity = severity
        self.summary = summary
        self.openedAt = openedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgementNote = acknowledgementNote
    }

    public var isOpen: Bool { acknowledgedAt == nil }

    /// The one order in which alerts are listed, on every page and in the API: open before acknowledged;
    /// among open ones emergencies first, then the one that has waited longest (it is the most overdue); among
    /// acknowledged ones (history) the newest first.
    public static func triageOrder(_ a: SafetyAlert, _ b: SafetyAlert) -> Bool {
        if a.isOpen != b.isOpen { return a.isOpen }
        if a.isOpen {
            let (ra, rb) = (a.severity == .emergency ? 0 : 1, b.severity == .emergency ? 0 : 1)
            return ra != rb ? ra < rb : (a.openedAt, a.id.uuid.uuidString) < (b.openedAt, b.id.uuid.uuidString)
        }
        return (a.openedAt, a.id.uuid.uuidString) > (b.openedAt, b.id.uuid.uuidString)
    }
}

/// One entry of the audit trail. Never clinical content: ids and an action name only.
public struct AuditEvent: Sendable, Hashable {
    public let programID: ProgramID?
    public let actorID: UserID?
    public let role: Role?
    /// e.g. `checkin.create`, `client.read`, `auth.login-failed`.
    public let action: String
    public let clientID: ClientID?
    public let requestID: String?
    public let at: Date
    /// The clients a read showed when it showed more than one (a caseload, an alert list): one event lists them
    /// all, instead of one event per client. Empty otherwise.
    public let clients: [ClientID]

    public init(
        programID: ProgramID?, actorID: UserID?, role: Role?, action: String, clientID: ClientID?, requestID: String?,
        at: Date, clients: [ClientID] = []
    ) {
        self.programID = programID
        self.actorID = actorID
        self.role = role
        self.action = action
        self.clientID = clientID
        self.requestID = requestID
        self.at = at
        self.clients = clients
    }

    /// Whether the event is about `client`: its own client, or one of the clients it lists.
    public func concerns(_ client: ClientID) -> Bool { clientID == client || clients.contains(client) }
}
