import Foundation

/// Braid's model of the cocaine mood cycle (CLINICAL.md §4), per client in daily steps:
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

    /// Expected mood on each day for a use pattern (no noise, not clipped): the curve shown to clients.
    public func expectedMood(use: [Bool]) -> [Double] {
        zip(use, CycleModel.crashLoad(use: use, halfLife: crashHalfLifeDays)).map { used, load in
            underlyingMood + (used ? surge : 0) - crashDepth * load
        }
    }
}

/// How a client's check-ins classify (CLINICAL.md §4).
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

/// Fits the cycle model by least squares over a grid of crash half-lives (CLINICAL.md §4).
///
/// Linear in days per half-life, with work shared across the grid: per client the sums that do not depend on h
/// (n, Σu, Σy, Σuy, Σy²) are taken once; one pass over the days carries the crash load for four half-lives at
/// a time as independent recurrences in SIMD lanes, with its cross-products (four lanes keep the load and its
/// four sums in SSE registers; eight spill); each half-life then costs one 3×3 Cholesky solve. See
/// bench/README.md for the measured figures.
public struct CycleFitter: Sendable {
    public let configuration: AnalysisConfiguration
    private let halfLives: [Double]
    /// Grid decays f = 2^(−1/h) in groups of four; the last group repeats the last half-life as padding.
    private let decayGroups: [SIMD4<Double>]

    public init(configuration: AnalysisConfiguration = .default) {
        self.configuration = configuration
        let grid = configuration.halfLifeGrid
        halfLives = grid
        decayGroups = stride(from: 0, to: grid.count, by: 4).map { start in
            SIMD4((0..<4).map { CycleModel.decay(halfLife: grid[min(start + $0, grid.count - 1)]) })
        }
    }

    public func fit(_ series: CheckInSeries) -> CycleFit {
        let days = series.days
        func column(_ value: (CheckInDay) -> Double) -> [Double] {
            Array(unsafeUninitializedCapacity: days.count) { buffer, initialized in
                for (t, day) in days.enumerated() { buffer.initializeElement(at: t, to: value(day)) }
                initialized = days.count
            }
        }
        return fit(
            use: column { $0.used == true ? 1 : 0 }, mood: column { $0.mood.map(Double.init) ?? .nan },
            craving: column { $0.craving.map(Double.init) ?? .nan })
    }

    /// Fits from per-day arrays of equal length: use (unknown counts as no use), mood and craving (`nil` unrated).
    public func fit(use: [Bool], mood: [Double?], craving: [Double?]) -> CycleFit {
        fit(use: use.map { $0 ? 1 : 0 }, mood: mood.map { $0 ?? .nan }, craving: craving.map { $0 ?? .nan })
    }

    /// The fit proper: `use` is 0/1 per day, `mood` and `craving` are NaN on unrated days.
    func fit(use: [Double], mood: [Double], craving: [Double]) -> CycleFit {
        /// m when the crash terms cannot be estimated: the median mood on rated non-use days.
        func medianFit() -> CycleFit {
            CycleFit(underlyingMood: Statistics.median(zip(use, mood).compactMap { $0 == 0 && !$1.isNaN ? $1 : nil }))
        }
        let all = 0..<use.count
        guard isEstimable(use: use, mood: mood, in: all) else { return medianFit() }
        let moodRegression = Regression(use: use, outcome: mood)
        let base = moodRegression.baseSums(in: all)
        var best: (halfLife: Double, solution: Solution)?
        for (group, decays) in decayGroups.enumerated() {
            let sums = moodRegression.crossSums(decays, in: all)
            for lane in 0..<4 where group * 4 + lane < halfLives.count {
                // c ≥ 0: a negative crash coefficient is not a crash; that half-life is skipped (the no-crash
                // refit below covers it).
                guard let solution = Self.leastSquares(base, sums[lane], crash: true), solution.crashDepth >= 0,
                    best.map({ solution.rss < $0.solution.rss }) ?? true
                else { continue }
                best = (halfLives[group * 4 + lane], solution)
            }
        }
        guard let chosen = best?.solution ?? Self.leastSquares(base, CrossSums(), crash: false) else {
            return medianFit()
        }
        var fit = CycleFit(
            underlyingMood: chosen.underlyingMood, surge: chosen.surge, crashDepth: chosen.crashDepth,
            crashHalfLifeDays: best?.halfLife, crashEstimable: true)
        let tss = base.syy - base.sy * base.sy / base.n
        if tss > 0 {
            fit.r2 = 1 - chosen.rss / tss
            fit.improvementOverMean = (tss / base.n).squareRoot() - (max(chosen.rss, 0) / base.n).squareRoot()
        }
        guard let halfLife = best?.halfLife else { return fit }
        // Follow-up fits at the chosen half-life share one pass: lane 0 is mood on the first half of the days,
        // lane 1 mood on the second half (its load carried over from the first), lane 2 craving on all days.
        let middle = use.count / 2
        let followUp = Self.followUpSums(
            decay: CycleModel.decay(halfLife: halfLife), use: use, mood: mood, craving: craving, middle: middle)
        for (lane, range) in [(0, 0..<middle), (1, middle..<use.count)]
        where isEstimable(use: use, mood: mood, in: range) {
            let depth = Self.leastSquares(moodRegression.baseSums(in: range), followUp[lane], crash: true)
                .map { max($0.crashDepth, 0) }
            if lane == 0 { fit.crashDepthFirstHalf = depth } else { fit.crashDepthSecondHalf = depth }
        }
        if let first = fit.crashDepthFirstHalf, let second = fit.crashDepthSecondHalf {
            fit.deepening = second - first >= configuration.deepeningIncrease
        }
        // Chase: craving = a + b·u + k·B at the mood's half-life; k is the craving rise per unit crash load.
        let cravingBase = Regression(use: use, outcome: craving).baseSums(in: all)
        if cravingBase.n >= Double(configuration.minRatedNonUseDaysForCrash),
            let chase = Self.leastSquares(cravingBase, followUp[2], crash: true)
        {
            fit.crashCraving = -chase.crashDepth
        }
        return fit
    }

    /// Crash-load sums for one decay and up to four outcomes at once (lanes: mood on days before `middle`,
    /// mood from `middle` on, craving, unused). A NaN lane value is a day that lane does not count.
    static func followUpSums(decay: Double, use: [Double], mood: [Double], craving: [Double], middle: Int)
        -> CrossSums4
    {
        let f = SIMD4<Double>(repeating: decay)
        var load = SIMD4<Double>.zero
        var previousUse = 0.0
        var sb = SIMD4<Double>.zero
        var sub = SIMD4<Double>.zero
        var sbb = SIMD4<Double>.zero
        var sby = SIMD4<Double>.zero
        for t in use.indices {
            load = f * load + SIMD4(repeating: previousUse)
            previousUse = use[t]
            let values = SIMD4(t < middle ? mood[t] : .nan, t < middle ? .nan : mood[t], craving[t], .nan)
            let rated = values .== values
            let weightedLoad = SIMD4<Double>.zero.replacing(with: load, where: rated)
            sb += weightedLoad
            sbb += weightedLoad * load
            sby += SIMD4<Double>.zero.replacing(with: values, where: rated) * load
            if previousUse != 0 { sub += weightedLoad }
        }
        return CrossSums4(sb: sb, sub: sub, sbb: sbb, sby: sby)
    }

    /// Crash terms need enough use days and rated non-use days in the days considered.
    private func isEstimable(use: [Double], mood: [Double], in range: Range<Int>) -> Bool {
        var useDays = 0
        var ratedNonUse = 0
        for t in range {
            if use[t] == 1 { useDays += 1 } else if !mood[t].isNaN { ratedNonUse += 1 }
        }
        return useDays >= configuration.minUseDaysForCrash
            && ratedNonUse >= configuration.minRatedNonUseDaysForCrash
    }

    // MARK: Least squares

    /// One outcome (mood or craving, NaN on unrated days) against the use pattern.
    struct Regression {
        let use: [Double]
        let outcome: [Double]

        /// Sums over rated days in `range` that do not depend on the half-life.
        func baseSums(in range: Range<Int>) -> BaseSums {
            use.withUnsafeBufferPointer { use in
                outcome.withUnsafeBufferPointer { outcome in
                    var sums = BaseSums()
                    for t in range where !outcome[t].isNaN {
                        sums.n += 1
                        sums.su += use[t]
                        sums.sy += outcome[t]
                        sums.suy += use[t] * outcome[t]
                        sums.syy += outcome[t] * outcome[t]
                    }
                    return sums
                }
            }
        }

        /// Crash-load sums over rated days in `range` for four decays at once. The load is built from the
        /// first day of the series so that load carried into `range` counts.
        func crossSums(_ decay: SIMD4<Double>, in range: Range<Int>) -> CrossSums4 {
            use.withUnsafeBufferPointer { use in
                outcome.withUnsafeBufferPointer { outcome in
                    var load = SIMD4<Double>.zero
                    var previousUse = 0.0
                    for t in 0..<range.lowerBound {
                        load = decay * load + SIMD4(repeating: previousUse)
                        previousUse = use[t]
                    }
                    // Accumulators are locals, not struct fields, so they stay in registers.
                    var sb = SIMD4<Double>.zero
                    var sub = SIMD4<Double>.zero
                    var sbb = SIMD4<Double>.zero
                    var sby = SIMD4<Double>.zero
                    for t in range {
                        // Most days follow a day without use: the step is then a multiply only, which keeps
                        // the add off the loop-carried dependency chain.
                        load = previousUse == 0 ? decay * load : decay * load + SIMD4(repeating: previousUse)
                        previousUse = use[t]
                        let value = outcome[t]
                        guard !value.isNaN else { continue }
                        sb += load
                        sbb += load * load
                        sby += value * load
                        if previousUse != 0 { sub += load }
                    }
                    return CrossSums4(sb: sb, sub: sub, sbb: sbb, sby: sby)
                }
            }
        }
    }

    struct BaseSums {
        var n = 0.0, su = 0.0, sy = 0.0, suy = 0.0, syy = 0.0
    }

    struct CrossSums {
        var sb = 0.0, sub = 0.0, sbb = 0.0, sby = 0.0
    }

    struct CrossSums4 {
        var sb = SIMD4<Double>.zero, sub = SIMD4<Double>.zero, sbb = SIMD4<Double>.zero, sby = SIMD4<Double>.zero

        subscript(lane: Int) -> CrossSums {
            CrossSums(sb: sb[lane], sub: sub[lane], sbb: sbb[lane], sby: sby[lane])
        }
    }

    struct Solution {
        var underlyingMood: Double
        var surge: Double?
        var crashDepth: Double
        var rss: Double
    }

    /// Ordinary least squares for outcome = m + s·u − c·B through the normal equations, solved by Cholesky
    /// without allocating. A column that is left out (surge when no rated day is a use day; crash when `crash`
    /// is false) gets an identity row and a zero right-hand side, so its coefficient is 0 and the others are
    /// the reduced model's. `nil` when the system is singular.
    static func leastSquares(_ base: BaseSums, _ cross: CrossSums, crash: Bool) -> Solution? {
        guard base.n >= 2 else { return nil }
        let surge = base.su > 0
        let a11 = base.n
        let (a12, a22, b2) = surge ? (base.su, base.su, base.suy) : (0, 1, 0)
        let (a13, a23, a33, b3) =
            crash ? (cross.sb, surge ? cross.sub : 0, cross.sbb, cross.sby) : (0, 0, 1, 0)
        let b1 = base.sy
        let tolerance = 1e-10
        let l11 = a11.squareRoot()
        let l21 = a12 / l11
        let l31 = a13 / l11
        let d22 = a22 - l21 * l21
        guard d22 > tolerance * a22 else { return nil }
        let l22 = d22.squareRoot()
        let l32 = (a23 - l31 * l21) / l22
        let d33 = a33 - l31 * l31 - l32 * l32
        guard d33 > tolerance * a33 else { return nil }
        let l33 = d33.squareRoot()
        let z1 = b1 / l11
        let z2 = (b2 - l21 * z1) / l22
        let z3 = (b3 - l31 * z1 - l32 * z2) / l33
        let x3 = z3 / l33
        let x2 = (z2 - l32 * x3) / l22
        let x1 = (z1 - l21 * x2 - l31 * x3) / l11
        return Solution(
            underlyingMood: x1, surge: surge ? x2 : nil, crashDepth: -x3, rss: base.syy - x1 * b1 - x2 * b2 - x3 * b3)
    }
}
