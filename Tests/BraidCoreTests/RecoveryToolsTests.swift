import Foundation
import Testing

@testable import BraidCore

/// The client's recovery tools (clinical-rules.md §10, issue 14): validation of each record, the analyses the care
/// team reads, and the diary card's safety signals.
@Suite("Recovery tools: thought records, diary cards, activation, PAWS, support")
struct RecoveryToolsTests {
    static let today = CalendarDate(iso: "2026-06-15")!  // a Monday
    static func day(_ offset: Int) -> CalendarDate { today.adding(days: offset) }

    static func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    static func field(_ body: () throws(ValidationError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.field
        }
    }

    // MARK: Thought records

    @Test("a thought record: the situation, the thought, 1–6 emotions 0–100 re-rated; triggers from the list or own")
    func thoughtRecord() throws {
        let record = try ThoughtRecord(
            json: Self.json(
                """
                {"situation": "Payday, alone at home\\r\\nafter a shift", "automaticThought": "  I'll never be   happy without cocaine ",
                 "starterThought": "never-happy",
                 "emotions": [{"emotion": "hopeless", "before": 80, "after": 40}, {"emotion": "Anxious", "before": 60}],
                 "evidenceAgainst": "I laughed with my sister on Sunday.", "balancedThought": "Happiness is coming back slowly.",
                 "triggers": ["MONEY", "alone", "my old street"]}
                """), today: Self.today)
        #expect(record.date == Self.today)
        #expect(record.situation == "Payday, alone at home\nafter a shift")
        #expect(record.automaticThought == "I'll never be happy without cocaine")
        #expect(record.triggers == ["money", "alone", "my old street"])
        // Only the re-rated emotion counts: 80 → 40 is a drop of 40.
        #expect(record.emotionDrop == 40)
        #expect(record.evidenceFor == nil)
    }

    @Test(
        "thought-record refusals name the field",
        arguments: [
            (#"{"automaticThought": "x", "emotions": [{"emotion": "sad", "before": 50}]}"#, "situation"),
            (#"{"situation": "x", "emotions": [{"emotion": "sad", "before": 50}]}"#, "automaticThought"),
            (#"{"situation": "x", "automaticThought": "y", "emotions": []}"#, "emotions"),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 101}]}"#,
                "emotions[0].before"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 50, "after": -1}]}"#,
                "emotions[0].after"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 50.5}]}"#,
                "emotions[0].before"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 5}, {"emotion": "SAD", "before": 6}]}"#,
                "emotions[1].emotion"
            ),
            (#"{"situation": "x", "automaticThought": "y", "emotions": [{"before": 5}]}"#, "emotions[0].emotion"),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 5}], "starterThought": "made-up"}"#,
                "starterThought"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 5}], "date": "2026-06-16"}"#,
                "date"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 5}], "date": "2026-03-16"}"#,
                "date"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 5}], "triggers": ["a", "A"]}"#,
                "triggers[1]"
            ),
            (
                #"{"situation": "x", "automaticThought": "y", "emotions": [{"emotion": "sad", "before": 5}], "mood": 3}"#,
                "mood"
            ),
        ])
    func thoughtRecordRefusals(body: String, field: String) throws {
        let value = try Self.json(body)
        #expect(
            Self.field { () throws(ValidationError) in _ = try ThoughtRecord(json: value, today: Self.today) } == field)
    }

    @Test("a record's text is bounded: 300 characters of thought, 1,000 of situation")
    func thoughtRecordLengths() throws {
        let long = String(repeating: "a", count: 301)
        let value = try Self.json(
            #"{"situation": "x", "automaticThought": "\#(long)", "emotions": [{"emotion": "sad", "before": 5}]}"#)
        #expect(
            Self.field { () throws(ValidationError) in _ = try ThoughtRecord(json: value, today: Self.today) }
                == "automaticThought")
        let fits = try Self.json(
            #"{"situation": "\#(String(repeating: "é", count: 1_000))", "automaticThought": "\#(long.dropLast())", "emotions": [{"emotion": "sad", "before": 5}]}"#
        )
        #expect(try ThoughtRecord(json: fits, today: Self.today).situation.count == 1_000)
    }

    @Test("trends: each record's emotion drop in date order, the mean, and the triggers named most often")
    func thoughtTrends() {
        func record(_ offset: Int, _ emotions: [EmotionRating], _ triggers: [String]) -> ThoughtRecord {
            ThoughtRecord(
                date: Self.day(offset), situation: "s", automaticThought: "t", emotions: emotions, triggers: triggers)
        }
        let trends = ThoughtRecordTrends([
            record(-1, [EmotionRating(emotion: "sad", before: 90, after: 30)], ["money", "Old friends"]),
            record(
                -9,
                [
                    EmotionRating(emotion: "sad", before: 70, after: 60),
                    EmotionRating(emotion: "shame", before: 50, after: 30),
                ], ["money"]),
            record(-5, [EmotionRating(emotion: "angry", before: 40)], ["old friends", "alone", "money"]),
        ])
        #expect(trends.records == 3)
        // Oldest first: (10 + 20) / 2 = 15; not re-rated; 60.
        #expect(trends.drops.map(\.date) == [Self.day(-9), Self.day(-5), Self.day(-1)])
        #expect(trends.drops.map(\.drop) == [15, nil, 60])
        #expect(trends.meanDrop == 37.5)
        #expect(trends.triggers.map(\.trigger) == ["money", "old friends", "alone"])
        #expect(trends.triggers.map(\.records) == [3, 2, 1])
        #expect(ThoughtRecordTrends([]).meanDrop == nil)
    }

    @Test("the starter library: ten thoughts with distinct ids, each illustrating a thinking trap")
    func starterLibrary() {
        #expect(StarterThought.library.count == 10)
        #expect(Set(StarterThought.library.map(\.id)).count == 10)
        #expect(StarterThought.library.first?.id == "never-happy")
    }

    // MARK: Diary cards

    static let card = """
        {"weekStart": "2026-06-08", "days": [
          {"date": "2026-06-08", "urges": {"use": 5, "suicide": 0}, "actions": {"used": false}, "skillsRating": 7,
           "skillsUsed": ["urge-surfing", "tipp"]},
          {"date": "2026-06-09", "urges": {"use": 4}, "actions": {"used": true}, "skillsRating": 3},
          {"date": "2026-06-10", "urges": {"use": 4}, "emotions": {"misery": 3, "joy": 1},
           "actions": {"used": false, "meds-as-prescribed": true}, "skillsRating": 5, "skillsUsed": ["urge-surfing", "wise-mind"]},
          {"date": "2026-06-11", "urges": {"use": 1}, "actions": {"used": false}},
          {"date": "2026-06-12", "urges": {"use": 2}, "actions": {"used": true}},
          {"date": "2026-06-13"}
        ]}
        """

    @Test("a diary card: a week from weekStart, ratings 0–5, actions, skills 0–7; empty days dropped")
    func diaryCard() throws {
        let card = try DiaryCard(json: Self.json(Self.card), today: Self.today)
        #expect(card.weekStart == Self.day(-7) && card.weekEnd == Self.day(-1))
        #expect(card.days.count == 5)
        #expect(card.day(Self.day(-5))?.emotions == [.misery: 3, .joy: 1])
        #expect(card.day(Self.day(-5))?.actions == [.used: false, .medsAsPrescribed: true])
        #expect(card.day(Self.day(-7))?.skillsUsed == [.urgeSurfing, .tipp])
        // The default week is this one, from Monday.
        #expect(try DiaryCard(json: Self.json("{}"), today: Self.day(2)).weekStart == Self.today)
        // Stored and read back unchanged.
        let item = RecoveryItem.diaryCard(card)
        #expect(try RecoveryItem(kind: .diaryCard, payload: item.payload()) == item)
    }

    @Test(
        "diary-card refusals name the field",
        arguments: [
            (#"{"days": [{"date": "2026-06-15", "urges": {"use": 6}}]}"#, "days[0].urges.use"),
            (#"{"days": [{"date": "2026-06-15", "urges": {"craving": 2}}]}"#, "days[0].urges.craving"),
            (#"{"days": [{"date": "2026-06-15", "emotions": {"joy": -1}}]}"#, "days[0].emotions.joy"),
            (#"{"days": [{"date": "2026-06-15", "skillsRating": 8}]}"#, "days[0].skillsRating"),
            (#"{"days": [{"date": "2026-06-15", "skillsUsed": ["yoga"]}]}"#, "days[0].skillsUsed[0]"),
            (#"{"days": [{"date": "2026-06-15", "actions": {"used": "no"}}]}"#, "days[0].actions.used"),
            (#"{"weekStart": "2026-06-08", "days": [{"date": "2026-06-15"}]}"#, "days[0].date"),
            (#"{"days": [{"date": "2026-06-16"}]}"#, "days[0].date"),
            (#"{"days": [{"date": "2026-06-15"}, {"date": "2026-06-15"}]}"#, "days[1].date"),
            (#"{"days": [{"urges": {"use": 1}}]}"#, "days[0].date"),
            (#"{"weekStart": "2026-06-22"}"#, "weekStart"),
            (#"{"weekStart": "2026-01-05"}"#, "weekStart"),
        ])
    func diaryCardRefusals(body: String, field: String) throws {
        let value = try Self.json(body)
        #expect(Self.field { () throws(ValidationError) in _ = try DiaryCard(json: value, today: Self.today) } == field)
    }

    @Test("a suicide urge above 0 or self-harm is a safety signal; saving the same card again opens nothing more")
    func diarySafety() throws {
        let calm = try DiaryCard(json: Self.json(Self.card), today: Self.today)
        #expect(calm.safetySignal(comparedWith: nil) == nil)
        var card = calm
        card.days[1].urges[.suicide] = 2
        card.days[3].actions[.selfHarm] = true
        let signal = try #require(card.safetySignal(comparedWith: calm))
        #expect(signal.source == .diaryCard && signal.severity == .urgent)
        #expect(
            signal.summary
                == "Diary card for the week of 2026-06-08: suicide urge 2 of 5 on 2026-06-09; self-harm on 2026-06-11.")
        #expect(card.safetySignal(comparedWith: card) == nil)
        // A higher urge the same day is new; a lower one is not.
        var higher = card
        higher.days[1].urges[.suicide] = 4
        #expect(
            higher.safetySignal(comparedWith: card)?.summary
                == "Diary card for the week of 2026-06-08: suicide urge 4 of 5 on 2026-06-09.")
        #expect(card.safetySignal(comparedWith: higher) == nil)
        // A self-harm urge alone is shown to the team on the card, not an alert; the act is.
        var urgeOnly = calm
        urgeOnly.days[0].urges[.selfHarm] = 3
        #expect(urgeOnly.safetySignal(comparedWith: nil) == nil)
        // Through the one write path: the signal opens an alert.
        let write = ClinicalWrite(
            .recovery(.diaryCard(card), replacing: nil), to: ClientRef(id: .random(), programID: .random()),
            by: Actor(userID: .random(), role: .client, programID: .random(), clientID: nil), through: .api,
            requestID: nil, now: Date())
        #expect(write.effects.contains(.openAlert(signal)))
        #expect(write.effects.contains(.audit(action: "diary-card.create")))
        #expect(!write.effects.contains(.bumpDataVersion))
    }

    @Test("the analysis: urges against use, and the skills on days a high urge passed without use (hand-worked)")
    func diaryAnalysis() throws {
        let analysis = DiaryCardAnalysis([try DiaryCard(json: Self.json(Self.card), today: Self.today)])
        #expect(analysis.days.count == 5)
        // Use days: urges 4 and 2 → 3. No-use days: 5, 4, 1 → 10/3.
        #expect(analysis.meanUrgeWhenUsed == 3)
        #expect(abs(analysis.meanUrgeWhenNotUsed! - 10.0 / 3.0) < 1e-12)
        // High (≥ 4): the 8th, 9th and 10th; ridden out: the 8th and the 10th.
        #expect(analysis.highUrgeDays == 3 && analysis.highUrgeDaysWithoutUse == 2)
        // Urge surfing on both, then wise mind and TIPP once each, in the list's order.
        #expect(analysis.skillsWhenUrgeRiddenOut.map(\.skill) == [.urgeSurfing, .wiseMind, .tipp])
        #expect(analysis.skillsWhenUrgeRiddenOut.first == DiaryCardAnalysis.SkillCount(skill: .urgeSurfing, days: 2))
        #expect(analysis.meanSkillsRatingRiddenOut == 6 && analysis.meanSkillsRatingWhenUsed == 3)
        #expect(analysis.suicideUrgeDays == 0 && analysis.selfHarmDays == 0)
    }

    @Test("every skill belongs to one of the four modules")
    func skillsByModule() {
        #expect(DBTModule.allCases.map(\.skills.count).reduce(0, +) == DBTSkill.allCases.count)
        #expect(DBTModule.distressTolerance.skills.contains(.urgeSurfing))
    }

    // MARK: Behavioral activation

    @Test("an activity is planned, then rated: done needs enjoyment 0–10, not done takes none")
    func activity() throws {
        let planned = try Activity(
            json: Self.json(
                #"{"date": "2026-06-17", "title": "Walk by the river", "kind": "enjoyable", "expectedEnjoyment": 3}"#),
            today: Self.today)
        #expect(!planned.isRated && planned.kind == .enjoyable && planned.lifeArea == nil)
        // Not yet its day.
        #expect(
            Self.field { () throws(ValidationError) in
                _ = try planned.rated(json: .object(["done": true, "enjoyment": 6]), today: Self.today)
            } == "done")
        let rated = try planned.rated(json: .object(["done": true, "enjoyment": 6]), today: Self.day(2))
        #expect(rated.done == true && rated.enjoyment == 6 && rated.expectedEnjoyment == 3)
        #expect(
            Self.field { () throws(ValidationError) in
                _ = try planned.rated(json: .object(["done": true]), today: Self.day(2))
            } == "enjoyment")
        #expect(
            Self.field { () throws(ValidationError) in
                _ = try planned.rated(json: .object(["done": false, "enjoyment": 2]), today: Self.day(2))
            } == "enjoyment")
        #expect(try planned.rated(json: .object(["done": false]), today: Self.day(2)).enjoyment == nil)
        for (body, field) in [
            (#"{"kind": "enjoyable"}"#, "title"), (#"{"title": "x"}"#, "kind"),
            (#"{"title": "x", "kind": "fun"}"#, "kind"),
            (#"{"title": "x", "kind": "valued", "date": "2026-08-15"}"#, "date"),
            (#"{"title": "x", "kind": "valued", "date": "2026-05-31"}"#, "date"),
            (#"{"title": "x", "kind": "valued", "expectedEnjoyment": 11}"#, "expectedEnjoyment"),
            (#"{"title": "x", "kind": "valued", "lifeArea": "money"}"#, "lifeArea"),
        ] {
            let value = try Self.json(body)
            #expect(
                Self.field { () throws(ValidationError) in _ = try Activity(json: value, today: Self.today) } == field)
        }
    }

    @Test("the activation trend: enjoyment of activities done beside mood, week by week ending today")
    func activationTrend() {
        let activities = [
            Activity(date: Self.day(0), title: "a", kind: .enjoyable, expectedEnjoyment: 2, done: true, enjoyment: 6),
            Activity(date: Self.day(-6), title: "b", kind: .valued, done: true, enjoyment: 4),
            Activity(date: Self.day(-3), title: "c", kind: .both, done: false),
            Activity(date: Self.day(-7), title: "d", kind: .enjoyable, done: true, enjoyment: 2),
        ]
        let checkIns = [
            CheckInDay(date: Self.day(0), mood: 6, craving: 2, sleepHours: 7, used: false, enjoyment: 5),
            CheckInDay(date: Self.day(-2), mood: 4, craving: 2, sleepHours: 7, used: false),
            CheckInDay(date: Self.day(-8), mood: 2, craving: 6, sleepHours: 5, used: true),
        ]
        let trend = ActivationTrend(activities: activities, checkIns: checkIns, today: Self.today, weeks: 2)
        #expect(trend.weeks.map(\.end) == [Self.day(-7), Self.today])
        #expect(trend.weeks[1].planned == 3 && trend.weeks[1].done == 2)
        #expect(trend.weeks[1].activityEnjoyment == 5 && trend.weeks[1].expectedEnjoyment == 2)
        #expect(trend.weeks[1].mood == 5 && trend.weeks[1].checkInEnjoyment == 5)
        #expect(
            trend.weeks[0].activityEnjoyment == 2 && trend.weeks[0].mood == 2 && trend.weeks[0].checkInEnjoyment == nil)
    }

    // MARK: PAWS, support

    @Test("PAWS: weeks since the last use with the client's own mood, sleep, energy and irritability")
    func paws() {
        var days = [
            CheckInDay(date: Self.day(-10), mood: 2, craving: 8, sleepHours: 4, used: true, energy: 1, irritability: 9)
        ]
        for offset in -9...0 {
            days.append(
                CheckInDay(
                    date: Self.day(offset), mood: offset < -3 ? 3 : 6, craving: 3, sleepHours: offset < -3 ? 5 : 7,
                    used: false, energy: 4, irritability: offset < -3 ? 7 : 3))
        }
        let trend = PAWSTrend(checkIns: days, today: Self.today)
        #expect(trend.lastUse == Self.day(-10) && trend.daysSinceLastUse == 10)
        #expect(trend.weeks.map(\.number) == [1, 2])
        // Week 1: days −9…−3: six at mood 3, one (−3) at 6 → 24/7.
        #expect(trend.weeks[0].days == 7 && abs(trend.weeks[0].mood! - 24.0 / 7.0) < 1e-12)
        #expect(trend.weeks[1].days == 3 && trend.weeks[1].mood == 6 && trend.weeks[1].irritability == 3)
        #expect(PAWSTrend(checkIns: Array(days.dropFirst()), today: Self.today).lastUse == nil)
        // Used today: no week has passed yet.
        #expect(PAWSTrend(checkIns: [days[0]], today: Self.day(-10)).weeks.isEmpty)
    }

    @Test("support contacts and meetings validate by field; meetings count over 7 and 30 days")
    func support() throws {
        let contact = try SupportContact(
            json: Self.json(#"{"name": " Maria ", "role": "sponsor", "reach": "555-0100", "crisisContact": true}"#))
        #expect(contact == SupportContact(name: "Maria", role: .sponsor, reach: "555-0100", crisisContact: true))
        #expect(
            Self.field { () throws(ValidationError) in _ = try SupportContact(json: .object(["role": "friend"])) }
                == "name")
        #expect(
            Self.field { () throws(ValidationError) in
                _ = try SupportContact(json: .object(["name": "A", "role": "boss"]))
            } == "role")
        let meeting = try MutualHelpMeeting(
            json: Self.json(#"{"fellowship": "cocaine-anonymous", "online": true}"#), today: Self.today)
        #expect(meeting.date == Self.today && meeting.fellowship == .ca)
        #expect(
            Self.field { () throws(ValidationError) in
                _ = try MutualHelpMeeting(json: .object(["fellowship": "book-club"]), today: Self.today)
            } == "fellowship")
        let meetings = [0, -6, -7, -29, -30].map { MutualHelpMeeting(date: Self.day($0), fellowship: .na) }
        #expect(MutualHelpMeeting.counts(meetings, today: Self.today) == (week: 2, month: 4))
    }
}

@Suite("Lifestyle beside mood")
struct LifestyleTrendTests {
    @Test("per week: exercise minutes and days, regular-meal days of those answered, mean mood (hand-worked)")
    func weeks() {
        let today = CalendarDate(iso: "2026-06-15")!
        func day(_ offset: Int, mood: Int, exercise: Int?, meals: Bool?) -> (date: CalendarDate, values: CheckInValues)
        {
            (
                today.adding(days: offset),
                CheckInValues(
                    mood: mood, craving: 2, sleepHours: 7, used: false, exerciseMinutes: exercise, regularMeals: meals)
            )
        }
        let trend = LifestyleTrend(
            days: [
                day(0, mood: 6, exercise: 30, meals: true), day(-1, mood: 5, exercise: 0, meals: false),
                day(-2, mood: 4, exercise: nil, meals: nil), day(-7, mood: 2, exercise: 20, meals: true),
            ], today: today, weeks: 2)
        #expect(trend.weeks.map(\.end) == [today.adding(days: -7), today])
        let this = trend.weeks[1]
        #expect(this.exerciseMinutes == 30 && this.exerciseDays == 1)
        #expect(this.regularMealDays == 1 && this.mealDaysAnswered == 2 && this.mood == 5)
        #expect(trend.weeks[0].exerciseMinutes == 20 && trend.weeks[0].mood == 2)
        #expect(trend.hasAnswers)
        #expect(!LifestyleTrend(days: [day(0, mood: 5, exercise: nil, meals: nil)], today: today).hasAnswers)
    }
}

@Suite("Shared JSON field readers")
struct FieldReaderTests {
    @Test("null is refused like any other wrong type: leave a field out instead")
    func nullRefused() throws {
        for body in [
            #"{"name": "A", "role": "friend", "reach": null}"#, #"{"name": null, "role": "friend"}"#,
            #"{"name": "A", "role": null}"#,
        ] {
            let value = try JSONValue.parse(Data(body.utf8))
            #expect(throws: ValidationError.self) { try SupportContact(json: value) }
        }
        let diary = try JSONValue.parse(Data(#"{"days": [{"date": "2026-06-15", "urges": null}]}"#.utf8))
        #expect(throws: ValidationError.self) { try DiaryCard(json: diary, today: CalendarDate(iso: "2026-06-15")!) }
    }
}

@Suite("Plan goals the recovery tools feed")
struct RecoveryGoalTests {
    static let today = CalendarDate(iso: "2026-06-15")!
    static let due = today.adding(days: 10)

    static func data(
        activities: [(Int, Bool?)] = [], diary: [Int] = [], attendance: [(Int, AttendanceStatus)] = []
    ) -> GoalData {
        var data = GoalData(totals: [:], days: [:], screens: [])
        data.activities = activities.map { (today.adding(days: $0.0), $0.1) }
        data.diaryDays = Set(diary.map { today.adding(days: $0) })
        data.attendance = attendance.map { (today.adding(days: $0.0), $0.1) }
        return data
    }

    static func progress(_ target: GoalTarget, _ data: GoalData, due: CalendarDate = due) -> GoalProgress {
        GoalRules.progress(target, data: data, today: today, due: due)
    }

    @Test("activities: two done in the last 7 days is met, one is on track until the due date, none planned is no data")
    func activities() {
        #expect(Self.progress(.activities2Of7, Self.data()) == .noData)
        #expect(Self.progress(.activities2Of7, Self.data(activities: [(0, true), (-6, true)])) == .met)
        // Day −7 is outside the week; a planned one not yet rated does not count.
        #expect(Self.progress(.activities2Of7, Self.data(activities: [(0, true), (-7, true), (-1, nil)])) == .onTrack)
        #expect(
            Self.progress(.activities2Of7, Self.data(activities: [(0, true)]), due: Self.today.adding(days: -1))
                == .notMet)
        #expect(Self.progress(.activities2Of7, Self.data(activities: [(-2, false)])) == .notMet)
        #expect(GoalTarget.activities2Of7.problem == .depression)
    }

    @Test("diary card: 5 of the last 7 days is met, 4 on track, 3 not")
    func diary() {
        #expect(Self.progress(.diaryCard5Of7, Self.data()) == .noData)
        #expect(Self.progress(.diaryCard5Of7, Self.data(diary: [0, -1, -2, -3, -6])) == .met)
        #expect(Self.progress(.diaryCard5Of7, Self.data(diary: [0, -1, -2, -7, -8])) == .notMet)
        #expect(Self.progress(.diaryCard5Of7, Self.data(diary: [0, -1, -2, -3])) == .onTrack)
    }

    @Test("groups: 80 % of the sessions not excused in the last 28 days; one more session away is on track")
    func groups() {
        #expect(Self.progress(.groupAttendance80, Self.data()) == .noData)
        #expect(Self.progress(.groupAttendance80, Self.data(attendance: [(-1, .excused)])) == .noData)
        // 4 of 5 (the excused one and the one 28 days back not counted) = 80 %.
        let met = Self.data(attendance: [
            (-1, .present), (-3, .late), (-5, .present), (-8, .absent), (-10, .present), (-12, .excused),
            (-28, .absent),
        ])
        #expect(Self.progress(.groupAttendance80, met) == .met)
        // 3 of 5 = 60 %; one more would be 4 of 5: on track. 2 of 5: not.
        let close = Self.data(attendance: [
            (-1, .present), (-3, .absent), (-5, .present), (-8, .absent), (-10, .present),
        ])
        #expect(Self.progress(.groupAttendance80, close) == .onTrack)
        let far = Self.data(attendance: [(-1, .present), (-3, .absent), (-5, .absent), (-8, .absent), (-10, .present)])
        #expect(Self.progress(.groupAttendance80, far) == .notMet)
        #expect(Self.progress(.groupAttendance80, close, due: Self.today.adding(days: -1)) == .notMet)
    }
}
