import Foundation

/// Score bands of an instrument: each band starts at `from` and runs to the next band's start.
public struct SeverityBands: Sendable, Hashable, Codable {
    public struct Band: Sendable, Hashable, Codable {
        public let from: Int
        public let severity: Severity

        public init(from: Int, _ severity: Severity) {
            self.from = from
            self.severity = severity
        }
    }

    /// Bands in ascending order of `from`; the first starts at the scale's minimum.
    public let bands: [Band]

    public init(_ bands: [Band]) {
        precondition(!bands.isEmpty && zip(bands, bands.dropFirst()).allSatisfy { $0.from < $1.from })
        self.bands = bands
    }

    /// The band a total falls in.
    public func severity(for total: Int) -> Severity {
        bands.last { total >= $0.from }?.severity ?? bands[0].severity
    }
}

/// Every cut-off used in scoring, with the defaults of clinical-rules.md §1. A program's clinical lead may change
/// them; scoring code reads only this value, never literals.
public struct ScoringConfiguration: Sendable, Hashable, Codable {
    /// Kroenke, Spitzer & Williams 2001: 5 / 10 / 15 / 20 mild, moderate, moderately severe, severe.
    public var phq9Bands = SeverityBands([
        .init(from: 0, .minimal), .init(from: 5, .mild), .init(from: 10, .moderate),
        .init(from: 15, .moderatelySevere), .init(from: 20, .severe),
    ])
    /// Up to this many missing PHQ-9 items are prorated.
    public var phq9MaxProratedItems = 2
    /// Kroenke 2003: PHQ-2 ≥ 3 is a positive depression screen.
    public var phq2PositiveAt = 3
    /// Spitzer 2006: 5 / 10 / 15 mild, moderate, severe anxiety.
    public var gad7Bands = SeverityBands([
        .init(from: 0, .minimal), .init(from: 5, .mild), .init(from: 10, .moderate), .init(from: 15, .severe),
    ])
    public var gad7MaxProratedItems = 1
    /// National Center for PTSD: a PCL-5 total of 31–33 suggests probable PTSD; Braid defaults to 33.
    public var pcl5ProbablePTSDAt = 33
    /// A PCL-5 item counts as an endorsed symptom at "moderately" (2) or more (Weathers 2013).
    public var pcl5EndorsedAt = 2
    public var pcl5MaxProratedItems = 3
    /// DSM-5: 2–3 criteria mild, 4–5 moderate, 6 or more severe.
    public var stimulantBands = SeverityBands([
        .init(from: 0, .none), .init(from: 2, .mild), .init(from: 4, .moderate), .init(from: 6, .severe),
    ])
    /// Kaye & Darke 2002: SDS ≥ 3 discriminates cocaine dependence.
    public var sdsLikelyDependenceAt = 3
    /// A PHQ-9 taken within this many days after the last use is provisional (withdrawal overlaps items 3, 4, 5, 8).
    public var earlyAbstinenceDays = 14

    public init() {}

    /// The defaults of clinical-rules.md §1.
    public static let `default` = ScoringConfiguration()
}
