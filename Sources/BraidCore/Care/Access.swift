import Foundation

/// Account roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Manages accounts and care-team assignments; reads no clinical content unless also on a care team.
    case admin
    /// Reads and writes the clients on its caseload (care teams it belongs to).
    case clinician
    /// Reads and writes its own record only.
    case client
    /// Reads the program's aggregate reports only: never a name, never a record.
    case programLead = "program-lead"

    /// Staff who may hold a caseload (be on a care team).
    public var mayJoinCareTeam: Bool { self == .clinician || self == .admin }
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
        // A program lead sees counts, never a record.
        case .programLead: return false
        }
    }

    /// Whether `actor` may manage accounts, care-team assignments and the program's settings.
    public static func mayManageAccounts(_ actor: Actor) -> Bool { actor.role == .admin }

    /// Whether `actor` may read the program's aggregate reports (counts with small cells suppressed, no names).
    public static func mayReadAggregates(_ actor: Actor) -> Bool { actor.role == .programLead || actor.role == .admin }
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

/// The checks an account's identity must pass, wherever it is created (CLI or admin page).
public enum AccountRules {
    public static let maximumNameLength = 200

    /// A login email, lower-cased and trimmed.
    public static func email(_ text: String, field: String = "--email") throws(ValidationError) -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), email.count <= 254,
            !email.contains(where: \.isWhitespace)
        else { throw ValidationError(field: field, "'\(email.prefix(80))' is not an email address") }
        return email
    }

    /// A display name of 1–200 characters.
    public static func name(_ text: String, field: String = "--name") throws(ValidationError) -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= maximumNameLength else {
            throw ValidationError(field: field, "must be 1–\(maximumNameLength) characters")
        }
        return name
    }

    /// The role named by `text`, or an error listing the roles.
    public static func role(_ text: String, field: String = "--role") throws(ValidationError) -> Role {
        guard let role = Role(rawValue: text) else {
            let allowed = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError(field: field, "'\(text.prefix(40))' is not a role (allowed: \(allowed))")
        }
        return role
    }
}
