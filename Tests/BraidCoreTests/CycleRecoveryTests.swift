import Testing

@testable import BraidCore

@Suite("Cycle model recovery on simulated clients")
struct CycleRecoveryTests {
    /// 100 clients per profile × 90 days, each with its own seed: the analysis must recover the profile for at
    /// least 90 % and the underlying mood with mean absolute error at most 0.5 (issue 3).
    @Test("400 simulated clients: profile recovered ≥ 90 %, underlying mood MAE ≤ 0.5")
    func recovery() {
        let fitter = CycleFitter()
        var correct = 0
        var absoluteError = 0.0
        var perProfile: [CycleClassification: Int] = [:]
        var total = 0
        for profile in SimulationProfile.all {
            for index in 0..<100 {
                let seed = UInt64(1_000 * (SimulationProfile.all.firstIndex(of: profile)! + 1) + index)
                let client = CycleSimulator.simulate(profile, days: 90, seed: seed)
                let series = CheckInSeries(days: client.days)
                let fit = fitter.fit(series)
                let classification = CycleModel.classify(fit, ratedDays: series.ratedCount)
                if classification == profile.classification {
                    correct += 1
                    perProfile[profile.classification, default: 0] += 1
                }
                absoluteError += abs((fit.underlyingMood ?? .nan) - client.parameters.underlyingMood)
                total += 1
            }
        }
        let accuracy = Double(correct) / Double(total)
        let meanAbsoluteError = absoluteError / Double(total)
        print("recovery: accuracy \(accuracy), MAE \(meanAbsoluteError), per profile \(perProfile)")
        #expect(total == 400)
        #expect(accuracy >= 0.90)
        #expect(meanAbsoluteError <= 0.5)
    }
}
