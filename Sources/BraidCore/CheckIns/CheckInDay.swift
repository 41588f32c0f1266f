import Foundation

/// What the analysis knows about one calendar day: the check-in values of CLINICAL.md §3 that the
/// interchange CSV carries. Every field is optional: `nil` means not rated or unknown.
public struct CheckInDay: Sendable, Hashable, Codable {
    public var date: CalendarDate
    /// 0 worst … 5 okay … 10 best.
    public var mood: Int?
    public var craving: Int?
    /// 0–24 in 0.5 steps.
    public var sleepHours: Double?
    /// Cocaine used that day; `nil` = unknown (the model treats unknown as no use).
    public var used: Bool?
    /// Anhedonia scale: 0 no enjoyment … 10.
    public var enjoyment: Int?
    public var energy: Int?
    public var irritability: Int?
    /// Thoughts of being better off dead or of hurting yourself today (§8).
    public var safety: Bool?

    public init(
        date: CalendarDate, mood: Int? = nil, craving: Int? = nil, sleepHours: Double? = nil, used: Bool? = nil,
        enjoyment: Int? = nil, energy: Int? = nil, irritability: Int? = nil, safety: Bool? = nil
    ) {
        self.date = date
        self.mood = mood
        self.craving = craving
        self.sleepHours = sleepHours
        self.used = used
        self.enjoyment = enjoyment
        self.energy = energy
        self.irritability = irritability
        self.safety = safety
    }

    /// A day is rated when it has a mood rating.
    public var isRated: Bool { mood != nil }
}

/// Allowed values of check-in fields (CLINICAL.md §3), shared by the CSV reader, the API and the forms.
public enum CheckInLimits {
    public static let scale = 0...10
    public static let sleepHours = 0.0...24.0
    /// Sleep is reported in half hours.
    public static let sleepStep = 0.5

    /// Whether a sleep value is in range and on a half-hour step.
    public static func isValidSleep(_ hours: Double) -> Bool {
        sleepHours.contains(hours) && (hours / sleepStep).rounded() * sleepStep == hours
    }
}

/// Check-in days on consecutive calendar dates from `start`; dates with no data are empty days.
public struct CheckInSeries: Sendable, Hashable {
    public let days: [CheckInDay]

    /// Builds a dense series from days in strictly increasing date order, filling absent dates with empty days
    /// (unrated, use unknown), optionally extended to `through`.
    public init(days sparse: [CheckInDay], through end: CalendarDate? = nil) {
        guard let first = sparse.first else {
            days = []
            return
        }
        let last = max(sparse.last!.date, end ?? sparse.last!.date)
        var dense = (0...first.date.days(to: last)).map { CheckInDay(date: first.date.adding(days: $0)) }
        for day in sparse { dense[first.date.days(to: day.date)] = day }
        days = dense
    }

    public var count: Int { days.count }
    public var isEmpty: Bool { days.isEmpty }
    public var first: CalendarDate? { days.first?.date }
    public var last: CalendarDate? { days.last?.date }
    public var ratedCount: Int { days.lazy.filter(\.isRated).count }

    /// The index of a date in the series, if it falls inside it.
    public func index(of date: CalendarDate) -> Int? {
        guard let first else { return nil }
        let index = first.days(to: date)
        return days.indices.contains(index) ? index : nil
    }

    /// Days whose date lies in the last `count` calendar days ending on the last date.
    public func lastDays(_ count: Int) -> ArraySlice<CheckInDay> { days.suffix(count) }
}
