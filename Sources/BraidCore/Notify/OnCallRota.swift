import Foundation

/// Who covers when (issue 12, clinical-rules.md §8): shifts in escalation order. An alert goes first to the first
/// person covering at that moment; unacknowledged, it escalates to the next one covering.
public struct OnCallRota: Sendable, Hashable {
    /// One shift: a person (by their account's email), the weekdays it starts on and its hours in the program's
    /// time zone. A shift whose end is not after its start runs overnight into the next day (18:00-08:00); equal
    /// start and end is a whole day from the start.
    public struct Shift: Sendable, Hashable {
        public var email: String
        /// ISO weekdays (1 = Monday … 7 = Sunday) the shift starts on.
        public var days: Set<Int>
        /// Minutes after midnight.
        public var start: Int
        public var end: Int

        public init(email: String, days: Set<Int>, start: Int, end: Int) {
            self.email = email
            self.days = days
            self.start = start
            self.end = end
        }

        /// Whether the shift covers this local moment.
        public func covers(weekday: Int, minute: Int) -> Bool {
            if start < end { return days.contains(weekday) && minute >= start && minute < end }
            let yesterday = weekday == 1 ? 7 : weekday - 1
            return (days.contains(weekday) && minute >= start) || (days.contains(yesterday) && minute < end)
        }

        /// The shift as a rota line: `mon-fri 08:00-18:00 lee@example.org`.
        public var text: String {
            "\(OnCallRota.daysText(days)) \(OnCallRota.clock(start))-\(OnCallRota.clock(end)) \(email)"
        }
    }

    public var shifts: [Shift]

    public init(shifts: [Shift] = []) {
        self.shifts = shifts
    }

    /// The people covering at this local moment, in escalation order, each once.
    public func covering(weekday: Int, minute: Int) -> [String] {
        var seen: Set<String> = []
        return shifts.filter { $0.covers(weekday: weekday, minute: minute) }.map(\.email)
            .filter { seen.insert($0).inserted }
    }

    /// The people covering at `instant` in `timeZone`.
    public func covering(at instant: Date, in timeZone: TimeZone) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: instant)
        // Calendar weekdays are 1 = Sunday … 7 = Saturday.
        let iso = ((parts.weekday ?? 1) + 5) % 7 + 1
        return covering(weekday: iso, minute: (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
    }

    /// The rota as the settings form shows it: one shift per line, in escalation order.
    public var text: String { shifts.map(\.text).joined(separator: "\n") }

    public static let maximumShifts = 50

    /// A rota from its text: one shift per line, `DAYS HH:MM-HH:MM EMAIL`, where DAYS is `daily`, a weekday
    /// (`mon`), a range (`mon-fri`) or a list (`sat,sun`). Blank lines are skipped; an empty text is an empty rota.
    /// The error names the line and what is allowed.
    public init(text: String, field: String = "on-call-rota") throws(ValidationError) {
        var shifts: [Shift] = []
        // Browsers send a text area's lines with CRLF (one Character in Swift): split on any line end.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let parts = line.split(whereSeparator: \.isWhitespace).map(String.init)
            let where_ = "line \(index + 1)"
            guard parts.count == 3 else {
                throw ValidationError(
                    field: field,
                    "\(where_): write DAYS HH:MM-HH:MM EMAIL, e.g. \"mon-fri 08:00-18:00 lee@example.org\"")
            }
            guard let days = Self.days(parts[0]) else {
                throw ValidationError(
                    field: field, "\(where_): '\(parts[0].prefix(20))' is not days (daily, mon, mon-fri or sat,sun)")
            }
            let hours = parts[1].split(separator: "-").map(String.init)
            guard hours.count == 2, let start = Self.minutes(hours[0]), let end = Self.minutes(hours[1]),
                start < 24 * 60
            else {
                throw ValidationError(
                    field: field, "\(where_): '\(parts[1].prefix(20))' is not hours HH:MM-HH:MM (00:00 to 24:00)")
            }
            let email = parts[2].lowercased()
            guard email.contains("@"), email.count <= 254 else {
                throw ValidationError(field: field, "\(where_): '\(email.prefix(40))' is not an email address")
            }
            shifts.append(Shift(email: email, days: days, start: start, end: end))
        }
        guard shifts.count <= Self.maximumShifts else {
            throw ValidationError(field: field, "has \(shifts.count) shifts; at most \(Self.maximumShifts)")
        }
        self.shifts = shifts
    }

    static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func days(_ text: String) -> Set<Int>? {
        let text = text.lowercased()
        if text == "daily" { return Set(1...7) }
        var days: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
                .map { names.firstIndex(of: String($0)).map { $0 + 1 } }
            switch ends.count {
            case 1:
                guard let day = ends[0] else { return nil }
                days.insert(day)
            case 2:
                guard let first = ends[0], let last = ends[1] else { return nil }
                // A range may wrap the week: fri-mon.
                var day = first
                while true {
                    days.insert(day)
                    if day == last { break }
                    day = day % 7 + 1
                }
            default: return nil
            }
        }
        return days.isEmpty ? nil : days
    }

    static func daysText(_ days: Set<Int>) -> String {
        if days.count == 7 { return "daily" }
        let sorted = days.sorted()
        if sorted.count > 2, sorted.last! - sorted.first! == sorted.count - 1 {
            return "\(names[sorted.first! - 1])-\(names[sorted.last! - 1])"
        }
        return sorted.map { names[$0 - 1] }.joined(separator: ",")
    }

    /// `HH:MM` as minutes after midnight, 00:00 to 24:00.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]),
            let minute = Int(parts[1]), (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 1440
        else { return nil }
        return hour * 60 + minute
    }

    public static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
