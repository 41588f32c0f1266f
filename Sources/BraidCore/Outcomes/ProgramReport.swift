import Foundation

/// One episode of care as the program report reads it: plain data, no name, no identifier shown.
public struct ReportEpisode: Sendable {
    public let episode: Episode
    /// Totals of the §9 instruments (any dates: the report keeps those inside the episode).
    public let totals: [Instrument.ID: [DatedScore]]
    public let checkIns: [CheckInDay]
    public let screens: [UrineScreen]
    /// The episode's level history (`LevelEvidence.history(of:decisions:)`).
    public let levels: [LevelPeriod]

    public init(
        episode: Episode, totals: [Instrument.ID: [DatedScore]], checkIns: [CheckInDay], screens: [UrineScreen],
        levels: [LevelPeriod]
    ) {
        self.episode = episode
        self.totals = totals
        self.checkIns = checkIns
        self.screens = screens
        self.levels = levels
    }
}

/// A count of clients (or of events) as it may be shown: `nil` for 1–4, which could identify a person.
public struct ReportCount: Sendable, Hashable, Codable {
    public let value: Int?

    public init(_ count: Int) { value = count > 0 && count < ProgramReport.smallCell ? nil : count }

    private init(hidden: Void) { value = nil }

    /// A count withheld whatever it is (a part of a group that is itself too small to show).
    public static let withheld = ReportCount(hidden: ())

    public var isSuppressed: Bool { value == nil }
    /// "<5" when suppressed.
    public var text: String { value.map(String.init) ?? "<\(ProgramReport.smallCell)" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int?.self)
    }
}

/// The share of a group reaching something: suppressed (count and percent `nil`) when the group has fewer than
/// 5 clients, or when 1–4 of them reached it.
public struct ReportShare: Sendable, Hashable, Codable {
    /// The group's size (`nil` for 1–4).
    public let of: ReportCount
    public let count: ReportCount
    /// count / of × 100, one decimal.
    public let percent: Double?

    public init(_ count: Int, of total: Int) {
        of = ReportCount(total)
        let shown = total >= ProgramReport.smallCell ? ReportCount(count) : total == 0 ? ReportCount(0) : .withheld
        self.count = shown
        percent =
            total >= ProgramReport.smallCell && !shown.isSuppressed
            ? (Double(count) / Double(total) * 1000).rounded() / 10 : nil
    }
}

/// A median over a group of clients: `nil` (suppressed) when fewer than 5 contribute.
public struct ReportMedian: Sendable, Hashable, Codable {
    public let clients: ReportCount
    /// One decimal.
    public let median: Double?

    public init(_ values: [Double]) {
        clients = ReportCount(values.count)
        median =
            values.count >= ProgramReport.smallCell
            ? Statistics.median(values).map { ($0 * 10).rounded() / 10 } : nil
    }
}

/// The program report of clinical-rules.md §9: both tracks side by side for the episodes of care in a date
/// range, aggregates only, every cell of fewer than 5 clients suppressed. Counts and medians are computed here
/// and nowhere else, so the page, the CLI's HTML, CSV and JSON agree.
public struct ProgramReport: Sendable, Hashable, Codable {
    /// Cells of 1–4 clients are suppressed.
    public static let smallCell = 5
    /// The longest range one report covers.
    public static let longestRangeDays = 3_660
    /// Weeks of treatment the weekly series cover.
    public static let weeksShown = 52

    /// One instrument of the depression track (PHQ-9, GAD-7, PCL-5).
    public struct Measure: Sendable, Hashable, Codable {
        public let instrument: Instrument.ID
        /// Episodes with a baseline total.
        public let measured: ReportCount
        /// Episodes with a baseline and at least one later total: the group every statistic below is over.
        public let followedUp: ReportCount
        public let baseline: ReportMedian
        public let latest: ReportMedian
        public let change: ReportMedian
        /// Over the followed-up episodes whose baseline was in the clinical range.
        public let response: ReportShare
        public let remission: ReportShare
        /// Over all followed-up episodes.
        public let reliableImprovement: ReportShare
        public let reliableDeterioration: ReportShare
    }

    /// The stimulant track.
    public struct Use: Sendable, Hashable, Codable {
        /// Episodes with at least one check-in.
        public let reporting: ReportCount
        public let percentDaysAbstinent: ReportMedian
        public let longestAbstinenceDays: ReportMedian
        /// Over episodes with at least one urine screen.
        public let negativeScreensInARow: ReportMedian
        /// 21 consecutive days without use confirmed by a negative screen, over the reporting episodes.
        public let abstinent21DaysConfirmed: ReportShare
        /// Days in the program, over every episode.
        public let retentionDays: ReportMedian
    }

    /// A change of level within an episode.
    public struct Transition: Sendable, Hashable, Codable {
        public let from: LevelOfCare
        public let to: LevelOfCare
        public let count: ReportCount
    }

    /// Level-of-care flow: admissions by level, then every step up and down.
    public struct Flow: Sendable, Hashable, Codable {
        public let admittedAt: [LevelOfCare: ReportCount]
        public let stepsUp: ReportCount
        public let stepsDown: ReportCount
        /// Episodes with at least one step up / down.
        public let episodesSteppedUp: ReportCount
        public let episodesSteppedDown: ReportCount
        public let transitions: [Transition]
    }

    /// One week of treatment (week 1 = the admission day and the 6 after it), across episodes.
    public struct Week: Sendable, Hashable, Codable {
        public let week: Int
        /// The median of each episode's last PHQ-9 of the week.
        public let phq9: ReportMedian
        /// The mean over episodes of the percent of the week's reported days without use (`nil` with fewer
        /// than 5 reporting).
        public let percentDaysAbstinent: Double?
        public let abstinenceReporting: ReportCount
        /// Episodes in care on the week's first day, by level.
        public let inCare: [LevelOfCare: ReportCount]
    }

    public let from: CalendarDate
    public let to: CalendarDate
    /// The last day any data counts: `to`, or today when `to` is later.
    public let through: CalendarDate
    /// Episodes in care on some day of the range.
    public let episodes: ReportCount
    public let clients: ReportCount
    public let admissions: ReportCount
    public let discharges: ReportCount
    public let depression: [Measure]
    public let use: Use
    public let flow: Flow
    public let weeks: [Week]

    /// Checks a range as the report's inputs (CLI `--from`/`--to`, the page's `from`/`to`).
    public static func checkRange(from: CalendarDate, to: CalendarDate, fields: (String, String) = ("--from", "--to"))
        throws(ValidationError)
    {
        guard from <= to else { throw ValidationError(field: fields.1, "\(to) is before \(fields.0) \(from)") }
        guard from.days(to: to) < longestRangeDays else {
            throw ValidationError(field: fields.1, "a report covers at most \(longestRangeDays) days")
        }
    }

    /// The report over `episodes` for the episodes in care on some day of `from...to`; each outcome counts from
    /// the admission to the discharge or `min(to, today)` (clinical-rules.md §9).
    public init(
        episodes input: [ReportEpisode], from: CalendarDate, to: CalendarDate, today: CalendarDate,
        configuration: OutcomeConfiguration = .default
    ) {
        self.from = from
        self.to = to
        let through = min(to, today)
        self.through = through
        let inRange = input.filter {
            $0.episode.admittedOn <= through && ($0.episode.dischargedOn.map { $0 >= from } ?? true)
        }
        let outcomes = inRange.map {
            EpisodeOutcome(
                episode: $0.episode, today: through, totals: $0.totals, checkIns: $0.checkIns, screens: $0.screens,
                levels: $0.levels, configuration: configuration)
        }
        episodes = ReportCount(inRange.count)
        clients = ReportCount(Set(inRange.map(\.episode.clientID)).count)
        admissions = ReportCount(inRange.filter { $0.episode.admittedOn >= from }.count)
        discharges = ReportCount(inRange.filter { ($0.episode.dischargedOn.map { $0 <= through }) ?? false }.count)
        depression = MeasurementOutcome.instruments.map { Self.measure($0, outcomes) }
        use = Self.use(outcomes)
        flow = Self.flow(inRange, through: through)
        weeks = Self.weeks(inRange, outcomes)
    }

    static func measure(_ id: Instrument.ID, _ outcomes: [EpisodeOutcome]) -> Measure {
        let measured = outcomes.compactMap { outcome in outcome.measures.first { $0.instrument == id } }
        let followed = outcomes.compactMap { outcome -> MeasurementOutcome? in
            guard (outcome.timesMeasured[id] ?? 0) >= 2 else { return nil }
            return outcome.measures.first { $0.instrument == id }
        }
        let eligible = followed.filter { $0.response != nil }
        return Measure(
            instrument: id, measured: ReportCount(measured.count), followedUp: ReportCount(followed.count),
            baseline: ReportMedian(followed.map { Double($0.baseline) }),
            latest: ReportMedian(followed.map { Double($0.latest) }),
            change: ReportMedian(followed.map { Double($0.change) }),
            response: ReportShare(eligible.filter { $0.response == true }.count, of: eligible.count),
            remission: ReportShare(eligible.filter { $0.remission == true }.count, of: eligible.count),
            reliableImprovement: ReportShare(followed.filter(\.reliableImprovement).count, of: followed.count),
            reliableDeterioration: ReportShare(followed.filter(\.reliableDeterioration).count, of: followed.count))
    }

    static func use(_ outcomes: [EpisodeOutcome]) -> Use {
        let reporting = outcomes.filter { $0.use != nil }
        return Use(
            reporting: ReportCount(reporting.count),
            percentDaysAbstinent: ReportMedian(reporting.compactMap { $0.use?.percentDaysAbstinent }),
            longestAbstinenceDays: ReportMedian(
                reporting.compactMap { $0.use.map { Double($0.longestAbstinenceDays) } }),
            negativeScreensInARow: ReportMedian(
                outcomes.filter { $0.screens > 0 }.map { Double($0.negativeScreensInARow) }),
            abstinent21DaysConfirmed: ReportShare(
                reporting.filter { $0.abstinent21DaysConfirmed == true }.count, of: reporting.count),
            retentionDays: ReportMedian(outcomes.map { Double($0.retentionDays) }))
    }

    static func flow(_ episodes: [ReportEpisode], through: CalendarDate) -> Flow {
        var transitions: [LevelOfCare: [LevelOfCare: Int]] = [:]
        var up = 0
        var down = 0
        var episodesUp = 0
        var episodesDown = 0
        for item in episodes {
            let levels = item.levels.filter { $0.from <= through }
            var wentUp = false
            var wentDown = false
            for (before, after) in zip(levels, levels.dropFirst()) where before.level != after.level {
                transitions[before.level, default: [:]][after.level, default: 0] += 1
                if before.level < after.level {
                    up += 1
                    wentUp = true
                } else {
                    down += 1
                    wentDown = true
                }
            }
            if wentUp { episodesUp += 1 }
            if wentDown { episodesDown += 1 }
        }
        let admitted = Dictionary(grouping: episodes, by: \.episode.levelAtAdmission).mapValues(\.count)
        return Flow(
            admittedAt: Dictionary(
                uniqueKeysWithValues: LevelOfCare.admissionLevels.map { ($0, ReportCount(admitted[$0] ?? 0)) }),
            stepsUp: ReportCount(up), stepsDown: ReportCount(down), episodesSteppedUp: ReportCount(episodesUp),
            episodesSteppedDown: ReportCount(episodesDown),
            transitions: LevelOfCare.allCases.flatMap { from in
                LevelOfCare.allCases.compactMap { to in
                    transitions[from]?[to].map { Transition(from: from, to: to, count: ReportCount($0)) }
                }
            })
    }

    static func weeks(_ episodes: [ReportEpisode], _ outcomes: [EpisodeOutcome]) -> [Week] {
        let count = weeksShown
        var phq9 = [[Double]](repeating: [], count: count)
        var abstinence = [[Double]](repeating: [], count: count)
        var inCare = [[LevelOfCare: Int]](repeating: [:], count: count)
        for (item, outcome) in zip(episodes, outcomes) {
            let start = item.episode.admittedOn
            let end = outcome.through
            func week(_ date: CalendarDate) -> Int? {
                guard date >= start, date <= end else { return nil }
                let index = start.days(to: date) / 7
                return index < count ? index : nil
            }
            var lastOfWeek: [Int: DatedScore] = [:]
            for score in item.totals[.phq9] ?? [] {
                guard let index = week(score.date) else { continue }
                if let kept = lastOfWeek[index], kept.date > score.date { continue }
                lastOfWeek[index] = score
            }
            for (index, score) in lastOfWeek { phq9[index].append(Double(score.total)) }
            var known = [Int](repeating: 0, count: count)
            var abstinent = [Int](repeating: 0, count: count)
            for day in item.checkIns {
                guard let used = day.used, let index = week(day.date) else { continue }
                known[index] += 1
                if !used { abstinent[index] += 1 }
            }
            for index in 0..<count where known[index] > 0 {
                abstinence[index].append(Double(abstinent[index]) / Double(known[index]) * 100)
            }
            var index = 0
            while index < count, start.adding(days: index * 7) <= end {
                let first = start.adding(days: index * 7)
                if let level = item.levels.last(where: { $0.from <= first })?.level {
                    inCare[index][level, default: 0] += 1
                }
                index += 1
            }
        }
        let used = (0..<count).filter { !inCare[$0].isEmpty }.max().map { $0 + 1 } ?? 0
        return (0..<used).map { index in
            let reporting = abstinence[index]
            return Week(
                week: index + 1, phq9: ReportMedian(phq9[index]),
                percentDaysAbstinent: reporting.count >= smallCell
                    ? (reporting.reduce(0, +) / Double(reporting.count) * 10).rounded() / 10 : nil,
                abstinenceReporting: ReportCount(reporting.count),
                inCare: inCare[index].mapValues(ReportCount.init))
        }
    }
}
