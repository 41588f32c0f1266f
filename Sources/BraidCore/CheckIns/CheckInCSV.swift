import Foundation

/// Why a check-in CSV cannot be read: the line, the column and what is allowed.
public struct CheckInCSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: String?
    public let message: String

    public init(line: Int, column: String?, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        column.map { "line \(line), \($0): \(message)" } ?? "line \(line): \(message)"
    }
}

/// The check-in CSV interchange of clinical-rules.md §3: `date,mood,craving,sleep_hours,used`, then any of
/// `enjoyment,energy,irritability,safety`; one row per calendar day in date order; empty cell = missing.
public enum CheckInCSV {
    public static let requiredColumns = ["date", "mood", "craving", "sleep_hours", "used"]
    public static let optionalColumns = ["enjoyment", "energy", "irritability", "safety"]

    /// Reads check-in days. Fields are plain (unquoted); yes/no cells accept 1/0, yes/no or true/false.
    public static func parse(_ text: String) throws(CheckInCSVError) -> [CheckInDay] {
        var lines = CheckInCSV.lines(text)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let header = lines.first, !header.allSatisfy(\.isWhitespace) else {
            throw CheckInCSVError(line: 1, column: nil, "missing header \(requiredColumns.joined(separator: ","))")
        }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard Array(columns.prefix(requiredColumns.count)) == requiredColumns else {
            throw CheckInCSVError(
                line: 1, column: nil, "header must start with \(requiredColumns.joined(separator: ","))")
        }
        for column in columns.dropFirst(requiredColumns.count) where !optionalColumns.contains(column) {
            throw CheckInCSVError(
                line: 1, column: column.isEmpty ? "(empty)" : column,
                "unknown column (optional columns: \(optionalColumns.joined(separator: ", ")))")
        }
        if Set(columns).count != columns.count {
            throw CheckInCSVError(line: 1, column: nil, "a column is named twice")
        }
        var days: [CheckInDay] = []
        var previousLine = 0
        for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
            let lineNumber = offset + 1
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == columns.count else {
                throw CheckInCSVError(
                    line: lineNumber, column: nil, "\(cells.count) fields, the header has \(columns.count)")
            }
            let day = try parseRow(cells, columns: columns, line: lineNumber)
            if let previous = days.last {
                if day.date == previous.date {
                    throw CheckInCSVError(
                        line: lineNumber, column: "date", "\(day.date) repeats the date on line \(previousLine)")
                }
                if day.date < previous.date {
                    throw CheckInCSVError(
                        line: lineNumber, column: "date",
                        "\(day.date) is before \(previous.date) on line \(previousLine) (rows must be in date order)")
                }
            }
            days.append(day)
            previousLine = lineNumber
        }
        return days
    }

    private static func parseRow(
        _ cells: [Substring], columns: [String], line: Int
    ) throws(CheckInCSVError) -> CheckInDay {
        let dateText = cells[0].trimmingCharacters(in: .whitespaces)
        guard let date = CalendarDate(iso: dateText) else {
            throw CheckInCSVError(line: line, column: "date", "\"\(dateText)\" is not a date (YYYY-MM-DD)")
        }
        var day = CheckInDay(date: date)
        for (column, raw) in zip(columns, cells).dropFirst() {
            let cell = raw.trimmingCharacters(in: .whitespaces)
            if cell.isEmpty { continue }
            func scale() throws(CheckInCSVError) -> Int {
                guard let value = Int(cell) else {
                    throw CheckInCSVError(line: line, column: column, "\"\(cell)\" is not a whole number 0…10")
                }
                guard CheckInLimits.scale.contains(value) else {
                    throw CheckInCSVError(line: line, column: column, "\(value) is out of range 0…10")
                }
                return value
            }
            func yesNo() throws(CheckInCSVError) -> Bool {
                switch cell.lowercased() {
                case "1", "yes", "true": return true
                case "0", "no", "false": return false
                default: throw CheckInCSVError(line: line, column: column, "\"\(cell)\" is not yes/no (1 or 0)")
                }
            }
            switch column {
            case "mood": day.mood = try scale()
            case "craving": day.craving = try scale()
            case "sleep_hours":
                guard let hours = Double(cell), hours.isFinite else {
                    throw CheckInCSVError(line: line, column: column, "\"\(cell)\" is not a number of hours")
                }
                guard CheckInLimits.isValidSleep(hours) else {
                    throw CheckInCSVError(line: line, column: column, "\(cell) is not 0…24 in 0.5 steps")
                }
                day.sleepHours = hours
            case "used": day.used = try yesNo()
            case "enjoyment": day.enjoyment = try scale()
            case "energy": day.energy = try scale()
            case "irritability": day.irritability = try scale()
            case "safety": day.safety = try yesNo()
            default: break
            }
        }
        return day
    }

    /// Writes days as CSV with the required columns and the given optional ones; `nil` values are empty cells.
    public static func write(_ days: [CheckInDay], optionalColumns extra: [String] = []) -> String {
        var text = (requiredColumns + extra).joined(separator: ",") + "\n"
        for day in days {
            var cells = [
                day.date.description, cell(day.mood), cell(day.craving),
                day.sleepHours.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "", cell(day.used),
            ]
            for column in extra {
                switch column {
                case "enjoyment": cells.append(cell(day.enjoyment))
                case "energy": cells.append(cell(day.energy))
                case "irritability": cells.append(cell(day.irritability))
                case "safety": cells.append(cell(day.safety))
                default: cells.append("")
                }
            }
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Lines split on LF or CRLF (Swift reads "\r\n" as one Character, so splitting on "\n" alone misses it).
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    private static func cell(_ value: Int?) -> String { value.map(String.init) ?? "" }
    private static func cell(_ value: Bool?) -> String { value.map { $0 ? "1" : "0" } ?? "" }
}

/// A PHQ-9 total on a date, as read from the `date,total` CSV of `braid analyze --phq9`.
public struct DatedScore: Sendable, Hashable, Codable {
    public let date: CalendarDate
    public let total: Int

    public init(date: CalendarDate, total: Int) {
        self.date = date
        self.total = total
    }

    /// Reads `date,total` rows (totals 0…`maximum`) in date order; several on one date are kept in file order.
    public static func parseCSV(_ text: String, maximum: Int = 27) throws(CheckInCSVError) -> [DatedScore] {
        let lines = CheckInCSV.lines(text).map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
        }
        guard lines.first?.replacingOccurrences(of: " ", with: "") == "date,total" else {
            throw CheckInCSVError(line: 1, column: nil, "header must be date,total")
        }
        var scores: [DatedScore] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count == 2 else {
                throw CheckInCSVError(line: offset + 1, column: nil, "\(cells.count) fields, the header has 2")
            }
            guard let date = CalendarDate(iso: cells[0]) else {
                throw CheckInCSVError(line: offset + 1, column: "date", "\"\(cells[0])\" is not a date (YYYY-MM-DD)")
            }
            guard let total = Int(cells[1]), (0...maximum).contains(total) else {
                throw CheckInCSVError(line: offset + 1, column: "total", "\"\(cells[1])\" is not a total 0…\(maximum)")
            }
            if let previous = scores.last, date < previous.date {
                throw CheckInCSVError(
                    line: offset + 1, column: "date", "\(date) is before \(previous.date) (rows must be in date order)")
            }
            scores.append(DatedScore(date: date, total: total))
        }
        return scores
    }
}
