import Foundation

/// What the analysis knows about one calendar day: the check-in values of clinical-rules.md §3 that the
/// interchange CSV carries. Every field is optional: `nil` means not rated or unknown.
///
/// Stored compactly (small integers; sleep in half hours): a cohort analysis walks millions of days, and
/// 24 bytes a day instead of ~120 keeps that work in cache. Values are validated (`CheckInLimits`) before
/// they are stored; storing an invalid one is a programming error and traps.
public struct CheckInDay: Sendable, Hashable {
    public var date: CalendarDate
    private var moodValue: Int8 = -1
    private var cravingValue: Int8 = -1
    private var enjoymentValue: Int8 = -1
    private var energyValue: Int8 = -1
    private var irritabilityValue: Int8 = -1
    private var sleepHalfHours: Int16 = -1
    private var usedValue: Bool?
    private var safetyValue: Bool?

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

    /// 0 worst … 5 okay … 10 best.
    public var mood: Int? {
        get { Self.read(moodValue) }
        set { moodValue = Self.store(newValue) }
    }
    public var craving: Int? {
        get { Self.read(cravingValue) }
        set { cravingValue = Self.store(newValue) }
    }
    /// Anhedonia scale: 0 no enjoyment … 10.
    public var enjoyment: Int? {
        get { Self.read(enjoymentValue) }
        set { enjoymentValue = Self.store(newValue) }
    }
    public var energy: Int? {
        get { Self.read(energyValue) }
        set { energyValue = Self.store(newValue) }
    }
    public var irritability: Int? {
        get { Self.read(irritabilityValue) }
        set { irritabilityValue = Self.store(newValue) }
    }
    /// 0–24 in 0.5 steps.
    public var sleepHours: Double? {
        get { sleepHalfHours < 0 ? nil : Double(sleepHalfHours) / 2 }
        set {
            guard let newValue else {
                sleepHalfHours = -1
                return
            }
            precondition(CheckInLimits.isValidSleep(newValue), "sleep is validated before it is stored")
            sleepHalfHours = Int16(newValue * 2)
        }
    }
    /// Cocaine used that day; `nil` = unknown (the model treats unknown as no use).
    public var used: Bool? {
        get { usedValue }
        set { usedValue = newValue }
    }
    /// Thoughts of being better off dead or of hurting yourself today (§8).
    public var safety: Bool? {
        get { safetyValue }
        set { safetyValue = newValue }
    }

    /// A day is rated when it has a mood rating.
    public var isRated: Bool { moodValue >= 0 }

    private static func read(_ value: Int8) -> Int? { value < 0 ? nil : Int(value) }

    private static func store(_ value: Int?) -> Int8 {
        guard let value else { return -1 }
        precondition(CheckInLimits.scale.contains(value), "scale values are validated before they are stored")
        return Int8(value)
    }
}

extension CheckInDay: Codable {
    enum CodingKeys: String, CodingKey {
        case date, mood, craving, sleepHours, used, enjoyment, energy, irritability, safety
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func scale(_ key: CodingKeys) throws -> Int? {
            let value = try container.decodeIfPresent(Int.self, forKey: key)
            if let value, !CheckInLimits.scale.contains(value) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "out of range 0…10")
            }
            return value
        }
        let sleep = try container.decodeIfPresent(Double.self, forKey: .sleepHours)
        if let sleep, !CheckInLimits.isValidSleep(sleep) {
            throw DecodingError.dataCorruptedError(
                forKey: .sleepHours, in: container, debugDescription: "not 0…24 in 0.5 steps")
        }
        self.init(
            date: try container.decode(CalendarDate.self, forKey: .date), mood: try scale(.mood),
            craving: try scale(.craving), sleepHours: sleep,
            used: try container.decodeIfPresent(Bool.self, forKey: .used),
            enjoyment: try scale(.enjoyment), energy: try scale(.energy), irritability: try scale(.irritability),
            safety: try container.decodeIfPresent(Bool.self, forKey: .safety))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encodeIfPresent(mood, forKey: .mood)
        try container.encodeIfPresent(craving, forKey: .craving)
        try container.encodeIfPresent(sleepHours, forKey: .sleepHours)
        try container.encodeIfPresent(used, forKey: .used)
        try container.encodeIfPresent(enjoyment, forKey: .enjoyment)
        try container.encodeIfPresent(energy, forKey: .energy)
        try container.encodeIfPresent(irritability, forKey: .irritability)
        try container.encodeIfPresent(safety, forKey: .safety)
    }
}

/// Allowed values of check-in fields (clinical-rules.md §3), shared by the CSV reader, the API and the forms.
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

    /// A client's stored days as the app analyses them on `today`: through yesterday unless today already has a
    /// check-in, so a day still under way is not counted as a missed check-in (`missed-check-ins`, §5), and
    /// nothing after today.
    public static func asOf(_ today: CalendarDate, days sparse: [CheckInDay]) -> CheckInSeries {
        let days = sparse.filter { $0.date <= today }
        return CheckInSeries(days: days, through: days.last.map { max($0.date, today.adding(days: -1)) })
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
