import Foundation
import Testing

@testable import BraidCore

@Suite("Ordering assessment (which came first)")
struct OrderingTests {
    typealias Period = OrderingInput.AbstinencePeriod

    static func assess(_ json: String) throws -> OrderingAssessment {
        OrderingAssessment(try OrderingInput.parse(json: Data(json.utf8)))
    }

    @Test("no depressive history: none, monitor mood through early abstinence")
    func noDepression() throws {
        let result = try Self.assess(#"{"depressionOnsetAge": null, "cocaineFirstUseAge": 20}"#)
        #expect(result.order == .noDepression)
        #expect(result.depressionType == .none)
        #expect(result.pattern == .noDepressiveHistory)
        #expect(result.recommendations == [.monitorMood, .reassessAfterAbstinence])
        #expect(!result.recommendations.contains(.treatBoth))
        #expect(result.reasons == [.noAbstinenceTest])
    }

    @Test("order: regular-use age wins over first-use age; absent regular falls back to first use")
    func order() throws {
        #expect(
            try Self.assess(#"{"depressionOnsetAge": 18, "cocaineFirstUseAge": 16, "cocaineRegularUseAge": 20}"#).order
                == .depressionFirst)
        #expect(try Self.assess(#"{"depressionOnsetAge": 18, "cocaineFirstUseAge": 16}"#).order == .useFirst)
        #expect(
            try Self.assess(#"{"depressionOnsetAge": 18, "cocaineFirstUseAge": 16, "cocaineRegularUseAge": null}"#)
                .order == .useFirst)
        #expect(
            try Self.assess(#"{"depressionOnsetAge": 20, "cocaineFirstUseAge": 16, "cocaineRegularUseAge": 20}"#).order
                == .sameTime)
        #expect(try Self.assess(#"{"cocaineFirstUseAge": 16}"#).order == .unknown)
        #expect(try Self.assess(#"{"depressionOnsetAge": 16}"#).order == .unknown)
    }

    @Test("depression first without a lift: independent, depression-first, psychiatric evaluation")
    func depressionFirst() throws {
        let result = try Self.assess(#"{"depressionOnsetAge": 14, "cocaineFirstUseAge": 19}"#)
        #expect(result.depressionType == .independent)
        #expect(result.pattern == .depressionFirst)
        #expect(result.provisional)
        #expect(result.reasons == [.onsetBeforeUse, .noAbstinenceTest])
        #expect(result.recommendations == [.treatBoth, .psychiatricEvaluation, .reassessAfterAbstinence])
    }

    @Test("depression first but low mood lifted within 4 weeks abstinent: not independent by order alone; tangled")
    func depressionFirstLifted() throws {
        let result = try Self.assess(
            #"{"depressionOnsetAge": 14, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 6, "lowMoodAtStart": true, "lowMoodPersistedWeeks": 2}]}"#
        )
        #expect(result.depressionType == .substanceInduced)
        #expect(result.pattern == .tangled)
        #expect(!result.provisional)
        #expect(result.reasons == [.onsetBeforeUse, .lowMoodLifted])
        #expect(result.recommendations == [.treatBoth, .monitorMood])
    }

    @Test("persisted 4 weeks is independent; 3.5 weeks lifted is substance-induced (boundary at 4)")
    func persistedBoundary() throws {
        let persisted = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 4, "lowMoodPersistedWeeks": 4}]}"#
        )
        #expect(persisted.depressionType == .independent)
        #expect(persisted.reasons.contains(.lowMoodPersisted))
        #expect(persisted.pattern == .useFirst)
        let lifted = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 4, "lowMoodAtStart": true, "lowMoodPersistedWeeks": 3.5}]}"#
        )
        #expect(lifted.depressionType == .substanceInduced)
        #expect(lifted.pattern == .useFirst)
    }

    @Test("a period shorter than 4 weeks cannot test independence")
    func shortPeriod() throws {
        let result = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 3, "lowMoodAtStart": true, "lowMoodPersistedWeeks": 3}]}"#
        )
        #expect(result.provisional)
        #expect(result.depressionType == .undetermined)
        #expect(result.pattern == .useFirst)
        #expect(result.reasons == [.onsetAfterUse, .noAbstinenceTest, .periodTooShort])
        #expect(result.recommendations == [.treatBoth, .monitorMood, .reassessAfterAbstinence])
    }

    @Test("absent low mood at start counts for persisted, not for lifted")
    func lowMoodAtStartAbsent() throws {
        let absentPersisted = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 8, "lowMoodPersistedWeeks": 8}]}"#
        )
        #expect(absentPersisted.depressionType == .independent)
        let absentLifted = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 8, "lowMoodPersistedWeeks": 1}]}"#
        )
        #expect(absentLifted.depressionType == .undetermined)
        #expect(!absentLifted.reasons.contains(.lowMoodLifted))
        let falseStart = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "abstinencePeriods": [{"weeks": 8, "lowMoodAtStart": false, "lowMoodPersistedWeeks": 8}]}"#
        )
        #expect(falseStart.depressionType == .undetermined)
    }

    @Test("use first with lows following use: substance-induced; same time is always tangled")
    func inducedAndSameTime() throws {
        let induced = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "lowsMostlyAfterUse": true}"#)
        #expect(induced.depressionType == .substanceInduced)
        #expect(induced.pattern == .useFirst)
        #expect(induced.reasons == [.onsetAfterUse, .lowsFollowUse, .noAbstinenceTest])
        let same = try Self.assess(#"{"depressionOnsetAge": 19, "cocaineFirstUseAge": 19, "lowsMostlyAfterUse": true}"#)
        #expect(same.depressionType == .substanceInduced)
        #expect(same.pattern == .tangled)
        #expect(same.reasons.first == .onsetSameAge)
        let sameNoLows = try Self.assess(#"{"depressionOnsetAge": 19, "cocaineFirstUseAge": 19}"#)
        #expect(sameNoLows.depressionType == .undetermined)
        #expect(sameNoLows.pattern == .tangled)
    }

    @Test("an episode beginning in abstinence is independent; with lows after use it is tangled")
    func episodeInAbstinence() throws {
        let result = try Self.assess(
            #"{"depressionOnsetAge": 25, "cocaineFirstUseAge": 19, "episodeBeganDuringAbstinence": true, "lowsMostlyAfterUse": true, "usesToLiftLowMood": true}"#
        )
        #expect(result.depressionType == .independent)
        #expect(result.pattern == .tangled)
        #expect(
            result.reasons == [
                .onsetAfterUse, .episodeBeganDuringAbstinence, .lowsFollowUse, .usesToLiftLowMood, .noAbstinenceTest,
            ])
        #expect(result.recommendations == [.treatBoth, .psychiatricEvaluation, .reassessAfterAbstinence])
    }

    @Test("unknown order and nothing else: undetermined, treat both, monitor")
    func unknownOrder() throws {
        let result = try Self.assess("{}")
        #expect(result.order == .unknown)
        #expect(result.depressionType == .undetermined)
        #expect(result.pattern == .undetermined)
        #expect(result.reasons == [.onsetUnknown, .noAbstinenceTest])
        #expect(result.recommendations == [.treatBoth, .monitorMood, .reassessAfterAbstinence])
    }

    @Test("every reason and recommendation has a client and a clinician sentence")
    func sentences() {
        for reason in OrderingAssessment.Reason.allCases {
            #expect(!reason.explanation.client.isEmpty && !reason.explanation.clinician.isEmpty)
        }
        for recommendation in OrderingAssessment.Recommendation.allCases {
            #expect(
                !recommendation.explanation.client.isEmpty
                    && recommendation.explanation.client != recommendation.explanation.clinician)
        }
    }

    @Test(
        "bad input names the field",
        arguments: [
            (#"{"depressionOnsetAge": 4}"#, "depressionOnsetAge: 4 is out of range 5…120"),
            (#"{"cocaineFirstUseAge": 121}"#, "cocaineFirstUseAge: 121 is out of range 5…120"),
            (#"{"cocaineFirstUseAge": null}"#, "cocaineFirstUseAge: must be a number 5…120"),
            (#"{"cocaineFirstUseAge": "19"}"#, "cocaineFirstUseAge: must be a number 5…120"),
            (#"{"lowsMostlyAfterUse": 1}"#, "lowsMostlyAfterUse: must be true or false"),
            (#"{"age": 20}"#, "age: unknown field"),
            (#"{"abstinencePeriods": [{"weeks": 0.5}]}"#, "abstinencePeriods[0].weeks: 0.5 is out of range ≥ 1"),
            (#"{"abstinencePeriods": [{"lowMoodAtStart": true}]}"#, "abstinencePeriods[0].weeks: is required"),
            (
                #"{"abstinencePeriods": [{"weeks": 4, "lowMoodPersistedWeeks": 5}]}"#,
                "abstinencePeriods[0].lowMoodPersistedWeeks: 5 is out of range 0…4"
            ),
            (#"{"abstinencePeriods": [{"weeks": 4, "mood": 1}]}"#, "abstinencePeriods[0].mood: unknown field"),
            (#"{"abstinencePeriods": {"weeks": 4}}"#, "abstinencePeriods: must be a list"),
            (
                #"{"cocaineFirstUseAge": 20, "cocaineRegularUseAge": 18}"#,
                "cocaineRegularUseAge: 18 is before cocaineFirstUseAge 20"
            ),
            ("[1, 2]", "(document): must be a JSON object"),
            ("{not json", "(document): is not valid JSON"),
        ])
    func badInput(json: String, message: String) {
        #expect(throws: ValidationError.self) { try OrderingInput.parse(json: Data(json.utf8)) }
        do {
            _ = try OrderingInput.parse(json: Data(json.utf8))
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("the input round-trips through JSON keeping absent apart from null")
    func roundTrip() throws {
        let input = OrderingInput(
            depressionOnset: .never, cocaineFirstUseAge: 18, cocaineRegularUse: .unknown,
            abstinencePeriods: [Period(weeks: 5, lowMoodAtStart: nil, lowMoodPersistedWeeks: 2)],
            lowsMostlyAfterUse: true)
        let data = try JSONEncoder().encode(input)
        #expect(try JSONDecoder().decode(OrderingInput.self, from: data) == input)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""depressionOnsetAge":null"#))
        #expect(!text.contains("cocaineRegularUseAge"))
    }

    @Test("re-evaluation from data: persistent low mood in abstinence proposes an independent type")
    func reevaluation() throws {
        let intake = OrderingInput(depressionOnset: .age(24), cocaineFirstUseAge: 19, lowsMostlyAfterUse: true)
        #expect(OrderingAssessment(intake).depressionType == .substanceInduced)
        let proposal = intake.proposingPersistentLowMood(abstinentDays: 30)
        #expect(proposal.abstinencePeriods == [Period(weeks: 4, lowMoodAtStart: true, lowMoodPersistedWeeks: 4)])
        let revised = OrderingAssessment(proposal)
        #expect(revised.depressionType == .independent)
        #expect(revised.pattern == .tangled)
        #expect(!revised.provisional)
    }

    @Test("Braid proposes re-evaluation only with the flag and a result that is not yet independent")
    func reevaluationFromAnalysis() throws {
        let today = CalendarDate(iso: "2026-06-15")!
        func analysis(mood: Int) -> CheckInAnalysis {
            let used = [CheckInDay(date: today.adding(days: -40), mood: 6, used: true)]
            let days = (0..<40).map { CheckInDay(date: today.adding(days: $0 - 39), mood: mood, used: false) }
            return CheckInAnalysis.analyze(CheckInSeries(days: used + days))
        }
        let low = analysis(mood: 3)
        #expect(low.hasFlag(.persistentLowMoodInAbstinence))
        let intake = OrderingInput(depressionOnset: .age(24), cocaineFirstUseAge: 19, lowsMostlyAfterUse: true)
        let proposal = try #require(OrderingReevaluation(analysis: low, latest: intake))
        #expect(proposal.abstinentDays == 40)
        #expect(proposal.proposedInput == intake.proposingPersistentLowMood(abstinentDays: 40))
        #expect(proposal.proposedResult?.depressionType == .independent)
        // No interview yet: still proposed, with nothing to extend.
        let bare = try #require(OrderingReevaluation(analysis: low, latest: nil))
        #expect(bare.proposedInput == nil && bare.proposedResult == nil)
        // Already independent, or no flag: nothing to propose.
        #expect(OrderingReevaluation(analysis: low, latest: proposal.proposedInput) == nil)
        #expect(OrderingReevaluation(analysis: analysis(mood: 7), latest: intake) == nil)
    }
}
