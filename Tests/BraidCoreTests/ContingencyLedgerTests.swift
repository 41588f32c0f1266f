import Foundation
import Testing

@testable import BraidCore

/// The ledger over time (§10 in the app): missed screening days, late results, the yearly cap, seeded draws,
/// payouts; every figure worked by hand.
@Suite("Contingency management ledger: misses, late results, the cap, draws, payouts")
struct ContingencyLedgerTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    /// 2026-11-02 is a Monday; the default screening days are Monday, Wednesday and Friday.
    static let monday = CalendarDate(year: 2026, month: 11, day: 2)!

    static func enrollment(_ terms: ContingencyProgram = .default, startedOn: CalendarDate = monday)
        -> CMEnrollment
    {
        CMEnrollment(id: UUID(), clientID: .random(), startedOn: startedOn, terms: terms, seed: 42, endedOn: nil)
    }

    /// Adds screens in order (`day` offsets from Monday), as the store would: misses first, a replaced miss
    /// dropped.
    static func run(_ screens: [(day: Int, positive: Bool)], enrollment: CMEnrollment) throws -> [CMLedgerLine] {
        var lines: [CMLedgerLine] = []
        for screen in screens {
            let (replacing, added) = try ContingencyLedgerRules.add(
                screenID: UUID(), date: monday.adding(days: screen.day), positive: screen.positive, to: enrollment,
                prior: lines, now: now)
            lines.removeAll { $0.id == replacing }
            lines = (lines + added).sorted { $0.date < $1.date }
        }
        return lines
    }

    @Test("a scheduled day with no result is a miss: it resets the streak, and escalation starts again")
    func missedDay() throws {
        let enrollment = Self.enrollment()
        // Monday N, Wednesday N, Friday nothing, next Monday N.
        let lines = try Self.run([(0, false), (2, false), (7, false)], enrollment: enrollment)
        #expect(lines.map(\.result) == [.negative, .negative, .missed, .negative])
        #expect(lines.map(\.date.description) == ["2026-11-02", "2026-11-04", "2026-11-06", "2026-11-09"])
        #expect(lines.map(\.streak) == [1, 2, 0, 1])
        #expect(lines.map(\.earnedCents) == [250, 375, 0, 250])
        #expect(lines[2].screenID == nil && lines[0].screenID != nil)
    }

    @Test("an unscheduled day is never a miss; a positive resets like a miss")
    func unscheduledAndPositive() throws {
        let lines = try Self.run([(0, false), (1, false), (2, true), (4, false)], enrollment: Self.enrollment())
        // Tuesday is no screening day, so the extra screen counts and nothing is missed.
        #expect(lines.map(\.result) == [.negative, .negative, .positive, .negative])
        #expect(lines.map(\.earnedCents) == [250, 375, 0, 250])
    }

    @Test("a result for a day marked missed replaces the miss, even with later misses after it")
    func lateResult() throws {
        let enrollment = Self.enrollment()
        var lines = try Self.run([(0, false), (2, false)], enrollment: enrollment)
        // The sweep on the next Tuesday marks Friday and Monday missed.
        let today = Self.monday.adding(days: 8)
        let misses = ContingencyLedgerRules.missedLines(enrollment, after: lines, before: today, now: Self.now)
        #expect(misses.map(\.date.description) == ["2026-11-06", "2026-11-09"])
        lines += misses
        // Friday's result arrives: it is the third negative in a row (2.50 + 2 × 1.25 + the 10.00 bonus).
        let (replacing, added) = try ContingencyLedgerRules.add(
            screenID: UUID(), date: Self.monday.adding(days: 4), positive: false, to: enrollment, prior: lines,
            now: Self.now)
        #expect(replacing == misses[0].id)
        #expect(added.count == 1 && added[0].streak == 3 && added[0].earnedCents == 1_500)
    }

    @Test("refused: a second result for a day, a screen before a later result, one outside the enrollment")
    func refusals() throws {
        let enrollment = Self.enrollment()
        let lines = try Self.run([(0, false), (2, false)], enrollment: enrollment)
        func add(_ day: Int) throws(ValidationError) {
            _ = try ContingencyLedgerRules.add(
                screenID: UUID(), date: Self.monday.adding(days: day), positive: false, to: enrollment, prior: lines,
                now: Self.now)
        }
        #expect(throws: ValidationError.self) { try add(2) }
        #expect(throws: ValidationError.self) { try add(1) }
        #expect(throws: ValidationError.self) { try add(-1) }
        do {
            try add(1)
        } catch {
            #expect(error.field == "date" && error.message.contains("2026-11-04"))
        }
    }

    @Test("the cap: the screen that reaches it earns the rest; later negatives keep the streak and earn nothing")
    func cap() throws {
        var terms = ContingencyProgram.default
        terms.amounts.capCents = 700
        let lines = try Self.run([(0, false), (2, false), (4, false), (7, false)], enrollment: Self.enrollment(terms))
        #expect(lines.map(\.earnedCents) == [250, 375, 75, 0])
        #expect(lines.map(\.streak) == [1, 2, 3, 4])
        #expect(lines.map(\.capReached) == [false, false, true, true])
    }

    @Test("the cap counts per enrollment year: it opens again on the anniversary (29 February falls to the 28th)")
    func enrollmentYear() {
        let leap = Self.enrollment(startedOn: CalendarDate(year: 2024, month: 2, day: 29)!)
        #expect(leap.yearStart(containing: CalendarDate(year: 2025, month: 2, day: 27)!).description == "2024-02-29")
        #expect(leap.yearStart(containing: CalendarDate(year: 2025, month: 2, day: 28)!).description == "2025-02-28")
        #expect(leap.yearStart(containing: CalendarDate(year: 2028, month: 3, day: 1)!).description == "2028-02-29")
        var terms = ContingencyProgram.default
        terms.amounts.capCents = 300
        let enrollment = Self.enrollment(terms)
        let first = try? Self.run([(0, false), (2, false)], enrollment: enrollment)
        #expect(first?.map(\.earnedCents) == [250, 50])
        // A negative a year on, after the streak ran on: the cap has room again.
        let later = ContingencyLedgerRules.line(
            id: UUID(), screenID: UUID(), date: Self.monday.adding(days: 366), result: .negative,
            enrollment: enrollment, prior: first ?? [], now: Self.now)
        #expect(later.streak == 3 && later.earnedCents == 300 && later.capReached)
    }

    @Test("prize draws: the k-th negative draws min(k, 12) slips, reproducibly from the seed, every draw kept")
    func prizeDraws() throws {
        var terms = ContingencyProgram.default
        terms.schedule = .prizes
        let enrollment = Self.enrollment(terms)
        let lines = try Self.run([(0, false), (2, false), (4, false), (7, true), (9, false)], enrollment: enrollment)
        #expect(lines.map(\.draws.count) == [1, 2, 3, 0, 1])
        #expect(lines.flatMap(\.draws).map(\.index) == [0, 1, 2, 3, 4, 5, 6])
        let again = try Self.run([(0, false), (2, false), (4, false), (7, true), (9, false)], enrollment: enrollment)
        #expect(again.flatMap(\.draws).map(\.slip) == lines.flatMap(\.draws).map(\.slip))
        for line in lines {
            #expect(line.earnedCents == line.draws.reduce(0) { $0 + terms.bowl.value(of: $1.slip) })
        }
        // A bowl of only small slips: every draw credits 1.00, until a 2.50 cap leaves 0.50 for the third.
        terms.bowl.counts = [.small: 10]
        terms.amounts.capCents = 250
        let capped = try Self.run([(0, false), (2, false)], enrollment: Self.enrollment(terms))
        #expect(capped.flatMap(\.draws).map(\.creditedCents) == [100, 100, 50])
        #expect(capped.map(\.earnedCents) == [100, 150] && capped[1].capReached)
    }

    @Test("the seeded bowl draws each kind in about its share (10,000 draws, a 500-slip bowl)")
    func bowlShares() {
        let bowl = PrizeBowl.default
        var counts: [PrizeSlip: Int] = [:]
        for index in 0..<10_000 { counts[bowl.draw(seed: 7, index: index), default: 0] += 1 }
        // Expected 5,000 / 4,180 / 800 / 20; bounds are about four standard deviations.
        #expect((4_800...5_200).contains(counts[.goodJob] ?? 0))
        #expect((3_980...4_380).contains(counts[.small] ?? 0))
        #expect((690...910).contains(counts[.large] ?? 0))
        #expect((3...40).contains(counts[.jumbo] ?? 0))
    }

    @Test("the summary: streak, earnings, balance after payouts, and the next screening day")
    func summary() throws {
        let enrollment = Self.enrollment()
        let lines = try Self.run([(0, false), (2, false), (4, false)], enrollment: enrollment)
        let payout = CMPayout(
            id: UUID(), enrollmentID: enrollment.id, paidOn: Self.monday.adding(days: 4), amountCents: 500, note: nil,
            paidBy: .random(), recordedAt: Self.now)
        // Friday, after Friday's screen: the next is Monday.
        let friday = ContingencyLedgerRules.summary(
            enrollment, lines: lines, payouts: [payout], today: Self.monday.adding(days: 4))
        #expect(friday.streak == 3 && friday.earnedCents == 2_125 && friday.balanceCents == 1_625)
        #expect(friday.nextScreen?.description == "2026-11-09")
        // Wednesday before its screen: today.
        let wednesday = ContingencyLedgerRules.summary(
            enrollment, lines: Array(lines.prefix(1)), payouts: [], today: Self.monday.adding(days: 2))
        #expect(wednesday.nextScreen?.description == "2026-11-04")
        // The ledger read on the next Tuesday shows Monday as missed before any sweep wrote it.
        let shown = ContingencyLedgerRules.ledger(
            enrollment, stored: lines, today: Self.monday.adding(days: 8), now: Self.now)
        #expect(shown.last?.result == .missed && shown.last?.date.description == "2026-11-09")
        #expect(ContingencyLedgerRules.summary(enrollment, lines: shown, payouts: [], today: Self.monday).streak == 0)
    }

    @Test("payouts: more than 0, no more than owed, dated in the enrollment up to today")
    func payouts() throws {
        let enrollment = Self.enrollment()
        let today = Self.monday.adding(days: 4)
        func check(_ cents: Int, _ day: Int, note: String? = nil) throws -> String? {
            try ContingencyLedgerRules.checkPayout(
                amountCents: cents, on: Self.monday.adding(days: day), note: note, enrollment: enrollment,
                balanceCents: 625, today: today)
        }
        #expect(try check(625, 4, note: "  gift card ") == "gift card")
        #expect(try check(100, 0, note: " ") == nil)
        for (cents, day) in [(0, 4), (626, 4), (100, 5), (100, -1)] {
            #expect(throws: ValidationError.self) { try check(cents, day) }
        }
        #expect(throws: ValidationError.self) { try check(100, 4, note: String(repeating: "x", count: 201)) }
    }

    @Test("enrollment: one at a time, starting within the last 30 days; an end after its last result")
    func enrollmentRules() throws {
        let today = Self.monday.adding(days: 10)
        try ContingencyLedgerRules.checkEnrollment(startingOn: today.adding(days: -30), current: nil, today: today)
        #expect(throws: ValidationError.self) {
            try ContingencyLedgerRules.checkEnrollment(startingOn: today.adding(days: -31), current: nil, today: today)
        }
        #expect(throws: ValidationError.self) {
            try ContingencyLedgerRules.checkEnrollment(startingOn: today, current: Self.enrollment(), today: today)
        }
        let lines = try Self.run([(0, false), (4, false)], enrollment: Self.enrollment())
        #expect(throws: ValidationError.self) {
            try ContingencyLedgerRules.checkEnd(
                of: Self.enrollment(), on: Self.monday.adding(days: 3), lines: lines, today: today)
        }
        try ContingencyLedgerRules.checkEnd(
            of: Self.enrollment(), on: Self.monday.adding(days: 4), lines: lines, today: today)
    }

    @Test("program settings: each checked and named; the history's last change wins")
    func programSettings() throws {
        var program = ContingencyProgram()
        try program.set(.screeningDays, "tue, thu")
        try program.set(.start, "3")
        try program.set(.bowl, "100,50,10,1")
        try program.set(.prizeValues, "2,25.50,150")
        #expect(program.text(.screeningDays) == "tue,thu" && program.screeningDaysText == "Tuesday, Thursday")
        #expect(program.text(.start) == "3.00" && program.bowl.slipCount == 161)
        #expect(program.text(.prizeValues) == "2.00,25.50,150.00")
        #expect(ContingencyProgram(terms: program.terms) == program)
        let bad: [(ContingencyProgram.Key, String)] = [
            (.schedule, "raffle"), (.start, "2.555"), (.start, "-1"), (.cap, "6000"), (.bonusEvery, "0"),
            (.maxDraws, "51"), (.screeningDays, "mon,funday"), (.screeningDays, ""), (.bowl, "1,2,3"),
            (.bowl, "0,0,0,0"), (.prizeValues, "1,2"),
        ]
        for (key, text) in bad {
            var copy = program
            #expect(throws: ValidationError.self, "\(key.rawValue) = \(text)") { try copy.set(key, text) }
            do { try copy.set(key, text) } catch { #expect(error.field == key.rawValue) }
        }
        let history = [("cm-schedule", "prizes"), ("cm-cap", "500"), ("cm-cap", "600"), ("cm-start", "nonsense")].map {
            SettingChange(
                setting: $0.0, oldValue: nil, newValue: $0.1, reason: "test", changedBy: nil, changedAt: Self.now)
        }
        let fromHistory = ContingencyProgram.from(history: history)
        #expect(fromHistory.schedule == .prizes && fromHistory.amounts.capCents == 60_000)
        #expect(fromHistory.amounts.startCents == 250)
    }
}
