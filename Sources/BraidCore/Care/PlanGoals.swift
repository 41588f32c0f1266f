import Foundation

// Goals of the treatment plan (§7): measurable targets tied to a data source; progress computed, never typed.

/// The measurable targets a goal can have, each tied to a data source (§7).
public enum GoalTarget: String, Sendable, Hashable, Codable, CaseIterable {
    case phq9Below10 = "phq9-below-10"
    case phq9Below5 = "phq9-below-5"
    case gad7Below10 = "gad7-below-10"
    case pcl5BelowThreshold = "pcl5-below-threshold"
    case abstinent21DaysConfirmed = "abstinent-21-days-confirmed"
    case sleep65On5Of7 = "sleep-6.5h-5-of-7"
    case checkIns6Of7 = "check-ins-6-of-7"
    /// Goals the recovery tools feed (§10): activation, the diary card, the group program.
    case activities2Of7 = "activities-2-of-7"
    case diaryCard5Of7 = "diary-card-5-of-7"
    case groupAttendance80 = "group-attendance-80"

    public var description: String {
        switch self {
        case .phq9Below10: "PHQ-9 below 10"
        case .phq9Below5: "PHQ-9 below 5"
        case .gad7Below10: "GAD-7 below 10"
        case .pcl5BelowThreshold: "PCL-5 below the probable-PTSD cut-off"
        case .abstinent21DaysConfirmed: "21 consecutive days without use, confirmed by negative screens"
        case .sleep65On5Of7: "Sleep of 6.5 h or more on 5 of the last 7 nights"
        case .checkIns6Of7: "Check-ins on 6 of the last 7 days"
        case .activities2Of7: "Two planned activities done in the last 7 days"
        case .diaryCard5Of7: "Diary card filled in on 5 of the last 7 days"
        case .groupAttendance80: "At 80 % or more of group sessions in the last 28 days"
        }
    }

    /// The problem a target belongs to.
    public var problem: ProblemKind {
        switch self {
        case .phq9Below10, .phq9Below5: .depression
        case .gad7Below10: .anxiety
        case .pcl5BelowThreshold: .trauma
        case .abstinent21DaysConfirmed, .checkIns6Of7, .diaryCard5Of7, .groupAttendance80: .stimulantUseDisorder
        case .activities2Of7: .depression
        case .sleep65On5Of7: .sleep
        }
    }

    /// The default due date, in days after the episode began (§7: PHQ-9 < 10 by week 8, < 5 by week 12).
    public var defaultDueDays: Int {
        switch self {
        case .phq9Below10: 56
        case .phq9Below5: 84
        case .gad7Below10, .pcl5BelowThreshold: 84
        case .abstinent21DaysConfirmed: 56
        case .sleep65On5Of7, .checkIns6Of7, .activities2Of7, .diaryCard5Of7, .groupAttendance80: 28
        }
    }
}

/// Progress of a goal, computed from its data source, never typed.
public enum GoalProgress: String, Sendable, Hashable, Codable {
    case met
    case onTrack = "on-track"
    case notMet = "not-met"
    case noData = "no-data"
}

/// What goal progress is computed from: dated totals, the check-in days, and the urine screens.
public struct GoalData: Sendable {
    public let totals: [Instrument.ID: [DatedScore]]
    /// Day → (sleep hours, used), for current check-ins.
    public let days: [CalendarDate: (sleep: Double?, used: Bool?)]
    public let screens: [UrineScreen]
    public let pcl5Cutoff: Int
    /// The recovery tools (§10): every planned activity (its day, and whether it was done), the days filled in on
    /// diary cards, and each group session recorded for the client.
    public var activities: [(date: CalendarDate, done: Bool?)] = []
    public var diaryDays: Set<CalendarDate> = []
    public var attendance: [(date: CalendarDate, status: AttendanceStatus)] = []

    public init(
        totals: [Instrument.ID: [DatedScore]], days: [CalendarDate: (sleep: Double?, used: Bool?)],
        screens: [UrineScreen], pcl5Cutoff: Int = ScoringConfiguration.default.pcl5ProbablePTSDAt
    ) {
        self.totals = totals
        self.days = days
        self.screens = screens
        self.pcl5Cutoff = pcl5Cutoff
    }
}

public enum GoalRules {
    /// Progress of `target` as of `today`, due on `due`.
    ///
    /// - met: the target holds now (on the latest data);
    /// - no data: nothing to judge from (no total, no check-in in the window);
    /// - on track: not yet met and the due date not passed, and: a total at or below the first one; a streak that
    ///   can still reach 21 days by the due date; a weekly count within one day of its target;
    /// - not met: the due date passed without it, or moving away from it.
    public static func progress(_ target: GoalTarget, data: GoalData, today: CalendarDate, due: CalendarDate)
        -> GoalProgress
    {
        func score(_ id: Instrument.ID, below limit: Int) -> GoalProgress {
            let totals = (data.totals[id] ?? []).filter { $0.date <= today }
            guard let latest = totals.last else { return .noData }
            if latest.total < limit { return .met }
            if today > due { return .notMet }
            return latest.total <= totals[0].total ? .onTrack : .notMet
        }
        switch target {
        case .phq9Below10: return score(.phq9, below: 10)
        case .phq9Below5: return score(.phq9, below: 5)
        case .gad7Below10: return score(.gad7, below: 10)
        case .pcl5BelowThreshold: return score(.pcl5, below: data.pcl5Cutoff)
        case .abstinent21DaysConfirmed:
            let streak = confirmedAbstinence(data: data, today: today)
            guard let streak else { return .noData }
            if streak >= 21 { return .met }
            return today.days(to: due) >= 21 - streak ? .onTrack : .notMet
        case .sleep65On5Of7, .checkIns6Of7:
            let week = (0..<7).map { today.adding(days: -$0) }
            let rated = week.compactMap { data.days[$0] }
            guard !rated.isEmpty else { return .noData }
            let count =
                target == .checkIns6Of7
                ? rated.count : rated.filter { ($0.sleep ?? 0) >= 6.5 }.count
            let needed = target == .checkIns6Of7 ? 6 : 5
            if count >= needed { return .met }
            if today > due { return .notMet }
            // Within one day of the target this week counts as on track.
            return count >= needed - 1 ? .onTrack : .notMet
        case .activities2Of7, .diaryCard5Of7:
            // No activity planned, or no diary card, ever: nothing to judge from.
            let week = today.adding(days: -6)...today
            let count: Int
            let needed: Int
            if target == .activities2Of7 {
                guard !data.activities.isEmpty else { return .noData }
                count = data.activities.filter { week.contains($0.date) && $0.done == true }.count
                needed = 2
            } else {
                guard !data.diaryDays.isEmpty else { return .noData }
                count = data.diaryDays.filter { week.contains($0) }.count
                needed = 5
            }
            if count >= needed { return .met }
            if today > due { return .notMet }
            return count >= needed - 1 ? .onTrack : .notMet
        case .groupAttendance80:
            let window = today.adding(days: -27)...today
            let summary = AttendanceSummary(data.attendance.filter { window.contains($0.date) }.map(\.status))
            guard let rate = summary.rate else { return .noData }
            if rate >= 0.8 { return .met }
            if today > due { return .notMet }
            // One more session attended would reach it: on track.
            let counted = summary.sessions - summary.excused
            return Double(summary.attended + 1) / Double(counted) >= 0.8 ? .onTrack : .notMet
        }
    }

    /// Consecutive days without use ending today (a day with use or a positive screen breaks the streak; a
    /// positive screen also marks the 3 days before it), counted only when at least one negative screen falls
    /// inside the streak; `nil` with no check-in at all.
    public static func confirmedAbstinence(data: GoalData, today: CalendarDate) -> Int? {
        guard !data.days.isEmpty else { return nil }
        let positives = data.screens.filter { $0.positive && $0.date <= today }.map(\.date)
        func clean(_ day: CalendarDate) -> Bool {
            if data.days[day]?.used == true { return false }
            return !positives.contains { day <= $0 && $0.days(to: day) >= -3 }
        }
        var streak = 0
        var day = today
        let first = data.days.keys.min() ?? today
        while day >= first, clean(day) {
            streak += 1
            day = day.adding(days: -1)
        }
        let start = today.adding(days: -(streak - 1))
        let confirmed = data.screens.contains { !$0.positive && $0.date >= start && $0.date <= today }
        return confirmed ? streak : 0
    }

    /// Review every 14 days at PHP, 30 at IOP (and outpatient).
    public static func reviewInterval(at level: LevelOfCare?) -> Int { level == .php ? 14 : 30 }
}
