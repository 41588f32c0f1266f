import Foundation

/// The rule ids of clinical-rules.md §6 (the contract), each with the level it argues for.
public enum LevelRule: String, Sendable, Hashable, Codable, CaseIterable {
    // refer-higher
    case acuteSuicideRisk = "acute-suicide-risk"
    case psychosisOrSevereAgitation = "psychosis-or-severe-agitation"
    case medicalInstability = "medical-instability"
    case withdrawalNeedsMedicalManagement = "withdrawal-needs-medical-management"
    case unsafeEnvironmentWithHeavyUse = "unsafe-environment-with-heavy-use"
    // php
    case phq9Severe = "phq9-severe"
    case phq9ModeratelySevereWithImpairment = "phq9-moderately-severe-with-impairment"
    case suicideRiskModerate = "suicide-risk-moderate"
    case heavyUse = "heavy-use"
    case noProgressAtIOP = "no-progress-at-iop"
    case earlyCrashWithSevereDepression = "early-crash-with-severe-depression"
    case unsafeEnvironment = "unsafe-environment"
    // iop
    case stimulantUseDisorder = "stimulant-use-disorder"
    case phq9Moderate = "phq9-moderate"
    case recentUse = "recent-use"
    // outpatient
    case noHigherRule = "no-higher-rule"
    // the step rules of the decision
    case phpRulesClear14Days = "php-rules-clear-14-days"
    case phpRulesClearUnder14Days = "php-rules-clear-under-14-days"
    case iopStepDownCriteriaMet = "iop-step-down-criteria-met"
    case iopStepDownCriteriaNotMet = "iop-step-down-criteria-not-met"

    /// The level a placement rule argues for; `nil` for the decision's step rules.
    public var level: LevelOfCare? {
        switch self {
        case .acuteSuicideRisk, .psychosisOrSevereAgitation, .medicalInstability, .withdrawalNeedsMedicalManagement,
            .unsafeEnvironmentWithHeavyUse:
            .referHigher
        case .phq9Severe, .phq9ModeratelySevereWithImpairment, .suicideRiskModerate, .heavyUse, .noProgressAtIOP,
            .earlyCrashWithSevereDepression, .unsafeEnvironment:
            .php
        case .stimulantUseDisorder, .phq9Moderate, .recentUse: .iop
        case .noHigherRule: .outpatient
        case .phpRulesClear14Days, .phpRulesClearUnder14Days, .iopStepDownCriteriaMet, .iopStepDownCriteriaNotMet:
            nil
        }
    }

    /// The rule in plain words, for the chart.
    public var sentence: String {
        switch self {
        case .acuteSuicideRisk: "Acute suicide risk: C-SSRS high or ASQ acute-positive in the last 30 days."
        case .psychosisOrSevereAgitation: "Psychosis or severe agitation recorded."
        case .medicalInstability: "Medical instability recorded."
        case .withdrawalNeedsMedicalManagement: "Withdrawal needs medical management."
        case .unsafeEnvironmentWithHeavyUse: "Unsafe recovery environment with use on 20 or more of the last 30 days."
        case .phq9Severe: "PHQ-9 of 20 or more (severe depression)."
        case .phq9ModeratelySevereWithImpairment:
            "PHQ-9 of 15 or more with daily life very or extremely difficult."
        case .suicideRiskModerate: "Moderate suicide risk on the C-SSRS in the last 30 days."
        case .heavyUse: "Use on 15 or more of the last 30 days."
        case .noProgressAtIOP:
            "No progress after 14 days or more at IOP: use no lower and the PHQ-9 down by less than 5."
        case .earlyCrashWithSevereDepression:
            "Used in the last 14 days with a PHQ-9 of 15 or more: the early crash with severe depression."
        case .unsafeEnvironment: "Unsafe recovery environment recorded."
        case .stimulantUseDisorder: "Stimulant use disorder (2 or more DSM-5 criteria) at intake."
        case .phq9Moderate: "PHQ-9 of 10 or more."
        case .recentUse: "Use in the last 30 days."
        case .noHigherRule: "No rule calls for more than outpatient care."
        case .phpRulesClear14Days: "No PHP rule has held for 14 days: step down to IOP."
        case .phpRulesClearUnder14Days: "PHP rules have cleared, but for less than 14 days: stay at PHP."
        case .iopStepDownCriteriaMet:
            "Step-down criteria met: 28 days or more without use, PHQ-9 below 10 or halved, no current suicide risk, "
                + "a safe environment."
        case .iopStepDownCriteriaNotMet: "No IOP rule holds, but the step-down criteria are not all met: stay at IOP."
        }
    }
}

/// The inputs of clinical-rules.md §6. Every one may be unknown (`nil`), and an unknown input makes no rule hold.
public struct LevelInput: Sendable, Hashable {
    public enum SuicideScreen: String, Sendable, Hashable, Codable, CaseIterable {
        case none, low, moderate, high
    }

    public enum RecoveryEnvironment: String, Sendable, Hashable, Codable, CaseIterable {
        case supportive, unsafe
    }

    /// `.null` = intake (not yet placed); `.absent` = unknown.
    public var currentLevel: Presence<LevelOfCare> = .absent
    public var daysAtCurrentLevel: Int?
    /// The latest C-SSRS triage in the last 30 days.
    public var suicideScreen: SuicideScreen?
    /// The latest ASQ result in the last 30 days.
    public var asq: ScreenResult?
    public var psychosis: Bool?
    public var severeAgitation: Bool?
    public var medicalInstability: Bool?
    public var withdrawalNeedsMedicalManagement: Bool?
    public var recoveryEnvironment: RecoveryEnvironment?
    public var phq9: Int?
    public var phq9Functional: Int?
    public var phq9Baseline: Int?
    public var phq9AtLevelStart: Int?
    public var useDaysLast30: Int?
    public var useDaysAtLevelStart: Int?
    /// `.null` = no use on record.
    public var daysSinceLastUse: Presence<Int> = .absent
    public var stimulantCriteria: Int?
    public var daysSincePhpRuleHeld: Int?

    public init() {}

    /// The ASQ results as §6 names them.
    public enum ScreenResult: String, Sendable, Hashable, Codable, CaseIterable {
        case negative
        case nonAcutePositive = "non-acute-positive"
        case acutePositive = "acute-positive"
    }
}

/// A recommendation: the level, the rules behind it, and the step it means from the current level.
public struct LevelRecommendation: Sendable, Hashable {
    public enum Step: String, Sendable, Hashable, Codable {
        case up, down, stay
    }

    public let level: LevelOfCare
    public let rules: [LevelRule]
    /// `nil` at intake (no current level).
    public let stepDirection: Step?

    public init(level: LevelOfCare, rules: [LevelRule], stepDirection: Step?) {
        self.level = level
        self.rules = rules
        self.stepDirection = stepDirection
    }

    /// The JSON of `braid level`: `{"level", "rules", "stepDirection"}` (null at intake).
    public var json: JSONValue {
        .object([
            "level": .string(level.rawValue), "rules": .array(rules.map { .string($0.rawValue) }),
            "stepDirection": stepDirection.map { .string($0.rawValue) } ?? .null,
        ])
    }
}

/// Level of care exactly as clinical-rules.md §6: placement follows the highest-risk dimension (never an average),
/// no rule requires abstinence, and none refuses care (the lowest answer is outpatient).
public enum LevelOfCareRules {
    /// Every placement rule that holds for `input`, in the order of §6.
    public static func holding(_ input: LevelInput) -> [LevelRule] {
        let intake = input.currentLevel == .null
        let phq9 = input.phq9
        let use30 = input.useDaysLast30
        func atLeast(_ value: Int?, _ bound: Int) -> Bool { value.map { $0 >= bound } ?? false }
        let unsafe = input.recoveryEnvironment == .unsafe
        var noProgress = false
        if input.currentLevel == .value(.iop), let days = input.daysAtCurrentLevel, let use30,
            let useAtStart = input.useDaysAtLevelStart, let atStart = input.phq9AtLevelStart, let phq9
        {
            noProgress = days >= 14 && use30 >= useAtStart && atStart - phq9 < 5
        }
        let conditions: [(LevelRule, Bool)] = [
            (.acuteSuicideRisk, input.suicideScreen == .high || input.asq == .acutePositive),
            (.psychosisOrSevereAgitation, input.psychosis == true || input.severeAgitation == true),
            (.medicalInstability, input.medicalInstability == true),
            (.withdrawalNeedsMedicalManagement, input.withdrawalNeedsMedicalManagement == true),
            (.unsafeEnvironmentWithHeavyUse, unsafe && atLeast(use30, 20)),
            (.phq9Severe, atLeast(phq9, 20)),
            (.phq9ModeratelySevereWithImpairment, atLeast(phq9, 15) && atLeast(input.phq9Functional, 2)),
            (.suicideRiskModerate, input.suicideScreen == .moderate),
            (.heavyUse, atLeast(use30, 15)),
            (.noProgressAtIOP, noProgress),
            (
                .earlyCrashWithSevereDepression,
                (input.daysSinceLastUse.value.map { $0 <= 14 } ?? false) && atLeast(phq9, 15)
            ),
            (.unsafeEnvironment, unsafe),
            (.stimulantUseDisorder, intake && atLeast(input.stimulantCriteria, 2)),
            (.phq9Moderate, atLeast(phq9, 10)),
            (.recentUse, atLeast(use30, 1)),
        ]
        return conditions.filter(\.1).map(\.0)
    }

    /// Whether every IOP step-down criterion of §6 step 5 holds.
    public static func stepDownCriteriaHold(_ input: LevelInput) -> Bool {
        let abstinent =
            switch input.daysSinceLastUse {
            case .absent, .null: true
            case .value(let days): days >= 28
            }
        guard let phq9 = input.phq9 else { return false }
        let mood = phq9 < 10 || (input.phq9Baseline.map { Double(phq9) <= Double($0) / 2 } ?? false)
        let noRisk =
            (input.suicideScreen == nil || input.suicideScreen == LevelInput.SuicideScreen.none
                || input.suicideScreen == .low) && (input.asq == nil || input.asq == .negative)
        return abstinent && mood && noRisk && input.recoveryEnvironment != .unsafe
    }

    /// The decision of §6.
    public static func recommend(_ input: LevelInput) -> LevelRecommendation {
        let holding = holding(input)
        let ruleLevel = holding.compactMap(\.level).max() ?? .outpatient
        func rules(of level: LevelOfCare) -> [LevelRule] {
            level == .outpatient ? [.noHigherRule] : holding.filter { $0.level == level }
        }
        // An unknown current level is treated as intake for the decision (there is nothing to step from).
        guard let current = input.currentLevel.value else {
            return LevelRecommendation(level: ruleLevel, rules: rules(of: ruleLevel), stepDirection: nil)
        }
        if ruleLevel > current {
            return LevelRecommendation(level: ruleLevel, rules: rules(of: ruleLevel), stepDirection: .up)
        }
        if current == .php && ruleLevel < .php {
            if let days = input.daysSincePhpRuleHeld, days >= 14 {
                return LevelRecommendation(level: .iop, rules: [.phpRulesClear14Days], stepDirection: .down)
            }
            return LevelRecommendation(level: .php, rules: [.phpRulesClearUnder14Days], stepDirection: .stay)
        }
        if current == .iop && ruleLevel < .iop {
            return stepDownCriteriaHold(input)
                ? LevelRecommendation(level: .outpatient, rules: [.iopStepDownCriteriaMet], stepDirection: .down)
                : LevelRecommendation(level: .iop, rules: [.iopStepDownCriteriaNotMet], stepDirection: .stay)
        }
        return LevelRecommendation(level: current, rules: rules(of: current), stepDirection: .stay)
    }
}

extension LevelInput {
    public static let keys: [String] = [
        "currentLevel", "daysAtCurrentLevel", "suicideScreen", "asq", "psychosis", "severeAgitation",
        "medicalInstability", "withdrawalNeedsMedicalManagement", "recoveryEnvironment", "phq9", "phq9Functional",
        "phq9Baseline", "phq9AtLevelStart", "useDaysLast30", "useDaysAtLevelStart", "daysSinceLastUse",
        "stimulantCriteria", "daysSincePhpRuleHeld",
    ]

    /// Reads §6's input JSON; a wrong type, an out-of-range value or an unknown key is an error naming the key.
    public static func parse(json data: Data) throws(ValidationError) -> LevelInput {
        try LevelInput(json: JSONValue.parse(data))
    }

    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Set(Self.keys))
        self.init()
        switch reader.object["currentLevel"] {
        case nil: currentLevel = .absent
        case .null?: currentLevel = .null
        default:
            currentLevel = .value(
                try reader.word("currentLevel", among: [LevelOfCare.outpatient, .iop, .php], nullable: true))
        }
        daysAtCurrentLevel = try reader.integer("daysAtCurrentLevel", atLeast: 0)
        suicideScreen = try reader.optionalWord("suicideScreen", among: LevelInput.SuicideScreen.allCases)
        asq = try reader.optionalWord("asq", among: ScreenResult.allCases)
        psychosis = try reader.bool("psychosis")
        severeAgitation = try reader.bool("severeAgitation")
        medicalInstability = try reader.bool("medicalInstability")
        withdrawalNeedsMedicalManagement = try reader.bool("withdrawalNeedsMedicalManagement")
        recoveryEnvironment = try reader.optionalWord("recoveryEnvironment", among: RecoveryEnvironment.allCases)
        phq9 = try reader.integer("phq9", in: 0...27)
        phq9Functional = try reader.integer("phq9Functional", in: 0...3)
        phq9Baseline = try reader.integer("phq9Baseline", in: 0...27)
        phq9AtLevelStart = try reader.integer("phq9AtLevelStart", in: 0...27)
        useDaysLast30 = try reader.integer("useDaysLast30", in: 0...30)
        useDaysAtLevelStart = try reader.integer("useDaysAtLevelStart", in: 0...30)
        switch reader.object["daysSinceLastUse"] {
        case nil: daysSinceLastUse = .absent
        case .null?: daysSinceLastUse = .null
        default: daysSinceLastUse = try reader.integer("daysSinceLastUse", atLeast: 0).map(Presence.value) ?? .absent
        }
        stimulantCriteria = try reader.integer("stimulantCriteria", in: 0...11)
        daysSincePhpRuleHeld = try reader.integer("daysSincePhpRuleHeld", atLeast: 0)
    }

    /// The input as §6's JSON (absent keys left out), for storing with a recommendation.
    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        switch currentLevel {
        case .absent: break
        case .null: object["currentLevel"] = .null
        case .value(let level): object["currentLevel"] = .string(level.rawValue)
        }
        func put(_ key: String, _ value: Int?) { if let value { object[key] = .number(Double(value)) } }
        func put(_ key: String, _ value: Bool?) { if let value { object[key] = .bool(value) } }
        func put(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
        put("daysAtCurrentLevel", daysAtCurrentLevel)
        put("suicideScreen", suicideScreen?.rawValue)
        put("asq", asq?.rawValue)
        put("psychosis", psychosis)
        put("severeAgitation", severeAgitation)
        put("medicalInstability", medicalInstability)
        put("withdrawalNeedsMedicalManagement", withdrawalNeedsMedicalManagement)
        put("recoveryEnvironment", recoveryEnvironment?.rawValue)
        put("phq9", phq9)
        put("phq9Functional", phq9Functional)
        put("phq9Baseline", phq9Baseline)
        put("phq9AtLevelStart", phq9AtLevelStart)
        put("useDaysLast30", useDaysLast30)
        put("useDaysAtLevelStart", useDaysAtLevelStart)
        switch daysSinceLastUse {
        case .absent: break
        case .null: object["daysSinceLastUse"] = .null
        case .value(let days): object["daysSinceLastUse"] = .number(Double(days))
        }
        put("stimulantCriteria", stimulantCriteria)
        put("daysSincePhpRuleHeld", daysSincePhpRuleHeld)
        return .object(object)
    }
}
