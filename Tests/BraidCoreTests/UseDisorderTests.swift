import Testing

@testable import BraidCore

@Suite("DSM-5 stimulant use disorder")
struct StimulantUseDisorderTests {
    static func criteria(met: Int) -> String {
        (1...11).map { $0 <= met ? "1" : "0" }.joined(separator: ",")
    }

    @Test(
        "severity by criteria count at every edge",
        arguments: [
            (0, Severity.none), (1, .none), (2, .mild), (3, .mild), (4, .moderate), (5, .moderate), (6, .severe),
            (11, .severe),
        ])
    func severity(met: Int, expected: Severity) throws {
        let result = try score(.stimulantSUD, Self.criteria(met: met))
        #expect(result.total == met)
        #expect(result.severity == expected)
    }

    @Test("codes: none → no code, mild → F14.10, moderate and severe → F14.20")
    func codes() throws {
        #expect(try score(.stimulantSUD, Self.criteria(met: 1)).codes == ResultCodes())
        #expect(
            try score(.stimulantSUD, Self.criteria(met: 3)).codes == ResultCodes(icd10cm: "F14.10", snomed: "78267003"))
        #expect(
            try score(.stimulantSUD, Self.criteria(met: 4)).codes == ResultCodes(icd10cm: "F14.20", snomed: "31956009"))
        #expect(try score(.stimulantSUD, Self.criteria(met: 9)).codes.icd10cm == "F14.20")
    }

    @Test("prescribed stimulant: tolerance and withdrawal are not counted, and the result says so")
    func prescribedExclusion() throws {
        let answers = "1,1,1,1,0,0,0,0,0,1,1"
        let unsupervised = try score(.stimulantSUD, answers)
        let prescribed = try score(.stimulantSUD, answers, context: ScoringContext(prescribedStimulant: true))
        #expect(unsupervised.total == 6)
        #expect(unsupervised.severity == .severe)
        #expect(unsupervised.flags.isEmpty)
        #expect(prescribed.total == 4)
        #expect(prescribed.severity == .moderate)
        #expect(prescribed.flags == [.toleranceWithdrawalExcluded])
        #expect(prescribed.score(of: "stimulant-sud.10") == 1)
    }

    @Test("prescribed stimulant: blank tolerance and withdrawal do not make the count incomplete")
    func prescribedBlanks() throws {
        let result = try score(
            .stimulantSUD, "1,1,0,0,0,0,0,0,0,x,x", context: ScoringContext(prescribedStimulant: true))
        #expect(result.total == 2)
        #expect(result.severity == .mild)
    }

    @Test("a blank criterion makes the count incomplete")
    func blank() throws {
        let result = try score(.stimulantSUD, "1,1,1,x,0,0,0,0,0,0,0")
        #expect(result.total == nil)
        #expect(result.severity == .incomplete)
    }

    @Test("criteria are yes/no")
    func yesNo() {
        #expect(
            scoringError { _ = try score(.stimulantSUD, "1,1,1,2,0,0,0,0,0,0,0") }
                == .outOfRange(item: "stimulant-sud.4", value: 2, allowed: 0...1))
    }
}

@Suite("SDS (cocaine)")
struct SDSTests {
    @Test(
        "likely dependence at 3, not at 2",
        arguments: [("1,1,0,0,0", 2, false), ("1,1,1,0,0", 3, true), ("3,3,3,3,3", 15, true), ("0,0,0,0,0", 0, false)])
    func cutoff(answers: String, total: Int, above: Bool) throws {
        let result = try score(.sds, answers)
        #expect(result.total == total)
        #expect(result.severity == (above ? .aboveCutoff : .belowCutoff))
        #expect(result.flags == (above ? [.likelyDependence] : []))
    }

    @Test("a blank item makes the SDS incomplete")
    func blank() throws {
        #expect(try score(.sds, "3,3,x,0,0").severity == .incomplete)
    }
}
