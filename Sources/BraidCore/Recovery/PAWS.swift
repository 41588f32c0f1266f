import Foundation

/// The client's own post-acute withdrawal trend (§10): mood, sleep, energy and irritability week by week since
/// the last day of use. Braid gives no fixed timeline (the evidence for one is weak); it says "weeks to months"
/// and shows this instead.
public struct PAWSTrend: Sendable, Hashable {
    public struct Week: Sendable, Hashable {
        /// 1 for days 1–7 after the last use, 2 for days 8–14, …
        public let number: Int
        public let days: Int
        public let mood: Double?
        public let sleepHours: Double?
        public let energy: Double?
        public let irritability: Double?
    }

    /// The last day with use recorded, or `nil` when the check-ins show none.
    public let lastUse: CalendarDate?
    /// Days since the last use, counting today.
    public let daysSinceLastUse: Int?
    /// Weeks since the last use, oldest first, up to `maximumWeeks` (the most recent ones).
    public let weeks: [Week]

    public static let maximumWeeks = 26

    public init(checkIns: [CheckInDay], today: CalendarDate) {
        let known = checkIns.filter { $0.date <= today }
        lastUse = known.filter { $0.used == true }.map(\.date).max()
        guard let lastUse else {
            daysSinceLastUse = nil
            weeks = []
            return
        }
        let since = lastUse.days(to: today)
        daysSinceLastUse = since
        let after = known.filter { $0.date > lastUse }
        let count = (since + 6) / 7
        func mean(_ values: [Double]) -> Double? {
            values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        weeks = (max(1, count - Self.maximumWeeks + 1)...max(1, count)).compactMap { number in
            guard count > 0 else { return nil }
            let range = lastUse.adding(days: 7 * (number - 1) + 1)...lastUse.adding(days: 7 * number)
            let days = after.filter { range.contains($0.date) && $0.isRated }
            return Week(
                number: number, days: days.count, mood: mean(days.compactMap(\.mood).map(Double.init)),
                sleepHours: mean(days.compactMap(\.sleepHours)),
                energy: mean(days.compactMap(\.energy).map(Double.init)),
                irritability: mean(days.compactMap(\.irritability).map(Double.init)))
        }
    }
}
