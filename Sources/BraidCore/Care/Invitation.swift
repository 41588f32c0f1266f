import Foundation

/// A one-time link that lets a person set their own password: staff never type or see it. A new account gets a
/// welcome invitation; a forgotten password gets a reset one. Each link works once, until it expires, and a new
/// link for the same account voids the older ones.
public enum InvitationPurpose: String, Sendable, Hashable, Codable, CaseIterable {
    case welcome
    case passwordReset = "password-reset"
}

public struct InvitationRules {
    /// Links expire after three days: long enough to hand over at the next session, short enough to go stale.
    public static let lifetime: TimeInterval = 72 * 3600

    public static func expiry(from now: Date) -> Date { now.addingTimeInterval(lifetime) }
}

/// What a stored invitation says about itself when someone opens it.
public enum InvitationState: Sendable, Hashable {
    case usable(UserID, InvitationPurpose)
    case used
    case expired
    /// Voided by a newer link, or its account was deactivated.
    case revoked
    case unknown
}
