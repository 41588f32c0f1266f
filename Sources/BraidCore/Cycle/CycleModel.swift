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
/// Linear in days per half-life: the sums that do not depend on h (counts, Σu, Σy, Σuy, Σy²) are taken once;
/// each grid point adds one pass that builds the crash load and its cross-products, then solves a 3×3 system.
public struct CycleFitter: Sendable {
    public let configuration: AnalysisConfiguration
    private let grid: [(halfLife: Double, decay: Double)]

    public init(configuration: AnalysisConfiguration = .default) {
        self.configuration = configuration
        grid = configuration.halfLifeGrid.map { ($0, CycleModel.decay(halfLife: $0)) }
    }

    public func fit(_ series: CheckInSeries) -> CycleFit {
        fit(
            use: series.days.map { $0.used == true }, mood: series.days.map { $0.mood.map(Double.init) },
            craving: series.days.map { $0.craving.map(Double.init) })
    }

    /// Fits from per-day arrays of equal length: use (unknown counts as no use), mood and craving (`nil` unrated).
    public func fit(use: [Bool], mood: [Double?], craving: [Double?]) -> CycleFit {
        let u = use.map { $0 ? 1.0 : 0.0 }
        let y = mood.map { $0 ?? .nan }
        let useDays = use.lazy.filter { $0 }.count
        let ratedNonUse = zip(use, mood).compactMap { used, mood in used ? nil : mood }
        guard useDays >= configuration.minUseDaysForCrash,
            ratedNonUse.count >= configuration.minRatedNonUseDaysForCrash
        else {
            return CycleFit(underlyingMood: Statistics.median(ratedNonUse))
        }
        let all = 0..<u.count
        let base = BaseSums(u: u, y: y, range: all)
        var best: (halfLife: Double, solution: Solution)?
        for point in grid {
            let sums = CrossSums(u: u, y: y, decay: point.decay, range: all)
            // c ≥ 0: a negative crash coefficient is not a crash; that half-life is skipped (the no-crash refit
            // below covers it).
            guard let solution = solve(base, sums, crash: true), solution.crashDepth >= 0 else { continue }
            if best == nil || solution.rss < best!.solution.rss { best = (point.halfLife, solution) }
        }
        guard let noCrash = solve(base, CrossSums(), crash: false) else {
            return CycleFit(underlyingMood: Statistics.median(ratedNonUse))
        }
        let chosen = best?.solution ?? noCrash
        let tss = base.syy - base.sy * base.sy / base.n
        var fit = CycleFit(
            underlyingMood: chosen.underlyingMood, surge: chosen.surge, crashDepth: chosen.crashDepth,
            crashHalfLifeDays: best?.halfLife, crashEstimable: true)
        if tss > 0 {
            fit.r2 = 1 - chosen.rss / tss
            fit.improvementOverMean = (tss / base.n).squareRoot() - (max(chosen.rss, 0) / base.n).squareRoot()
        }
        guard let halfLife = best?.halfLife else { return fit }
        let decay = CycleModel.decay(halfLife: halfLife)
        fit.crashDepthFirstHalf = halfCrashDepth(u: u, y: y, use: use, decay: decay, range: 0..<(u.count / 2))
        fit.crashDepthSecondHalf = halfCrashDepth(u: u, y: y, use: use, decay: decay, range: (u.count / 2)..<u.count)
        if let first = fit.crashDepthFirstHalf, let second = fit.crashDepthSecondHalf {
            fit.deepening = second - first >= configuration.deepeningIncrease
        }
        // Chase: craving = a + b·u + k·B at the mood's half-life; k is the craving rise per unit crash load.
        let cravingValues = craving.map { $0 ?? .nan }
        let cravingBase = BaseSums(u: u, y: cravingValues, range: all)
        if cravingBase.n >= Double(configuration.minRatedNonUseDaysForCrash),
            let chase = solve(cravingBase, CrossSums(u: u, y: cravingValues, decay: decay, range: all), crash: true)
        {
            fit.crashCraving = -chase.crashDepth
        }
        return fit
    }

    /// Crash depth on part of the days (crash load still carried in from earlier days), constrained at 0;
    /// `nil` when that part is not estimable on its own.
    private func halfCrashDepth(u: [Double], y: [Double], use: [Bool], decay: Double, range: Range<Int>) -> Double? {
        let useDays = range.lazy.filter { use[$0] }.count
        let ratedNonUse = range.lazy.filter { !use[$0] && !y[$0].isNaN }.count
        guard useDays >= configuration.minUseDaysForCrash,
            ratedNonUse >= configuration.minRatedNonUseDaysForCrash
        else { return nil }
        let base = BaseSums(u: u, y: y, range: range)
        guard let solution = solve(base, CrossSums(u: u, y: y, decay: decay, range: range), crash: true) else {
            return nil
        }
        return max(solution.crashDepth, 0)
    }

    // MARK: Least squares

    /// Sums over rated days that do not depend on the half-life.
    struct BaseSums {
        var n = 0.0, su = 0.0, sy = 0.0, suy = 0.0, syy = 0.0

        init(u: [Double], y: [Double], range: Range<Int>) {
            for t in range where !y[t].isNaN {
                n += 1
                su += u[t]
                sy += y[t]
                suy += u[t] * y[t]
                syy += y[t] * y[t]
            }
        }
    }

    /// Sums over rated days that involve the crash load B at one half-life.
    struct CrossSums {
        var sb = 0.0, sub = 0.0, sbb = 0.0, sby = 0.0

        init() {}

        /// B is built from the first day of the series so load carried into `range` is counted.
        init(u: [Double], y: [Double], decay f: Double, range: Range<Int>) {
            var load = 0.0
            var previousUse = 0.0
            for t in 0..<range.upperBound {
                load = f * load + previousUse
                previousUse = u[t]
                guard t >= range.lowerBound, !y[t].isNaN else { continue }
                sb += load
                sub += u[t] * load
                sbb += load * load
                sby += load * y[t]
            }
        }
    }

    struct Solution {
        var underlyingMood: Double
        var surge: Double?
        var crashDepth: Double
        var rss: Double
    }

    /// Ordinary least squares for mood = m + s·u − c·B through the normal equations. The surge column is left
    /// out when no rated day is a use day; the crash column when `crash` is false. `nil` when singular.
    func solve(_ base: BaseSums, _ cross: CrossSums, crash: Bool) -> Solution? {
        guard base.n >= 2 else { return nil }
        let surge = base.su > 0
        // Columns: 1, u (if surge), B (if crash); coefficient on B is −c.
        var columns: [[Double]] = [[base.n]]
        var rhs = [base.sy]
        if surge {
            columns[0].append(base.su)
            columns.append([base.su, base.su])
            rhs.append(base.suy)
        }
        if crash {
            columns[0].append(cross.sb)
            if surge { columns[1].append(cross.sub) }
            columns.append(surge ? [cross.sb, cross.sub, cross.sbb] : [cross.sb, cross.sbb])
            rhs.append(cross.sby)
        }
        guard let beta = Self.solveSymmetric(columns, rhs) else { return nil }
        let rss = base.syy - zip(beta, rhs).map(*).reduce(0, +)
        return Solution(
            underlyingMood: beta[0], surge: surge ? beta[1] : nil, crashDepth: crash ? -beta[beta.count - 1] : 0,
            rss: rss)
    }

    /// Solves A·x = b for a small symmetric positive semi-definite A by Gaussian elimination with partial
    /// pivoting; `nil` when A is (numerically) singular.
    static func solveSymmetric(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let k = b.count
        var m = a
        var x = b
        let scale = (0..<k).map { abs(a[$0][$0]) }.max() ?? 0
        guard scale > 0 else { return nil }
        for column in 0..<k {
            let pivot = (column..<k).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            guard abs(m[pivot][column]) > 1e-9 * scale else { return nil }
            m.swapAt(column, pivot)
            x.swapAt(column, pivot)
            for row in (column + 1)..<k {
                let factor = m[row][column] / m[column][column]
                for j in column..<k { m[row][j] -= factor * m[column][j] }
                x[row] -= factor * x[column]
            }
        }
        for row in stride(from: k - 1, through: 0, by: -1) {
            var value = x[row]
            for j in (row + 1)..<k { value -= m[row][j] * x[j] }
            x[row] = value / m[row][row]
        }
        return x
    }
}
