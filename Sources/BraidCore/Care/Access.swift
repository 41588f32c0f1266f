import Foundation

/// Account roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Manages accounts and care-team assignments; reads no clinical content unless also on a care team.
    case admin
    /// Reads and writes the clients on its caseload (care teams it belongs to).
    case clinician
    /// Reads and writes its own record only.
    case client
}

/// Who is acting: the authenticated account and, for a client, its client record.
public struct Actor: Sendable, Hashable {
    public let userID: UserID
    public let role: Role
    public let programID: ProgramID
    /// The client record of a client account; `nil` for staff.
    public let clientID: ClientID?

    public init(userID: UserID, role: Role, programID: ProgramID, clientID: ClientID?) {
        self.userID = userID
        self.role = role
        self.programID = programID
        self.clientID = clientID
    }
}

/// The one authorization rule for clinical records (issue 4 §3).
public enum AccessPolicy {
    /// Whether `actor` may read or write the clinical record of `client`, whose care team is `careTeam` and
    /// whose program is `program`. Callers answer "not found" when this is false, so a record's existence is
    /// never revealed.
    public static func mayAccessClinicalRecord(
        of client: ClientID, in program: ProgramID, careTeam: Set<UserID>, actor: Actor
    ) -> Bool {
        guard program == actor.programID else { return false }
        switch actor.role {
        case .client: return actor.clientID == client
        // Admins manage accounts; like clinicians, they see clinical content only as care-team members.
        case .clinician, .admin: return careTeam.contains(actor.userID)
        }
    }

    /// Whether `actor` may manage accounts and care-team assignments in its program.
    public static func mayManageAccounts(_ actor: Actor) -> Bool { actor.role == .admin }
}
