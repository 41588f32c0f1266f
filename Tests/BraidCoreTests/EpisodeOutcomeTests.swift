import Foundation
import Testing

@testable import BraidCore

/// Episode outcomes (§9, issue 13) against a hand-worked May: admitted 1 May, discharged 31 May.
@Suite("Episode outcomes: both tracks over admission to discharge, hand-worked")
struct EpisodeOutcomeTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    static let episode = Episode(
        id: .random(), clientID: .random(), programID: .random(), admittedOn: day("2026-05-01"),
        levelAtAdmission: .iop, referralSource: .selfReferred, dischargedOn: day("2026-05-31"),
        dischargeReason: .completed)

    /// A check-in every day of May, use on the given days only.
    static func checkIns(usedOn used: Set<String>) -> [CheckInDay] {
        (0..<31).map { offset in
            let date = day("2026-05-01").adding(days: offset)
            return CheckInDay(date: date, mood: 5, craving: 3, sleepHours: 7, used: used.contains(date.description))
        }
    }

    static let screens = [
        UrineScreen(date: day("2026-05-04"), positive: true), UrineScreen(date: day("2026-05-12"), positive: false),
        UrineScreen(date: day("2026-05-26"), positive: false), UrineScreen(date: day("2026-05-29"), positive: false),
        // After discharge: outside the episode.
        UrineScreen(date: day("2026-06-02"), positive: true),
    ]

    static func outcome(
        usedOn used: Set<String> = ["2026-05-05"], screens: [UrineScreen] = screens, levels: [LevelPeriod]? = nil
    ) -> EpisodeOutcome {
        EpisodeOutcome(
            episode: episode, today: day("2026-06-15"),
            totals: [
                .phq9: [
                    DatedScore(date: day("2026-04-20"), total: 22), DatedScore(date: day("2026-05-02"), total: 18),
                    DatedScore(date: day("2026-05-20"), total: 12), DatedScore(date: day("2026-05-30"), total: 8),
                    DatedScore(date: day("2026-06-05"), total: 3),
                ],
                .gad7: [DatedScore(date: day("2026-05-03"), total: 8)],
            ],
            checkIns: checkIns(usedOn: used), screens: screens,
            levels: levels ?? [
                LevelPeriod(level: .iop, from: day("2026-05-01"), decision: nil),
                LevelPeriod(level: .php, from: day("2026-05-10"), decision: .random()),
                LevelPeriod(level: .iop, from: day("2026-05-24"), decision: .random()),
            ])
    }

    @Test("depression track: baseline and latest inside the episode only; GAD-7 below the clinical range")
    func measures() throws {
        let outcome = Self.outcome()
        #expect(outcome.measures.map(\.instrument) == [.phq9, .gad7])
        let phq9 = try #require(outcome.measures.first)
        // 18 on 2 May → 8 on 30 May; 22 (before admission) and 3 (after discharge) are other windows.
        #expect(phq9.baseline == 18 && phq9.latest == 8 && phq9.change == -10)
        #expect(phq9.percentChange == -55.6)
        #expect(phq9.response == true && phq9.remission == false && phq9.reliableImprovement)
        let gad7 = outcome.measures[1]
        #expect(gad7.baseline == 8 && gad7.latest == 8 && gad7.response == nil && gad7.remission == nil)
    }

    @Test("stimulant track: 1 use day in 28 known, a 26-day longest run, 3 negatives in a row, 21 days confirmed")
    func use() throws {
        let outcome = Self.outcome()
        let use = try #require(outcome.use)
        // The positive screen of 4 May marks 1–3 May as possible use: counted apart, not as known days.
        #expect(use.useDays == 1 && use.knownDays == 28 && use.possibleUseDays == 3)
        #expect(abs((use.percentDaysAbstinent ?? 0) - 27.0 / 28.0 * 100) < 1e-9)
        // 6 May through 31 May.
        #expect(use.longestAbstinenceDays == 26)
        #expect(outcome.screens == 4 && outcome.negativeScreensInARow == 3)
        // 6 May → 26 May is 21 use-free days holding the negative screen of 12 May.
        #expect(outcome.abstinent21DaysConfirmed == true)
        #expect(outcome.retentionDays == 31)
        #expect(outcome.stepsUp == 1 && outcome.stepsDown == 1)
        #expect(outcome.through == Self.day("2026-05-31"))
    }

    @Test("21 days confirmed needs a run of 21 with a negative screen inside it; a positive screen breaks a run")
    func confirmedRun() {
        // Use on 5 and 26 May: runs of 20 and 5 days.
        #expect(Self.outcome(usedOn: ["2026-05-05", "2026-05-26"]).abstinent21DaysConfirmed == false)
        // A run of 26 days with no negative screen inside it is not confirmed.
        let positiveOnly = [UrineScreen(date: Self.day("2026-05-04"), positive: true)]
        #expect(Self.outcome(screens: positiveOnly).abstinent21DaysConfirmed == false)
        // The negative on 29 May lies inside the 6–31 May run: confirmed.
        let late = positiveOnly + [UrineScreen(date: Self.day("2026-05-29"), positive: false)]
        #expect(Self.outcome(screens: late).abstinent21DaysConfirmed == true)
        // A positive screen on 22 May breaks the run at 19–22 May: 6–18 May is 13 days, 23–31 May 9.
        let broken = late + [UrineScreen(date: Self.day("2026-05-22"), positive: true)]
        #expect(Self.outcome(screens: broken).abstinent21DaysConfirmed == false)
        #expect(Self.outcome(screens: broken).negativeScreensInARow == 1)
        // No screens at all: nothing in a row.
        #expect(Self.outcome(screens: []).negativeScreensInARow == 0)
    }

    @Test("an open episode runs to today; no check-ins leave the use figures unknown; one level means no steps")
    func openEpisode() {
        let open = Episode(
            id: .random(), clientID: .random(), programID: .random(), admittedOn: Self.day("2026-06-01"),
            levelAtAdmission: .php, referralSource: .selfReferred)
        let outcome = EpisodeOutcome(
            episode: open, today: Self.day("2026-06-15"), totals: [:], checkIns: [], screens: [],
            levels: [LevelPeriod(level: .php, from: Self.day("2026-06-01"), decision: nil)])
        #expect(outcome.retentionDays == 15 && outcome.through == Self.day("2026-06-15"))
        #expect(outcome.use == nil && outcome.abstinent21DaysConfirmed == nil && outcome.measures.isEmpty)
        #expect(outcome.stepsUp == 0 && outcome.stepsDown == 0)
    }
}
