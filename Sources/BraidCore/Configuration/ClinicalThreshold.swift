import Foundation

/// The clinical thresholds a program may set on its settings page (clinical-rules.md §1, §5, §9 mark them
/// configurable). Each has a stable id (the contract of the settings form and the history), its default from
/// `ClinicalConfiguration.default`, an allowed range and step, and the one place it lives in the configuration.
/// Any other rule stays as the spec gives it.
public enum ClinicalThreshold: String, Sendable, Hashable, Codable, CaseIterable {
    case phq9FlagAtLeast = "phq9-flag-at-least"
    case lowMoodMedianBelow = "low-mood-median-below"
    case persistentLowMoodAbstinentDays = "persistent-low-mood-abstinent-days"
    case cravingRise = "craving-rise"
    case missedCheckInsOf7 = "missed-check-ins-of-7"
    case sleepDisruptionBelow = "sleep-disruption-below"
    case sleepDisruptionAbove = "sleep-disruption-above"
    case pcl5ProbablePTSDAt = "pcl5-probable-ptsd-at"
    case sdsLikelyDependenceAt = "sds-likely-dependence-at"
    case earlyAbstinenceDays = "early-abstinence-days"
    case reliableChangePHQ9 = "reliable-change-phq9"
    case reliableChangeGAD7 = "reliable-change-gad7"
    case reliableChangePCL5 = "reliable-change-pcl5"

    /// What the threshold decides, as the settings page says it.
    public var label: String {
        switch self {
        case .phq9FlagAtLeast: "PHQ-9 total that counts toward the low-mood flags (at least)"
        case .lowMoodMedianBelow: "Median mood that counts as low (below, 0–10 scale)"
        case .persistentLowMoodAbstinentDays: "Days abstinent before low mood counts as persistent"
        case .cravingRise: "Rise in mean craving, week on week, that flags rising craving"
        case .missedCheckInsOf7: "Missed check-ins in the last 7 days that raise a flag"
        case .sleepDisruptionBelow: "Mean sleep that counts as disrupted (below, hours)"
        case .sleepDisruptionAbove: "Mean sleep that counts as disrupted (above, hours)"
        case .pcl5ProbablePTSDAt: "PCL-5 total for probable PTSD (at least; NCPTSD range 31–33)"
        case .sdsLikelyDependenceAt: "SDS total for likely cocaine dependence (at least)"
        case .earlyAbstinenceDays: "Days after last use in which a PHQ-9 is provisional"
        case .reliableChangePHQ9: "PHQ-9 reliable change (points)"
        case .reliableChangeGAD7: "GAD-7 reliable change (points)"
        case .reliableChangePCL5: "PCL-5 reliable change (points)"
        }
    }

    /// The spec section the threshold comes from.
    public var section: String {
        switch self {
        case .phq9FlagAtLeast, .lowMoodMedianBelow, .persistentLowMoodAbstinentDays, .cravingRise,
            .missedCheckInsOf7, .sleepDisruptionBelow, .sleepDisruptionAbove:
            "§5 flags"
        case .pcl5ProbablePTSDAt, .sdsLikelyDependenceAt, .earlyAbstinenceDays: "§1 scoring"
        case .reliableChangePHQ9, .reliableChangeGAD7, .reliableChangePCL5: "§9 outcomes"
        }
    }

    /// The values a program may choose: a range and a step (whole numbers unless the step is 0.5).
    public var allowed: (range: ClosedRange<Double>, step: Double) {
        switch self {
        case .phq9FlagAtLeast: (5...20, 1)
        case .lowMoodMedianBelow: (2...8, 0.5)
        case .persistentLowMoodAbstinentDays: (14...90, 1)
        case .cravingRise: (1...5, 0.5)
        case .missedCheckInsOf7: (1...7, 1)
        case .sleepDisruptionBelow: (3...7, 0.5)
        case .sleepDisruptionAbove: (9...14, 0.5)
        case .pcl5ProbablePTSDAt: (28...45, 1)
        case .sdsLikelyDependenceAt: (2...8, 1)
        case .earlyAbstinenceDays: (7...28, 1)
        case .reliableChangePHQ9: (3...10, 1)
        case .reliableChangeGAD7: (2...8, 1)
        case .reliableChangePCL5: (5...20, 1)
        }
    }

    /// The threshold's value in `configuration`.
    public func value(in configuration: ClinicalConfiguration) -> Double {
        switch self {
        case .phq9FlagAtLeast: Double(configuration.analysis.phq9FlagAtLeast)
        case .lowMoodMedianBelow: configuration.analysis.lowMoodMedianBelow
        case .persistentLowMoodAbstinentDays: Double(configuration.analysis.persistentLowMoodAbstinentDays)
        case .cravingRise: configuration.analysis.cravingRise
        case .missedCheckInsOf7: Double(configuration.analysis.missedCheckInsOf7)
        case .sleepDisruptionBelow: configuration.analysis.sleepDisruptionBelow
        case .sleepDisruptionAbove: configuration.analysis.sleepDisruptionAbove
        case .pcl5ProbablePTSDAt: Double(configuration.scoring.pcl5ProbablePTSDAt)
        case .sdsLikelyDependenceAt: Double(configuration.scoring.sdsLikelyDependenceAt)
        case .earlyAbstinenceDays: Double(configuration.scoring.earlyAbstinenceDays)
        case .reliableChangePHQ9: Double(configuration.outcomes.reliableChange[.phq9] ?? 6)
        case .reliableChangeGAD7: Double(configuration.outcomes.reliableChange[.gad7] ?? 4)
        case .reliableChangePCL5: Double(configuration.outcomes.reliableChange[.pcl5] ?? 10)
        }
    }

    /// The spec's default.
    public var defaultValue: Double { value(in: .default) }

    /// Sets the threshold in `configuration` (the value is one `check` accepted).
    public func apply(_ value: Double, to configuration: inout ClinicalConfiguration) {
        let whole = Int(value.rounded())
        switch self {
        case .phq9FlagAtLeast: configuration.analysis.phq9FlagAtLeast = whole
        case .lowMoodMedianBelow: configuration.analysis.lowMoodMedianBelow = value
        case .persistentLowMoodAbstinentDays: configuration.analysis.persistentLowMoodAbstinentDays = whole
        case .cravingRise: configuration.analysis.cravingRise = value
        case .missedCheckInsOf7: configuration.analysis.missedCheckInsOf7 = whole
        case .sleepDisruptionBelow: configuration.analysis.sleepDisruptionBelow = value
        case .sleepDisruptionAbove: configuration.analysis.sleepDisruptionAbove = value
        case .pcl5ProbablePTSDAt: configuration.scoring.pcl5ProbablePTSDAt = whole
        case .sdsLikelyDependenceAt: configuration.scoring.sdsLikelyDependenceAt = whole
        case .earlyAbstinenceDays: configuration.scoring.earlyAbstinenceDays = whole
        case .reliableChangePHQ9: configuration.outcomes.reliableChange[.phq9] = whole
        case .reliableChangeGAD7: configuration.outcomes.reliableChange[.gad7] = whole
        case .reliableChangePCL5: configuration.outcomes.reliableChange[.pcl5] = whole
        }
    }

    /// A value as the page shows it: `10`, `5.5`.
    public func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Parses and checks a typed value; the error names the threshold's id and what is allowed.
    public func check(_ text: String) throws(ValidationError) -> Double {
        let (range, step) = allowed
        let allowedText =
            "\(format(range.lowerBound))–\(format(range.upperBound))"
            + (step == 1 ? ", whole numbers" : " in steps of \(format(step))")
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw ValidationError(field: rawValue, "'\(text.prefix(20))' is not a number (allowed: \(allowedText))")
        }
        guard range.contains(value), (value / step).rounded() == value / step else {
            throw ValidationError(field: rawValue, "\(format(value)) is not allowed (allowed: \(allowedText))")
        }
        return value
    }

    /// `base` (the spec's defaults unless the server was started with others) with a program's chosen values.
    public static func configuration(
        _ values: [ClinicalThreshold: Double], base: ClinicalConfiguration = .default
    ) -> ClinicalConfiguration {
        var configuration = base
        for threshold in allCases {
            if let value = values[threshold] { threshold.apply(value, to: &configuration) }
        }
        return configuration
    }
}

/// One change to a program setting (a threshold or the program's name, zone or crisis line), with its reason.
/// Every change is kept: the settings page shows them as the history.
public struct SettingChange: Sendable, Hashable {
    /// A `ClinicalThreshold` id, or `name`, `time-zone`, `crisis-line`.
    public let setting: String
    public let oldValue: String?
    public let newValue: String
    public let reason: String
    public let changedBy: UserID?
    public let changedAt: Date

    public init(
        setting: String, oldValue: String?, newValue: String, reason: String, changedBy: UserID?, changedAt: Date
    ) {
        self.setting = setting
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
        self.changedBy = changedBy
        self.changedAt = changedAt
    }

    public static let maximumReasonLength = 500

    /// A change needs a reason a colleague can read later (3–500 characters).
    public static func checkReason(_ text: String, field: String = "reason") throws(ValidationError) -> String {
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 3, reason.count <= maximumReasonLength else {
            throw ValidationError(
                field: field, "every change needs a reason (3–\(maximumReasonLength) characters)")
        }
        return reason
    }

    /// The current threshold values from a history (oldest first): the last change to each wins.
    public static func thresholds(from history: [SettingChange]) -> [ClinicalThreshold: Double] {
        var values: [ClinicalThreshold: Double] = [:]
        for change in history {
            if let threshold = ClinicalThreshold(rawValue: change.setting), let value = Double(change.newValue) {
                values[threshold] = value
            }
        }
        return values
    }
}
