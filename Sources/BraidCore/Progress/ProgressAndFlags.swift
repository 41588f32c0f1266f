import Foundation

/// One "what shifts first" marker: the first 14 rated days against the last 14 (clinical-rules.md §5).
public struct ProgressMarker: Sendable, Hashable, Codable {
    public let first14: Double?
    public let last14: Double?
    public let change: Double?
    public let shifted: Bool

    public init(first14: Double?, last14: Double?, shifted: (Double, Double) -> Bool) {
        self.first14 = first14
        self.last14 = last14
        if let first14, let last14 {
            change = last14 - first14
            self.shifted = shifted(first14, last14)
        } else {
            change = nil
            self.shifted = false
        }
    }
}

/// PHQ-9 over the period: the first and the latest total, with the §9 outcomes.
public struct PHQ9Progress: Sendable, Hashable, Codable {
    public let firstDate: CalendarDate
    public let first: Int
    public let latestDate: CalendarDate
    public let latest: Int
    public let change: Int
    public let response: Bool
    public let remission: Bool
    public let reliableChange: ReliableChange
    /// A reliable improvement.
    public let shifted: Bool
}

/// The progress markers: what is shifting (sleep and crash dips usually settle before the deeper low).
public struct Progress: Sendable, Hashable, Codable {
    public let dipsPerWeek: ProgressMarker
    public let sleepHours: ProgressMarker
    public let baselineMood: ProgressMarker
    public let useDays: ProgressMarker
    public let phq9: PHQ9Progress?

    /// Markers from a series with at least twice the window of rated days; `nil` otherwise.
    public static func compute(
        _ series: CheckInSeries, phq9: [DatedScore], configuration: AnalysisConfiguration = .default,
        outcomes: OutcomeConfiguration = .default
    ) -> Progress? {
        let window = configuration.progressWindowRatedDays
        let days = series.days
        // The first and the last `window` rated days, found from each end without scanning the middle.
        var first: [Int] = []
        var last: [Int] = []
        first.reserveCapacity(window)
        last.reserveCapacity(window)
        var index = days.startIndex
        while first.count < window && index < days.endIndex {
            if days[index].isRated { first.append(index) }
            index += 1
        }
        index = days.endIndex - 1
        while last.count < window && index >= days.startIndex {
            if days[index].isRated { last.append(index) }
            index -= 1
        }
        last.reverse()
        // Both windows full and apart means at least twice the window of rated days.
        guard first.count == window, last.count == window, first.last! < last.first! else { return nil }

        func dips(_ indices: [Int]) -> Double {
            Double(indices.filter { days[$0].mood! <= configuration.dipMoodAtMost }.count) / Double(indices.count) * 7
        }
        func sleep(_ indices: [Int]) -> Double? { Statistics.mean(indices.compactMap { days[$0].sleepHours }) }
        func baseline(_ indices: [Int]) -> Double? {
            let clear = indices.filter { index in
                let lookback = max(0, index - configuration.daysAfterUseExcludedFromBaseline)
                return !(lookback...index).contains { days[$0].used == true }
            }
            return Statistics.median(clear.map { Double(days[$0].mood!) })
        }
        func useDays(_ indices: [Int]) -> Double {
            Double((indices.first!...indices.last!).filter { days[$0].used == true }.count)
        }
        let band = configuration.healthySleepHours
        func distanceFromHealthySleep(_ hours: Double) -> Double {
            max(band.lowerBound - hours, 0, hours - band.upperBound)
        }

        let phq9Progress = Self.phq9Progress(series: series, scores: phq9, outcomes: outcomes)
        return Progress(
            dipsPerWeek: ProgressMarker(first14: dips(first), last14: dips(last)) {
                $1 - $0 <= configuration.dipsShiftPerWeek
            },
            sleepHours: ProgressMarker(first14: sleep(first), last14: sleep(last)) {
                distanceFromHealthySleep($0) - distanceFromHealthySleep($1) >= configuration.sleepShiftHours
            },
            baselineMood: ProgressMarker(first14: baseline(first), last14: baseline(last)) {
                $1 - $0 >= configuration.baselineShift
            },
            useDays: ProgressMarker(first14: useDays(first), last14: useDays(last)) { $1 < $0 },
            phq9: phq9Progress)
    }

    static func phq9Progress(series: CheckInSeries, scores: [DatedScore], outcomes: OutcomeConfiguration)
        -> PHQ9Progress?
    {
        guard let start = series.first, let end = series.last else { return nil }
        let inPeriod = scores.filter { $0.date >= start && $0.date <= end }
        guard let first = inPeriod.first, let latest = inPeriod.last else { return nil }
        let outcome = MeasurementOutcome(
            instrument: .phq9, baseline: first.total, latest: latest.total, configuration: outcomes)
        return PHQ9Progress(
            firstDate: first.date, first: first.total, latestDate: latest.date, latest: latest.total,
            change: outcome.change, response: outcome.response ?? false, remission: outcome.remission ?? false,
            reliableChange: outcome.reliableChange, shifted: outcome.reliableChange == .improved)
    }
}

// MARK: - Flags

/// A flag raised from the check-in series, with the numbers behind it (clinical-rules.md §5).
public struct AnalysisFlag: Sendable, Hashable, Codable {
    public enum ID: String, Sendable, Hashable, Codable, CaseIterable {
        /// Any safety "yes" in the last 14 days (§8).
        case safety
        /// Abstinent ≥ 28 days with low mood: evaluate for independent depression.
        case persistentLowMoodInAbstinence = "persistent-low-mood-in-abstinence"
        /// Abstinent 1–90 days with low mood: relapse risk is higher; tighten support.
        case earlyRecoveryDepression = "early-recovery-depression"
        case risingCraving = "rising-craving"
        case missedCheckIns = "missed-check-ins"
        case sleepDisruption = "sleep-disruption"
        /// A caseload flag, not from the check-in series: the level-of-care rules (§6) recommend a step up.
        case stepUpRecommended = "step-up-recommended"

        /// What the flag means in plain words for the care team, with the program's own thresholds (the id stays
        /// the machine name). One source for every page, so no page types a threshold of its own.
        public func label(_ configuration: AnalysisConfiguration = .default) -> String {
            let c = configuration
            switch self {
            case .safety:
                return "Safety answer yes in the last \(c.safetyLookbackDays) days"
            case .persistentLowMoodInAbstinence:
                return "Low mood after \(c.persistentLowMoodAbstinentDays)+ days without cocaine: "
                    + "evaluate for independent depression"
            case .earlyRecoveryDepression:
                return "Low mood in early recovery (\(c.earlyRecoveryAbstinentDays.lowerBound)–"
                    + "\(c.earlyRecoveryAbstinentDays.upperBound) days without cocaine): tighten support"
            case .risingCraving:
                return "Craving rising: this week's average is \(Self.number(c.cravingRise))+ points above last week's"
            case .missedCheckIns:
                return "\(c.missedCheckInsOf7) or more of the last 7 days without a check-in"
            case .sleepDisruption:
                return "Sleep averaging under \(Self.number(c.sleepDisruptionBelow)) h or over "
                    + "\(Self.number(c.sleepDisruptionAbove)) h this week"
            case .stepUpRecommended:
                return "Step up recommended: the level-of-care rules call for a higher level"
            }
        }

        private static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    public let id: ID
    /// Named figures that triggered the flag, e.g. `currentAbstinenceDays`, `medianMoodLast14`.
    public let evidence: [String: Double]

    public init(_ id: ID, _ evidence: [String: Double]) {
        self.id = id
        self.evidence = evidence
    }

    /// Flags for a series as of its last date, in the order above (safety first).
    public static func evaluate(
        _ series: CheckInSeries, use: UseMetrics, phq9: [DatedScore],
        configuration: AnalysisConfiguration = .default
    ) -> [AnalysisFlag] {
        guard let end = series.last else { return [] }
        var flags: [AnalysisFlag] = []
        /// Moods of the last `count` rated days, newest first (walks back from the end; copies no days).
        func lastRatedMoods(_ count: Int) -> [Double] {
            var moods: [Double] = []
            for day in series.days.reversed() where moods.count < count {
                if let mood = day.mood { moods.append(Double(mood)) }
            }
            return moods
        }
        let recentPHQ9 = phq9.filter {
            $0.date <= end && $0.date.days(to: end) < configuration.phq9LookbackDays
        }.map(\.total).max()
        let phq9High = recentPHQ9.map { $0 >= configuration.phq9FlagAtLeast } ?? false

        let safetyDays = series.lastDays(configuration.safetyLookbackDays).filter { $0.safety == true }
        if let latest = safetyDays.last {
            flags.append(
                AnalysisFlag(
                    .safety,
                    ["safetyYesDays": Double(safetyDays.count), "daysSinceLast": Double(latest.date.days(to: end))]))
        }

        let abstinent = use.currentAbstinenceDays
        var moodEvidence: [String: Double] = ["currentAbstinenceDays": Double(abstinent)]
        if let recentPHQ9 { moodEvidence["maxPHQ9Last14Days"] = Double(recentPHQ9) }
        if abstinent >= configuration.persistentLowMoodAbstinentDays {
            let median = Statistics.median(lastRatedMoods(14))
            if phq9High || (median.map { $0 < configuration.lowMoodMedianBelow } ?? false) {
                var evidence = moodEvidence
                evidence["medianMoodLast14Rated"] = median
                flags.append(AnalysisFlag(.persistentLowMoodInAbstinence, evidence))
            }
        }
        if configuration.earlyRecoveryAbstinentDays.contains(abstinent) {
            let median = Statistics.median(lastRatedMoods(7))
            if phq9High || (median.map { $0 < configuration.lowMoodMedianBelow } ?? false) {
                var evidence = moodEvidence
                evidence["medianMoodLast7Rated"] = median
                flags.append(AnalysisFlag(.earlyRecoveryDepression, evidence))
            }
        }

        let cravings = series.lastDays(14).map { $0.craving.map(Double.init) }
        if cravings.count == 14,
            let before = Statistics.mean(cravings.prefix(7).compactMap { $0 }),
            let recent = Statistics.mean(cravings.suffix(7).compactMap { $0 }),
            recent - before >= configuration.cravingRise
        {
            flags.append(AnalysisFlag(.risingCraving, ["meanCravingLast7": recent, "meanCravingPrevious7": before]))
        }

        let unrated = series.lastDays(7).filter { !$0.isRated }.count
        if unrated >= configuration.missedCheckInsOf7 {
            flags.append(AnalysisFlag(.missedCheckIns, ["unratedDaysLast7": Double(unrated)]))
        }

        if let sleep = Statistics.mean(series.lastDays(7).compactMap(\.sleepHours)),
            sleep < configuration.sleepDisruptionBelow || sleep > configuration.sleepDisruptionAbove
        {
            flags.append(AnalysisFlag(.sleepDisruption, ["meanSleepLast7": sleep]))
        }
        return flags
    }
}
