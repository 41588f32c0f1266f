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

/// Who forms a client's care team: a client has at least one clinician, every member a clinician of the client's
/// own program (no cross-program teams); staff accounts have no care team of their own.
public enum CareTeamRule {
    /// The team's size for the account's role, before anyone is looked up.
    public static func checkSize(_ count: Int, for role: Role, field: String = "--clinician") throws(ValidationError) {
        if role != .client && count > 0 {
            throw ValidationError(field: field, "only a client is assigned to clinicians")
        }
        if role == .client && count == 0 {
            throw ValidationError(field: field, "a client needs at least one clinician (its care team)")
        }
    }

    /// Every member is a clinician of the program.
    public static func checkMembers(_ members: [UserAccount], in program: ProgramID, field: String = "--clinician")
        throws(ValidationError)
    {
        for member in members where member.programID != program || member.role != .clinician {
            throw ValidationError(field: field, "no clinician with email \(member.email) in this program")
        }
    }
}
