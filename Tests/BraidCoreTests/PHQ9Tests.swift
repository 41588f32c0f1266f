import Testing

@testable import BraidCore

@Suite("PHQ-9")
struct PHQ9Tests {
    /// Kroenke 2001 bands, checked on both sides of every edge (item 9 kept at 0 up to 24).
    @Test(
        "severity bands at every edge",
        arguments: [
            (0, Severity.minimal), (4, .minimal), (5, .mild), (9, .mild), (10, .moderate), (14, .moderate),
            (15, .moderatelySevere), (19, .moderatelySevere), (20, .severe), (24, .severe),
        ])
    func bands(total: Int, expected: Severity) throws {
        let result = try score(.phq9, answers(total: total, count: 9, maxScore: 3, fixed: [9: 0]))
        #expect(result.total == total)
        #expect(result.severity == expected)
        #expect(result.flags.isEmpty)
    }

    @Test("all zero: total 0, minimal, no flags")
    func allZero() throws {
        let result = try score(.phq9, "0,0,0,0,0,0,0,0,0")
        #expect(result.total == 0)
        #expect(result.severity == .minimal)
        #expect(result.flags.isEmpty)
        #expect(result.codes == ResultCodes(loinc: "44261-6"))
    }

    @Test("all maximum: total 27, severe, suicide risk")
    func allMaximum() throws {
        let result = try score(.phq9, "3,3,3,3,3,3,3,3,3")
        #expect(result.total == 27)
        #expect(result.severity == .severe)
        #expect(result.flags == [.suicideRisk])
    }

    @Test("the issue's example: nine 1s is 9, mild, suicide-risk")
    func issueExample() throws {
        let result = try score(.phq9, "1,1,1,1,1,1,1,1,1")
        #expect(result.total == 9)
        #expect(result.severity == .mild)
        #expect(result.flags == [.suicideRisk])
        #expect(result.hasSuicideRiskSignal)
    }

    @Test("item 9 alone raises suicide risk even at a minimal total")
    func item9Alone() throws {
        let result = try score(.phq9, "0,0,0,0,0,0,0,0,1")
        #expect(result.total == 1)
        #expect(result.severity == .minimal)
        #expect(result.flags == [.suicideRisk])
    }

    @Test("the functional item is recorded but never added to the total")
    func functionalItem() throws {
        let result = try score(.phq9, "1,1,1,1,1,0,0,0,0,3")
        #expect(result.total == 5)
        #expect(result.severity == .mild)
        #expect(result.items.count == 10)
        #expect(result.score(of: "phq9.10") == 3)
    }

    @Test("one missing item is prorated: 8 answered summing 4 → round(4.5) = 5, mild not minimal")
    func prorateHalfUp() throws {
        let result = try score(.phq9, "1,1,1,1,x,0,0,0,0")
        #expect(result.total == 5)
        #expect(result.severity == .mild)
        #expect(result.flags == [.prorated])
        #expect(result.score(of: "phq9.5") == nil)
    }

    @Test("two missing items are prorated: 7 answered summing 12 → 108/7 = 15.43 → 15")
    func prorateTwo() throws {
        let result = try score(.phq9, "2,x,2,2,x,2,2,2,0")
        #expect(result.total == 15)
        #expect(result.severity == .moderatelySevere)
        #expect(result.flags == [.prorated])
    }

    @Test("two missing, rounding down: 7 answered summing 10 → 90/7 = 12.86 → 13")
    func prorateRounding() throws {
        #expect(try score(.phq9, "2,2,2,2,2,x,x,0,0").total == 13)
    }

    @Test("three missing items: no total, incomplete")
    func threeMissing() throws {
        let result = try score(.phq9, "3,3,3,x,x,x,3,3,0")
        #expect(result.total == nil)
        #expect(result.severity == .incomplete)
        #expect(!result.flags.contains(.prorated))
    }

    @Test("item 9 missing: prorated and item9-unanswered, never treated as zero risk")
    func item9Missing() throws {
        let result = try score(.phq9, "1,1,1,1,1,1,1,1,x")
        #expect(result.total == 9)
        #expect(result.flags == [.item9Unanswered, .prorated])
        #expect(!result.hasSuicideRiskSignal)
    }

    @Test("item 9 > 0 still flags when the questionnaire is incomplete")
    func item9WithIncomplete() throws {
        let result = try score(.phq9, "x,x,x,1,1,1,1,1,2")
        #expect(result.severity == .incomplete)
        #expect(result.flags == [.suicideRisk])
    }

    @Test(
        "early abstinence: 14 days after last use is flagged, 15 is not",
        arguments: [(0, true), (14, true), (15, false)])
    func earlyAbstinence(days: Int, flagged: Bool) throws {
        let result = try score(.phq9, "2,2,2,2,2,2,2,2,0", context: ScoringContext(daysSinceLastUse: days))
        #expect(result.flags.contains(.earlyAbstinence) == flagged)
        #expect(result.total == 16)
    }

    @Test("negative days since last use is rejected")
    func negativeDays() {
        let error = scoringError {
            _ = try score(.phq9, "0,0,0,0,0,0,0,0,0", context: ScoringContext(daysSinceLastUse: -1))
        }
        #expect(error == .invalidInput(input: "daysSinceLastUse", message: "-1 is below 0"))
    }

    @Test("out-of-range, negative and non-numeric answers name the item and the range")
    func badAnswers() {
        #expect(
            scoringError { _ = try score(.phq9, "1,1,1,5,1,1,1,1,1") }
                == .outOfRange(item: "phq9.4", value: 5, allowed: 0...3))
        #expect(
            scoringError { _ = try score(.phq9, "1,1,1,1,1,1,1,1,-1") }?.description == "phq9.9: -1 is out of range 0…3"
        )
        #expect(
            scoringError { _ = try score(.phq9, "1,one,1,1,1,1,1,1,1") }
                == .notANumber(item: "phq9.2", text: "one", allowed: 0...3))
        #expect(scoringError { _ = try score(.phq9, "1,1,1,1,1,1,1,1,1,4") }?.field == "phq9.10")
    }

    @Test("wrong answer counts are rejected", arguments: ["", "1,1,1,1,1,1,1,1", "1,1,1,1,1,1,1,1,1,1,1"])
    func wrongCount(answers: String) {
        let error = scoringError { _ = try score(.phq9, answers) }
        guard case .answerCount(.phq9, 9...10, _) = error else {
            Issue.record("expected an answer-count error, got \(String(describing: error))")
            return
        }
        #expect(error?.field == "answers")
    }

    @Test("a stimulant-only input is rejected for the PHQ-9")
    func inapplicableInput() {
        let error = scoringError {
            _ = try score(.phq9, "0,0,0,0,0,0,0,0,0", context: ScoringContext(prescribedStimulant: true))
        }
        #expect(error == .notApplicable(input: "prescribedStimulant", instrument: .phq9, appliesTo: .stimulantSUD))
    }

    @Test("a program may move a cut-off; scoring follows the configuration")
    func configurableBands() throws {
        var configuration = ScoringConfiguration.default
        configuration.phq9Bands = SeverityBands([.init(from: 0, .minimal), .init(from: 8, .mild)])
        #expect(try score(.phq9, "1,1,1,1,1,1,1,0,0", configuration: configuration).severity == .minimal)
        #expect(try score(.phq9, "1,1,1,1,1,1,1,1,0", configuration: configuration).severity == .mild)
    }
}

@Suite("PHQ-2")
struct PHQ2Tests {
    @Test(
        "positive screen at 3, not at 2",
        arguments: [("1,1", 2, Severity.negative), ("2,1", 3, .positive), ("3,3", 6, .positive), ("0,0", 0, .negative)])
    func screen(answers: String, total: Int, expected: Severity) throws {
        let result = try score(.phq2, answers)
        #expect(result.total == total)
        #expect(result.severity == expected)
        #expect(result.flags == (expected == .positive ? [.positiveScreen] : []))
        #expect(result.codes.loinc == "55758-7")
    }

    @Test("a missing item makes the screen incomplete")
    func missing() throws {
        let result = try score(.phq2, "3,x")
        #expect(result.total == nil)
        #expect(result.severity == .incomplete)
    }
}
