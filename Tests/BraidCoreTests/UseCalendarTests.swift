import Testing

@testable import BraidCore

/// Builds consecutive days from a compact pattern: U used, N not used, ? unknown; moods optional.
func days(_ pattern: String, start: CalendarDate = CalendarDate(year: 2026, month: 3, day: 2)!, mood: Int? = 5)
    -> [CheckInDay]
{
    pattern.enumerated().map { index, symbol in
        CheckInDay(
            date: start.adding(days: index), mood: mood,
            used: symbol == "U" ? true : symbol == "N" ? false : nil)
    }
}

@Suite("Use calendar")
struct UseCalendarTests {
    @Test("metrics on a hand-made calendar: N N U N ? U U N N N")
    func handMade() {
        let metrics = UseCalendar(series: CheckInSeries(days: days("NNUN?UUNNN"))).metrics
        #expect(metrics.useDays == 3)
        #expect(metrics.knownDays == 9)
        #expect(metrics.useDaysLast30 == 3)
        #expect(metrics.percentDaysAbstinent.map { abs($0 - 600.0 / 9) < 1e-9 } == true)
        #expect(metrics.longestAbstinenceDays == 3)  // gaps: 2 before, 2 between, 0, 3 after
        #expect(metrics.currentAbstinenceDays == 3)
    }

    @Test("used on the last date: current abstinence 0")
    func usedLastDay() {
        let metrics = UseCalendar(series: CheckInSeries(days: days("NNNNU"))).metrics
        #expect(metrics.currentAbstinenceDays == 0)
        #expect(metrics.longestAbstinenceDays == 4)
    }

    @Test("never used: current and longest abstinence are all known days")
    func neverUsed() {
        let metrics = UseCalendar(series: CheckInSeries(days: days("NN?NN"))).metrics
        #expect(metrics.useDays == 0)
        #expect(metrics.currentAbstinenceDays == 4)
        #expect(metrics.longestAbstinenceDays == 4)
        #expect(metrics.percentDaysAbstinent == 100)
    }

    @Test("no known days: percent abstinent is unknown")
    func nothingKnown() {
        #expect(UseCalendar(series: CheckInSeries(days: days("???"))).metrics.percentDaysAbstinent == nil)
    }

    @Test("use in the last 30 calendar days counts only the last 30 days")
    func last30() {
        let pattern = "U" + String(repeating: "N", count: 29) + "U" + String(repeating: "N", count: 29)
        let metrics = UseCalendar(series: CheckInSeries(days: days(pattern))).metrics
        #expect(metrics.useDays == 2)
        #expect(metrics.useDaysLast30 == 1)
    }

    @Test("dates absent from the data are unknown days inside the calendar")
    func absentDates() {
        let start = CalendarDate(year: 2026, month: 3, day: 2)!
        let series = CheckInSeries(days: [
            CheckInDay(date: start, used: true), CheckInDay(date: start.adding(days: 4), used: false),
        ])
        #expect(series.count == 5)
        let metrics = UseCalendar(series: series).metrics
        #expect(metrics.knownDays == 2)
        #expect(metrics.currentAbstinenceDays == 4)
    }

    @Test("a positive screen marks the 3 unreported days before it as possible use")
    func screens() {
        let series = CheckInSeries(days: days("NNUN?NNN"))
        let start = series.first!
        let calendar = UseCalendar(
            series: series,
            screens: [
                UrineScreen(date: start.adding(days: 5), positive: true),
                UrineScreen(date: start.adding(days: 7), positive: false),
            ])
        #expect(
            calendar.statuses.map(\.rawValue) == [
                "not-used", "not-used", "used", "possible-use", "possible-use", "not-used", "not-used", "not-used",
            ])
        let metrics = calendar.metrics
        #expect(metrics.possibleUseDays == 2)
        #expect(metrics.useDays == 1)  // reported use only
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("days from 0001-01-01 to 9999-12-31 are written as zero-padded YYYY-MM-DD and parse back")
    func description() {
        let first = CalendarDate(year: 1, month: 1, day: 1)!
        let last = CalendarDate(year: 9999, month: 12, day: 31)!
        var mismatches = 0
        // Every 37th day across the range (each month and weekday is hit), and every day of 1999–2001.
        let sampled = Array(stride(from: first.dayNumber, through: last.dayNumber, by: 37))
        let dense = Array(
            CalendarDate(year: 1999, month: 1, day: 1)!
                .dayNumber...CalendarDate(year: 2001, month: 12, day: 31)!.dayNumber)
        for dayNumber in sampled + dense + [last.dayNumber] {
            let date = CalendarDate(dayNumber: dayNumber)
            let (year, month, day) = date.components
            let expected = String(format: "%04d-%02d-%02d", year, month, day)
            if date.description != expected || CalendarDate(iso: date.description) != date { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(first.description == "0001-01-01" && last.description == "9999-12-31")
    }

    @Test("ISO parsing is strict and round-trips")
    func parsing() {
        #expect(CalendarDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "2026-1-01") == nil)
        #expect(CalendarDate(iso: "2026-01-01T00:00") == nil)
        #expect(CalendarDate(iso: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDate(iso: "2000-03-01")?.dayNumber == 11017)
    }

    @Test("weekday and arithmetic")
    func weekday() {
        let monday = CalendarDate(year: 2026, month: 1, day: 5)!
        #expect(monday.isoWeekday == 1)
        #expect(monday.adding(days: 6).isoWeekday == 7)
        #expect(monday.adding(days: 365).description == "2027-01-05")
        #expect(CalendarDate(year: 1969, month: 12, day: 31)!.isoWeekday == 3)
    }
}
