import Foundation

/// A client's enrollment in contingency management: from its start, each urine screen earns by the terms the
/// program offered on the day of enrollment (a copy, so later changes to the program's amounts apply to new
/// enrollments only). The seed makes every prize draw reproducible.
public struct CMEnrollment: Sendable, Hashable {
    public let id: UUID
    public let clientID: ClientID
    public let startedOn: CalendarDate
    public let terms: ContingencyProgram
    public let seed: UInt64
    public let endedOn: CalendarDate?

    public init(
        id: UUID, clientID: ClientID, startedOn: CalendarDate, terms: ContingencyProgram, seed: UInt64,
        endedOn: CalendarDate?
    ) {
        self.id = id
        self.clientID = clientID
        self.startedOn = startedOn
        self.terms = terms
        self.seed = seed
        self.endedOn = endedOn
    }

    public var isActive: Bool { endedOn == nil }

    /// The first day of the enrollment year that holds `date` (the yearly cap counts from the enrollment's start
    /// and again from each anniversary).
    public func yearStart(containing date: CalendarDate) -> CalendarDate {
        let start = startedOn.components
        var years = max(date.components.year - start.year, 0)
        while years > 0 && anniversary(years) > date { years -= 1 }
        return anniversary(years)
    }

    func anniversary(_ years: Int) -> CalendarDate {
        let start = startedOn.components
        return CalendarDate(year: start.year + years, month: start.month, day: start.day)
            ?? CalendarDate(year: start.year + years, month: start.month, day: 28)!
    }
}

/// One draw from the bowl: its place in the enrollment's sequence (which, with the seed, decides the slip) and
/// what it credited (a prize's value, less whatever would pass the yearly cap).
public struct CMDraw: Sendable, Hashable, Codable {
    public let index: Int
    public let slip: PrizeSlip
    public let creditedCents: Int

    public init(index: Int, slip: PrizeSlip, creditedCents: Int) {
        self.index = index
        self.slip = slip
        self.creditedCents = creditedCents
    }
}

/// One line of the ledger: a screen's result (or a screening day missed) and what it earned.
public struct CMLedgerLine: Sendable, Hashable {
    public let id: UUID
    public let enrollmentID: UUID
    public let date: CalendarDate
    public let result: ContingencyManagement.Result
    /// The urine screen behind an `N` or `P`; none for `M`.
    public let screenID: UUID?
    public let streak: Int
    /// Cents credited: the voucher, or the drawn prizes' values (after the cap).
    public let earnedCents: Int
    /// Prize schedule: every draw made for this screen.
    public let draws: [CMDraw]
    /// The year's cap is reached with this line (or was before it).
    public let capReached: Bool
    public let recordedAt: Date

    public init(
        id: UUID, enrollmentID: UUID, date: CalendarDate, result: ContingencyManagement.Result, screenID: UUID?,
        streak: Int, earnedCents: Int, draws: [CMDraw], capReached: Bool, recordedAt: Date
    ) {
        self.id = id
        self.enrollmentID = enrollmentID
        self.date = date
        self.result = result
        self.screenID = screenID
        self.streak = streak
        self.earnedCents = earnedCents
        self.draws = draws
        self.capReached = capReached
        self.recordedAt = recordedAt
    }
}

/// Money handed to the client: by whom, when, how much.
public struct CMPayout: Sendable, Hashable {
    public let id: UUID
    public let enrollmentID: UUID
    public let paidOn: CalendarDate
    public let amountCents: Int
    public let note: String?
    public let paidBy: UserID
    public let recordedAt: Date

    public init(
        id: UUID, enrollmentID: UUID, paidOn: CalendarDate, amountCents: Int, note: String?, paidBy: UserID,
        recordedAt: Date
    ) {
        self.id = id
        self.enrollmentID = enrollmentID
        self.paidOn = paidOn
        self.amountCents = amountCents
        self.note = note
        self.paidBy = paidBy
        self.recordedAt = recordedAt
    }
}

/// Where a client stands: what the client sees on Today and the clinician above the ledger.
public struct CMSummary: Sendable, Hashable {
    public let schedule: ContingencyManagement.Schedule
    public let streak: Int
    public let earnedCents: Int
    public let yearEarnedCents: Int
    public let capCents: Int
    public let capReached: Bool
    public let paidCents: Int
    /// Earned and not yet paid out.
    public let balanceCents: Int
    public let totalDraws: Int
    public let prizesWon: [PrizeSlip: Int]
    /// The next screening day from today (today itself when it is one and has no result yet); none once ended.
    public let nextScreen: CalendarDate?
}

/// The ledger's rules (§10 applied over time): which scheduled days count as missed, what a new screen earns, which
/// screens the ledger can take, and the payouts it allows. Decided here; the store only writes the lines.
public enum ContingencyLedgerRules {
    /// Lines for the scheduled screening days with no result, after the ledger's last line (or from the start)
    /// and before `until`: each a miss (`M`), which resets the streak and earns nothing.
    public static func missedLines(
        _ enrollment: CMEnrollment, after prior: [CMLedgerLine], before until: CalendarDate, now: Date
    ) -> [CMLedgerLine] {
        let from = prior.map(\.date).max().map { $0.adding(days: 1) } ?? enrollment.startedOn
        let end = min(until, enrollment.endedOn.map { $0.adding(days: 1) } ?? until)
        guard from < end else { return [] }
        return (from..<end).filter(enrollment.terms.isScreeningDay).map { date in
            CMLedgerLine(
                id: UUID(), enrollmentID: enrollment.id, date: date, result: .missed,
                screenID: nil, streak: 0, earnedCents: 0, draws: [], capReached: capReached(prior, enrollment, date),
                recordedAt: now)
        }
    }

    /// What adding a screen dated `date` does: the miss it replaces (a result that comes in for a day already
    /// marked missed), and the lines to write (misses before it, then its own line). A screen can go in after the
    /// ledger's last result; misses after it change nothing (each resets the streak anyway), so a late result
    /// may go before them. Refused: a screen before the enrollment or after it ended, a second result for a day,
    /// and a screen before a later result (it would change what that result earned).
    public static func add(
        screenID: UUID, date: CalendarDate, positive: Bool, to enrollment: CMEnrollment, prior: [CMLedgerLine],
        now: Date
    ) throws(ValidationError) -> (replacing: UUID?, lines: [CMLedgerLine]) {
        guard date >= enrollment.startedOn else {
            throw ValidationError(
                field: "date", "is before the client's contingency-management enrollment (\(enrollment.startedOn))")
        }
        if let ended = enrollment.endedOn, date > ended {
            throw ValidationError(field: "date", "is after the client's contingency-management enrollment ended")
        }
        let sameDay = prior.first { $0.date == date }
        if let sameDay, sameDay.result != .missed {
            throw ValidationError(field: "date", "the ledger already has a screen result for \(date)")
        }
        if let laterResult = prior.filter({ $0.date > date && $0.result != .missed }).map(\.date).min() {
            throw ValidationError(
                field: "date",
                "the ledger already has a result for \(laterResult); a screen cannot go in before it (it would "
                    + "change what that result earned)")
        }
        let before = prior.filter { $0.date < date }.sorted { $0.date < $1.date }
        let misses =
            prior.contains(where: { $0.date >= date })
            ? []
            : missedLines(
                enrollment, after: before, before: date, now: now)
        let earlier = before + misses
        let line = self.line(
            id: UUID(), screenID: screenID, date: date,
            result: positive ? .positive : .negative, enrollment: enrollment, prior: earlier, now: now)
        return (sameDay?.id, misses + [line])
    }

    /// A result's line after `prior` (every line before it, in date order).
    static func line(
        id: UUID, screenID: UUID?, date: CalendarDate, result: ContingencyManagement.Result,
        enrollment: CMEnrollment, prior: [CMLedgerLine], now: Date
    ) -> CMLedgerLine {
        let terms = enrollment.terms
        let streak = result == .negative ? (prior.last?.streak ?? 0) + 1 : 0
        let yearStart = enrollment.yearStart(containing: date)
        let yearEarned = prior.filter { $0.date >= yearStart }.reduce(0) { $0 + $1.earnedCents }
        var left = max(terms.amounts.capCents - yearEarned, 0)
        var earned = 0
        var draws: [CMDraw] = []
        if left > 0 && streak > 0 {
            switch terms.schedule {
            case .vouchers:
                earned = min(ContingencyManagement.voucherCents(streak: streak, settings: terms.amounts), left)
            case .prizes:
                let first = prior.reduce(0) { $0 + $1.draws.count }
                for index in first..<first + ContingencyManagement.draws(streak: streak, settings: terms.amounts) {
                    let slip = terms.bowl.draw(seed: enrollment.seed, index: index)
                    let credited = min(terms.bowl.value(of: slip), left)
                    left -= credited
                    earned += credited
                    draws.append(CMDraw(index: index, slip: slip, creditedCents: credited))
                }
            }
        }
        return CMLedgerLine(
            id: id, enrollmentID: enrollment.id, date: date, result: result, screenID: screenID, streak: streak,
            earnedCents: earned, draws: draws, capReached: yearEarned + earned >= terms.amounts.capCents,
            recordedAt: now)
    }

    static func capReached(_ prior: [CMLedgerLine], _ enrollment: CMEnrollment, _ date: CalendarDate) -> Bool {
        let yearStart = enrollment.yearStart(containing: date)
        return prior.filter { $0.date >= yearStart }.reduce(0) { $0 + $1.earnedCents }
            >= enrollment.terms.amounts.capCents
    }

    /// The ledger as of `today`: the stored lines with the misses of days that have passed but are not written
    /// yet (the server's sweep writes them; a read never waits for it).
    public static func ledger(_ enrollment: CMEnrollment, stored: [CMLedgerLine], today: CalendarDate, now: Date)
        -> [CMLedgerLine]
    {
        let sorted = stored.sorted { ($0.date, $0.recordedAt) < ($1.date, $1.recordedAt) }
        return sorted + missedLines(enrollment, after: sorted, before: today, now: now)
    }

    public static func summary(
        _ enrollment: CMEnrollment, lines: [CMLedgerLine], payouts: [CMPayout], today: CalendarDate
    ) -> CMSummary {
        let terms = enrollment.terms
        let yearStart = enrollment.yearStart(containing: today)
        let earned = lines.reduce(0) { $0 + $1.earnedCents }
        let yearEarned = lines.filter { $0.date >= yearStart }.reduce(0) { $0 + $1.earnedCents }
        let paid = payouts.reduce(0) { $0 + $1.amountCents }
        var prizes: [PrizeSlip: Int] = [:]
        for draw in lines.flatMap(\.draws) { prizes[draw.slip, default: 0] += 1 }
        var next: CalendarDate?
        if enrollment.isActive {
            let hasToday = lines.contains { $0.date == today }
            next = terms.nextScreeningDay(onOrAfter: hasToday ? today.adding(days: 1) : today)
        }
        return CMSummary(
            schedule: terms.schedule, streak: lines.last?.streak ?? 0, earnedCents: earned,
            yearEarnedCents: yearEarned, capCents: terms.amounts.capCents,
            capReached: yearEarned >= terms.amounts.capCents, paidCents: paid, balanceCents: earned - paid,
            totalDraws: lines.reduce(0) { $0 + $1.draws.count }, prizesWon: prizes, nextScreen: next)
    }

    public static let maximumPayoutNoteLength = 200

    /// Checks a payout: a positive amount no larger than what is owed, paid on a day of the enrollment up to today.
    public static func checkPayout(
        amountCents: Int, on date: CalendarDate, note: String?, enrollment: CMEnrollment, balanceCents: Int,
        today: CalendarDate
    ) throws(ValidationError) -> String? {
        guard amountCents > 0 else { throw ValidationError(field: "amount", "must be more than 0.00") }
        guard amountCents <= balanceCents else {
            throw ValidationError(
                field: "amount",
                "is more than the client is owed (\(ContingencyManagement.money(max(balanceCents, 0))))")
        }
        guard date <= today else { throw ValidationError(field: "date", "cannot be in the future") }
        guard date >= enrollment.startedOn else {
            throw ValidationError(field: "date", "is before the enrollment started (\(enrollment.startedOn))")
        }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (note?.count ?? 0) <= maximumPayoutNoteLength else {
            throw ValidationError(field: "note", "must be at most \(maximumPayoutNoteLength) characters")
        }
        return note?.isEmpty == false ? note : nil
    }

    /// Checks an enrollment's start: no other active enrollment, and a start within the last 30 days or today.
    public static func checkEnrollment(
        startingOn date: CalendarDate, current: CMEnrollment?, today: CalendarDate
    ) throws(ValidationError) {
        if let current, current.isActive {
            throw ValidationError(
                field: "startDate", "the client is already enrolled (since \(current.startedOn)); end that first")
        }
        guard date <= today else { throw ValidationError(field: "startDate", "cannot be in the future") }
        guard date >= today.adding(days: -30) else {
            throw ValidationError(field: "startDate", "must be within the last 30 days")
        }
        if let current, let ended = current.endedOn, date <= ended {
            throw ValidationError(field: "startDate", "must be after the last enrollment ended (\(ended))")
        }
    }

    /// Checks an enrollment's end: on or after its start (and its last line), up to today.
    public static func checkEnd(
        of enrollment: CMEnrollment, on date: CalendarDate, lines: [CMLedgerLine], today: CalendarDate
    ) throws(ValidationError) {
        guard enrollment.isActive else { throw ValidationError(field: "endDate", "the enrollment has ended already") }
        guard date <= today else { throw ValidationError(field: "endDate", "cannot be in the future") }
        let last = lines.filter { $0.result != .missed }.map(\.date).max() ?? enrollment.startedOn
        guard date >= max(last, enrollment.startedOn) else {
            throw ValidationError(field: "endDate", "must be on or after \(max(last, enrollment.startedOn))")
        }
    }
}
