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

    var chart: SVGChart {
        let typicalCurve = Self.typical.expectedMood(use: Self.use)
        let ownCurve = own?.expectedMood(use: Self.use)
        func describe(_ curve: [Double]) -> String {
            let low = curve.enumerated().min { $0.element < $1.element }!
            return "lowest \(format((low.element * 10).rounded() / 10)) on day \(low.offset + 1)"
        }
        var chart = SVGChart(
            title: "A weekend of use, played through two mood curves",
            summary: "Expected mood over \(Self.days) days when cocaine is used on days 3 and 4. Typical crash "
                + "(simulated): \(describe(typicalCurve)). "
                + (ownCurve.map { "Yours (from your check-ins): \(describe($0))." }
                    ?? "Yours is not shown yet: it needs at least \(configuration.minUseDaysForCrash) use days and "
                    + "\(configuration.minRatedNonUseDaysForCrash) days without use with a mood rating."),
            x: 0...Double(Self.days), y: 0...10)
        chart.yTicks = [0, 5, 10].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = stride(from: 0, to: Self.days, by: 5).map {
            .init(value: Double($0) + 0.5, label: "day \($0 + 1)")
        }
        chart.bars = Self.use.enumerated().compactMap { index, used in
            used ? .init(x: Double(index), width: 1, height: 0.8, color: "#b3261e") : nil
        }
        chart.legendExtras = [("Use day", "#b3261e")]
        func clipped(_ curve: [Double]) -> [SVGChart.Point] {
            curve.enumerated().map { .init(x: Double($0) + 0.5, y: min(max($1, 0), 10)) }
        }
        chart.lines = [
            .init(label: "Typical crash (simulated)", points: clipped(typicalCurve), color: "#5f6368", dashed: true)
        ]
        if let ownCurve { chart.lines.append(.init(label: "You", points: clipped(ownCurve), color: "#0b57d0")) }
        return chart
    }

    /// The four parts of the cycle, each with a sentence from the client's own numbers where they exist.
    var parts: [(name: String, general: String, yours: String?)] {
        let own = own
        return [
            (
                "Surge",
                "Cocaine floods the brain's reward system with dopamine: for a few hours mood and energy jump.",
                own.map {
                    $0.surge >= 0.5
                        ? "On use days your mood rated about \(format(rounded($0.surge))) points higher."
                        : "Your check-ins show little lift on use days."
                }
            ),
            (
                "Crash",
                "Afterwards the reward system is depleted: mood drops below where it was, usually for days, sometimes "
                    + "up to two weeks.",
                own.map {
                    "The day after using, your mood drops about \(format(rounded($0.crashDepth))) points and lifts "
                        + "within about \(plural(max($0.daysUntilCrashLifts(), 1), "day"))."
                }
            ),
            (
                "Chase",
                "The crash makes a low that cocaine seems to fix, so craving rises just when mood is lowest.",
                fit.crashCraving.flatMap { value in
                    value >= 0.5 ? "In a crash your craving rises about \(format(rounded(value))) points." : nil
                }
            ),
            (
                "Deepening",
                "When uses come closer together than the crash takes to lift, crashes stack up and the floor drops: "
                    + "mood between uses sinks below your usual.",
                fit.deepening
                    ? "Your crashes got deeper in the second half of your check-ins."
                    : own.map { _ in "Your crashes have not been getting deeper." }
            ),
        ]
    }

    private func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
