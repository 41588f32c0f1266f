import Testing

@testable import BraidCore

@Suite("Cycle model fit")
struct CycleFitTests {
    static let fitter = CycleFitter()

    /// Use on days 5, 12, 19, … (weekly) for `useWeeks` weeks, then none, over `count` days.
    static func weeklyUse(count: Int, useWeeks: Int = 8) -> [Bool] {
        (0..<count).map { $0 % 7 == 5 && $0 / 7 < useWeeks }
    }

    @Test("noise-free data from known parameters is recovered exactly at a grid half-life")
    func exactRecovery() throws {
        let halfLife = AnalysisConfiguration.default.halfLifeGrid[9]
        let truth = CycleParameters(underlyingMood: 6.2, surge: 1.3, crashDepth: 2.4, crashHalfLifeDays: halfLife)
        let use = Self.weeklyUse(count: 84)
        let mood = truth.expectedMood(use: use)
        let fit = Self.fitter.fit(use: use, mood: mood, craving: mood.map { _ in nil })
        #expect(fit.crashEstimable)
        #expect(abs(try #require(fit.underlyingMood) - 6.2) < 1e-6)
        #expect(abs(try #require(fit.surge) - 1.3) < 1e-6)
        #expect(abs(try #require(fit.crashDepth) - 2.4) < 1e-6)
        #expect(fit.crashHalfLifeDays == halfLife)
        #expect(abs(try #require(fit.r2) - 1) < 1e-9)
        #expect(!fit.deepening)
    }

    @Test(
        "exact recovery at the first, a middle and the last grid point, for grids that fill the passes unevenly",
        arguments: [20, 21, 24, 25, 28])
    func recoveryAcrossGrids(points: Int) throws {
        var configuration = AnalysisConfiguration.default
        configuration.halfLifeGridPoints = points
        let fitter = CycleFitter(configuration: configuration)
        let grid = configuration.halfLifeGrid
        for index in [0, points / 2, points - 1] {
            let truth = CycleParameters(
                underlyingMood: 6, surge: 1, crashDepth: 2.5, crashHalfLifeDays: grid[index])
            let use = Self.weeklyUse(count: 120, useWeeks: 12)
            let fit = fitter.fit(use: use, mood: truth.expectedMood(use: use), craving: use.map { _ in nil })
            #expect(fit.crashHalfLifeDays == grid[index], "grid of \(points), point \(index)")
            #expect(abs(try #require(fit.crashDepth) - 2.5) < 1e-6)
            #expect(abs(try #require(fit.underlyingMood) - 6) < 1e-6)
        }
    }

    @Test("the grid has at least 20 log-spaced points from 0.5 to 21 days")
    func grid() {
        let grid = AnalysisConfiguration.default.halfLifeGrid
        #expect(grid.count >= 20)
        #expect(abs(grid.first! - 0.5) < 1e-12 && abs(grid.last! - 21) < 1e-9)
        let ratios = zip(grid, grid.dropFirst()).map { $1 / $0 }
        #expect(ratios.allSatisfy { abs($0 - ratios[0]) < 1e-9 })
    }

    @Test("chase: craving rise per unit crash load is recovered")
    func chase() throws {
        let halfLife = AnalysisConfiguration.default.halfLifeGrid[12]
        let use = Self.weeklyUse(count: 70)
        let mood = CycleParameters(underlyingMood: 6, surge: 1, crashDepth: 2, crashHalfLifeDays: halfLife)
            .expectedMood(use: use)
        let load = CycleModel.crashLoad(use: use, halfLife: halfLife)
        let craving: [Double?] = zip(use, load).map { used, b in 3 + (used ? 2 : 0) + 1.7 * b }
        let fit = Self.fitter.fit(use: use, mood: mood, craving: craving)
        #expect(abs(try #require(fit.crashCraving) - 1.7) < 1e-6)
    }

    @Test("estimability: 2 use days → crash terms null, m = median of rated non-use days")
    func tooFewUseDays() {
        var use = Array(repeating: false, count: 40)
        use[10] = true
        use[20] = true
        let mood: [Double?] = (0..<40).map { $0 < 20 ? 4 : 6 }
        let fit = Self.fitter.fit(use: use, mood: mood, craving: mood)
        #expect(!fit.crashEstimable)
        #expect(fit.crashDepth == nil && fit.crashHalfLifeDays == nil && fit.surge == nil && fit.r2 == nil)
        #expect(fit.underlyingMood == 5)  // median of 19 fours and 19 sixes... rated non-use days only
    }

    @Test("estimability: 3 use days with 13 rated non-use days is not enough; 14 is")
    func ratedNonUseBoundary() {
        func fit(ratedNonUse: Int) -> CycleFit {
            let use = [true, false, false, true, false, false, true] + Array(repeating: false, count: 30)
            var mood: [Double?] = use.map { $0 ? 7 : nil }
            var rated = 0
            for index in mood.indices where !use[index] && rated < ratedNonUse {
                mood[index] = 5 - (index < 10 ? 1 : 0)
                rated += 1
            }
            return Self.fitter.fit(use: use, mood: mood, craving: mood)
        }
        #expect(!fit(ratedNonUse: 13).crashEstimable)
        #expect(fit(ratedNonUse: 13).crashDepth == nil)
        #expect(fit(ratedNonUse: 14).crashEstimable)
    }

    @Test("c ≥ 0: mood that rises after use gets no crash term (depth 0, no half-life)")
    func negativeCrash() throws {
        let use = Self.weeklyUse(count: 70)
        let mood = CycleParameters(underlyingMood: 5, surge: 0, crashDepth: -2, crashHalfLifeDays: 2)
            .expectedMood(use: use)
        let fit = Self.fitter.fit(use: use, mood: mood, craving: mood.map { _ in nil })
        #expect(fit.crashEstimable)
        #expect(fit.crashDepth == 0)
        #expect(fit.crashHalfLifeDays == nil)
        #expect(fit.crashCraving == nil)
    }

    @Test("deepening: crash depth 1 in the first half and 2 in the second is flagged; constant is not")
    func deepening() throws {
        let halfLife = AnalysisConfiguration.default.halfLifeGrid[8]
        let use = (0..<112).map { $0 % 7 == 5 }
        let load = CycleModel.crashLoad(use: use, halfLife: halfLife)
        let deepening: [Double?] = load.indices.map { 6 - (($0 < 56) ? 1.0 : 2.0) * load[$0] }
        let fit = Self.fitter.fit(use: use, mood: deepening, craving: deepening.map { _ in nil })
        #expect(fit.deepening)
        #expect(abs(try #require(fit.crashDepthFirstHalf) - 1) < 0.05)
        #expect(abs(try #require(fit.crashDepthSecondHalf) - 2) < 0.05)
        let steady = CycleParameters(underlyingMood: 6, surge: 0, crashDepth: 2, crashHalfLifeDays: halfLife)
            .expectedMood(use: use)
        #expect(!Self.fitter.fit(use: use, mood: steady, craving: steady.map { _ in nil }).deepening)
    }

    @Test(
        "classification at its boundaries",
        arguments: [
            (4.99, 0.99, 28, CycleClassification.persistent),
            (5.0, 0.99, 28, .notLow),
            (5.0, 1.0, 28, .crashDriven),
            (4.99, 1.0, 28, .mixed),
            (4.99, 1.0, 27, .insufficientData),
        ])
    func classification(mood: Double, crash: Double, rated: Int, expected: CycleClassification) {
        let fit = CycleFit(underlyingMood: mood, crashDepth: crash, crashHalfLifeDays: 2, crashEstimable: true)
        #expect(CycleModel.classify(fit, ratedDays: rated) == expected)
    }

    @Test("a crash that was not estimable never counts as crashes")
    func notEstimableIsNoCrash() {
        #expect(CycleModel.classify(CycleFit(underlyingMood: 6), ratedDays: 60) == .notLow)
    }

    @Test("crash load follows B_t = f·B_{t-1} + u_{t-1}; the lift time follows from c and h")
    func crashLoad() throws {
        let load = CycleModel.crashLoad(use: [true, false, false, true, false], halfLife: 1)
        #expect(load == [0, 1, 0.5, 0.25, 1.125])
        let parameters = CycleParameters(underlyingMood: 6, surge: 1, crashDepth: 2, crashHalfLifeDays: 1)
        #expect(parameters.daysUntilCrashLifts(within: 0.5) == 3)  // 2 → 1 → 0.5 → 0.25
        #expect(
            CycleParameters(underlyingMood: 6, surge: 0, crashDepth: 0.4, crashHalfLifeDays: 3).daysUntilCrashLifts()
                == 0)
    }
}

@Suite("Simulation")
struct SimulationTests {
    @Test("the same seed gives the same days; another seed does not")
    func deterministic() {
        let a = CycleSimulator.simulate(.crashDriven, days: 60, seed: 42)
        let b = CycleSimulator.simulate(.crashDriven, days: 60, seed: 42)
        let c = CycleSimulator.simulate(.crashDriven, days: 60, seed: 43)
        #expect(a == b)
        #expect(a.days != c.days)
    }

    @Test("weekend binges in the first two thirds, then abstinence; about 8 % unrated; values in range")
    func shape() {
        let client = CycleSimulator.simulate(.mixed, days: 900, seed: 9)
        for (index, day) in client.days.enumerated() {
            #expect(day.used == (index < 600 && day.date.isoWeekday >= 6))
            if let mood = day.mood { #expect(CheckInLimits.scale.contains(mood)) }
            if let sleep = day.sleepHours { #expect(CheckInLimits.isValidSleep(sleep)) }
        }
        let unrated = Double(client.days.filter { !$0.isRated }.count) / 900
        #expect(unrated > 0.05 && unrated < 0.11)
        #expect(SimulationProfile.mixed.underlyingMood.contains(client.parameters.underlyingMood))
    }
}
