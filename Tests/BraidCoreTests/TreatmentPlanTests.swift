import Foundation
import Testing

@testable import BraidCore

/// §7: problems derived with their codes, suggestions from data, goal progress at its boundaries, the adjunct rule.
@Suite("Treatment plan (§7): derivation, codes, suggestions, goal progress, adjuncts")
struct TreatmentPlanTests {
    static func result(_ id: Instrument.ID, _ answers: String, context: ScoringContext = ScoringContext()) throws
        -> ScoreResult
    {
        try score(id, answers, context: context)
    }

    static func kinds(_ evidence: PlanEvidence) -> [ProblemKind] {
        PlanDerivation.problems(from: evidence).map(\.kind)
    }

    @Test("a stimulant use disorder is coded by severity and always suggests CM, CBT and relapse prevention")
    func stimulantUse() throws {
        let mild = PlanEvidence(stimulantSUD: try Self.result(.stimulantSUD, "1,1,0,0,0,0,0,0,0,0,0"))
        let problem = try #require(PlanDerivation.problems(from: mild).first)
        #expect(problem.kind == .stimulantUseDisorder && problem.icd10 == "F14.10" && problem.snomed == "78267003")
        #expect(problem.suggested == [.contingencyManagement, .cbt, .relapsePrevention])
        let severe = PlanEvidence(stimulantSUD: try Self.result(.stimulantSUD, "1,1,1,1,1,1,0,0,0,0,0"))
        #expect(PlanDerivation.problems(from: severe).first?.icd10 == "F14.20")
        let none = PlanEvidence(stimulantSUD: try Self.result(.stimulantSUD, "1,0,0,0,0,0,0,0,0,0,0"))
        #expect(Self.kinds(none).isEmpty)
    }

    @Test(
        "the depressive disorder by its §2 type: independent by PHQ-9 severity, substance-induced by SUD severity",
        arguments: [
            (
                OrderingAssessment.DepressionType.independent, "1,1,1,1,1,1,1,1,2", "1,1,0,0,0,0,0,0,0,0,0", "F32.1",
                false
            ),
            (.independent, "2,2,2,2,2,2,2,1,0", "1,1,0,0,0,0,0,0,0,0,0", "F32.2", false),
            (.independent, "1,1,1,1,1,1,0,0,0", "1,1,0,0,0,0,0,0,0,0,0", "F32.0", false),
            (.substanceInduced, "2,2,2,2,2,0,0,0,0", "1,1,0,0,0,0,0,0,0,0,0", "F14.14", false),
            (.substanceInduced, "2,2,2,2,2,0,0,0,0", "1,1,1,1,0,0,0,0,0,0,0", "F14.24", false),
            (.substanceInduced, "2,2,2,2,2,0,0,0,0", "1,0,0,0,0,0,0,0,0,0,0", "F14.94", false),
            (.undetermined, "2,2,2,2,2,0,0,0,0", "1,1,0,0,0,0,0,0,0,0,0", "F32.A", true),
        ])
    func depression(
        type: OrderingAssessment.DepressionType, phq9: String, sud: String, code: String, provisional: Bool
    ) throws {
        let evidence = PlanEvidence(
            stimulantSUD: try Self.result(.stimulantSUD, sud), depressionType: type, phq9: try Self.result(.phq9, phq9))
        let problem = try #require(PlanDerivation.problems(from: evidence).first { $0.kind == .depression })
        #expect(problem.icd10 == code)
        #expect(problem.provisional == provisional)
    }

    @Test(
        "suggestions: behavioral activation at PHQ-9 ≥ 10 or enjoyment ≤ 3; psychiatric care unless substance-induced")
    func suggestions() throws {
        // PHQ-9 9 with an undetermined type is not a depressive problem; 10 is.
        let nine = PlanEvidence(depressionType: .undetermined, phq9: try Self.result(.phq9, "1,1,1,1,1,1,1,1,1"))
        #expect(Self.kinds(nine).isEmpty)
        let ten = PlanEvidence(depressionType: .independent, phq9: try Self.result(.phq9, "2,1,1,1,1,1,1,1,1"))
        #expect(
            PlanDerivation.problems(from: ten).first { $0.kind == .depression }?.suggested
                == [.behavioralActivation, .psychiatricCare])
        let induced = PlanEvidence(depressionType: .substanceInduced, phq9: try Self.result(.phq9, "2,1,1,1,1,1,1,1,1"))
        #expect(
            PlanDerivation.problems(from: induced).first { $0.kind == .depression }?.suggested == [
                .behavioralActivation
            ])
        #expect(Self.kinds(PlanEvidence(meanEnjoyment: 3)) == [.depression])
        #expect(Self.kinds(PlanEvidence(meanEnjoyment: 3.5)).isEmpty)
        // Anxiety at GAD-7 10, not 9; trauma at probable PTSD; suicide risk always suggests DBT and psychiatric care.
        #expect(Self.kinds(PlanEvidence(gad7: try Self.result(.gad7, "2,2,2,1,1,1,1"))) == [.anxiety])
        #expect(Self.kinds(PlanEvidence(gad7: try Self.result(.gad7, "2,2,2,1,1,1,0"))).isEmpty)
        let ptsd = PlanEvidence(
            pcl5: try Self.result(.pcl5, Array(repeating: "2", count: 17).joined(separator: ",") + ",0,0,0"))
        #expect(PlanDerivation.problems(from: ptsd).first?.suggested == [.emdr])
        let below = PlanEvidence(
            pcl5: try Self.result(.pcl5, Array(repeating: "2", count: 16).joined(separator: ",") + ",0,0,0,0"))
        #expect(Self.kinds(below).isEmpty)
        #expect(
            PlanDerivation.problems(from: PlanEvidence(suicideRisk: true)).first?.suggested == [
                .dbtSkills, .psychiatricCare,
            ])
    }

    @Test("sleep: mean under 6 h or PHQ-9 item 3 at 2 or more")
    func sleep() throws {
        #expect(Self.kinds(PlanEvidence(meanSleepHours: 5.9)) == [.sleep])
        #expect(Self.kinds(PlanEvidence(meanSleepHours: 6)).isEmpty)
        #expect(Self.kinds(PlanEvidence(phq9SleepItem: 2)) == [.sleep])
        #expect(Self.kinds(PlanEvidence(phq9SleepItem: 1)).isEmpty)
    }

    // MARK: - Goals

    static let today = CalendarDate(iso: "2026-06-15")!

    static func data(
        phq9: [(Int, Int)] = [], days: [Int: (Double?, Bool?)] = [:], screens: [(Int, Bool)] = []
    ) -> GoalData {
        GoalData(
            totals: [.phq9: phq9.map { DatedScore(date: today.adding(days: $0.0), total: $0.1) }],
            days: Dictionary(
                uniqueKeysWithValues: days.map { (today.adding(days: $0.key), (sleep: $0.value.0, used: $0.value.1)) }),
            screens: screens.map { UrineScreen(date: today.adding(days: $0.0), positive: $0.1) })
    }

    @Test("PHQ-9 below 10: met at 9, not at 10; on track while not worse before the due date; not met after it")
    func scoreGoal() {
        let due = Self.today.adding(days: 10)
        func progress(_ totals: [(Int, Int)], due: CalendarDate = due) -> GoalProgress {
            GoalRules.progress(.phq9Below10, data: Self.data(phq9: totals), today: Self.today, due: due)
        }
        #expect(progress([]) == .noData)
        #expect(progress([(-30, 18), (-1, 9)]) == .met)
        #expect(progress([(-30, 18), (-1, 10)]) == .onTrack)
        #expect(progress([(-30, 12), (-1, 12)]) == .onTrack)
        #expect(progress([(-30, 12), (-1, 13)]) == .notMet)
        #expect(progress([(-30, 18), (-1, 10)], due: Self.today.adding(days: -1)) == .notMet)
        #expect(progress([(-30, 18), (-1, 10)], due: Self.today) == .onTrack)
        #expect(progress([(5, 3)]) == .noData)
    }

    @Test("21 days abstinent: confirmed by a negative screen inside the streak; a positive screen covers 3 days")
    func abstinenceGoal() {
        var days: [Int: (Double?, Bool?)] = [:]
        for offset in -40...0 { days[offset] = (7, offset == -21) }
        let due = Self.today.adding(days: 30)
        func progress(_ screens: [(Int, Bool)], days: [Int: (Double?, Bool?)], due: CalendarDate = due) -> GoalProgress
        {
            GoalRules.progress(
                .abstinent21DaysConfirmed, data: Self.data(days: days, screens: screens), today: Self.today, due: due)
        }
        // Used on day −21: a 21-day streak (−20…0), confirmed by a negative screen on day −3.
        #expect(progress([(-3, false)], days: days) == .met)
        #expect(
            GoalRules.confirmedAbstinence(data: Self.data(days: days, screens: [(-3, false)]), today: Self.today) == 21)
        // Without a negative screen inside the streak, it does not count.
        #expect(
            GoalRules.confirmedAbstinence(data: Self.data(days: days, screens: [(-25, false)]), today: Self.today) == 0)
        // Used on day −20 instead: 20 days, one short; on track when 1 day remains before the due date.
        days[-21] = (7, false)
        days[-20] = (7, true)
        #expect(progress([(-3, false)], days: days) == .onTrack)
        #expect(progress([(-3, false)], days: days, due: Self.today.adding(days: 1)) == .onTrack)
        #expect(progress([(-3, false)], days: days, due: Self.today) == .notMet)
        // A positive screen on day −2 marks days −5…−2 as use: the streak is days −1 and 0, confirmed by today's
        // negative screen.
        #expect(
            GoalRules.confirmedAbstinence(
                data: Self.data(days: days, screens: [(-2, true), (0, false)]), today: Self.today) == 2)
        #expect(progress([], days: [:]) == .noData)
    }

    @Test("weekly goals: sleep 6.5 h on 5 of 7 nights, check-ins on 6 of 7 days")
    func weeklyGoals() {
        let due = Self.today.adding(days: 14)
        func sleep(_ hours: [Double]) -> GoalProgress {
            var days: [Int: (Double?, Bool?)] = [:]
            for (index, value) in hours.enumerated() { days[-index] = (value, false) }
            return GoalRules.progress(.sleep65On5Of7, data: Self.data(days: days), today: Self.today, due: due)
        }
        #expect(sleep([6.5, 6.5, 6.5, 6.5, 6.5, 5, 5]) == .met)
        #expect(sleep([6.5, 6.5, 6.5, 6.5, 6.4, 5, 5]) == .onTrack)
        #expect(sleep([6.5, 6.5, 6.5, 5, 5, 5, 5]) == .notMet)
        #expect(sleep([]) == .noData)
        func checkIns(_ count: Int) -> GoalProgress {
            var days: [Int: (Double?, Bool?)] = [:]
            for index in 0..<count { days[-index] = (7, false) }
            return GoalRules.progress(.checkIns6Of7, data: Self.data(days: days), today: Self.today, due: due)
        }
        #expect(checkIns(6) == .met && checkIns(5) == .onTrack && checkIns(4) == .notMet)
        #expect(GoalRules.reviewInterval(at: .php) == 14 && GoalRules.reviewInterval(at: .iop) == 30)
    }

    // MARK: - Adjuncts

    static let owner = UserID.random()

    static func problem(_ kind: ProblemKind, _ interventions: [Modality], decision: ProblemDecision = .accepted)
        -> PlanProblem
    {
        PlanProblem(
            kind: kind, decision: decision, statement: kind.title, icd10: nil, provisional: false,
            reason: decision == .accepted ? nil : "clinical review", interventions: interventions)
    }

    static func check(_ problems: [PlanProblem], goals: [PlanGoal] = [], evidence: PlanEvidence = PlanEvidence())
        -> ValidationError?
    {
        do {
            try PlanRules.check(problems: problems, goals: goals, careTeam: [owner], evidence: evidence, today: today)
            return nil
        } catch { return error }
    }

    @Test("an adjunct-only problem is refused, and an adjunct never replaces CM and CBT or psychiatric care")
    func adjuncts() throws {
        #expect(
            Self.check([Self.problem(.trauma, [.somaticExperiencing])])?.message.contains("only intervention") == true)
        #expect(Self.check([Self.problem(.trauma, [.neurofeedback, .breathworkPEMF])]) != nil)
        #expect(Self.check([Self.problem(.trauma, [.emdr, .somaticExperiencing])]) == nil)
        #expect(
            Self.check([Self.problem(.stimulantUseDisorder, [.relapsePrevention, .neurofeedback])])?.field
                == "problems.stimulant-use-disorder.interventions")
        #expect(
            Self.check([Self.problem(.stimulantUseDisorder, [.contingencyManagement, .cbt, .neurofeedback])]) == nil)
        #expect(Self.check([Self.problem(.stimulantUseDisorder, [.relapsePrevention])]) == nil)
        let depressed = PlanEvidence(depressionType: .independent, phq9: try Self.result(.phq9, "2,2,2,2,2,0,0,0,0"))
        #expect(
            Self.check([Self.problem(.depression, [.behavioralActivation, .breathworkPEMF])], evidence: depressed)?
                .message.contains("psychiatric care") == true)
        #expect(
            Self.check(
                [Self.problem(.depression, [.behavioralActivation, .psychiatricCare, .breathworkPEMF])],
                evidence: depressed) == nil)
        #expect(Self.check([Self.problem(.suicideRisk, [.dbtSkills, .breathworkPEMF])]) != nil)
        #expect(Self.check([Self.problem(.sleep, [])])?.message == "choose at least one intervention")
        #expect(Modality.allCases.filter(\.isAdjunct) == [.somaticExperiencing, .neurofeedback, .breathworkPEMF])
        #expect(Modality.emdr.group == .bodyBased && !Modality.emdr.isAdjunct)
        #expect(Modality.psychiatricCare.evidence.contains("no FDA-approved medication for cocaine use disorder"))
    }

    @Test("dismissals and edits need a reason; goals belong to kept problems, have a team owner and a future due date")
    func planChecks() {
        var dismissed = Self.problem(.sleep, [], decision: .dismissed)
        dismissed.reason = " "
        #expect(
            Self.check([Self.problem(.depression, [.behavioralActivation]), dismissed])?.field
                == "problems.sleep.reason")
        dismissed.reason = "Sleep is fine on review"
        #expect(Self.check([Self.problem(.depression, [.behavioralActivation]), dismissed]) == nil)
        #expect(Self.check([dismissed])?.field == "problems")
        let kept = [Self.problem(.depression, [.behavioralActivation])]
        #expect(
            Self.check(
                kept, goals: [PlanGoal(target: .phq9Below10, due: Self.today.adding(days: 56), owner: Self.owner)])
                == nil)
        #expect(
            Self.check(
                kept, goals: [PlanGoal(target: .sleep65On5Of7, due: Self.today.adding(days: 7), owner: Self.owner)])?
                .field == "goals.sleep-6.5h-5-of-7")
        #expect(
            Self.check(
                kept, goals: [PlanGoal(target: .phq9Below10, due: Self.today.adding(days: 56), owner: .random())])?
                .field == "goals.phq9-below-10.owner")
        #expect(
            Self.check(kept, goals: [PlanGoal(target: .phq9Below10, due: Self.today, owner: Self.owner)])?.field
                == "goals.phq9-below-10.due")
    }

    @Test("evidence from stored data: 14 days of sleep, alerts open or opened within 30 days, nothing after today")
    func evidenceFromData() throws {
        let client = ClientID.random()
        let now = Date(timeIntervalSince1970: 1_781_000_000)
        func checkIn(_ offset: Int, sleep: Double) -> StoredCheckIn {
            StoredCheckIn(
                id: UUID(), clientID: client, date: Self.today.adding(days: offset),
                values: CheckInValues(mood: 5, craving: 2, sleepHours: sleep, used: false), revision: 1,
                recordedAt: now, recordedBy: .random(), supersededAt: nil)
        }
        func alert(openedDaysAgo days: Double, acknowledged: Bool) -> SafetyAlert {
            SafetyAlert(
                id: .random(), clientID: client, source: .checkIn, sourceID: UUID(), severity: .urgent, summary: "",
                openedAt: now.addingTimeInterval(-days * 86_400), acknowledgedAt: acknowledged ? now : nil,
                acknowledgedBy: nil, acknowledgementNote: acknowledged ? "called" : nil)
        }
        let phq9 = try Self.result(.phq9, "2,2,2,2,2,1,1,1,0")
        func assessment(_ offset: Int) -> StoredAssessment {
            StoredAssessment(
                id: UUID(), clientID: client, date: Self.today.adding(days: offset),
                content: .instrument(answers: [2, 2, 2, 2, 2, 1, 1, 1, 0], result: phq9), recordedAt: now,
                recordedBy: .random())
        }
        // Day −14 is outside the window (2 h); days −13 and 0 are inside (5 h and 7 h): mean 6 h.
        let evidence = PlanEvidence.from(
            assessments: [assessment(1)],
            checkIns: [checkIn(-14, sleep: 2), checkIn(-13, sleep: 5), checkIn(0, sleep: 7)],
            alerts: [alert(openedDaysAgo: 31, acknowledged: true)], today: Self.today, now: now)
        #expect(evidence.meanSleepHours == 6)
        #expect(evidence.phq9 == nil)  // the PHQ-9 dated tomorrow is not yet evidence
        #expect(!evidence.suicideRisk)
        #expect(
            PlanEvidence.from(
                assessments: [assessment(0)], checkIns: [], alerts: [alert(openedDaysAgo: 29, acknowledged: true)],
                today: Self.today, now: now
            ).suicideRisk)
        let open = PlanEvidence.from(
            assessments: [assessment(0)], checkIns: [], alerts: [alert(openedDaysAgo: 60, acknowledged: false)],
            today: Self.today, now: now)
        #expect(open.suicideRisk && open.phq9?.total == 13 && open.phq9SleepItem == 2)
    }
}
