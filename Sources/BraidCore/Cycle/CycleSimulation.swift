import Foundation

/// Simulated check-in histories from the cycle model (clinical-rules.md §4), for demos, tests and benchmarks.
///
/// Each simulated client draws its parameters uniformly from its profile's documented ranges (seeded), uses
/// cocaine in 2-day weekend binges (Saturday and Sunday) for the first two thirds of the days and is abstinent
/// after. Mood noise is AR(1) with φ = 0.3 and innovation σ = 0.7; mood and craving are rounded and clipped to
/// 0–10, sleep to half hours. About 8 % of days are unrated: their mood, craving and sleep are empty, while use
/// stays known (as from the clinician's Timeline Followback recall).
public struct SimulationProfile: Sendable, Hashable {
    public let classification: CycleClassification
    /// Ranges the client's parameters are drawn from; kept clear of the classification cut-offs
    /// (baseline 5.0, crash depth 1.0) so the profile is what the data shows.
    public let underlyingMood: ClosedRange<Double>
    public let surge: ClosedRange<Double>
    public let crashDepth: ClosedRange<Double>
    public let crashHalfLifeDays: ClosedRange<Double>
    /// Craving with no crash load, and its rise per unit crash load (the chase).
    public let cravingBaseline: Double
    public let cravingPerCrashLoad: Double
    /// Usual sleep; a use night costs 3 h and each unit of crash load adds 0.8 h (crash hypersomnia).
    public let sleepBaseline: Double

    public static let crashDriven = SimulationProfile(
        classification: .crashDriven, underlyingMood: 5.8...7.5, surge: 0.5...1.5, crashDepth: 2.0...3.5,
        crashHalfLifeDays: 2...5, cravingBaseline: 3, cravingPerCrashLoad: 1.5, sleepBaseline: 7)
    public static let persistent = SimulationProfile(
        classification: .persistent, underlyingMood: 2.5...4.2, surge: 0.5...1.5, crashDepth: 0...0.4,
        crashHalfLifeDays: 1...3, cravingBaseline: 4, cravingPerCrashLoad: 0.3, sleepBaseline: 6)
    public static let mixed = SimulationProfile(
        classification: .mixed, underlyingMood: 2.8...4.2, surge: 0.5...1.5, crashDepth: 2.0...3.5,
        crashHalfLifeDays: 2...5, cravingBaseline: 4, cravingPerCrashLoad: 1.5, sleepBaseline: 6)
    public static let notLow = SimulationProfile(
        classification: .notLow, underlyingMood: 5.8...7.5, surge: 0.5...1.5, crashDepth: 0...0.4,
        crashHalfLifeDays: 1...3, cravingBaseline: 2, cravingPerCrashLoad: 0.3, sleepBaseline: 7.5)

    public static let all = [crashDriven, persistent, mixed, notLow]

    /// The profile for a classification; `nil` for `insufficient-data`.
    public static func named(_ classification: CycleClassification) -> SimulationProfile? {
        all.first { $0.classification == classification }
    }
}

/// One simulated client: the parameters drawn and the check-in days produced.
public struct SimulatedClient: Sendable, Hashable {
    public let profile: CycleClassification
    public let parameters: CycleParameters
    public let days: [CheckInDay]
}

public enum CycleSimulator {
    /// Default first day: a Monday, so every simulated history has the same weekday layout.
    public static let defaultStart = CalendarDate(year: 2026, month: 1, day: 5)!
    public static let noisePhi = 0.3
    public static let noiseSigma = 0.7
    public static let unratedShare = 0.08

    /// Simulates `days` days; the same profile, days, seed and start always give the same result.
    public static func simulate(
        _ profile: SimulationProfile, days: Int, seed: UInt64, start: CalendarDate = defaultStart
    ) -> SimulatedClient {
        var random = SeededGenerator(seed: seed)
        func draw(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUnit()
        }
        let parameters = CycleParameters(
            underlyingMood: draw(profile.underlyingMood), surge: draw(profile.surge),
            crashDepth: draw(profile.crashDepth), crashHalfLifeDays: draw(profile.crashHalfLifeDays))
        let useUntil = days * 2 / 3
        let use = (0..<days).map { t in t < useUntil && start.adding(days: t).isoWeekday >= 6 }
        let load = CycleModel.crashLoad(use: use, halfLife: parameters.crashHalfLifeDays)
        var noise = 0.0
        var records: [CheckInDay] = []
        records.reserveCapacity(days)
        for t in 0..<days {
            noise = noisePhi * noise + noiseSigma * random.nextNormal()
            let cravingNoise = random.nextNormal()
            let sleepNoise = random.nextNormal()
            let unrated = random.nextUnit() < unratedShare
            var day = CheckInDay(date: start.adding(days: t), used: use[t])
            guard !unrated else {
                records.append(day)
                continue
            }
            let usedToday = use[t] ? 1.0 : 0.0
            let mood =
                parameters.underlyingMood + parameters.surge * usedToday - parameters.crashDepth * load[t] + noise
            day.mood = clippedScale(mood)
            day.craving = clippedScale(
                profile.cravingBaseline + 2 * usedToday + profile.cravingPerCrashLoad * load[t] + 0.8 * cravingNoise)
            let sleep = profile.sleepBaseline - 3 * usedToday + 0.8 * load[t] + 0.6 * sleepNoise
            day.sleepHours = min(max((sleep * 2).rounded() / 2, 0), 24)
            records.append(day)
        }
        return SimulatedClient(profile: profile.classification, parameters: parameters, days: records)
    }

    private static func clippedScale(_ value: Double) -> Int {
        Int(min(max(value.rounded(), 0), 10))
    }
}
