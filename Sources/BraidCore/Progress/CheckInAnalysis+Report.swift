import Foundation

// Reports show two decimals (one for percentages): enough for a clinician, and stable across platforms.
// The unrounded values stay available on the analysis itself for charts and further computation.

extension CheckInAnalysis {
    /// A copy with every reported figure rounded for display and interchange.
    public func roundedForReport() -> CheckInAnalysis {
        CheckInAnalysis(
            days: days, use: use.roundedForReport(), model: model.roundedForReport(), classification: classification,
            progress: progress?.roundedForReport(),
            flags: flags.map { AnalysisFlag($0.id, $0.evidence.mapValues { $0.rounded(places: 2) }) })
    }
}

extension UseMetrics {
    func roundedForReport() -> UseMetrics {
        UseMetrics(
            useDays: useDays, useDaysLast30: useDaysLast30,
            percentDaysAbstinent: percentDaysAbstinent?.rounded(places: 1),
            longestAbstinenceDays: longestAbstinenceDays, currentAbstinenceDays: currentAbstinenceDays,
            knownDays: knownDays, possibleUseDays: possibleUseDays)
    }
}

extension CycleFit {
    func roundedForReport() -> CycleFit {
        var copy = self
        copy.underlyingMood = underlyingMood?.rounded(places: 2)
        copy.surge = surge?.rounded(places: 2)
        copy.crashDepth = crashDepth?.rounded(places: 2)
        copy.crashHalfLifeDays = crashHalfLifeDays?.rounded(places: 2)
        copy.r2 = r2?.rounded(places: 2)
        copy.improvementOverMean = improvementOverMean?.rounded(places: 2)
        copy.crashDepthFirstHalf = crashDepthFirstHalf?.rounded(places: 2)
        copy.crashDepthSecondHalf = crashDepthSecondHalf?.rounded(places: 2)
        copy.crashCraving = crashCraving?.rounded(places: 2)
        return copy
    }
}

extension Progress {
    func roundedForReport() -> Progress {
        Progress(
            dipsPerWeek: dipsPerWeek.roundedForReport(), sleepHours: sleepHours.roundedForReport(),
            baselineMood: baselineMood.roundedForReport(), useDays: useDays.roundedForReport(), phq9: phq9)
    }
}

extension ProgressMarker {
    func roundedForReport() -> ProgressMarker {
        ProgressMarker(first14: first14?.rounded(places: 2), last14: last14?.rounded(places: 2), shifted: shifted)
    }

    init(first14: Double?, last14: Double?, shifted: Bool) {
        self.first14 = first14
        self.last14 = last14
        change = first14.flatMap { first in last14.map { ($0 - first).rounded(places: 2) } }
        self.shifted = shifted
    }
}

// MARK: - JSON with explicit nulls

// clinical-rules.md: an absent key means unknown, `null` means known to be none. A crash depth that cannot be
// estimated is reported as null, so these types write every key (synthesized Codable would drop nil ones).

extension CheckInAnalysis {
    enum CodingKeys: String, CodingKey { case days, use, model, classification, progress, flags }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(days, forKey: .days)
        try container.encode(use, forKey: .use)
        try container.encode(model, forKey: .model)
        try container.encode(classification, forKey: .classification)
        try container.encode(progress, forKey: .progress)
        try container.encode(flags, forKey: .flags)
    }
}

extension CheckInAnalysis.Days {
    enum CodingKeys: String, CodingKey { case first, last, rated, missing }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(first, forKey: .first)
        try container.encode(last, forKey: .last)
        try container.encode(rated, forKey: .rated)
        try container.encode(missing, forKey: .missing)
    }
}

extension UseMetrics {
    enum CodingKeys: String, CodingKey {
        case useDays, useDaysLast30, percentDaysAbstinent, longestAbstinenceDays, currentAbstinenceDays, knownDays,
            possibleUseDays
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(useDays, forKey: .useDays)
        try container.encode(useDaysLast30, forKey: .useDaysLast30)
        try container.encode(percentDaysAbstinent, forKey: .percentDaysAbstinent)
        try container.encode(longestAbstinenceDays, forKey: .longestAbstinenceDays)
        try container.encode(currentAbstinenceDays, forKey: .currentAbstinenceDays)
        try container.encode(knownDays, forKey: .knownDays)
        try container.encode(possibleUseDays, forKey: .possibleUseDays)
    }
}

extension CycleFit {
    enum CodingKeys: String, CodingKey {
        case underlyingMood, surge, crashDepth, crashHalfLifeDays, r2, improvementOverMean, crashDepthFirstHalf,
            crashDepthSecondHalf, deepening, crashCraving, crashEstimable
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(underlyingMood, forKey: .underlyingMood)
        try container.encode(surge, forKey: .surge)
        try container.encode(crashDepth, forKey: .crashDepth)
        try container.encode(crashHalfLifeDays, forKey: .crashHalfLifeDays)
        try container.encode(r2, forKey: .r2)
        try container.encode(improvementOverMean, forKey: .improvementOverMean)
        try container.encode(crashDepthFirstHalf, forKey: .crashDepthFirstHalf)
        try container.encode(crashDepthSecondHalf, forKey: .crashDepthSecondHalf)
        try container.encode(deepening, forKey: .deepening)
        try container.encode(crashCraving, forKey: .crashCraving)
        try container.encode(crashEstimable, forKey: .crashEstimable)
    }
}

extension ProgressMarker {
    enum CodingKeys: String, CodingKey { case first14, last14, change, shifted }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(first14, forKey: .first14)
        try container.encode(last14, forKey: .last14)
        try container.encode(change, forKey: .change)
        try container.encode(shifted, forKey: .shifted)
    }
}

extension Progress {
    enum CodingKeys: String, CodingKey { case dipsPerWeek, sleepHours, baselineMood, useDays, phq9 }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dipsPerWeek, forKey: .dipsPerWeek)
        try container.encode(sleepHours, forKey: .sleepHours)
        try container.encode(baselineMood, forKey: .baselineMood)
        try container.encode(useDays, forKey: .useDays)
        try container.encode(phq9, forKey: .phq9)
    }
}
