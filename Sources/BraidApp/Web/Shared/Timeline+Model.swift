import BraidCore
import Foundation

/// A client's recent days as the pages show them: the timeline chart (mood, craving, use days, crash windows),
/// the sleep chart and the use calendar. The client's "My pattern" page shows 90 days; the clinician's chart
/// 30, 90 or 365. Built from values only (no request, no database), so it is tested directly.
struct TimelineModel: Sendable {
    /// The spans the clinician's chart offers.
    static let spans = [30, 90, 365]

    let days: Int
    /// Whose days these are, for titles: "Your" or "Alex M.'s".
    let subject: String
    let start: CalendarDate
    let checkIns: [CheckInDay]
    let screens: [UrineScreen]
    let analysis: CheckInAnalysis
    /// The program's analysis thresholds: the healthy sleep band, the crash threshold, the days a pattern needs.
    let configuration: AnalysisConfiguration
    /// Exercise and regular meals beside mood, the last 8 weeks (§10).
    let lifestyle: LifestyleTrend

    var healthySleep: ClosedRange<Double> { configuration.healthySleepHours }
    /// A crash window needs a pull of at least this many mood points (the classification's crash threshold).
    var crashPullAtLeast: Double { configuration.crashDepthAtLeast }

    init(
        days: Int, subject: String = "Your", checkIns: [StoredCheckIn], screens: [UrineScreen],
        analysis: CheckInAnalysis, today: CalendarDate, configuration: AnalysisConfiguration = .default
    ) {
        let first = today.adding(days: -(days - 1))
        let byDate = Dictionary(checkIns.map { ($0.date, $0.values.day(on: $0.date)) }) { _, later in later }
        self.days = days
        self.subject = subject
        start = first
        self.checkIns = (0..<days).map {
            byDate[first.adding(days: $0)] ?? CheckInDay(date: first.adding(days: $0))
        }
        self.screens = screens.filter { $0.date >= first && $0.date <= today }
        self.analysis = analysis
        self.configuration = configuration
        let current = Dictionary(checkIns.map { ($0.date, $0.values) }) { _, later in later }
        lifestyle = LifestyleTrend(days: current.map { ($0.key, $0.value) }, today: today)
    }

    var end: CalendarDate { start.adding(days: days - 1) }

    /// The days after each use when the fitted crash is deepest (`CycleParameters.crashWindows`), shaded.
    var crashWindows: [ClosedRange<Int>] {
        guard let parameters = analysis.model.parameters else { return [] }
        return parameters.crashWindows(use: checkIns.map { $0.used == true }, pullAtLeast: crashPullAtLeast)
    }

    /// Date ticks: weekly for a month, monthly for a quarter, quarterly for a year.
    private var xTicks: [SVGChart.Tick] {
        let step = days <= 31 ? 7 : days <= 120 ? 30 : 91
        return stride(from: 0, to: days, by: step).map {
            .init(value: Double($0), label: start.adding(days: $0).description)
        }
    }

    var chart: SVGChart { chart(.english) }

    /// Mood and craving lines (gaps where unrated), use days as bars, crash windows shaded.
    func chart(_ copy: Copy) -> SVGChart {
        let latest = checkIns.last { $0.mood != nil }
        var chart = SVGChart(
            title: copy(.timelineTitle, ["subject": subject, "days": String(days)]),
            summary: copy(
                .timelineSummary,
                [
                    "start": start.description, "end": end.description,
                    "uses": copy.count(
                        checkIns.filter { $0.used == true }.count, one: .timelineUseDay, many: .timelineUseDays),
                    "windows": copy.count(crashWindows.count, one: .timelineWindow, many: .timelineWindows),
                ])
                + (latest.map { copy(.timelineLatest, ["mood": String($0.mood!), "date": $0.date.description]) }
                    ?? copy(.timelineNoMood)),
            x: 0...Double(days), y: 0...10)
        chart.yTicks = [0, 5, 10].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = xTicks
        chart.bands = crashWindows.map {
            .init(
                axis: .x, range: Double($0.lowerBound)...Double($0.upperBound + 1), color: "#b3261e",
                label: copy(.timelineCrashWindow))
        }
        chart.bars = checkIns.enumerated().compactMap { index, day in
            day.used == true ? .init(x: Double(index), width: 1, height: 0.8, color: "#b3261e") : nil
        }
        chart.legendExtras = [(copy(.cycleUseDay), "#b3261e")]
        chart.lines = [
            .init(
                label: copy(.activityMoodLine),
                points: checkIns.enumerated().map { .init(x: Double($0) + 0.5, y: $1.mood.map(Double.init)) },
                color: "#0b57d0"),
            .init(
                label: copy(.timelineCraving),
                points: checkIns.enumerated().map { .init(x: Double($0) + 0.5, y: $1.craving.map(Double.init)) },
                color: "#b06000", dashed: true),
        ]
        return chart
    }

    var sleepChart: SVGChart { sleepChart(.english) }

    /// Hours of sleep per night, with the healthy 7–9 hours shaded: sleep is often the first thing to settle.
    func sleepChart(_ copy: Copy) -> SVGChart {
        let rated = checkIns.compactMap(\.sleepHours)
        let mean = rated.isEmpty ? nil : rated.reduce(0, +) / Double(rated.count)
        var chart = SVGChart(
            title: copy(.sleepTitle, ["subject": subject, "days": String(days)]),
            summary: copy(
                .sleepSummary,
                [
                    "start": start.description, "end": end.description,
                    "band": "\(copy.decimal(healthySleep.lowerBound))–\(copy.decimal(healthySleep.upperBound))",
                ])
                + (mean.map {
                    copy(
                        .sleepAverage,
                        [
                            "hours": copy.decimal($0),
                            "nights": copy.count(rated.count, one: .sleepNight, many: .sleepNights),
                        ])
                } ?? copy(.sleepNone)),
            x: 0...Double(days), y: 0...14)
        chart.height = 180
        chart.yTicks = [0, 7, 14].map { .init(value: Double($0), label: "\($0) h") }
        chart.xTicks = xTicks
        chart.bands = [.init(axis: .y, range: healthySleep, color: "#188038", label: copy(.sleepHealthy))]
        chart.lines = [
            .init(
                label: copy(.pawsSleep),
                points: checkIns.enumerated().map { .init(x: Double($0) + 0.5, y: $1.sleepHours) },
                color: "#5b3f9e")
        ]
        return chart
    }

    /// One cell of the use calendar.
    struct CalendarCell: Sendable, Hashable {
        enum Status: String, Sendable, Hashable, CaseIterable {
            case used
            case notUsed = "not used"
            case possibleUse = "possible use"
            case negativeScreen = "negative screen"
            case unknown = "no answer"

            var symbol: String {
                switch self {
                case .used: "U"
                case .notUsed: "·"
                case .possibleUse: "P"
                case .negativeScreen: "−"
                case .unknown: "?"
                }
            }
        }

        let date: CalendarDate
        let status: Status
    }

    /// One month of the use calendar: weeks Monday to Sunday; `nil` pads days outside the month or the period.
    struct CalendarMonth: Sendable, Hashable {
        let title: String
        let weeks: [[CalendarCell?]]
    }

    /// The use calendar (Timeline Followback), a grid per month: reported use, no use, possible use (a positive
    /// urine screen within the next 3 days of an unreported day), a negative screen, or no answer.
    var calendarMonths: [CalendarMonth] { calendarMonths(.english) }

    func calendarMonths(_ copy: Copy) -> [CalendarMonth] {
        let calendar = UseCalendar(series: CheckInSeries(days: checkIns, through: end), screens: screens)
        let negative = Set(screens.filter { !$0.positive }.map(\.date))
        let cells = checkIns.enumerated().map { index, day -> CalendarCell in
            let status: CalendarCell.Status =
                switch calendar.statuses[index] {
                case .used: .used
                case .possibleUse: .possibleUse
                case _ where negative.contains(day.date): .negativeScreen
                case .notUsed: .notUsed
                case .unknown: .unknown
                }
            return CalendarCell(date: day.date, status: status)
        }
        var months: [CalendarMonth] = []
        var index = 0
        while index < cells.count {
            let (year, month, _) = cells[index].date.components
            var monthCells: [CalendarCell] = []
            while index < cells.count, cells[index].date.components.month == month {
                monthCells.append(cells[index])
                index += 1
            }
            var weeks: [[CalendarCell?]] = []
            var week: [CalendarCell?] = Array(repeating: nil, count: monthCells[0].date.isoWeekday - 1)
            for cell in monthCells {
                week.append(cell)
                if week.count == 7 {
                    weeks.append(week)
                    week = []
                }
            }
            if !week.isEmpty { weeks.append(week + Array(repeating: nil, count: 7 - week.count)) }
            months.append(CalendarMonth(title: "\(copy(Self.monthKeys[month - 1])) \(year)", weeks: weeks))
        }
        return months
    }

    static let monthKeys: [CopyKey] = [
        .monthJanuary, .monthFebruary, .monthMarch, .monthApril, .monthMayLong, .monthJune, .monthJuly, .monthAugust,
        .monthSeptember, .monthOctober, .monthNovember, .monthDecember,
    ]
}

func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// A number for people: whole numbers without a decimal, others with one.
func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
}
