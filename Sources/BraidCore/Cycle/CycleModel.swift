import Foundation

/// Braid's model of the cocaine mood cycle (clinical-rules.md §4), per client in daily steps:
///
///     u_t = 1 if used on day t else 0
///     B_0 = 0;  B_t = f · B_{t-1} + u_{t-1},  f = 2^(-1/h)      crash load, h = half-life in days
///     mood_t = m + s · u_t − c · B_t + noise
///
/// `m` underlying mood, `s` same-day surge, `c` crash depth (drop the day after one use day), `h` crash half-life.
/// Fitted curves are psychoeducation and decision support, never a diagnosis.
public struct CycleParameters: Sendable, Hashable, Codable {
    public var underlyingMood: Double
    public var surge: Double
    public var crashDepth: Double
    public var crashHalfLifeDays: Double

    public init(underlyingMood: Double, surge: Double, crashDepth: Double, crashHalfLifeDays: Double) {
        self.underlyingMood = underlyingMood
        self.surge = surge
        self.crashDepth = crashDepth
        self.crashHalfLifeDays = crashHalfLifeDays
    }

    /// Daily carry-over of crash load, f = 2^(−1/h).
    public var decay: Double { CycleModel.decay(halfLife: crashHalfLifeDays) }

    /// Days after a single use day until the crash is shallower than `within` mood points: the drop on day k
    /// after use is c · f^(k−1), so k = 1 + h · log2(c / within). Zero when the crash never reaches that depth.
    public func daysUntilCrashLifts(within: Double = 0.5) -> Int {
        guard crashDepth > within else { return 0 }
        return Int((1 + crashHalfLifeDays * Foundation.log2(crashDepth / within)).rounded(.up))
    }

    /// The stretches a client can act on: after each run of use days, the days when the fitted crash is at its
    /// deepest. A window opens the day after the last use of a run when the crash pulls mood down by at least
    /// `pullAtLeast` points (the classification's `crashDepthAtLeast`), and lasts while the pull is still at least
    /// half of that first day's (about one half-life), never over a use day. Marking every day with some crash
    /// left would shade the whole stretch for a client who uses every weekend, which tells them nothing.
    public func crashWindows(use: [Bool], pullAtLeast: Double) -> [ClosedRange<Int>] {
        guard crashDepth > 0 else { return [] }
        let load = CycleModel.crashLoad(use: use, halfLife: crashHalfLifeDays)
        var windows: [ClosedRange<Int>] = []
        var day = 1
        while day < use.count {
            guard use[day - 1], !use[day] else {
                day += 1
                continue
            }
            let peak = crashDepth * load[day]
            var end = day
            while end + 1 < use.count, !use[end + 1], crashDepth * load[end + 1] >= max(pullAtLeast, peak / 2) {
                end += 1
            }
            if peak >= pullAtLeast { windows.append(day...end) }
            day = end + 1
        }
        return windows
    }

    /// Expected mood on each day for a use pattern (no noise, not clipped): the curve shown to clients.
    public func expectedMood(use: [Bool]) -> [Double] {
        zip(use, CycleModel.crashLoad(use: use, halfLife: crashHalfLifeDays)).map { used, load in
            underlyingMood + (used ? surge : 0) - crashDepth * load
        }
    }
}

/// How a client's check-ins classify (clinical-rules.md §4).
public enum CycleClassification: String, Sendable, Hashable, Codable, CaseIterable {
    /// Low baseline, no crashes.
    case persistent
    /// Crashes, baseline not low.
    case crashDriven = "crash-driven"
    /// Low baseline and crashes.
    case mixed
    /// Neither.
    case notLow = "not-low"
    /// Fewer rated days than classification needs.
    case insufficientData = "insufficient-data"
}

public enum CycleModel {
    public static func decay(halfLife: Double) -> Double { Foundation.pow(2, -1 / halfLife) }

    /// Crash load B_t for each day of a use pattern.
    public static func crashLoad(use: [Bool], halfLife: Double) -> [Double] {
        let f = decay(halfLife: halfLife)
        var load = 0.0
        var previousUse = 0.0
        return use.map { used in
            load = f * load + previousUse
            previousUse = used ? 1 : 0
            return load
        }
    }

    /// Classifies a fit: needs enough rated days; low baseline is m below the cut-off; crashes need an
    /// estimable crash depth at or above the cut-off.
    public static func classify(
        _ fit: CycleFit, ratedDays: Int, configuration: AnalysisConfiguration = .default
    ) -> CycleClassification {
        guard ratedDays >= configuration.minRatedDaysForClassification, let mood = fit.underlyingMood else {
            return .insufficientData
        }
        let lowBaseline = mood < configuration.lowBaselineBelow
        let crashes = (fit.crashDepth ?? 0) >= configuration.crashDepthAtLeast
        switch (lowBaseline, crashes) {
        case (true, false): return .persistent
        case (false, true): return .crashDriven
        case (true, true): return .mixed
        case (false, false): return .notLow
        }
    }
}

// MARK: - Fit

/// The model fitted to one client's check-ins. Optional values are `nil` when not estimable.
public struct CycleFit: Sendable, Hashable, Codable {
    /// m: expected mood after a long stretch without use (median of rated non-use days when the crash terms
    /// are not estimable).
    public var underlyingMood: Double?
    public var surge: Double?
    public var crashDepth: Double?
    public var crashHalfLifeDays: Double?
    /// Share of mood variance the model explains beyond a constant mean.
    public var r2: Double?
    /// Residual standard deviation of a constant-mean model minus that of the fitted model (mood points).
    public var improvementOverMean: Double?
    /// Crash depth fitted on the first and second half of the days, at the fitted half-life.
    public var crashDepthFirstHalf: Double?
    public var crashDepthSecondHalf: Double?
    /// Second-half crash depth exceeds the first half's by the configured amount (0.5).
    public var deepening: Bool
    /// Chase: craving rise per unit crash load, from the same model fitted on craving.
    public var crashCraving: Double?
    /// Whether the data had enough use days and rated non-use days to estimate the crash terms.
    public var crashEstimable: Bool

    public init(
        underlyingMood: Double? = nil, surge: Double? = nil, crashDepth: Double? = nil,
        crashHalfLifeDays: Double? = nil, r2: Double? = nil, improvementOverMean: Double? = nil,
        crashDepthFirstHalf: Double? = nil, crashDepthSecondHalf: Double? = nil, deepening: Bool = false,
        crashCraving: Double? = nil, crashEstimable: Bool = false
    ) {
        self.underlyingMood = underlyingMood
        self.surge = surge
        self.crashDepth = crashDepth
        self.crashHalfLifeDays = crashHalfLifeDays
        self.r2 = r2
        self.improvementOverMean = improvementOverMean
        self.crashDepthFirstHalf = crashDepthFirstHalf
        self.crashDepthSecondHalf = crashDepthSecondHalf
        self.deepening = deepening
        self.crashCraving = crashCraving
        self.crashEstimable = crashEstimable
    }

    /// The fitted parameters, when the crash terms were estimated.
    public var parameters: CycleParameters? {
        guard let underlyingMood, let crashDepth, let crashHalfLifeDays else { return nil }
        return CycleParameters(
            underlyingMood: underlyingMood, surge: surge ?? 0, crashDepth: crashDepth,
            crashHalfLifeDays: crashHalfLifeDays)
    }
}
