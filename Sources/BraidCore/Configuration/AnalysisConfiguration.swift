import Foundation

/// Thresholds of the check-in analysis (clinical-rules.md §4–§5), with the spec's defaults.
public struct AnalysisConfiguration: Sendable, Hashable, Codable {
    // MARK: - Cycle fit (§4)

    /// Crash half-life grid: `halfLifeGridPoints` log-spaced values from `halfLifeMin` to `halfLifeMax` days.
    public var halfLifeMin = 0.5
    public var halfLifeMax = 21.0
    public var halfLifeGridPoints = 24
    /// Crash terms need at least this many use days and rated non-use days.
    public var minUseDaysForCrash = 3
    public var minRatedNonUseDaysForCrash = 14
    /// Deepening: second-half crash depth exceeds the first half's by at least this much.
    public var deepeningIncrease = 0.5

    // MARK: - Classification (§4)

    public var minRatedDaysForClassification = 28
    /// Underlying mood below this is a low baseline (0–10 scale, 5 = okay).
    public var lowBaselineBelow = 5.0
    /// A crash depth at or above this (mood points) counts as crashes.
    public var crashDepthAtLeast = 1.0

    // MARK: - Progress markers (§5)

    public var progressWindowRatedDays = 14
    /// A dip is a rated day with mood at or below this.
    public var dipMoodAtMost = 3
    /// Baseline days exclude use days and the days within this many days after one.
    public var daysAfterUseExcludedFromBaseline = 3
    public var dipsShiftPerWeek = -1.0
    public var sleepShiftHours = 0.75
    public var healthySleepHours = 7.0...9.0
    public var baselineShift = 1.0

    // MARK: - Flags (§5)

    public var persistentLowMoodAbstinentDays = 28
    public var lowMoodMedianBelow = 5.0
    public var phq9FlagAtLeast = 10
    /// PHQ-9 results within this many days before the last date count for the mood flags.
    public var phq9LookbackDays = 14
    public var earlyRecoveryAbstinentDays = 1...90
    public var cravingRise = 2.0
    public var missedCheckInsOf7 = 3
    public var sleepDisruptionBelow = 5.0
    public var sleepDisruptionAbove = 11.0
    public var safetyLookbackDays = 14

    public init() {}

    public static let `default` = AnalysisConfiguration()

    /// The half-life grid in days, log-spaced from min to max.
    public var halfLifeGrid: [Double] {
        let points = max(halfLifeGridPoints, 2)
        let ratio = Foundation.log(halfLifeMax / halfLifeMin)
        return (0..<points).map { halfLifeMin * Foundation.exp(ratio * Double($0) / Double(points - 1)) }
    }
}

/// Measurement-based care thresholds (clinical-rules.md §9).
public struct OutcomeConfiguration: Sendable, Hashable, Codable {
    /// An instrument's response and remission rule.
    public struct Rule: Sendable, Hashable, Codable {
        public enum Response: Sendable, Hashable, Codable {
            /// A drop of at least this fraction of the baseline (PHQ-9, GAD-7: 0.5).
            case fraction(Double)
            /// A drop of at least this many points (PCL-5: 10, NCPTSD).
            case points(Int)
        }

        /// Response and remission count only from a baseline at or above this (the clinical range).
        public var clinicalFrom: Int
        public var response: Response
        /// Remission (PCL-5: below threshold) is a latest total below this.
        public var remissionBelow: Int
    }

    public var rules: [Instrument.ID: Rule] = [
        .phq9: Rule(clinicalFrom: 10, response: .fraction(0.5), remissionBelow: 5),
        .gad7: Rule(clinicalFrom: 10, response: .fraction(0.5), remissionBelow: 5),
        .pcl5: Rule(clinicalFrom: 33, response: .points(10), remissionBelow: 33),
    ]
    /// Reliable change (Jacobson & Truax 1991: 1.96 × √2 × SD × √(1 − r)).
    public var reliableChange: [Instrument.ID: Int] = [.phq9: 6, .gad7: 4, .pcl5: 10]

    public init() {}

    public static let `default` = OutcomeConfiguration()
}
