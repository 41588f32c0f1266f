import Foundation

/// The one typed value that holds a program's clinical rules: cut-offs, thresholds and the crisis line.
/// Each part documents its defaults and their sources; changing any of them is a clinical decision.
public struct ClinicalConfiguration: Sendable, Hashable, Codable {
    public var scoring: ScoringConfiguration
    public var analysis: AnalysisConfiguration
    public var outcomes: OutcomeConfiguration

    public init(
        scoring: ScoringConfiguration = .default, analysis: AnalysisConfiguration = .default,
        outcomes: OutcomeConfiguration = .default
    ) {
        self.scoring = scoring
        self.analysis = analysis
        self.outcomes = outcomes
    }

    /// The defaults of clinical-rules.md.
    public static let `default` = ClinicalConfiguration()
}
