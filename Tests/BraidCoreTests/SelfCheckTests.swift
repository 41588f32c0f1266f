import Foundation
import Testing

@testable import BraidCore

@Suite("Public self-check")
struct SelfCheckTests {
    @Test("low at 14, cocaine at 19, low mood stayed through a break: depression-first, independent")
    func depressionFirst() throws {
        let result = try SelfCheckResult.evaluate(
            SelfCheckAnswers(
                everDepressed: .yes, depressionAge: 14, firstUseAge: 19, moodInBreak: .stayedLow, phq2: [2, 1]))
        #expect(result.assessment.pattern == .depressionFirst)
        #expect(result.assessment.depressionType == .independent)
        #expect(result.phq2?.total == 3)
        #expect(result.nextSteps.first?.contains("PHQ-9") == true)
        #expect(result.showCrisisResources)
    }

    @Test("lows after use with a break in which mood lifted: use-first, substance-induced")
    func useFirst() throws {
        let result = try SelfCheckResult.evaluate(
            SelfCheckAnswers(
                everDepressed: .yes, depressionAge: 25, firstUseAge: 19, regularUseAge: 21, moodInBreak: .lifted,
                lowsAfterUse: .yes, phq2: [1, 0]))
        #expect(result.assessment.depressionType == .substanceInduced)
        #expect(result.assessment.pattern == .useFirst)
        #expect(!result.showCrisisResources)
        #expect(result.sentences.count >= 2)
    }

    @Test("never depressed: no depressive history; not sure stays unknown")
    func noHistoryAndUnsure() throws {
        #expect(
            try SelfCheckResult.evaluate(SelfCheckAnswers(everDepressed: .no, firstUseAge: 20)).assessment.pattern
                == .noDepressiveHistory)
        let unsure = try SelfCheckResult.evaluate(
            SelfCheckAnswers(everDepressed: .unsure, firstUseAge: 20, lowsAfterUse: .unsure))
        #expect(unsure.assessment.order == .unknown)
        #expect(unsure.phq2 == nil)
        #expect(SelfCheckAnswers(lowsAfterUse: .unsure).orderingInput.lowsMostlyAfterUse == false)
    }

    @Test("crisis resources follow PHQ-2 item 2: several days or more")
    func crisis() throws {
        #expect(try SelfCheckResult.evaluate(SelfCheckAnswers(phq2: [0, 1])).showCrisisResources)
        #expect(!(try SelfCheckResult.evaluate(SelfCheckAnswers(phq2: [3, 0])).showCrisisResources))
    }

    @Test("bad answers name the field")
    func validation() {
        #expect(throws: ValidationError(field: "firstUseAge", "3 is out of range 5…120")) {
            try SelfCheckResult.evaluate(SelfCheckAnswers(firstUseAge: 3))
        }
        #expect(throws: ValidationError(field: "regularUseAge", "15 is before the age of first use (18)")) {
            try SelfCheckResult.evaluate(SelfCheckAnswers(firstUseAge: 18, regularUseAge: 15))
        }
        #expect(throws: ValidationError(field: "phq2.2", "4 is out of range 0…3")) {
            try SelfCheckResult.evaluate(SelfCheckAnswers(phq2: [0, 4]))
        }
    }
}

@Suite("Caseload priority")
struct CaseloadPriorityTests {
    static func alert(_ severity: AlertSeverity) -> SafetyAlert {
        SafetyAlert(
            id: .random(), clientID: .random(), source: .checkIn, sourceID: UUID(), severity: severity, summary: "",
            openedAt: Date(timeIntervalSince1970: 0), acknowledgedAt: nil, acknowledgedBy: nil, acknowledgementNote: nil
        )
    }

    @Test("an emergency outranks any alert, an alert outranks flags, flags outrank nothing")
    func order() {
        #expect(
            CaseloadPriority(openAlerts: [Self.alert(.urgent), Self.alert(.emergency)], flagCount: 0) == .emergency)
        #expect(CaseloadPriority(openAlerts: [Self.alert(.urgent)], flagCount: 3) == .openAlert)
        #expect(CaseloadPriority(openAlerts: [], flagCount: 1) == .flagged)
        #expect(CaseloadPriority(openAlerts: [], flagCount: 0) == .routine)
        #expect(CaseloadPriority.allCases.sorted() == [.emergency, .openAlert, .flagged, .routine])
    }
}
