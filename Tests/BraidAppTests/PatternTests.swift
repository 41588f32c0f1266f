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

    static func model() -> PatternModel {
        let checkIns = history()
        let series = CheckInSeries(days: checkIns.map { $0.values.day(on: $0.date) })
        let analysis = CheckInAnalysis.analyze(series)
        return PatternModel(
            checkIns: checkIns, screens: [UrineScreen(date: today.adding(days: -3), positive: false)],
            analysis: analysis,
            today: today)
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

    @Test("the calendar runs Monday to Sunday; the chart is accessible and names the latest mood")
    func calendarAndChart() throws {
        let model = Self.model()
        let weeks = model.calendarWeeks
        #expect(weeks.allSatisfy { $0.count == 7 })
        #expect(weeks.first?.prefix(while: { $0 == nil }).count == model.start.isoWeekday - 1)
        let cells = weeks.flatMap { $0 }.compactMap { $0 }
        #expect(cells.count == PatternModel.days)
        #expect(cells.first { $0.date == Self.today.adding(days: -3) }?.status == "negative screen")
        #expect(cells.filter { $0.status == "used" }.count == 6)
        let svg = model.chart.render(id: "p")
        #expect(svg.contains("role=\"img\""))
        #expect(model.chart.summary.contains("Latest mood 6 on 2026-06-15"))
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
