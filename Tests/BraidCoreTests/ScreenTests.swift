import Testing

@testable import BraidCore

@Suite("C-SSRS screen")
struct CSSRSTests {
    @Test(
        "triage levels (answers q1–q6, q6b)",
        arguments: [
            ("0,0,x,x,x,0,x", Severity.none),
            ("1,0,x,x,x,0,x", .low),
            ("0,1,0,0,0,0,x", .low),
            ("1,1,1,0,0,0,x", .moderate),
            ("0,0,0,0,0,1,0", .moderate),
            ("1,1,1,1,0,0,x", .high),
            ("1,1,0,0,1,0,x", .high),
            ("0,0,x,x,x,1,1", .high),
        ])
    func triage(answers: String, expected: Severity) throws {
        let result = try score(.cssrs, answers)
        #expect(result.severity == expected)
        #expect(result.total == nil)
        #expect(result.hasSuicideRiskSignal == (expected != .none))
        #expect(result.flags.contains(.acuteSuicideRisk) == (expected == .high))
        #expect(result.codes.loinc == "93374-7")
    }

    @Test("questions the skip logic did not ask may be written 0 and are stored as not asked")
    func unaskedAsZero() throws {
        let result = try score(.cssrs, "1,0,0,0,0,0,0")
        #expect(result.severity == .low)
        #expect(result.score(of: "cssrs.q3") == nil)
        #expect(result.score(of: "cssrs.q6b") == nil)
        #expect(result.score(of: "cssrs.q1") == 1)
    }

    @Test("q3 yes without q2 yes violates the skip logic")
    func q3WithoutQ2() {
        let error = scoringError { _ = try score(.cssrs, "0,0,1,0,0,0,x") }
        #expect(error == .askedOnlyWhen(item: "cssrs.q3", condition: "q2 is yes"))
        #expect(error?.description.hasPrefix("cssrs.q3: asked only when q2 is yes") == true)
    }

    @Test("q6b yes without q6 yes violates the skip logic")
    func q6bWithoutQ6() {
        #expect(
            scoringError { _ = try score(.cssrs, "0,0,x,x,x,0,1") }
                == .askedOnlyWhen(item: "cssrs.q6b", condition: "q6 is yes"))
    }

    @Test("a question the skip logic asks must be answered")
    func requiredWhenAsked() {
        #expect(
            scoringError { _ = try score(.cssrs, "1,1,0,x,0,0,x") }
                == .requiredWhen(item: "cssrs.q4", condition: "q2 is yes"))
        #expect(
            scoringError { _ = try score(.cssrs, "0,0,x,x,x,1,x") }
                == .requiredWhen(item: "cssrs.q6b", condition: "q6 is yes"))
    }

    @Test("always-asked questions cannot be left blank")
    func alwaysAsked() {
        #expect(scoringError { _ = try score(.cssrs, "x,0,x,x,x,0,x") } == .required(item: "cssrs.q1", allowed: 0...1))
        #expect(scoringError { _ = try score(.cssrs, "0,0,x,x,x,x,x") } == .required(item: "cssrs.q6", allowed: 0...1))
    }

    @Test("answers are yes/no only, and exactly seven")
    func shape() {
        #expect(
            scoringError { _ = try score(.cssrs, "2,0,x,x,x,0,x") }?.description
                == "cssrs.q1: 2 is out of range 0…1 (0 = no, 1 = yes)")
        #expect(
            scoringError { _ = try score(.cssrs, "0,0,0,0,0,0") }
                == .answerCount(instrument: .cssrs, allowed: 7...7, got: 6))
    }
}

@Suite("ASQ")
struct ASQTests {
    @Test(
        "each result",
        arguments: [
            ("0,0,0,0,x", Severity.negative),
            ("0,0,0,0,0", .negative),
            ("0,0,0,1,0", .nonAcutePositive),
            ("1,1,0,0,0", .nonAcutePositive),
            ("1,0,0,0,1", .acutePositive),
            ("0,0,1,0,1", .acutePositive),
        ])
    func result(answers: String, expected: Severity) throws {
        let result = try score(.asq, answers)
        #expect(result.severity == expected)
        #expect(result.hasSuicideRiskSignal == (expected != .negative))
        #expect(result.flags.contains(.acuteSuicideRisk) == (expected == .acutePositive))
    }

    @Test("q5 is asked only after a yes, and must be answered then")
    func skipLogic() {
        #expect(
            scoringError { _ = try score(.asq, "0,0,0,0,1") }
                == .askedOnlyWhen(item: "asq.q5", condition: "any of q1–q4 is yes"))
        #expect(
            scoringError { _ = try score(.asq, "0,1,0,0,x") }
                == .requiredWhen(item: "asq.q5", condition: "any of q1–q4 is yes"))
        #expect(scoringError { _ = try score(.asq, "0,x,0,0,x") } == .required(item: "asq.q2", allowed: 0...1))
    }
}
