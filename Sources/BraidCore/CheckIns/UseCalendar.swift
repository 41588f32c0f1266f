import Foundation

/// A urine drug screen for cocaine (benzoylecgonine, detectable about 2–4 days after use).
public struct UrineScreen: Sendable, Hashable, Codable {
    public let date: CalendarDate
    public let positive: Bool

    public init(date: CalendarDate, positive: Bool) {
        self.date = date
        self.positive = positive
    }
}

/// Use metrics of clinical-rules.md §3 (Timeline Followback), from reported use only.
public struct UseMetrics: Sendable, Hashable, Codable {
    public let useDays: Int
    /// Use days in the last 30 calendar days of the data.
    public let useDaysLast30: Int
    /// Abstinent days / days with known use × 100; `nil` when no day's use is known.
    public let percentDaysAbstinent: Double?
    public let longestAbstinenceDays: Int
    /// Days from the last use day to the last date (0 if used on the last date); all known days if never used.
    public let currentAbstinenceDays: Int
    public let knownDays: Int
    /// Unreported days marked "possible use" by a positive screen in the 3 days after them.
    public let possibleUseDays: Int
}

/// The use calendar: one status per calendar day, from check-ins, clinician recall and urine screens.
public struct UseCalendar: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case used
        case notUsed = "not-used"
        case unknown
        /// Not reported as use, but a positive screen within the next 3 days suggests it.
        case possibleUse = "possible-use"
    }

    /// Days before a positive screen that it marks as possible use when unreported.
    public static let screenLookbackDays = 3

    public let start: CalendarDate
    public let statuses: [Status]
    public let screens: [UrineScreen]

    public init(series: CheckInSeries, screens: [UrineScreen] = []) {
        start = series.first ?? CalendarDate(dayNumber: 0)
        var statuses = series.days.map { day -> Status in
            switch day.used {
            case true?: .used
            case false?: .notUsed
            case nil: .unknown
            }
        }
        for screen in screens where screen.positive {
            let screenIndex = start.days(to: screen.date)
            for index in (screenIndex - Self.screenLookbackDays)..<screenIndex
            where statuses.indices.contains(index) && statuses[index] != .used {
                statuses[index] = .possibleUse
            }
        }
        self.statuses = statuses
        self.screens = screens.sorted { $0.date < $1.date }
    }

    /// Metrics over the calendar; reported use only (possible use is counted, not assumed). One pass.
    public var metrics: UseMetrics {
        var useDays = 0
        var known = 0
        var possible = 0
        var recent = 0
        var firstUse: Int?
        var lastUse: Int?
        var longestGap = 0
        let recentStart = statuses.count - 30
        for (index, status) in statuses.enumerated() {
            switch status {
            case .used:
                useDays += 1
                known += 1
                if index >= recentStart { recent += 1 }
                // Calendar-day gaps: before the first use and between uses (the gap after the last is below).
                longestGap = max(longestGap, lastUse.map { index - $0 - 1 } ?? index)
                if firstUse == nil { firstUse = index }
                lastUse = index
            case .notUsed: known += 1
            case .possibleUse: possible += 1
            case .unknown: break
            }
        }
        let current: Int
        let longest: Int
        if let lastUse {
            current = statuses.count - 1 - lastUse
            longest = max(longestGap, current)
        } else {
            current = known
            longest = known
        }
        return UseMetrics(
            useDays: useDays, useDaysLast30: recent,
            percentDaysAbstinent: known == 0 ? nil : Double(known - useDays) / Double(known) * 100,
            longestAbstinenceDays: longest, currentAbstinenceDays: current, knownDays: known,
            possibleUseDays: possible)
    }
}
