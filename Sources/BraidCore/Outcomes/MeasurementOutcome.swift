import Foundation

/// Direction of a reliable change (Jacobson & Truax 1991).
public enum ReliableChange: String, Sendable, Hashable, Codable, CaseIterable {
    case improved
    case deteriorated
    case none
}

/// Change between a baseline (the first total of the episode) and the latest total of the same instrument
/// (clinical-rules.md §9). Lower is better on PHQ-9, GAD-7 and PCL-5.
public struct MeasurementOutcome: Sendable, Hashable, Codable {
    public let instrument: Instrument.ID
    public let baseline: Int
    public let latest: Int
    public var change: Int { latest - baseline }
    /// change / baseline × 100, rounded to one decimal; `nil` when the baseline is 0.
    public let percentChange: Double?
    /// PHQ-9 and GAD-7 down ≥ 50 % from baseline; PCL-5 down ≥ 10 points. `nil` unless the baseline was in the
    /// clinical range (PHQ-9 ≥ 10, GAD-7 ≥ 10, PCL-5 ≥ 33) or for instruments without the rule.
    public let response: Bool?
    /// PHQ-9 < 5, GAD-7 < 5, PCL-5 below the probable-PTSD cut-off (33); `nil` as for `response`.
    public let remission: Bool?
    public let reliableChange: ReliableChange

    public var reliableImprovement: Bool { reliableChange == .improved }
    public var reliableDeterioration: Bool { reliableChange == .deteriorated }

    /// The instruments §9 defines outcomes for.
    public static let instruments: [Instrument.ID] = [.phq9, .gad7, .pcl5]

    public init(
        instrument: Instrument.ID, baseline: Int, latest: Int, configuration: OutcomeConfiguration = .default
    ) {
        self.instrument = instrument
        self.baseline = baseline
        self.latest = latest
        percentChange =
            baseline == 0 ? nil : (Double(latest - baseline) / Double(baseline) * 1000).rounded() / 10
        if let rule = configuration.rules[instrument], baseline >= rule.clinicalFrom {
            switch rule.response {
            case .fraction(let drop): response = Double(baseline - latest) >= drop * Double(baseline)
            case .points(let points): response = baseline - latest >= points
            }
            remission = latest < rule.remissionBelow
        } else {
            response = nil
            remission = nil
        }
        if let threshold = configuration.reliableChange[instrument] {
            reliableChange =
                latest - baseline <= -threshold ? .improved : latest - baseline >= threshold ? .deteriorated : .none
        } else {
            reliableChange = .none
        }
    }
}
