import Foundation

/// Lifestyle beside mood (§10; exercise and regular meals lift mood and motivation): per week ending today, the
/// minutes of exercise, the days with exercise, the days with regular meals (of the days answered), and the mean
/// mood.
public struct LifestyleTrend: Sendable, Hashable {
    public struct Week: Sendable, Hashable {
        public let end: CalendarDate
        public let checkIns: Int
        public let exerciseMinutes: Int
        public let exerciseDays: Int
        /// Days answered "regular meals: yes", and days answered at all.
        public let regularMealDays: Int
        public let mealDaysAnswered: Int
        public let mood: Double?
    }

    public let weeks: [Week]

    /// `days`: each day's current check-in values.
    public init(days: [(date: CalendarDate, values: CheckInValues)], today: CalendarDate, weeks count: Int = 8) {
        weeks = (0..<count).reversed().map { back in
            let end = today.adding(days: -7 * back)
            let range = end.adding(days: -6)...end
            let week = days.filter { range.contains($0.date) }.map(\.values)
            let moods = week.map(\.mood)
            return Week(
                end: end, checkIns: week.count, exerciseMinutes: week.compactMap(\.exerciseMinutes).reduce(0, +),
                exerciseDays: week.filter { ($0.exerciseMinutes ?? 0) > 0 }.count,
                regularMealDays: week.filter { $0.regularMeals == true }.count,
                mealDaysAnswered: week.filter { $0.regularMeals != nil }.count,
                mood: moods.isEmpty ? nil : Double(moods.reduce(0, +)) / Double(moods.count))
        }
    }

    /// Whether any week has an exercise or meals answer (otherwise there is nothing to draw).
    public var hasAnswers: Bool { weeks.contains { $0.exerciseMinutes > 0 || $0.mealDaysAnswered > 0 } }
}
