import Foundation

/// Everything Braid reads from a client's check-ins (the `braid analyze` object of clinical-rules.md §5).
public struct CheckInAnalysis: Sendable, Hashable, Codable {
    public struct Days: Sendable, Hashable, Codable {
        public let first: CalendarDate?
        public let last: CalendarDate?
        public let rated: Int
        /// Calendar days in the period without a mood rating.
        public let missing: Int
    }

    public let days: Days
    public let use: UseMetrics
    public let model: CycleFit
    public let classification: CycleClassification
    public let progress: Progress?
    public let flags: [AnalysisFlag]

    /// Analyses a series (dense calendar days) with the PHQ-9 totals recorded in or before it.
    public static func analyze(
        _ series: CheckInSeries, phq9: [DatedScore] = [], screens: [UrineScreen] = [],
        configuration: ClinicalConfiguration = .default, fitter: CycleFitter? = nil
    ) -> CheckInAnalysis {
        let rated = series.ratedCount
        let use = UseCalendar(series: series, screens: screens).metrics
        let model = (fitter ?? CycleFitter(configuration: configuration.analysis)).fit(series)
        return CheckInAnalysis(
            days: Days(first: series.first, last: series.last, rated: rated, missing: series.count - rated),
            use: use, model: model,
            classification: CycleModel.classify(model, ratedDays: rated, configuration: configuration.analysis),
            progress: Progress.compute(
                series, phq9: phq9, configuration: configuration.analysis, outcomes: configuration.outcomes),
            flags: AnalysisFlag.evaluate(series, use: use, phq9: phq9, configuration: configuration.analysis))
    }

    /// Whether any flag calls for the care team's attention today (safety always does).
    public func hasFlag(_ id: AnalysisFlag.ID) -> Bool { flags.contains { $0.id == id } }
}
