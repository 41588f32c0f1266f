import Foundation

/// Slows password guessing without letting a stranger lock a clinician out (issue 15).
///
/// Failures are counted per address (every account tried from it) and per account (from every address), until
/// a whole window (15 minutes) passes without one. Past a number of free failures each further one doubles the wait, from 1 s, up to a
/// cap. The address cap is long (15 min): that is where an attacker sits. The account cap is short (60 s), so
/// someone else's failures can delay a real clinician by a minute at most, and a success from the clinician's
/// own address clears the account's count. While a wait runs, attempts are refused before any password is
/// checked and are not counted (refusals cannot extend the wait).
public struct SignInThrottle: Sendable {
    public struct Policy: Sendable, Hashable {
        public var window: TimeInterval = 15 * 60
        public var freeFailuresPerAccount = 5
        public var freeFailuresPerAddress = 10
        public var maximumAccountWait: TimeInterval = 60
        public var maximumAddressWait: TimeInterval = 15 * 60
        /// Entries kept at most (old ones are dropped first), so a flood of addresses cannot exhaust memory.
        public var capacity = 50_000

        public init() {}

        /// The wait after `failures` failures of which `free` cost nothing: 1 s, 2 s, 4 s… up to `maximum`.
        public static func wait(failures: Int, free: Int, maximum: TimeInterval) -> TimeInterval {
            guard failures >= free else { return 0 }
            let doublings = min(failures - free, 30)
            return min(maximum, pow(2, Double(doublings)))
        }
    }

    /// Why an attempt is refused and for how long.
    public struct Refusal: Sendable, Hashable {
        public let retryAfter: TimeInterval
        /// The first refusal since the last failure (audited once, not on every refused try).
        public let isFirst: Bool

        /// Whole seconds for `Retry-After` (at least 1).
        public var seconds: Int { max(1, Int(retryAfter.rounded(.up))) }
    }

    private struct Record: Sendable {
        /// Failures since the record began; it is forgotten once no failure came for a whole window.
        var failures = 0
        var last = Date.distantPast
        var refused = false
    }

    public let policy: Policy
    private var accounts: [String: Record] = [:]
    private var addresses: [String: Record] = [:]

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Whether an attempt for `account` from `address` must wait (nil: go ahead and check the password).
    public mutating func check(account: String, address: String, now: Date) -> Refusal? {
        let accountWait = wait(
            &accounts, account, free: policy.freeFailuresPerAccount, maximum: policy.maximumAccountWait, now: now)
        let addressWait = wait(
            &addresses, address, free: policy.freeFailuresPerAddress, maximum: policy.maximumAddressWait, now: now)
        let remaining = max(accountWait, addressWait)
        guard remaining > 0 else { return nil }
        let first = !(accounts[account]?.refused ?? false) && !(addresses[address]?.refused ?? false)
        accounts[account]?.refused = true
        addresses[address]?.refused = true
        return Refusal(retryAfter: remaining, isFirst: first)
    }

    public mutating func recordFailure(account: String, address: String, now: Date) {
        func count(_ record: Record?) -> Record {
            var record = record.flatMap { now.timeIntervalSince($0.last) < policy.window ? $0 : nil } ?? Record()
            record.failures += 1
            record.last = now
            record.refused = false
            return record
        }
        accounts[account] = count(accounts[account])
        addresses[address] = count(addresses[address])
        if accounts.count + addresses.count > policy.capacity { prune(now: now) }
    }

    /// A correct password clears the account's count (its owner is back), not the address's.
    public mutating func recordSuccess(account: String) {
        accounts[account] = nil
    }

    /// The failures still counted for an account or an address (for tests).
    public func failures(account: String? = nil, address: String? = nil) -> Int {
        if let account { return accounts[account]?.failures ?? 0 }
        if let address { return addresses[address]?.failures ?? 0 }
        return 0
    }

    private func wait(
        _ table: inout [String: Record], _ key: String, free: Int, maximum: TimeInterval, now: Date
    ) -> TimeInterval {
        guard let record = table[key] else { return 0 }
        guard now.timeIntervalSince(record.last) < policy.window else {
            table[key] = nil
            return 0
        }
        let wait = Policy.wait(failures: record.failures, free: free, maximum: maximum)
        return max(0, record.last.addingTimeInterval(wait).timeIntervalSince(now))
    }

    private mutating func prune(now: Date) {
        let window = policy.window
        accounts = accounts.filter { now.timeIntervalSince($0.value.last) < window }
        addresses = addresses.filter { now.timeIntervalSince($0.value.last) < window }
        // Still over (a flood inside the window): forget the larger table; the window refills it.
        while accounts.count + addresses.count > policy.capacity {
            if accounts.count > addresses.count { accounts.removeAll() } else { addresses.removeAll() }
        }
    }
}
