import BraidCore
import Foundation

/// What the client's "My pattern" page shows: the last 90 days as a chart, the use calendar, and plain
/// sentences from the analysis. Built from values only (no request, no database), so it is tested directly.
struct PatternModel: Sendable {
    static let days = 90

    let start: CalendarDate
    let checkIns: [CheckInDay]
    let screens: [UrineScreen]
    let analysis: CheckInAnalysis

    init(checkIns: [StoredCheckIn], screens: [UrineScreen], analysis: CheckInAnalysis, today: CalendarDate) {
        let first = today.adding(days: -(Self.days - 1))
        let byDate = Dictionary(checkIns.map { ($0.date, $0.values.day(on: $0.date)) }) { _, later in later }
        start = first
        self.checkIns = (0..<Self.days).map {
            byDate[first.adding(days: $0)] ?? CheckInDay(date: first.adding(days: $0))
        }
        self.screens = screens.filter { $0.date >= first && $0.date <= today }
        self.analysis = analysis
    }

    /// Days where the fitted crash pulls mood down by at least one point (shaded on the chart).
    var crashWindows: [ClosedRange<Int>] {
        guard let parameters = analysis.model.parameters, parameters.crashDepth > 0 else { return [] }
        let load = CycleModel.crashLoad(use: checkIns.map { $0.used == true }, halfLife: parameters.crashHalfLifeDays)
        var windows: [ClosedRange<Int>] = []
        var open: Int?
        for (index, value) in load.enumerated() {
            let deep = parameters.crashDepth * value >= 1
            if deep, open == nil { open = index }
            if !deep, let begin = open {
                windows.append(begin...(index - 1))
                open = nil
            }
        }
        if let begin = open { windows.append(begin...(load.count - 1)) }
        return windows
    }

    /// The chart of the last 90 days: mood and craving lines (gaps where unrated), use days, crash windows.
    var chart: SVGChart {
        let latest = checkIns.last { $0.mood != nil }
        var chart = SVGChart(
            title: "Your last 90 days: mood, craving and use",
            summary: "Mood and craving from 0 to 10 for each day from \(start) to \(checkIns.last!.date); "
                + "\(plural(checkIns.filter { $0.used == true }.count, "use day")) marked; "
                + "\(plural(crashWindows.count, "crash window")) shaded."
                + (latest.map { " Latest mood \($0.mood!) on \($0.date)." } ?? ""),
            x: 0...Double(Self.days), y: 0...10)
        chart.yTicks = [0, 5, 10].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = stride(from: 0, to: Self.days, by: 30).map {
            .init(value: Double($0), label: start.adding(days: $0).description)
        }
        chart.bands = crashWindows.map {
            .init(
                axis: .x, range: Double($0.lowerBound)...Double($0.upperBound + 1), color: "#b3261e",
                label: "Crash window")
        }
        chart.bars = checkIns.enumerated().compactMap { index, day in
            day.used == true ? .init(x: Double(index), width: 1, height: 0.8, color: "#b3261e") : nil
        }
        chart.legendExtras = [("Use day", "#b3261e")]
        chart.lines = [
            .init(
                label: "Mood",
                points: checkIns.enumerated().map { .init(x: Double($0) + 0.5, y: $1.mood.map(Double.init)) },
                color: "#0b57d0"),
            .init(
                label: "Craving",
                points: checkIns.enumerated().map { .init(x: Double($0) + 0.5, y: $1.craving.map(Double.init)) },
                color: "#b06000", dashed: true),
        ]
        return chart
    }

    /// Plain sentences: the pattern, how fast lows lift, what is shifting, deepening.
    var sentences: [String] {
        var lines: [String] = []
        let parameters = analysis.model.parameters
        switch analysis.classification {
        case .insufficientData:
            lines.append("Keep checking in: after 28 days with a mood rating, your pattern will show here.")
        case .crashDriven, .mixed:
            if let parameters, parameters.crashDepth > 0 {
                let lift = max(parameters.daysUntilCrashLifts(), 1)
                lines.append(
                    "Your lows mostly come 1–3 days after using and lift within about \(lift) day\(lift == 1 ? "" : "s")."
                )
            }
            if analysis.classification == .mixed {
                lines.append("Your mood is also low between uses: that part of the low needs its own care too.")
            }
        case .persistent:
            lines.append("Your low mood is there between uses too, not only after using: it needs its own care.")
        case .notLow:
            lines.append("Your mood between uses is mostly okay, and there is no strong crash after using.")
        }
        if analysis.model.deepening {
            lines.append("Your crashes got deeper in the second half of this period: the cycle is pulling harder.")
        }
        if let progress = analysis.progress {
            if progress.dipsPerWeek.shifted, let first = progress.dipsPerWeek.first14,
                let last = progress.dipsPerWeek.last14
            {
                lines.append("What is shifting: fewer very low days (from \(format(first)) to \(format(last)) a week).")
            }
            if progress.sleepHours.shifted, let last = progress.sleepHours.last14 {
                lines.append("What is shifting: your sleep is moving toward 7–9 hours (now about \(format(last))).")
            }
            if progress.useDays.shifted { lines.append("What is shifting: fewer use days than when you started.") }
            if progress.baselineMood.shifted { lines.append("What is shifting: your mood on ordinary days is rising.") }
        }
        return lines
    }

    /// The use calendar, week by week (Monday first): used, not used, no answer, negative screen.
    var calendarWeeks: [[(date: CalendarDate, status: String)?]] {
        let negative = Set(screens.filter { !$0.positive }.map(\.date))
        let cells: [(date: CalendarDate, status: String)] = checkIns.map { day in
            let status =
                day.used == true
                ? "used"
                : negative.contains(day.date)
                    ? "negative screen"
                    : day.used == false ? "not used" : "no answer"
            return (day.date, status)
        }
        var weeks: [[(date: CalendarDate, status: String)?]] = []
        var week: [(date: CalendarDate, status: String)?] = Array(repeating: nil, count: cells[0].date.isoWeekday - 1)
        for cell in cells {
            week.append(cell)
            if week.count == 7 {
                weeks.append(week)
                week = []
            }
        }
        if !week.isEmpty { weeks.append(week + Array(repeating: nil, count: 7 - week.count)) }
        return weeks
    }

    private func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
