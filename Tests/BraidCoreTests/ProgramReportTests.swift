import Foundation
import Testing

@testable import BraidCore

/// The program report (§9, issue 13) over a hand-worked cohort: seven episodes, each repeated three times (so
/// that some cells reach 5 and others stay suppressed), for the range 1–25 January 2026.
@Suite("Program report: both tracks over a cohort, hand-worked, small cells suppressed")
struct ProgramReportTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    struct Plan {
        let admitted: String
        let level: LevelOfCare
        var discharged: String? = nil
        var phq9: [(String, Int)] = []
        /// Check-ins every day 5–25 January, use on these days.
        var checkIns: Set<String>? = nil
        var screens: [(String, Bool)] = []
        var steps: [(String, LevelOfCare)] = []
    }

    static let plans: [Plan] = [
        // E1: 20 → 8, abstinent throughout, a negative screen: 21 days confirmed.
        Plan(
            admitted: "2026-01-05", level: .iop, discharged: "2026-02-15",
            phq9: [("2026-01-06", 20), ("2026-01-20", 8)],
            checkIns: [], screens: [("2026-01-20", false)]),
        // E2: 15 → 4 (remission), used on the first day.
        Plan(
            admitted: "2026-01-05", level: .iop, phq9: [("2026-01-06", 15), ("2026-01-20", 4)],
            checkIns: ["2026-01-05"]),
        // E3: 12 → 10, used on day 6, stepped up to PHP on 14 January.
        Plan(
            admitted: "2026-01-05", level: .iop, phq9: [("2026-01-06", 12), ("2026-01-20", 10)],
            checkIns: ["2026-01-10"], steps: [("2026-01-14", .php)]),
        // E4: 10 → 16 (reliable deterioration), used every day, stepped up on 14 January.
        Plan(
            admitted: "2026-01-05", level: .iop, phq9: [("2026-01-06", 10), ("2026-01-20", 16)],
            checkIns: Set((5...25).map { String(format: "2026-01-%02d", $0) }), steps: [("2026-01-14", .php)]),
        // E5: 8 → 2 (below the clinical range: no response or remission, but reliable improvement), stepped down.
        Plan(
            admitted: "2026-01-05", level: .php, phq9: [("2026-01-06", 8), ("2026-01-20", 2)], checkIns: [],
            screens: [("2026-01-12", false)], steps: [("2026-01-15", .iop)]),
        // E6: one PHQ-9 only; a positive screen on the last day breaks the run.
        Plan(
            admitted: "2026-01-05", level: .php, phq9: [("2026-01-06", 22)], checkIns: [],
            screens: [("2026-01-25", true)]),
        // E9: admitted in December, discharged 10 January; no check-ins.
        Plan(
            admitted: "2025-12-01", level: .iop, discharged: "2026-01-10",
            phq9: [("2025-12-02", 18), ("2026-01-08", 14)]
        ),
        // Outside the range: admitted after it, and discharged before it.
        Plan(admitted: "2026-04-10", level: .iop, phq9: [("2026-04-11", 20)]),
        Plan(admitted: "2025-10-01", level: .php, discharged: "2025-12-20", phq9: [("2025-10-02", 20)]),
    ]

    static func episode(_ plan: Plan) -> ReportEpisode {
        let episode = Episode(
            id: .random(), clientID: .random(), programID: .random(), admittedOn: day(plan.admitted),
            levelAtAdmission: plan.level, referralSource: .selfReferred, dischargedOn: plan.discharged.map(day),
            dischargeReason: plan.discharged == nil ? nil : .completed)
        let checkIns: [CheckInDay] =
            plan.checkIns.map { used in
                (5...25).map { dayOfMonth -> CheckInDay in
                    let date = day(String(format: "2026-01-%02d", dayOfMonth))
                    return CheckInDay(date: date, mood: 5, used: used.contains(date.description))
                }
            } ?? []
        var levels = [LevelPeriod(level: plan.level, from: episode.admittedOn, decision: nil)]
        for (date, level) in plan.steps {
            levels.append(LevelPeriod(level: level, from: day(date), decision: .random()))
        }
        return ReportEpisode(
            episode: episode, totals: [.phq9: plan.phq9.map { DatedScore(date: day($0.0), total: $0.1) }],
            checkIns: checkIns, screens: plan.screens.map { UrineScreen(date: day($0.0), positive: $0.1) },
            levels: levels)
    }

    static let cohort = (0..<3).flatMap { _ in plans.map(episode) }

    static let report = ProgramReport(
        episodes: cohort, from: day("2026-01-01"), to: day("2026-01-25"), today: day("2026-06-01"))

    @Test("episodes in care on some day of the range; admissions and discharges within it")
    func census() {
        let report = Self.report
        #expect(report.through == Self.day("2026-01-25"))
        #expect(report.episodes.value == 21 && report.clients.value == 21)
        // 18 admitted in January; E9 was admitted in December.
        #expect(report.admissions.value == 18)
        // Only E9 (×3) was discharged by 25 January: 3 is a small cell.
        #expect(report.discharges.isSuppressed && report.discharges.text == "<5")
    }

    @Test("PHQ-9: medians over the followed-up episodes, shares over the clinical baselines")
    func depression() throws {
        let phq9 = try #require(Self.report.depression.first)
        #expect(phq9.instrument == .phq9)
        #expect(phq9.measured.value == 21 && phq9.followedUp.value == 18)
        // Baselines 8, 10, 12, 15, 18, 20 (each ×3) → (12 + 15) / 2; latest 2, 4, 8, 10, 14, 16 → (8 + 10) / 2.
        #expect(phq9.baseline.median == 13.5 && phq9.latest.median == 9)
        // Changes −12, −11, −6, −4, −2, +6 → (−6 − 4) / 2.
        #expect(phq9.change.median == -5)
        // Clinical baselines: E1, E2, E3, E4, E9 = 15. Responders E1, E2 = 6 → 40 %.
        #expect(phq9.response.of.value == 15 && phq9.response.count.value == 6 && phq9.response.percent == 40)
        // Remission: E2 only (3): suppressed, and so is its percent.
        #expect(phq9.remission.count.isSuppressed && phq9.remission.percent == nil && phq9.remission.of.value == 15)
        // Reliable improvement (≥ 6 down): E1, E2, E5 = 9 of 18; deterioration (≥ 6 up): E4 = 3, suppressed.
        #expect(phq9.reliableImprovement.count.value == 9 && phq9.reliableImprovement.percent == 50)
        #expect(phq9.reliableDeterioration.count.isSuppressed)
        let gad7 = try #require(Self.report.depression.first { $0.instrument == .gad7 })
        #expect(gad7.measured.value == 0 && gad7.baseline.median == nil && gad7.response.percent == nil)
    }

    @Test("stimulant track: abstinence, runs confirmed by screens, screens in a row, retention")
    func use() {
        let use = Self.report.use
        #expect(use.reporting.value == 18)
        // Percent days abstinent 100, 95.2, 95.2, 0, 100, 100 (×3): the 9th and 10th of 18 are 95.24 and 100.
        #expect(use.percentDaysAbstinent.median == 97.6)
        // Longest abstinence 21, 20, 15, 0, 21 and 18 (E6's positive screen makes its last 3 unreported-as-use
        // days "possible use", which are not counted as abstinent) → the 9th and 10th of 18 are 18 and 20.
        #expect(use.longestAbstinenceDays.median == 19)
        // 21 days confirmed: E1 and E5 (a negative screen inside a 21-day run) = 6 of 18.
        #expect(use.abstinent21DaysConfirmed.count.value == 6 && use.abstinent21DaysConfirmed.percent == 33.3)
        // Episodes with a screen: E1 (1), E5 (1), E6 (0) ×3 → median 1.
        #expect(use.negativeScreensInARow.clients.value == 9 && use.negativeScreensInARow.median == 1)
        // Retention: 21 days for the January admissions, 41 for E9 → median 21.
        #expect(use.retentionDays.median == 21 && use.retentionDays.clients.value == 21)
    }

    @Test("level flow: admissions by level, steps up and down, transitions with small cells suppressed")
    func flow() {
        let flow = Self.report.flow
        #expect(flow.admittedAt[.iop]?.value == 15 && flow.admittedAt[.php]?.value == 6)
        #expect(flow.stepsUp.value == 6 && flow.episodesSteppedUp.value == 6)
        #expect(flow.stepsDown.isSuppressed && flow.episodesSteppedDown.isSuppressed)
        #expect(flow.transitions.map { "\($0.from.rawValue)>\($0.to.rawValue)" } == ["iop>php", "php>iop"])
        #expect(flow.transitions.map(\.count.value) == [6, nil])
    }

    @Test("weeks of treatment: PHQ-9 medians, mean percent abstinent, in care by level")
    func weeks() {
        let weeks = Self.report.weeks
        // E9's episode lasts 41 days: weeks 1–6.
        #expect(weeks.map(\.week) == [1, 2, 3, 4, 5, 6])
        // Week 1: 8, 10, 12, 15, 18, 20, 22 (×3) → the 11th of 21 is 15. Week 3: the latest totals (15) → 8.
        #expect(weeks[0].phq9.median == 15 && weeks[0].phq9.clients.value == 21)
        #expect(weeks[1].phq9.median == nil && weeks[1].phq9.clients.value == 0)
        #expect(weeks[2].phq9.median == 8)
        // Week 6: E9's 8 January total only (3 clients): suppressed.
        #expect(weeks[5].phq9.median == nil && weeks[5].phq9.clients.isSuppressed)
        // Week 1: (100 + 6/7 + 6/7 + 0 + 100 + 100) / 6 = 78.6; weeks 2 and 3: 500 / 6 = 83.3.
        #expect(weeks[0].percentDaysAbstinent == 78.6 && weeks[0].abstinenceReporting.value == 18)
        #expect(weeks[1].percentDaysAbstinent == 83.3 && weeks[2].percentDaysAbstinent == 83.3)
        #expect(weeks[3].percentDaysAbstinent == nil)
        // In care on the week's first day: E3 and E4 moved to PHP and E5 to IOP on 14–15 January.
        #expect(weeks[1].inCare[.iop]?.value == 15 && weeks[1].inCare[.php]?.value == 6)
        #expect(weeks[2].inCare[.iop]?.value == 12 && weeks[2].inCare[.php]?.value == 9)
        #expect(weeks[3].inCare[.iop]?.isSuppressed == true && weeks[3].inCare[.php] == nil)
    }

    @Test("cells: 1–4 suppressed, 0 and 5 shown; shares of a small group withheld")
    func cells() {
        #expect(ReportCount(0).value == 0 && ReportCount(4).value == nil && ReportCount(5).value == 5)
        #expect(ReportShare(4, of: 10).count.isSuppressed && ReportShare(4, of: 10).percent == nil)
        #expect(ReportShare(5, of: 10).percent == 50 && ReportShare(10, of: 10).percent == 100)
        #expect(ReportShare(0, of: 10).percent == 0)
        let small = ReportShare(0, of: 4)
        #expect(small.of.isSuppressed && small.count.isSuppressed && small.percent == nil)
        #expect(ReportShare(0, of: 0).of.value == 0 && ReportShare(0, of: 0).percent == nil)
        #expect(ReportMedian([1, 2, 3, 4]).median == nil && ReportMedian([1, 2, 3, 4, 5]).median == 3)
    }

    @Test("the JSON holds no identifier and writes suppressed cells as null")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(Self.report), as: UTF8.self)
        for item in Self.cohort {
            #expect(!text.contains(item.episode.clientID.description.lowercased()))
            #expect(!text.contains(item.episode.clientID.description.uppercased()))
        }
        #expect(text.contains(#""discharges":null"#))
        #expect(text.contains(#""admittedAt":{"iop":15,"php":6}"#))
        let decoded = try JSONDecoder().decode(ProgramReport.self, from: Data(text.utf8))
        #expect(decoded == Self.report)
    }

    @Test("range: to before from, or longer than ten years, is refused naming the field")
    func range() throws {
        #expect(throws: ValidationError.self) {
            try ProgramReport.checkRange(from: Self.day("2026-02-01"), to: Self.day("2026-01-31"))
        }
        do {
            try ProgramReport.checkRange(from: Self.day("2016-01-01"), to: Self.day("2026-01-31"))
            Issue.record("a ten-year range was accepted")
        } catch {
            #expect(error.field == "--to")
        }
        try ProgramReport.checkRange(from: Self.day("2026-01-01"), to: Self.day("2026-01-01"))
    }
}
