import BraidCore
import Foundation

/// Recently verified tokens, so a busy client does not cost a database query per request.
///
/// An entry lives at most `lifetime` seconds and never past the token's expiry. Sign-out through this process
/// removes its entry at once; a revocation made elsewhere (another server process, the CLI's password reset)
/// takes effect within `lifetime`.
actor TokenCache {
    static let lifetime: TimeInterval = 30
    static let capacity = 10_000

    private var entries: [String: (actor: Actor, validUntil: Date)] = [:]

    func actor(for hash: String, now: Date) -> Actor? {
        guard let entry = entries[hash] else { return nil }
        guard entry.validUntil > now else {
            entries[hash] = nil
            return nil
        }
        return entry.actor
    }

    func remember(_ actor: Actor, for hash: String, expiresAt: Date, now: Date) {
        if entries.count >= Self.capacity { entries = entries.filter { $0.value.validUntil > now } }
        if entries.count >= Self.capacity { entries.removeAll() }
        entries[hash] = (actor, min(expiresAt, now.addingTimeInterval(Self.lifetime)))
    }

    func forget(_ hash: String) {
        entries[hash] = nil
    }

    /// Drops every entry of an account (deactivation, password change): its tokens stop working at once.
    func forget(user: UserID) {
        entries = entries.filter { $0.value.actor.userID != user }
    }
}

/// The process's sign-in throttle (SignInThrottle's counts live in memory: a restart forgets them, and each
/// server process counts its own attempts).
actor SignInGate {
    private var throttle = SignInThrottle()

    func check(account: String, address: String, now: Date) -> SignInThrottle.Refusal? {
        throttle.check(account: account, address: address, now: now)
    }

    func recordFailure(account: String, address: String, now: Date) {
        throttle.recordFailure(account: account, address: address, now: now)
    }

    func recordSuccess(account: String) {
        throttle.recordSuccess(account: account)
    }
}
