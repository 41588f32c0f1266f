import Foundation

/// The outcomes of one episode of care, admission to discharge (or today while it is open): both tracks side by
/// side (clinical-rules.md §9). Plain data in, plain numbers out, so the chart, the report and the exports agree.
public struct EpisodeOutcome: Sendable, Hashable {
    public let episode: Episode
    /// The last day the window covers: the discharge date, or today.
    public let through: CalendarDate
    /// One per instrument of §9 answered in the window: the first total is the baseline, the last the latest.
    public let measures: [MeasurementOutcome]
    /// How many totals of each instrument the window holds (a measure with one total has no follow-up yet).
    public let timesMeasured: [Instrument.ID: Int]
    /// Use from the check-ins in the window (`UseCalendar`, screens included); `nil` with no check-in.
    public let use: UseMetrics?
    public let screens: Int
    /// Negative screens in a row, counting back from the latest screen of the window.
    public let negativeScreensInARow: Int
    /// Whether the client reached 21 consecutive days without use with a negative screen inside them (a day with
    /// reported use breaks a run, and a positive screen breaks it for itself and the 3 days before, as for the §7
    /// goal); `nil` with no check-in in the window.
    public let abstinent21DaysConfirmed: Bool?
    /// Days in the program: admission through `through`, both counted.
    public let retentionDays: Int
    public let stepsUp: Int
    public let stepsDown: Int

    /// Days of use-free run a goal of "21 days abstinent" needs.
    public static let confirmedRunDays = 21

    public init(
        episode: Episode, today: CalendarDate, totals: [Instrument.ID: [DatedScore]], checkIns: [CheckInDay],
        screens: [UrineScreen], levels: [LevelPeriod], configuration: OutcomeConfiguration = .default
    ) {
        self.episode = episode
        let end = min(episode.dischargedOn ?? today, today)
        through = end
        let start = episode.admittedOn
        func inWindow(_ date: CalendarDate) -> Bool { date >= start && date <= end }
        var measures: [MeasurementOutcome] = []
        var timesMeasured: [Instrument.ID: Int] = [:]
        for id in MeasurementOutcome.instruments {
            let window = (totals[id] ?? []).filter { inWindow($0.date) }.sorted { $0.date < $1.date }
            guard let first = window.first, let last = window.last else { continue }
            measures.append(
                MeasurementOutcome(
                    instrument: id, baseline: first.total, latest: last.total, configuration: configuration))
            timesMeasured[id] = window.count
        }
        self.measures = measures
        self.timesMeasured = timesMeasured
        let days = checkIns.filter { inWindow($0.date) }.sorted { $0.date < $1.date }
        let windowScreens = screens.filter { inWindow($0.date) }.sorted { $0.date < $1.date }
        self.screens = windowScreens.count
        negativeScreensInARow = windowScreens.reversed().prefix { !$0.positive }.count
        if days.isEmpty {
            use = nil
            abstinent21DaysConfirmed = nil
        } else {
            let series = CheckInSeries(days: days, through: end)
            use = UseCalendar(series: series, screens: windowScreens).metrics
            abstinent21DaysConfirmed = Self.reachesConfirmedRun(
                from: days[0].date, through: end, used: Set(days.filter { $0.used == true }.map(\.date)),
                screens: windowScreens)
        }
        retentionDays = start.days(to: end) + 1
        let steps = zip(levels, levels.dropFirst()).map { $0.level < $1.level }
        stepsUp = steps.filter { $0 }.count
        stepsDown = steps.filter { !$0 }.count
    }

    /// One pass over the days: a run of use-free days, broken by reported use or a positive screen (and the 3
    /// days before it), that reaches 21 days with a negative screen inside it.
    static func reachesConfirmedRun(
        from first: CalendarDate, through last: CalendarDate, used: Set<CalendarDate>, screens: [UrineScreen]
    ) -> Bool {
        guard first <= last else { return false }
        var broken = used
        var negatives: Set<CalendarDate> = []
        for screen in screens {
            if screen.positive {
                for back in 0...UseCalendar.screenLookbackDays { broken.insert(screen.date.adding(days: -back)) }
            } else {
                negatives.insert(screen.date)
            }
        }
        var run = 0
        var lastNegative: CalendarDate?
        var day = first
        while day <= last {
            if broken.contains(day) {
                run = 0
                lastNegative = nil
            } else {
                run += 1
                if negatives.contains(day) { lastNegative = day }
                if run >= confirmedRunDays, lastNegative != nil { return true }
            }
            day = day.adding(days: 1)
        }
        return false
    }
}
