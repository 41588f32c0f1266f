import BraidCore
import Foundation

/// "How the cycle works": the same weekend of use (two days) played through the client's own fitted model and
/// through a simulated typical crash-driven client (the midpoints of `SimulationProfile.crashDriven`), so the
/// client sees the surge, the crash and how fast it lifts, theirs beside the textbook one.
struct CycleExplainer: Sendable {
    static let days = 21
    /// Use on days 2 and 3 (a weekend), nothing after.
    static let use: [Bool] = (0..<days).map { $0 == 2 || $0 == 3 }

    /// The simulated comparison: a crash-driven client at the middle of every parameter range.
    static let typical: CycleParameters = {
        let profile = SimulationProfile.crashDriven
        func middle(_ range: ClosedRange<Double>) -> Double { (range.lowerBound + range.upperBound) / 2 }
        return CycleParameters(
            underlyingMood: middle(profile.underlyingMood), surge: middle(profile.surge),
            crashDepth: middle(profile.crashDepth), crashHalfLifeDays: middle(profile.crashHalfLifeDays))
    }()

    let fit: CycleFit
    let classification: CycleClassification
    /// The program's thresholds: what a fit of the client's own crash needs.
    let configuration: AnalysisConfiguration

    init(analysis: CheckInAnalysis, configuration: AnalysisConfiguration = .default) {
        fit = analysis.model
        classification = analysis.classification
        self.configuration = configuration
    }

    /// The client's parameters when their crash could be estimated from their check-ins.
    var own: CycleParameters? { fit.crashEstimable ? fit.parameters : nil }

    var chart: SVGChart { chart(.english) }

    func chart(_ copy: Copy) -> SVGChart {
        let typicalCurve = Self.typical.expectedMood(use: Self.use)
        let ownCurve = own?.expectedMood(use: Self.use)
        func describe(_ curve: [Double]) -> String {
            let low = curve.enumerated().min { $0.element < $1.element }!
            return copy(.cycleLowest, ["value": copy.decimal(low.element), "day": String(low.offset + 1)])
        }
        var chart = SVGChart(
            title: copy(.cycleChartTitle),
            summary: copy(.cycleChartSummary, ["days": String(Self.days), "typical": describe(typicalCurve)])
                + (ownCurve.map { copy(.cycleChartYours, ["yours": describe($0)]) }
                    ?? copy(
                        .cycleChartNotYet,
                        [
                            "useDays": String(configuration.minUseDaysForCrash),
                            "ratedDays": String(configuration.minRatedNonUseDaysForCrash),
                        ])),
            x: 0...Double(Self.days), y: 0...10)
        chart.yTicks = [0, 5, 10].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = stride(from: 0, to: Self.days, by: 5).map {
            .init(value: Double($0) + 0.5, label: copy(.cycleDay, ["n": String($0 + 1)]))
        }
        chart.bars = Self.use.enumerated().compactMap { index, used in
            used ? .init(x: Double(index), width: 1, height: 0.8, color: "#b3261e") : nil
        }
        chart.legendExtras = [(copy(.cycleUseDay), "#b3261e")]
        func clipped(_ curve: [Double]) -> [SVGChart.Point] {
            curve.enumerated().map { .init(x: Double($0) + 0.5, y: min(max($1, 0), 10)) }
        }
        chart.lines = [
            .init(label: copy(.cycleTypical), points: clipped(typicalCurve), color: "#5f6368", dashed: true)
        ]
        if let ownCurve {
            chart.lines.append(.init(label: copy(.cycleYou), points: clipped(ownCurve), color: "#0b57d0"))
        }
        return chart
    }

    var parts: [(name: String, general: String, yours: String?)] { parts(.english) }

    /// The four parts of the cycle, each with a sentence from the client's own numbers where they exist.
    func parts(_ copy: Copy) -> [(name: String, general: String, yours: String?)] {
        let own = own
        return [
            (
                copy(.cycleSurge), copy(.cycleSurgeGeneral),
                own.map {
                    $0.surge >= 0.5
                        ? copy(.cycleSurgeYours, ["points": copy.decimal($0.surge)]) : copy(.cycleSurgeLittle)
                }
            ),
            (
                copy(.cycleCrash), copy(.cycleCrashGeneral),
                own.map {
                    copy(
                        .cycleCrashYours,
                        [
                            "points": copy.decimal($0.crashDepth),
                            "days": copy.count(
                                max($0.daysUntilCrashLifts(), 1), one: .cycleDayOne, many: .cycleDaysMany),
                        ])
                }
            ),
            (
                copy(.cycleChase), copy(.cycleChaseGeneral),
                fit.crashCraving.flatMap { value in
                    value >= 0.5 ? copy(.cycleChaseYours, ["points": copy.decimal(value)]) : nil
                }
            ),
            (
                copy(.cycleDeepening), copy(.cycleDeepeningGeneral),
                fit.deepening ? copy(.cycleDeepeningYes) : own.map { _ in copy(.cycleDeepeningNo) }
            ),
        ]
    }

    private func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
