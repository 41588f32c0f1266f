import Testing

@testable import BraidCore

@Suite("GAD-7")
struct GAD7Tests {
    @Test(
        "severity bands at every edge",
        arguments: [
            (0, Severity.minimal), (4, .minimal), (5, .mild), (9, .mild), (10, .moderate), (14, .moderate),
            (15, .severe), (21, .severe),
        ])
    func bands(total: Int, expected: Severity) throws {
        let result = try score(.gad7, answers(total: total, count: 7, maxScore: 3))
        #expect(result.total == total)
        #expect(result.severity == expected)
        #expect(result.codes.loinc == "70274-6")
    }

    @Test("one missing item prorated: 6 answered summing 9 → round(10.5) = 11, moderate")
    func prorateOne() throws {
        let result = try score(.gad7, "2,2,2,1,1,1,x")
        #expect(result.total == 11)
        #expect(result.severity == .moderate)
        #expect(result.flags == [.prorated])
    }

    @Test("two missing items: incomplete")
    func twoMissing() throws {
        let result = try score(.gad7, "3,3,3,3,3,x,x")
        #expect(result.total == nil)
        #expect(result.severity == .incomplete)
    }
}

@Suite("PCL-5")
struct PCL5Tests {
    @Test("probable PTSD at 33, not at 32", arguments: [(32, false), (33, true), (0, false), (80, true)])
    func threshold(total: Int, probable: Bool) throws {
        let result = try score(.pcl5, answers(total: total, count: 20, maxScore: 4))
        #expect(result.total == total)
        #expect(result.severity == (probable ? .probablePTSD : .belowThreshold))
        #expect(result.flags.contains(.probablePTSD) == probable)
    }

    @Test("DSM-5 pattern met and not met with the same total of 20")
    func patternWithSameTotal() throws {
        // Met: B1, C6, D8, D9, E15, E16 at 2 (endorsed), eight more items at 1.
        let met = try score(.pcl5, "2,1,1,1,1,2,1,2,2,1,1,1,0,0,2,2,0,0,0,0")
        // Not met: twenty items at 1, nothing reaches "moderately".
        let notMet = try score(.pcl5, Array(repeating: "1", count: 20).joined(separator: ","))
        #expect(met.total == 20)
        #expect(notMet.total == 20)
        #expect(met.flags.contains(.dsm5Pattern))
        #expect(!notMet.flags.contains(.dsm5Pattern))
        #expect(met.subscales == ["B": 6, "C": 3, "D": 7, "E": 4])
    }

    @Test("pattern not met when cluster D has only one endorsed item")
    func patternNeedsTwoD() throws {
        let result = try score(.pcl5, "2,0,0,0,0,2,0,2,1,1,1,1,1,1,2,2,0,0,0,0")
        #expect(!result.flags.contains(.dsm5Pattern))
    }

    @Test("up to three missing items prorated; four is incomplete")
    func proration() throws {
        let three = try score(.pcl5, "x,x,x," + Array(repeating: "2", count: 17).joined(separator: ","))
        #expect(three.total == 40)
        #expect(three.flags.contains(.prorated))
        #expect(three.severity == .probablePTSD)
        let four = try score(.pcl5, "x,x,x,x," + Array(repeating: "2", count: 16).joined(separator: ","))
        #expect(four.total == nil)
        #expect(four.severity == .incomplete)
    }

    @Test("items run 0…4; 5 is out of range")
    func range() {
        #expect(
            scoringError { _ = try score(.pcl5, "5" + String(repeating: ",0", count: 19)) }?.description
                == "pcl5.1: 5 is out of range 0…4")
    }

    @Test("the probable-PTSD cut-off is configurable within the NCPTSD range")
    func configurable() throws {
        var configuration = ScoringConfiguration.default
        configuration.pcl5ProbablePTSDAt = 31
        let result = try score(.pcl5, answers(total: 31, count: 20, maxScore: 4), configuration: configuration)
        #expect(result.severity == .probablePTSD)
    }
}
