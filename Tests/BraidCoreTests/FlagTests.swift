import Testing

@testable import BraidCore

@Suite("Flags at their boundaries")
struct FlagTests {
    static let start = CalendarDate(year: 2026, month: 2, day: 2)!

    /// One use day, then `abstinent` days without use, every day rated with `mood`.
    static func abstinence(_ abstinent: Int, mood: Int = 4, craving: Int = 3, sleep: Double = 7)
        -> CheckInSeries
    {
        let days = (0...abstinent).map { index in
            CheckInDay(
                date: start.adding(days: index), mood: mood, craving: craving, sleepHours: sleep,
                used: index == 0)
        }
        return CheckInSeries(days: days)
    }

    static func flags(_ series: CheckInSeries, phq9: [DatedScore] = []) -> [AnalysisFlag.ID] {
        let use = UseCalendar(series: series).metrics
        return AnalysisFlag.evaluate(series, use: use, phq9: phq9).map(\.id)
    }

    @Test("persistent low mood in abstinence: 28 abstinent days flags, 27 does not")
    func persistentBoundary() {
        #expect(Self.flags(Self.abstinence(28)).contains(.persistentLowMoodInAbstinence))
        #expect(!Self.flags(Self.abstinence(27)).contains(.persistentLowMoodInAbstinence))
    }

    @Test("persistent low mood: median 5 is not low; a PHQ-9 of 10 in the last 14 days is")
    func persistentMoodOrPHQ9() {
        let okay = Self.abstinence(40, mood: 5)
        #expect(!Self.flags(okay).contains(.persistentLowMoodInAbstinence))
        let end = okay.last!
        #expect(
            Self.flags(okay, phq9: [DatedScore(date: end.adding(days: -13), total: 10)]).contains(
                .persistentLowMoodInAbstinence))
        #expect(
            !Self.flags(okay, phq9: [DatedScore(date: end.adding(days: -14), total: 10)]).contains(
                .persistentLowMoodInAbstinence))
        #expect(!Self.flags(okay, phq9: [DatedScore(date: end, total: 9)]).contains(.persistentLowMoodInAbstinence))
    }

    @Test(
        "early-recovery depression: abstinent 1…90 days with low mood",
        arguments: [(0, false), (1, true), (90, true), (91, false)])
    func earlyRecovery(abstinent: Int, flagged: Bool) {
        #expect(Self.flags(Self.abstinence(abstinent)).contains(.earlyRecoveryDepression) == flagged)
    }

    @Test("early-recovery depression needs low mood: median of the last 7 rated days below 5")
    func earlyRecoveryMood() {
        #expect(!Self.flags(Self.abstinence(10, mood: 5)).contains(.earlyRecoveryDepression))
    }

    /// Fourteen days of craving: the first seven, then the last seven (nil = not rated that day).
    static func cravingSeries(before: [Int?], after: [Int?]) -> CheckInSeries {
        CheckInSeries(
            days: (before + after).enumerated().map { index, craving in
                CheckInDay(date: start.adding(days: index), mood: 6, craving: craving, sleepHours: 7, used: false)
            })
    }

    @Test("rising craving: a rise of 1.9 does not flag, 2.0 does")
    func risingCraving() {
        let before: [Int?] = [3, 4, nil, nil, nil, nil, nil]  // mean 3.5
        let rise19 = Self.cravingSeries(before: before, after: [5, 5, 5, 6, 6, nil, nil])  // mean 5.4
        let rise20 = Self.cravingSeries(before: before, after: [5, 6, nil, nil, nil, nil, nil])  // mean 5.5
        #expect(!Self.flags(rise19).contains(.risingCraving))
        #expect(Self.flags(rise20).contains(.risingCraving))
    }

    @Test("missed check-ins: 2 unrated of the last 7 does not flag, 3 does")
    func missedCheckIns() {
        func series(unrated: Int) -> CheckInSeries {
            CheckInSeries(
                days: (0..<10).map { index in
                    CheckInDay(date: Self.start.adding(days: index), mood: index >= 10 - unrated ? nil : 6, used: false)
                })
        }
        #expect(!Self.flags(series(unrated: 2)).contains(.missedCheckIns))
        #expect(Self.flags(series(unrated: 3)).contains(.missedCheckIns))
    }

    @Test(
        "sleep disruption: mean of the last 7 days below 5 h or above 11 h",
        arguments: [(5.0, false), (4.5, true), (11.0, false), (11.5, true)])
    func sleepDisruption(hours: Double, flagged: Bool) {
        #expect(Self.flags(Self.abstinence(10, mood: 6, sleep: hours)).contains(.sleepDisruption) == flagged)
    }

    @Test("safety: a yes 13 days before the last date flags; 14 days before does not")
    func safety() {
        func series(safetyDaysBeforeEnd: Int) -> CheckInSeries {
            CheckInSeries(
                days: (0..<30).map { index in
                    CheckInDay(
                        date: Self.start.adding(days: index), mood: 6, used: false,
                        safety: index == 29 - safetyDaysBeforeEnd)
                })
        }
        #expect(Self.flags(series(safetyDaysBeforeEnd: 13)).first == .safety)
        #expect(!Self.flags(series(safetyDaysBeforeEnd: 14)).contains(.safety))
    }

    @Test("flags carry their evidence")
    func evidence() throws {
        let series = Self.abstinence(30, mood: 3)
        let flag = try #require(AnalysisFlag.evaluate(series, use: UseCalendar(series: series).metrics, phq9: []).first)
        #expect(flag.id == .persistentLowMoodInAbstinence)
        #expect(flag.evidence == ["currentAbstinenceDays": 30, "medianMoodLast14Rated": 3])
    }
}

@Suite("Progress markers and outcomes")
struct ProgressTests {
    static let start = CalendarDate(year: 2026, month: 2, day: 2)!

    @Test("needs 28 rated days")
    func needs28() {
        let days = (0..<27).map { CheckInDay(date: Self.start.adding(days: $0), mood: 5, used: false) }
        #expect(Progress.compute(CheckInSeries(days: days), phq9: []) == nil)
        let more = (0..<28).map { CheckInDay(date: Self.start.adding(days: $0), mood: 5, used: false) }
        #expect(Progress.compute(CheckInSeries(days: more), phq9: []) != nil)
    }

    @Test("hand-worked first 14 vs last 14 rated days")
    func handWorked() throws {
        // First 14: use on days 0 and 7; moods 2 on days 1–2 and 8–9 (4 dips), else 5; sleep 5.5 h.
        // Last 14: no use; moods 6 with one dip of 3; sleep 7 h.
        var days: [CheckInDay] = []
        for index in 0..<14 {
            let mood = [1, 2, 8, 9].contains(index) ? 2 : 5
            days.append(
                CheckInDay(date: Self.start.adding(days: index), mood: mood, sleepHours: 5.5, used: index % 7 == 0))
        }
        for index in 14..<28 {
            days.append(
                CheckInDay(date: Self.start.adding(days: index), mood: index == 20 ? 3 : 6, sleepHours: 7, used: false))
        }
        let phq9 = [DatedScore(date: Self.start, total: 16), DatedScore(date: Self.start.adding(days: 27), total: 8)]
        let progress = try #require(Progress.compute(CheckInSeries(days: days), phq9: phq9))
        #expect(progress.dipsPerWeek.first14 == 2)
        #expect(progress.dipsPerWeek.last14 == 0.5)
        #expect(progress.dipsPerWeek.shifted)
        #expect(progress.sleepHours.first14 == 5.5)
        #expect(progress.sleepHours.last14 == 7)
        #expect(progress.sleepHours.shifted)
        // Baseline days exclude use days and the 3 days after: first window keeps days 4–6 and 11–13 (mood 5).
        #expect(progress.baselineMood.first14 == 5)
        #expect(progress.baselineMood.last14 == 6)
        #expect(progress.baselineMood.shifted)
        #expect(progress.useDays.first14 == 2 && progress.useDays.last14 == 0 && progress.useDays.shifted)
        let phq = try #require(progress.phq9)
        #expect(phq.first == 16 && phq.latest == 8 && phq.change == -8)
        #expect(phq.response && !phq.remission && phq.reliableChange == .improved && phq.shifted)
    }

    @Test("sleep shifts only toward 7–9 h: 9.5 → 10.5 is away; 10 → 9.5 is toward but under 0.75")
    func sleepDirection() {
        func marker(_ first: Double, _ last: Double) -> Bool {
            let days = (0..<28).map {
                CheckInDay(date: Self.start.adding(days: $0), mood: 5, sleepHours: $0 < 14 ? first : last, used: false)
            }
            return Progress.compute(CheckInSeries(days: days), phq9: [])!.sleepHours.shifted
        }
        #expect(!marker(9.5, 10.5))
        #expect(!marker(10, 9.5))
        #expect(marker(10.5, 9.5))
        #expect(marker(11, 9.5))
        #expect(marker(6, 7))
        #expect(!marker(6, 6.5))
    }

    @Test(
        "PHQ-9 outcomes: response at a 50 % drop, remission below 5, both only from a baseline of 10 or more",
        arguments: [
            (20, 10, true as Bool?, false as Bool?, ReliableChange.improved),
            (20, 11, false, false, .improved),
            (10, 5, true, false, .none),
            (10, 4, true, true, .improved),
            (9, 4, nil, nil, .none),
            (8, 14, nil, nil, .deteriorated),
            (8, 13, nil, nil, .none),
            (0, 0, nil, nil, .none),
        ])
    func outcomes(baseline: Int, latest: Int, response: Bool?, remission: Bool?, change: ReliableChange) {
        let outcome = MeasurementOutcome(instrument: .phq9, baseline: baseline, latest: latest)
        #expect(outcome.response == response)
        #expect(outcome.remission == remission)
        #expect(outcome.reliableChange == change)
    }

    @Test("GAD-7: reliable change at 4, response at a 50 % drop, remission below 5, from a baseline of 10")
    func gad7() {
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 12, latest: 8).reliableChange == .improved)
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 12, latest: 9).reliableChange == .none)
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 12, latest: 9).remission == false)
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 12, latest: 6).response == true)
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 12, latest: 7).response == false)
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 10, latest: 4).remission == true)
        #expect(MeasurementOutcome(instrument: .gad7, baseline: 9, latest: 0).response == nil)
    }

    @Test("PCL-5: response 10 points down, below threshold under 33, from a baseline of 33; percent change")
    func pcl5() {
        let outcome = MeasurementOutcome(instrument: .pcl5, baseline: 50, latest: 40)
        #expect(outcome.response == true && outcome.remission == false && outcome.reliableImprovement)
        #expect(outcome.percentChange == -20.0)
        #expect(MeasurementOutcome(instrument: .pcl5, baseline: 50, latest: 41).response == false)
        #expect(MeasurementOutcome(instrument: .pcl5, baseline: 33, latest: 32).remission == true)
        #expect(MeasurementOutcome(instrument: .pcl5, baseline: 33, latest: 33).remission == false)
        #expect(MeasurementOutcome(instrument: .pcl5, baseline: 32, latest: 10).response == nil)
        #expect(MeasurementOutcome(instrument: .pcl5, baseline: 40, latest: 50).reliableDeterioration)
        // One decimal: 7 → 4 is −42.857… %.
        #expect(MeasurementOutcome(instrument: .phq9, baseline: 7, latest: 4).percentChange == -42.9)
        #expect(MeasurementOutcome(instrument: .phq9, baseline: 3, latest: 4).percentChange == 33.3)
        #expect(MeasurementOutcome(instrument: .phq9, baseline: 0, latest: 4).percentChange == nil)
    }
}
