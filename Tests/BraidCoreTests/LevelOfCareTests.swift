import Foundation
import Testing

@testable import BraidCore

/// clinical-rules.md §6: every rule at its boundary on both sides, the decision order, and bad input.
@Suite("Level of care (§6): rules at their boundaries, the decision order, input errors")
struct LevelOfCareTests {
    static func input(_ json: String) throws -> LevelInput {
        try LevelInput.parse(json: Data(json.utf8))
    }

    static func holds(_ json: String) throws -> [String] {
        LevelOfCareRules.holding(try input(json)).map(\.rawValue)
    }

    static func decide(_ json: String) throws -> LevelRecommendation {
        LevelOfCareRules.recommend(try input(json))
    }

    @Test(
        "each rule holds at its boundary and not one step short",
        arguments: [
            // (rule, JSON where it holds, JSON one step short where it does not)
            ("acute-suicide-risk", #"{"suicideScreen": "high"}"#, #"{"suicideScreen": "moderate"}"#),
            ("acute-suicide-risk", #"{"asq": "acute-positive"}"#, #"{"asq": "non-acute-positive"}"#),
            ("psychosis-or-severe-agitation", #"{"psychosis": true}"#, #"{"psychosis": false}"#),
            ("psychosis-or-severe-agitation", #"{"severeAgitation": true}"#, #"{"severeAgitation": false}"#),
            ("medical-instability", #"{"medicalInstability": true}"#, #"{"medicalInstability": false}"#),
            (
                "withdrawal-needs-medical-management", #"{"withdrawalNeedsMedicalManagement": true}"#,
                #"{"withdrawalNeedsMedicalManagement": false}"#
            ),
            (
                "unsafe-environment-with-heavy-use", #"{"recoveryEnvironment": "unsafe", "useDaysLast30": 20}"#,
                #"{"recoveryEnvironment": "unsafe", "useDaysLast30": 19}"#
            ),
            ("phq9-severe", #"{"phq9": 20}"#, #"{"phq9": 19}"#),
            (
                "phq9-moderately-severe-with-impairment", #"{"phq9": 15, "phq9Functional": 2}"#,
                #"{"phq9": 14, "phq9Functional": 2}"#
            ),
            (
                "phq9-moderately-severe-with-impairment", #"{"phq9": 15, "phq9Functional": 2}"#,
                #"{"phq9": 15, "phq9Functional": 1}"#
            ),
            ("suicide-risk-moderate", #"{"suicideScreen": "moderate"}"#, #"{"suicideScreen": "low"}"#),
            ("heavy-use", #"{"useDaysLast30": 15}"#, #"{"useDaysLast30": 14}"#),
            (
                "no-progress-at-iop",
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 14, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#,
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 13, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#
            ),
            (
                "no-progress-at-iop",
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 14, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#,
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 14, "useDaysLast30": 3, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#
            ),
            (
                "no-progress-at-iop",
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 14, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#,
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 14, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 11}"#
            ),
            (
                "no-progress-at-iop",
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 30, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#,
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 30, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9": 12}"#
            ),
            (
                "no-progress-at-iop",
                #"{"currentLevel": "iop", "daysAtCurrentLevel": 30, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#,
                #"{"currentLevel": "php", "daysAtCurrentLevel": 30, "useDaysLast30": 4, "useDaysAtLevelStart": 4, "phq9AtLevelStart": 16, "phq9": 12}"#
            ),
            (
                "early-crash-with-severe-depression", #"{"daysSinceLastUse": 14, "phq9": 15}"#,
                #"{"daysSinceLastUse": 15, "phq9": 15}"#
            ),
            (
                "early-crash-with-severe-depression", #"{"daysSinceLastUse": 0, "phq9": 15}"#,
                #"{"daysSinceLastUse": null, "phq9": 15}"#
            ),
            ("unsafe-environment", #"{"recoveryEnvironment": "unsafe"}"#, #"{"recoveryEnvironment": "supportive"}"#),
            (
                "stimulant-use-disorder", #"{"currentLevel": null, "stimulantCriteria": 2}"#,
                #"{"currentLevel": null, "stimulantCriteria": 1}"#
            ),
            (
                "stimulant-use-disorder", #"{"currentLevel": null, "stimulantCriteria": 6}"#,
                #"{"currentLevel": "iop", "stimulantCriteria": 6}"#
            ),
            (
                "stimulant-use-disorder", #"{"currentLevel": null, "stimulantCriteria": 6}"#,
                #"{"stimulantCriteria": 6}"#
            ),
            ("phq9-moderate", #"{"phq9": 10}"#, #"{"phq9": 9}"#),
            ("recent-use", #"{"useDaysLast30": 1}"#, #"{"useDaysLast30": 0}"#),
        ])
    func boundaries(rule: String, holding: String, short: String) throws {
        #expect(try Self.holds(holding).contains(rule), "\(rule) holds for \(holding)")
        #expect(try !Self.holds(short).contains(rule), "\(rule) does not hold for \(short)")
    }

    @Test("unknown inputs make no rule hold: an empty input at intake is outpatient")
    func unknown() throws {
        #expect(try Self.holds("{}").isEmpty)
        let empty = try Self.decide(#"{"currentLevel": null}"#)
        #expect(empty == LevelRecommendation(level: .outpatient, rules: [.noHigherRule], stepDirection: nil))
        #expect(try Self.decide("{}").stepDirection == nil)
    }

    @Test("the highest level with a holding rule wins, never an average; rules of that level are listed in order")
    func highest() throws {
        let placed = try Self.decide(
            #"{"currentLevel": null, "phq9": 22, "useDaysLast30": 16, "stimulantCriteria": 7, "recoveryEnvironment": "unsafe"}"#
        )
        #expect(placed.level == .php)
        #expect(placed.rules.map(\.rawValue) == ["phq9-severe", "heavy-use", "unsafe-environment"])
        let refer = try Self.decide(#"{"currentLevel": "iop", "phq9": 3, "medicalInstability": true}"#)
        #expect(refer == LevelRecommendation(level: .referHigher, rules: [.medicalInstability], stepDirection: .up))
        let intake = try Self.decide(#"{"currentLevel": null, "stimulantCriteria": 4, "useDaysLast30": 8}"#)
        #expect(
            intake.level == .iop && intake.rules == [.stimulantUseDisorder, .recentUse] && intake.stepDirection == nil)
    }

    @Test("steps up when a higher rule holds; stays with the rules of its own level")
    func upAndStay() throws {
        #expect(try Self.decide(#"{"currentLevel": "outpatient", "phq9": 10}"#).stepDirection == .up)
        #expect(try Self.decide(#"{"currentLevel": "iop", "useDaysLast30": 15}"#).level == .php)
        let stay = try Self.decide(#"{"currentLevel": "iop", "phq9": 12, "useDaysLast30": 2}"#)
        #expect(stay == LevelRecommendation(level: .iop, rules: [.phq9Moderate, .recentUse], stepDirection: .stay))
        let php = try Self.decide(#"{"currentLevel": "php", "phq9": 21}"#)
        #expect(php == LevelRecommendation(level: .php, rules: [.phq9Severe], stepDirection: .stay))
        let outpatient = try Self.decide(#"{"currentLevel": "outpatient", "phq9": 4}"#)
        #expect(outpatient == LevelRecommendation(level: .outpatient, rules: [.noHigherRule], stepDirection: .stay))
    }

    @Test("PHP steps down to IOP only after 14 days without a PHP rule, one level at a time")
    func phpStepDown() throws {
        let clear = try Self.decide(#"{"currentLevel": "php", "phq9": 4, "daysSincePhpRuleHeld": 14}"#)
        #expect(clear == LevelRecommendation(level: .iop, rules: [.phpRulesClear14Days], stepDirection: .down))
        let early = try Self.decide(#"{"currentLevel": "php", "phq9": 4, "daysSincePhpRuleHeld": 13}"#)
        #expect(early == LevelRecommendation(level: .php, rules: [.phpRulesClearUnder14Days], stepDirection: .stay))
        let unknown = try Self.decide(#"{"currentLevel": "php", "phq9": 12}"#)
        #expect(unknown.rules == [.phpRulesClearUnder14Days])
        // An IOP rule holding does not stop the step down to IOP.
        #expect(try Self.decide(#"{"currentLevel": "php", "phq9": 12, "daysSincePhpRuleHeld": 30}"#).level == .iop)
    }

    static let stepDownBase: [String: String] = [
        "currentLevel": "\"iop\"", "phq9": "9", "daysSinceLastUse": "28", "suicideScreen": "\"low\"",
        "asq": "\"negative\"", "recoveryEnvironment": "\"supportive\"",
    ]

    static func json(_ fields: [String: String?]) -> String {
        "{" + fields.compactMap { key, value in value.map { "\"\(key)\": \($0)" } }.joined(separator: ", ") + "}"
    }

    @Test(
        "IOP steps down to outpatient only when every criterion holds; one failing keeps IOP",
        arguments: [
            ([:], true),
            (["daysSinceLastUse": "27"], false),
            (["daysSinceLastUse": "null"], true),
            (["daysSinceLastUse": nil], true),
            (["phq9": "10"], false),
            (["phq9": nil], false),
            (["phq9": "10", "phq9Baseline": "20"], false),  // 10 is an IOP rule (phq9-moderate): stays by rule
            (["phq9": "9", "phq9Baseline": "18"], true),
            (["suicideScreen": "\"moderate\""], false),
            (["suicideScreen": "\"none\""], true),
            (["suicideScreen": nil], true),
            (["asq": "\"non-acute-positive\""], false),
            (["asq": nil], true),
            (["recoveryEnvironment": "\"unsafe\""], false),
            (["recoveryEnvironment": nil], true),
        ] as [([String: String?], Bool)])
    func iopStepDown(changes: [String: String?], steps: Bool) throws {
        var fields: [String: String?] = Self.stepDownBase
        for (key, value) in changes { fields[key] = value }
        let result = try Self.decide(Self.json(fields))
        if steps {
            #expect(
                result
                    == LevelRecommendation(level: .outpatient, rules: [.iopStepDownCriteriaMet], stepDirection: .down))
        } else {
            #expect(result.level != .outpatient)
            #expect(result.stepDirection != .down)
        }
    }

    @Test("the halved-PHQ-9 criterion: at or below half the baseline (a real half, 7.5 of 15)")
    func halved() throws {
        // PHQ-9 at 10+ is an IOP rule, so test the halving with the rule's own helper at totals below 10 too.
        var input = try Self.input(#"{"currentLevel": "iop", "phq9": 7, "phq9Baseline": 15, "daysSinceLastUse": 40}"#)
        #expect(LevelOfCareRules.stepDownCriteriaHold(input))
        input.phq9 = 12
        input.phq9Baseline = 24
        #expect(LevelOfCareRules.stepDownCriteriaHold(input))
        input.phq9Baseline = 23
        #expect(!LevelOfCareRules.stepDownCriteriaHold(input))
    }

    @Test("no rule requires abstinence: daily use still places (at PHP), and never refuses care")
    func noAbstinenceGate() throws {
        let using = try Self.decide(
            #"{"currentLevel": null, "useDaysLast30": 30, "daysSinceLastUse": 0, "stimulantCriteria": 11}"#)
        #expect(using.level == .php)
        for json in ["{}", #"{"currentLevel": null}"#, #"{"currentLevel": "outpatient", "useDaysLast30": 0}"#] {
            #expect(LevelOfCare.allCases.contains(try Self.decide(json).level))
        }
    }

    @Test(
        "bad input names the key and what is allowed",
        arguments: [
            (#"{"phq9": 28}"#, "phq9", "28 is out of range 0…27"),
            (#"{"phq9": 9.5}"#, "phq9", "not a whole number"),
            (#"{"phq9": "9"}"#, "phq9", "must be a whole number"),
            (#"{"phq9": null}"#, "phq9", "must be a whole number"),
            (#"{"useDaysLast30": 31}"#, "useDaysLast30", "out of range 0…30"),
            (#"{"daysAtCurrentLevel": -1}"#, "daysAtCurrentLevel", "out of range ≥ 0"),
            (#"{"stimulantCriteria": 12}"#, "stimulantCriteria", "out of range 0…11"),
            (#"{"currentLevel": "refer-higher"}"#, "currentLevel", "is not one of"),
            (#"{"currentLevel": 1}"#, "currentLevel", "must be one of"),
            (#"{"suicideScreen": "severe"}"#, "suicideScreen", "is not one of"),
            (#"{"asq": "positive"}"#, "asq", "is not one of"),
            (#"{"psychosis": "yes"}"#, "psychosis", "must be true or false"),
            (#"{"recoveryEnvironment": null}"#, "recoveryEnvironment", "must be one of"),
            (#"{"daysSinceLastUse": -3}"#, "daysSinceLastUse", "out of range"),
            (#"{"phq9Score": 3}"#, "phq9Score", "unknown field"),
            ("[1]", "(document)", "must be a JSON object"),
        ])
    func badInput(json: String, field: String, message: String) {
        do {
            _ = try LevelInput.parse(json: Data(json.utf8))
            Issue.record("\(json) was accepted")
        } catch {
            #expect(error.field == field)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test("the input round-trips through its JSON, keeping null apart from absent")
    func roundTrip() throws {
        let text =
            #"{"currentLevel": null, "daysSinceLastUse": null, "phq9": 14, "asq": "negative", "psychosis": false}"#
        let input = try Self.input(text)
        #expect(try LevelInput(json: input.json) == input)
        #expect(try Self.input("{}").json == .object([:]))
        #expect(
            LevelOfCareRules.recommend(input).json
                == .object([
                    "level": .string("iop"), "rules": .array([.string("phq9-moderate")]), "stepDirection": .null,
                ]))
    }

    // MARK: - Inputs from stored data

    static let day0 = CalendarDate(iso: "2026-03-01")!

    static func assessment(_ id: Instrument.ID, _ answers: [Int?], on day: Int) throws -> StoredAssessment {
        let instrument = Instrument.definition(id)
        let result = try instrument.score(answers, context: ScoringContext(), configuration: .default)
        return StoredAssessment(
            id: UUID(), clientID: client, date: day0.adding(days: day),
            content: .instrument(answers: answers, result: result),
            recordedAt: Date(timeIntervalSince1970: Double(day) * 86_400), recordedBy: .random())
    }

    static let client = ClientID.random()

    static func evidence(decisionDay: Int? = 10, use: [Int] = [2, 3, 25]) throws -> LevelEvidence {
        let episode = Episode(
            id: .random(), clientID: client, programID: .random(), admittedOn: day0, levelAtAdmission: .iop,
            referralSource: .selfReferred)
        let decisions =
            decisionDay.map { day in
                [
                    LevelDecision(
                        id: .random(), clientID: client, episodeID: episode.id,
                        recommendation: LevelRecommendation(level: .php, rules: [.phq9Severe], stepDirection: .up),
                        inputs: LevelInput(), kind: .accepted, level: .php, reason: nil, decidedBy: nil,
                        decidedAt: Date(timeIntervalSince1970: Double(day) * 86_400),
                        effectiveOn: day0.adding(days: day))
                ]
            } ?? []
        return LevelEvidence(
            episodes: [episode], decisions: decisions, factors: [],
            assessments: [
                try assessment(.phq9, [3, 3, 3, 3, 3, 2, 2, 2, 0], on: 9),  // 21
                try assessment(.phq9, [2, 1, 2, 1, 2, 1, 1, 1, 0], on: 20),  // 11
                try assessment(.cssrs, [1, 1, 0, 0, 0, 0, nil], on: 1),  // low, 35+ days before day 36
                try assessment(.stimulantSUD, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], on: 0),
            ],
            use: Dictionary(uniqueKeysWithValues: (0..<40).map { (day0.adding(days: $0), use.contains($0)) }))
    }

    @Test("inputs as of a day come from the level history, the screens of the last 30 days, PHQ-9s and use")
    func inputsFromData() throws {
        let evidence = try Self.evidence()
        let input = evidence.input(asOf: Self.day0.adding(days: 30))
        #expect(input.currentLevel == .value(.php) && input.daysAtCurrentLevel == 20)
        #expect(input.phq9 == 11 && input.phq9AtLevelStart == 21 && input.phq9Baseline == 21)
        #expect(input.useDaysLast30 == 3)  // days 1…30 hold the use days 2, 3 and 25
        #expect(input.daysSinceLastUse == .value(5))
        #expect(input.suicideScreen == .low)
        #expect(input.stimulantCriteria == 5)
        // 31 days after the C-SSRS it no longer counts; before any use there is no use on record.
        #expect(evidence.input(asOf: Self.day0.adding(days: 31)).suicideScreen == nil)
        #expect(evidence.input(asOf: Self.day0.adding(days: 1)).daysSinceLastUse == .null)
        // Before the admission: intake.
        #expect(evidence.input(asOf: Self.day0.adding(days: -1)).currentLevel == .null)
        let history = evidence.history(of: evidence.episodes[0])
        #expect(
            history.map(\.level) == [.iop, .php] && history.map(\.from) == [Self.day0, Self.day0.adding(days: 10)])
    }

    @Test("daysSincePhpRuleHeld counts from the last day a PHP rule held at PHP; 14 days clear steps down")
    func phpClearance() throws {
        let evidence = try Self.evidence()
        // PHQ-9 21 (phq9-severe) is the latest total on days 10–19; from day 20 the latest is 11.
        let day33 = evidence.evaluate(today: Self.day0.adding(days: 33))
        #expect(day33.input.daysSincePhpRuleHeld == 14)
        #expect(
            day33.recommendation
                == LevelRecommendation(level: .iop, rules: [.phpRulesClear14Days], stepDirection: .down))
        let day32 = evidence.evaluate(today: Self.day0.adding(days: 32))
        #expect(day32.input.daysSincePhpRuleHeld == 13)
        #expect(day32.recommendation.rules == [.phpRulesClearUnder14Days])
        #expect(!day32.stepUpRecommended)
    }

    @Test("one PHQ-9 after a level began is no evidence of (no) progress")
    func singleMeasurement() throws {
        let episode = Episode(
            id: .random(), clientID: Self.client, programID: .random(), admittedOn: Self.day0, levelAtAdmission: .iop,
            referralSource: .selfReferred)
        let evidence = LevelEvidence(
            episodes: [episode], decisions: [], factors: [],
            assessments: [try Self.assessment(.phq9, [2, 2, 2, 1, 1, 1, 1, 1, 0], on: 5)], use: [:])
        let input = evidence.input(asOf: Self.day0.adding(days: 20))
        #expect(input.phq9 == 11 && input.phq9AtLevelStart == nil)
        #expect(!LevelOfCareRules.holding(input).contains(.noProgressAtIOP))
    }
}
