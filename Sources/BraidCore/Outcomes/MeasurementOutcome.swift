import Foundation

/// Direction of a reliable change (Jacobson & Truax 1991).
public enum ReliableChange: String, Sendable, Hashable, Codable, CaseIterable {
    case improved
    case deteriorated
    case none
}

/// Change between a baseline and a later score of the same instrument (clinical-rules.md §9). Lower is better.
public struct MeasurementOutcome: Sendable, Hashable, Codable {
    public let baseline: Int
    public let latest: Int
    public var change: Int { latest - baseline }
    /// Down by at least the response fraction (50 %) from a non-zero baseline.
    public let response: Bool
    /// Below the remission cut-off (PHQ-9 < 5); `nil` for instruments without one.
    public let remission: Bool?
    public let reliableChange: ReliableChange

    public init(
        instrument: Instrument.ID, baseline: Int, latest: Int, configuration: OutcomeConfiguration = .default
    ) {
        self.baseline = baseline
        self.latest = latest
        response = baseline > 0 && Double(baseline - latest) >= configuration.responseDrop * Double(baseline)
        remission = instrument == .phq9 ? latest < configuration.phq9RemissionBelow : nil
        if let threshold = configuration.reliableChange[instrument] {
            reliableChange =
                latest - baseline <= -threshold ? .improved : latest - baseline >= threshold ? .deteriorated : .none
        } else {
            reliableChange = .none
        }
    }
}
