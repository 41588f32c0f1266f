import Testing

@testable import BraidCore

@Suite("Safety plan")
struct SafetyPlanTests {
    @Test("one item per line: blanks dropped, spaces trimmed, empty sections left out")
    func lines() throws {
        let plan = try SafetyPlan(lines: [.warningSigns: "  Not sleeping \r\n\nPayday\n", .helpers: " \n "])
        #expect(plan.items(.warningSigns) == ["Not sleeping", "Payday"])
        #expect(plan.sections.keys.sorted { $0.rawValue < $1.rawValue } == [.warningSigns])
        #expect(plan.isStarted)
        #expect(SafetyPlan(stored: plan.stored) == plan)
    }

    @Test("limits at their edges, named by section; an empty plan is refused")
    func limits() throws {
        let twelve = (1...12).map { "line \($0)" }.joined(separator: "\n")
        #expect(try SafetyPlan(lines: [.copingStrategies: twelve]).items(.copingStrategies).count == 12)
        #expect(throws: ValidationError(field: "copingStrategies", "has 13 lines; at most 12")) {
            try SafetyPlan(lines: [.copingStrategies: twelve + "\nline 13"])
        }
        #expect(try SafetyPlan(lines: [.environment: String(repeating: "a", count: 300)]).isStarted)
        #expect(throws: ValidationError(field: "environment", "line 2 is longer than 300 characters")) {
            try SafetyPlan(lines: [.environment: "ok\n" + String(repeating: "a", count: 301)])
        }
        #expect(throws: ValidationError(field: "warningSigns", "write at least one line in the plan")) {
            try SafetyPlan(lines: [.warningSigns: "\n  \n"])
        }
    }

    @Test("a new plan starts with 988 and 911 in step 5 and does not count as started")
    func starter() {
        #expect(SafetyPlan.starter.items(.professionals).first?.contains("988") == true)
        #expect(!SafetyPlan.starter.isStarted)
        #expect(SafetyPlanSection.allCases.count == 7)
    }
}
