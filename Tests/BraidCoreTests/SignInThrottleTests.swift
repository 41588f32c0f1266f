import Foundation
import Testing

@testable import BraidCore

@Suite("sign-in throttle: a growing wait per account and per address, short for the account")
struct SignInThrottleTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("the wait doubles from 1 s after the free failures, up to the cap")
    func waits() {
        #expect(SignInThrottle.Policy.wait(failures: 4, free: 5, maximum: 60) == 0)
        #expect(SignInThrottle.Policy.wait(failures: 5, free: 5, maximum: 60) == 1)
        #expect(SignInThrottle.Policy.wait(failures: 6, free: 5, maximum: 60) == 2)
        #expect(SignInThrottle.Policy.wait(failures: 10, free: 5, maximum: 60) == 32)
        #expect(SignInThrottle.Policy.wait(failures: 11, free: 5, maximum: 60) == 60)
        #expect(SignInThrottle.Policy.wait(failures: 500, free: 5, maximum: 60) == 60)
    }

    @Test("four failures cost nothing; the fifth makes the next try wait 1 s, then 2 s; refusals are not counted")
    func account() throws {
        var throttle = SignInThrottle()
        for second in 0..<4 {
            let now = start.addingTimeInterval(Double(second))
            let answer1 = throttle.check(account: "c@x", address: "a", now: now)

            #expect(answer1 == nil)
            throttle.recordFailure(account: "c@x", address: "a", now: now)
        }
        let fifth = start.addingTimeInterval(4)
        let answer2 = throttle.check(account: "c@x", address: "a", now: fifth)

        #expect(answer2 == nil)
        throttle.recordFailure(account: "c@x", address: "a", now: fifth)
        let refusedAnswer = throttle.check(account: "c@x", address: "a", now: fifth.addingTimeInterval(0.5))

        let refused = try #require(refusedAnswer)
        #expect(refused.seconds == 1 && refused.isFirst)
        let againAnswer = throttle.check(account: "c@x", address: "a", now: fifth.addingTimeInterval(0.6))

        let again = try #require(againAnswer)
        #expect(!again.isFirst)
        #expect(throttle.failures(account: "c@x") == 5)  // refusals did not count
        let later = fifth.addingTimeInterval(1)
        let answer3 = throttle.check(account: "c@x", address: "a", now: later)

        #expect(answer3 == nil)
        throttle.recordFailure(account: "c@x", address: "a", now: later)
        let answer4 = throttle.check(account: "c@x", address: "a", now: later.addingTimeInterval(1))

        #expect(answer4?.seconds == 1)
        let answer9 = throttle.check(account: "c@x", address: "a", now: later.addingTimeInterval(2))
        #expect(answer9 == nil)
        // Another account from another address is not slowed.
        let answer5 = throttle.check(account: "d@x", address: "b", now: later)

        #expect(answer5 == nil)
    }

    @Test("someone else's failures delay a clinician at most 60 s; their address waits up to 15 minutes")
    func strangerCannotLockOut() throws {
        var throttle = SignInThrottle()
        var now = start
        // 40 failures against the clinician from the attacker's address, each as soon as it is allowed.
        for _ in 0..<40 {
            if let refusal = throttle.check(account: "c@x", address: "attacker", now: now) {
                now = now.addingTimeInterval(refusal.retryAfter)
            }
            throttle.recordFailure(account: "c@x", address: "attacker", now: now)
        }
        let attackerAnswer = throttle.check(account: "other@x", address: "attacker", now: now)

        let attacker = try #require(attackerAnswer)
        #expect(attacker.retryAfter > 60 && attacker.retryAfter <= 15 * 60)
        let clinicianAnswer = throttle.check(account: "c@x", address: "clinic", now: now)

        let clinician = try #require(clinicianAnswer)
        #expect(clinician.retryAfter <= 60)
        let answer6 = throttle.check(account: "c@x", address: "clinic", now: now.addingTimeInterval(60))

        #expect(answer6 == nil)
        // Her correct password clears the account's count, not the attacker's address.
        throttle.recordSuccess(account: "c@x")
        #expect(throttle.failures(account: "c@x") == 0)
        let answer7 = throttle.check(account: "c@x", address: "attacker", now: now.addingTimeInterval(61))

        #expect(answer7 != nil)
    }

    @Test("failures older than the 15-minute window are forgotten")
    func window() {
        var throttle = SignInThrottle()
        for second in 0..<5 {
            throttle.recordFailure(account: "c@x", address: "a", now: start.addingTimeInterval(Double(second)))
        }
        let answer8 = throttle.check(account: "c@x", address: "a", now: start.addingTimeInterval(4.5))

        #expect(answer8 != nil)
        let answer10 = throttle.check(account: "c@x", address: "a", now: start.addingTimeInterval(15 * 60 + 5))
        #expect(answer10 == nil)
        #expect(throttle.failures(account: "c@x") == 0)
    }
}
