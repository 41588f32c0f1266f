import Foundation

/// Fits the cycle model by least squares over a grid of crash half-lives (clinical-rules.md §4).
///
/// Linear in days per half-life, with work shared across the grid: per client the sums that do not depend on h
/// (n, Σu, Σy, Σuy, Σy², for both halves of the days) are taken in one pass and the [1, u] block of the normal
/// equations is factored once; one pass over the days carries the crash load for eight half-lives at a time as
/// independent recurrences in SSE pairs, with its cross-products; each half-life then finishes the Cholesky
/// solve with a few multiplies and one division. See bench/README.md for the measured figures.
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
        let middle = use.count / 2
        // Every sum that does not depend on the half-life, for both halves, in one pass.
        let halves = Self.halfSums(use: use, mood: mood, craving: craving, middle: middle)
        let base = halves.mood.0 + halves.mood.1
        guard estimable(halves.counts.0 + halves.counts.1) else { return medianFit() }
        let moodRegression = Regression(use: use, outcome: mood)
        // The [1, u] block of the normal equations is the same for every half-life: factor it once.
        guard let equations = NormalEquations(base) else { return medianFit() }
        var best: (halfLife: Double, solution: Solution)?
        // Two groups of four half-lives per pass over the days (an odd last group is paired with itself).
        var groupSums: [CrossSums4] = []
        groupSums.reserveCapacity(decayGroups.count)
        for next in stride(from: 0, to: decayGroups.count, by: 2) {
            let pair = min(next + 1, decayGroups.count - 1)
            let (a, b) = moodRegression.crossSums(decayGroups[next], decayGroups[pair])
            groupSums.append(a)
            if pair != next { groupSums.append(b) }
        }
        for (group, sums) in groupSums.enumerated() {
            for lane in 0..<4 where group * 4 + lane < halfLives.count {
                // c ≥ 0: a negative crash coefficient is not a crash; that half-life is skipped (the no-crash
                // refit below covers it).
                guard let solution = equations.solve(sums[lane]), solution.crashDepth >= 0,
                    best.map({ solution.rss < $0.solution.rss }) ?? true
                else { continue }
                best = (halfLives[group * 4 + lane], solution)
            }
        }
        let chosen = best?.solution ?? equations.solveWithoutCrash()
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
        let followUp = Self.followUpSums(
            decay: CycleModel.decay(halfLife: halfLife), use: use, mood: mood, craving: craving, middle: middle)
        for lane in 0..<2 where estimable(lane == 0 ? halves.counts.0 : halves.counts.1) {
            let depth = Self.leastSquares(lane == 0 ? halves.mood.0 : halves.mood.1, followUp[lane], crash: true)
                .map { max($0.crashDepth, 0) }
            if lane == 0 { fit.crashDepthFirstHalf = depth } else { fit.crashDepthSecondHalf = depth }
        }
        if let first = fit.crashDepthFirstHalf, let second = fit.crashDepthSecondHalf {
            fit.deepening = second - first >= configuration.deepeningIncrease
        }
        // Chase: craving = a + b·u + k·B at the mood's half-life; k is the craving rise per unit crash load.
        if halves.craving.n >= Double(configuration.minRatedNonUseDaysForCrash),
            let chase = Self.leastSquares(halves.craving, followUp[2], crash: true)
        {
            fit.crashCraving = -chase.crashDepth
        }
        return fit
    }

    /// Use days and rated non-use days: what decides whether crash terms can be estimated.
    struct Counts {
        var useDays = 0
        var ratedNonUse = 0

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(useDays: a.useDays + b.useDays, ratedNonUse: a.ratedNonUse + b.ratedNonUse)
        }
    }

    /// Crash terms need enough use days and rated non-use days in the days considered.
    private func estimable(_ counts: Counts) -> Bool {
        counts.useDays >= configuration.minUseDaysForCrash
            && counts.ratedNonUse >= configuration.minRatedNonUseDaysForCrash
    }

    /// The half-life-independent sums of mood for the days before `middle` and from it on, the estimability
    /// counts of each half, and craving's sums over all days: one pass. Sums of the halves add up to the whole.
    static func halfSums(use: [Double], mood: [Double], craving: [Double], middle: Int)
        -> (mood: (BaseSums, BaseSums), counts: (Counts, Counts), craving: BaseSums)
    {
        use.withUnsafeBufferPointer { use in
            mood.withUnsafeBufferPointer { mood in
                craving.withUnsafeBufferPointer { craving in
                    var cravingSums = BaseSums()
                    func half(_ range: Range<Int>) -> (BaseSums, Counts) {
                        var sums = BaseSums()
                        var counts = Counts()
                        for t in range {
                            let u = use[t]
                            if u == 1 { counts.useDays += 1 }
                            let c = craving[t]
                            if !c.isNaN { cravingSums.add(u, c) }
                            let y = mood[t]
                            guard !y.isNaN else { continue }
                            if u != 1 { counts.ratedNonUse += 1 }
                            sums.add(u, y)
                        }
                        return (sums, counts)
                    }
                    let first = half(0..<middle)
                    let second = half(middle..<use.count)
                    return ((first.0, second.0), (first.1, second.1), cravingSums)
                }
            }
        }
    }

    /// Crash-load sums for one decay and up to four outcomes at once (lanes: mood on days before `middle`,
    /// mood from `middle` on, craving, unused). A NaN value is a day that lane does not count. With one decay the
    /// load is a single scalar chain; each half of the days accumulates (mood, craving) as one pair.
    static func followUpSums(decay: Double, use: [Double], mood: [Double], craving: [Double], middle: Int)
        -> CrossSums4
    {
        use.withUnsafeBufferPointer { use in
            mood.withUnsafeBufferPointer { mood in
                craving.withUnsafeBufferPointer { craving in
                    var load = 0.0
                    var previousUse = 0.0
                    func pass(_ range: Range<Int>) -> (
                        sb: SIMD2<Double>, sub: SIMD2<Double>, sbb: SIMD2<Double>, sby: SIMD2<Double>
                    ) {
                        var sb = SIMD2<Double>.zero
                        var sub = SIMD2<Double>.zero
                        var sbb = SIMD2<Double>.zero
                        var sby = SIMD2<Double>.zero
                        for t in range {
                            load = previousUse == 0 ? decay * load : decay * load + previousUse
                            previousUse = use[t]
                            let values = SIMD2(mood[t], craving[t])
                            let rated = values .== values
                            let weighted = SIMD2<Double>.zero.replacing(with: SIMD2(repeating: load), where: rated)
                            sb += weighted
                            sbb += weighted * load
                            sby += SIMD2<Double>.zero.replacing(with: values, where: rated) * load
                            if previousUse != 0 { sub += weighted }
                        }
                        return (sb, sub, sbb, sby)
                    }
                    let first = pass(0..<middle)
                    let second = pass(middle..<use.count)
                    func lanes(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD4<Double> {
                        SIMD4(a[0], b[0], a[1] + b[1], 0)
                    }
                    return CrossSums4(
                        sb: lanes(first.sb, second.sb), sub: lanes(first.sub, second.sub),
                        sbb: lanes(first.sbb, second.sbb), sby: lanes(first.sby, second.sby))
                }
            }
        }
    }

    // MARK: Least squares

    /// One outcome (mood or craving, NaN on unrated days) against the use pattern.
    struct Regression {
        let use: [Double]
        let outcome: [Double]

        /// Crash-load sums over all rated days for eight decays at once (two groups of four): the day's loads,
        /// tests and loop overhead are shared by twice the lanes. Four independent chains of SSE pairs.
        func crossSums(_ first: SIMD4<Double>, _ second: SIMD4<Double>) -> (CrossSums4, CrossSums4) {
            use.withUnsafeBufferPointer { use in
                outcome.withUnsafeBufferPointer { outcome in
                    let d0 = SIMD2(first[0], first[1])
                    let d1 = SIMD2(first[2], first[3])
                    let d2 = SIMD2(second[0], second[1])
                    let d3 = SIMD2(second[2], second[3])
                    var l0 = SIMD2<Double>.zero
                    var l1 = SIMD2<Double>.zero
                    var l2 = SIMD2<Double>.zero
                    var l3 = SIMD2<Double>.zero
                    var sb0 = SIMD2<Double>.zero
                    var sb1 = SIMD2<Double>.zero
                    var sb2 = SIMD2<Double>.zero
                    var sb3 = SIMD2<Double>.zero
                    var sbb0 = SIMD2<Double>.zero
                    var sbb1 = SIMD2<Double>.zero
                    var sbb2 = SIMD2<Double>.zero
                    var sbb3 = SIMD2<Double>.zero
                    var sby0 = SIMD2<Double>.zero
                    var sby1 = SIMD2<Double>.zero
                    var sby2 = SIMD2<Double>.zero
                    var sby3 = SIMD2<Double>.zero
                    // Sums on use days are rare: kept together so they need not hold registers.
                    var sub = (SIMD2<Double>.zero, SIMD2<Double>.zero, SIMD2<Double>.zero, SIMD2<Double>.zero)
                    var previousUse = 0.0
                    for t in 0..<use.count {
                        if previousUse == 0 {
                            l0 = d0 * l0
                            l1 = d1 * l1
                            l2 = d2 * l2
                            l3 = d3 * l3
                        } else {
                            let carried = SIMD2(repeating: previousUse)
                            l0 = d0 * l0 + carried
                            l1 = d1 * l1 + carried
                            l2 = d2 * l2 + carried
                            l3 = d3 * l3 + carried
                        }
                        previousUse = use[t]
                        let value = outcome[t]
                        guard !value.isNaN else { continue }
                        let y = SIMD2(repeating: value)
                        sb0 += l0
                        sb1 += l1
                        sb2 += l2
                        sb3 += l3
                        sbb0 += l0 * l0
                        sbb1 += l1 * l1
                        sbb2 += l2 * l2
                        sbb3 += l3 * l3
                        sby0 += y * l0
                        sby1 += y * l1
                        sby2 += y * l2
                        sby3 += y * l3
                        if previousUse != 0 {
                            sub.0 += l0
                            sub.1 += l1
                            sub.2 += l2
                            sub.3 += l3
                        }
                    }
                    func joined(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD4<Double> {
                        SIMD4(a[0], a[1], b[0], b[1])
                    }
                    return (
                        CrossSums4(
                            sb: joined(sb0, sb1), sub: joined(sub.0, sub.1), sbb: joined(sbb0, sbb1),
                            sby: joined(sby0, sby1)),
                        CrossSums4(
                            sb: joined(sb2, sb3), sub: joined(sub.2, sub.3), sbb: joined(sbb2, sbb3),
                            sby: joined(sby2, sby3))
                    )
                }
            }
        }
    }

    struct BaseSums {
        var n = 0.0, su = 0.0, sy = 0.0, suy = 0.0, syy = 0.0

        /// Adds one rated day: use `u` (0 or 1) and outcome `y`.
        mutating func add(_ u: Double, _ y: Double) {
            n += 1
            su += u
            sy += y
            suy += u * y
            syy += y * y
        }

        static func + (a: BaseSums, b: BaseSums) -> BaseSums {
            BaseSums(n: a.n + b.n, su: a.su + b.su, sy: a.sy + b.sy, suy: a.suy + b.suy, syy: a.syy + b.syy)
        }
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
        guard let equations = NormalEquations(base) else { return nil }
        return crash ? equations.solve(cross) : equations.solveWithoutCrash()
    }

    /// The normal equations with the Cholesky factor of their [1, u] block, which does not depend on the crash
    /// column: factored once per outcome, then each half-life costs a few multiplies and one division (the
    /// last pivot enters squared, so it needs no square root).
    struct NormalEquations {
        static let tolerance = 1e-10
        let base: BaseSums
        let surge: Bool
        let l21: Double, l22: Double, z1: Double, z2: Double, b2: Double
        let inverseL11: Double, inverseL22: Double

        init?(_ base: BaseSums) {
            guard base.n >= 2 else { return nil }
            self.base = base
            surge = base.su > 0
            let (a12, a22, b2) = surge ? (base.su, base.su, base.suy) : (0, 1, 0)
            let l11 = base.n.squareRoot()
            let l21 = a12 / l11
            let d22 = a22 - l21 * l21
            guard d22 > Self.tolerance * a22 else { return nil }
            let l22 = d22.squareRoot()
            self.l21 = l21
            self.l22 = l22
            self.b2 = b2
            inverseL11 = 1 / l11
            inverseL22 = 1 / l22
            z1 = base.sy * inverseL11
            z2 = (b2 - l21 * z1) * inverseL22
        }

        /// The full model with the crash column's sums; `nil` when that column is (nearly) dependent.
        func solve(_ cross: CrossSums) -> Solution? {
            let (a13, a23, a33, b3) = (cross.sb, surge ? cross.sub : 0, cross.sbb, cross.sby)
            let l31 = a13 * inverseL11
            let l32 = (a23 - l31 * l21) * inverseL22
            let d33 = a33 - l31 * l31 - l32 * l32
            guard d33 > Self.tolerance * a33 else { return nil }
            let x3 = (b3 - l31 * z1 - l32 * z2) / d33
            return solution(x3: x3, l31: l31, l32: l32, b3: b3)
        }

        /// The model without the crash term (c = 0).
        func solveWithoutCrash() -> Solution { solution(x3: 0, l31: 0, l32: 0, b3: 0) }

        private func solution(x3: Double, l31: Double, l32: Double, b3: Double) -> Solution {
            let x2 = (z2 - l32 * x3) * inverseL22
            let x1 = (z1 - l21 * x2 - l31 * x3) * inverseL11
            return Solution(
                underlyingMood: x1, surge: surge ? x2 : nil, crashDepth: -x3,
                rss: base.syy - x1 * base.sy - x2 * b2 - x3 * b3)
        }
    }
}
