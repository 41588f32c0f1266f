import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("My pattern")
struct PatternTests {
    static let today = CalendarDate(iso: "2026-06-15")!

    /// 60 days: use every 7th day for the first 42, mood 2 for two days after each use, else 6.
    static func history() -> [StoredCheckIn] {
        (0..<60).map { offset in
            let date = today.adding(days: offset - 59)
            let used = offset % 7 == 0 && offset < 42
            let afterUse = offset < 44 && (offset % 7 == 1 || offset % 7 == 2)
            return StoredCheckIn(
                id: UUID(), clientID: .random(), date: date,
                values: CheckInValues(
                    mood: used ? 7 : afterUse ? 2 : 6, craving: afterUse ? 7 : 3, sleepHours: 7, used: used),
                revision: 1, recordedAt: Fixture.now, recordedBy: .random(), supersededAt: nil)
        }
    }

    static func model() -> TimelineModel {
        let checkIns = history()
        let series = CheckInSeries(days: checkIns.map { $0.values.day(on: $0.date) })
        let analysis = CheckInAnalysis.analyze(series)
        return TimelineModel(
            days: TimelineModel.patternDays, checkIns: checkIns,
            screens: [
                UrineScreen(date: today.adding(days: -3), positive: false),
                UrineScreen(date: today.adding(days: -40), positive: true),
            ],
            analysis: analysis, today: today)
    }

    @Test("crash windows follow use days, and the sentences say how fast lows lift")
    func crashAndSentences() throws {
        let model = Self.model()
        #expect(model.analysis.classification == .crashDriven)
        let windows = model.crashWindows
        #expect(!windows.isEmpty)
        let useIndices = Set(model.checkIns.indices.filter { model.checkIns[$0].used == true })
        #expect(windows.allSatisfy { useIndices.contains($0.lowerBound - 1) })
        #expect(
            model.sentences.first?.hasPrefix("Your lows mostly come 1–3 days after using and lift within about") == true
        )
    }

    @Test("the calendar is a grid per month, Monday to Sunday, with screens; the charts are accessible")
    func calendarAndChart() throws {
        let model = Self.model()
        let months = model.calendarMonths
        // 2026-03-18 … 2026-06-15: March, April, May and June.
        #expect(months.map(\.title) == ["March 2026", "April 2026", "May 2026", "June 2026"])
        #expect(months.allSatisfy { $0.weeks.allSatisfy { $0.count == 7 } })
        #expect(months[0].weeks[0].prefix(while: { $0 == nil }).count == model.start.isoWeekday - 1)
        #expect(months[1].weeks[0].prefix(while: { $0 == nil }).count == 2)  // 2026-04-01 is a Wednesday
        let cells = months.flatMap { $0.weeks.flatMap { $0 } }.compactMap { $0 }
        #expect(cells.count == TimelineModel.patternDays)
        #expect(cells.map(\.date) == (0..<90).map { model.start.adding(days: $0) })
        #expect(cells.first { $0.date == Self.today.adding(days: -3) }?.status == .negativeScreen)
        #expect(cells.filter { $0.status == .used }.count == 6)
        // A positive screen marks the 3 days before it as possible use where no use was reported.
        let possible = cells.filter { $0.status == .possibleUse }.map(\.date)
        #expect(possible == (1...3).map { Self.today.adding(days: -40 - $0) }.reversed())
        let svg = model.chart.render(id: "p")
        #expect(svg.contains("role=\"img\""))
        #expect(model.chart.summary.contains("Latest mood 6 on 2026-06-15"))
        // Sleep: its own chart with the healthy band shaded and the average in the description.
        #expect(model.sleepChart.bands.map(\.range) == [7...9])
        #expect(model.sleepChart.summary.contains("average 7 hours on 60 nights"))
    }

    @Test("the timeline spans 30, 90 or 365 days with ticks to match")
    func spans() {
        let checkIns = Self.history()
        let analysis = CheckInAnalysis.analyze(CheckInSeries(days: checkIns.map { $0.values.day(on: $0.date) }))
        for days in TimelineModel.spans {
            let model = TimelineModel(
                days: days, checkIns: checkIns, screens: [], analysis: analysis, today: Self.today)
            #expect(model.checkIns.count == days)
            #expect(model.end == Self.today)
            #expect(model.chart.xTicks.count == (days == 30 ? 5 : days == 90 ? 3 : 5))
            #expect(model.chart.title == "Your last \(days) days: mood, craving and use")
        }
    }

    @Test("a client sees the page; staff and visitors are sent where they belong")
    func route() async throws {
        try await withBraidApp { app, _, _ in
            let client = try await PageSession.signIn(app, email: "k1@test.example")
            let page = try await client.send(.GET, "pattern")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg") && page.text.contains("Keep checking in"))
            #expect(page.text.contains("Use calendar"))
            let staff = try await PageSession.signIn(app, email: "c1@test.example")
            #expect((try await staff.send(.GET, "pattern")).headers.first(name: .location) == "/caseload")
            #expect((try await PageSession(app: app).send(.GET, "pattern")).headers.first(name: .location) == "/login")
        }
    }
}
