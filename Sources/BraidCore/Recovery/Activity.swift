import Foundation

/// What a planned activity is for, in behavioral activation: enjoyment (pleasure), what matters to the client
/// (values, mastery), or both.
public enum ActivityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case enjoyable
    case valued
    case both
}

/// The area of life an activity serves.
public enum LifeArea: String, Sendable, Hashable, Codable, CaseIterable {
    case relationships
    case work = "work-or-study"
    case health
    case leisure
    case home
    case community
    case recovery
}

/// A behavioral-activation activity (§10): planned for a day with what the client expects to enjoy, then rated
/// afterwards: done or not, and how much it was enjoyed 0–10. Anhedonia is common early in recovery, and the
/// gap between expected and felt enjoyment is itself worth showing.
public struct Activity: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var title: String
    public var kind: ActivityKind
    public var lifeArea: LifeArea?
    /// Expected enjoyment 0–10, when planned.
    public var expectedEnjoyment: Int?
    /// Set once rated: whether it was done and, if so, how much it was enjoyed 0–10.
    public var done: Bool?
    public var enjoyment: Int?

    public init(
        date: CalendarDate, title: String, kind: ActivityKind, lifeArea: LifeArea? = nil,
        expectedEnjoyment: Int? = nil, done: Bool? = nil, enjoyment: Int? = nil
    ) {
        self.date = date
        self.title = title
        self.kind = kind
        self.lifeArea = lifeArea
        self.expectedEnjoyment = expectedEnjoyment
        self.done = done
        self.enjoyment = enjoyment
    }

    public var isRated: Bool { done != nil }

    public static let keys: Set<String> = ["date", "title", "kind", "lifeArea", "expectedEnjoyment"]
    public static let ratingKeys: Set<String> = ["done", "enjoyment"]
    public static let scale: ClosedRange<Int> = 0...10
    /// Activities are planned from 14 days back (writing down what was done) to 60 days ahead.
    public static let daysBack = 14
    public static let daysAhead = 60

    /// Validates a planned activity.
    public init(json: JSONValue, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let date = try reader.date("date") ?? today
        guard date <= today.adding(days: Self.daysAhead) else {
            throw ValidationError(field: "date", "must be within the next \(Self.daysAhead) days")
        }
        guard date >= today.adding(days: -Self.daysBack) else {
            throw ValidationError(field: "date", "must be within the last \(Self.daysBack) days")
        }
        self.init(
            date: date, title: try reader.requiring(reader.text("title", maxLength: 120), "title"),
            kind: try reader.requiring(reader.choice("kind", ActivityKind.self), "kind"),
            lifeArea: try reader.choice("lifeArea", LifeArea.self),
            expectedEnjoyment: try reader.integer("expectedEnjoyment", in: Self.scale))
    }

    /// The activity rated afterwards: `done` is required; `enjoyment` 0–10 is required when done and not allowed
    /// when not. An activity is rated on or after its day, and may be re-rated.
    public func rated(json: JSONValue, today: CalendarDate) throws(ValidationError) -> Activity {
        let reader = try JSONObjectReader(json, allowedKeys: Self.ratingKeys)
        guard date <= today else {
            throw ValidationError(field: "done", "rate the activity on or after its day (\(date))")
        }
        let done = try reader.requiring(reader.bool("done"), "done")
        let enjoyment = try reader.integer("enjoyment", in: Self.scale)
        if done && enjoyment == nil {
            throw ValidationError(field: "enjoyment", "how much you enjoyed it, 0–10, is required when done")
        }
        if !done && enjoyment != nil {
            throw ValidationError(field: "enjoyment", "leave it out when the activity was not done")
        }
        var copy = self
        copy.done = done
        copy.enjoyment = enjoyment
        return copy
    }
}

/// Enjoyment beside mood, week by week (behavioral activation's trend; §10): for each of the last weeks ending
/// today, the mean enjoyment of the activities done, the mean mood and the mean check-in enjoyment.
public struct ActivationTrend: Sendable, Hashable {
    public struct Week: Sendable, Hashable {
        /// The week's last day (weeks end today, then every 7 days back).
        public let end: CalendarDate
        public let planned: Int
        public let done: Int
        public let activityEnjoyment: Double?
        public let expectedEnjoyment: Double?
        public let mood: Double?
        public let checkInEnjoyment: Double?
    }

    public let weeks: [Week]

    public init(activities: [Activity], checkIns: [CheckInDay], today: CalendarDate, weeks count: Int = 8) {
        func mean(_ values: [Int]) -> Double? {
            values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        weeks = (0..<count).reversed().map { back in
            let end = today.adding(days: -7 * back)
            let range = end.adding(days: -6)...end
            let planned = activities.filter { range.contains($0.date) }
            let done = planned.filter { $0.done == true }
            let days = checkIns.filter { range.contains($0.date) }
            return Week(
                end: end, planned: planned.count, done: done.count,
                activityEnjoyment: mean(done.compactMap(\.enjoyment)),
                expectedEnjoyment: mean(done.compactMap(\.expectedEnjoyment)),
                mood: mean(days.compactMap(\.mood)), checkInEnjoyment: mean(days.compactMap(\.enjoyment)))
        }
    }
}
