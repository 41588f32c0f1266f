import BraidCore
import Foundation

/// What the clinician's chart of one client shows, from values only (tested without HTTP): the timeline at 30,
/// 90 or 365 days, PHQ-9 and GAD-7 over time on their severity bands, the latest ordering result, the cycle
/// model's summary and progress markers, the flags with their evidence, screens and the alert history.
struct ClientChartModel: Sendable {
    let client: ClientProfile
    let timeline: TimelineModel
    let assessments: [StoredAssessment]
    let screens: [StoredScreen]
    let alerts: [SafetyAlert]
    let scoring: ScoringConfiguration
    let today: CalendarDate
    /// The program's analysis thresholds, for the flags' plain words and the model's notes.
    var analysisConfiguration: AnalysisConfiguration = .default
    /// The client's episodes of care, oldest first.
    var episodes: [Episode] = []

    var analysis: CheckInAnalysis { timeline.analysis }

    /// Colors for severity bands, mild to severe, light enough behind a dark line.
    static let bandColors: [Severity: String] = [
        .minimal: "#188038", .mild: "#7cb342", .moderate: "#f9ab00", .moderatelySevere: "#e8710a", .severe: "#b3261e",
    ]

    /// Totals of one instrument, oldest first.
    func totals(_ instrument: Instrument.ID) -> [(date: CalendarDate, total: Int)] {
        assessments.compactMap { assessment in
            guard let result = assessment.content.scoreResult, result.instrument == instrument,
                let total = result.total
            else { return nil }
            return (assessment.date, total)
        }
        .sorted { $0.date < $1.date }
    }

    /// PHQ-9 or GAD-7 totals over time with the program's severity bands drawn; `nil` when there are none.
    func measureChart(_ instrument: Instrument.ID) -> SVGChart? {
        let points = totals(instrument)
        guard !points.isEmpty else { return nil }
        let (name, bands) = instrument == .phq9 ? ("PHQ-9", scoring.phq9Bands) : ("GAD-7", scoring.gad7Bands)
        let maximum = Double(Instrument.definition(instrument).maximumTotal ?? 0)
        let first = min(points[0].date, today.adding(days: -27))
        let span = Double(first.days(to: today) + 1)
        let latest = points.last!
        var chart = SVGChart(
            title: "\(name) totals over time",
            summary: "\(plural(points.count, "\(name) total")) from \(points[0].date) to \(latest.date), on bands "
                + bands.bands.map { "\($0.severity.rawValue) from \($0.from)" }.joined(separator: ", ")
                + ". Latest \(latest.total) (\(bands.severity(for: latest.total).rawValue)) on \(latest.date).",
            x: 0...span, y: 0...maximum)
        chart.height = 200
        chart.yTicks = bands.bands.map { .init(value: Double($0.from), label: String($0.from)) }
        chart.xTicks = (0..<4).map { quarter in
            let offset = Int(span - 1) * quarter / 3
            return .init(value: Double(offset) + 0.5, label: first.adding(days: offset).description)
        }
        chart.bands = bands.bands.enumerated().map { index, band in
            let upper = index + 1 < bands.bands.count ? Double(bands.bands[index + 1].from) : maximum
            return .init(
                axis: .y, range: Double(band.from)...upper, color: Self.bandColors[band.severity] ?? "#9aa0a6",
                label: band.severity.rawValue, opacity: 0.14)
        }
        chart.lines = [
            .init(
                label: name,
                points: points.map {
                    .init(
                        x: Double(first.days(to: $0.date)) + 0.5, y: Double($0.total), note: "\($0.date): \($0.total)")
                },
                color: "#202124", markers: true)
        ]
        return chart
    }

    /// The latest ordering interview and its result.
    var latestOrdering: (date: CalendarDate, input: OrderingInput, result: OrderingAssessment)? {
        assessments.compactMap { assessment -> (CalendarDate, OrderingInput, OrderingAssessment)? in
            guard case .ordering(let input, let result) = assessment.content else { return nil }
            return (assessment.date, input, result)
        }
        .max { $0.0 < $1.0 }
    }

    /// §2 re-evaluation (`OrderingReevaluation`), in a sentence for the clinician.
    var reevaluationProposal: String? {
        guard let proposal = OrderingReevaluation(analysis: analysis, latest: latestOrdering?.input) else {
            return nil
        }
        let opening = "Low mood has persisted through \(proposal.abstinentDays) days without use. "
        let weeks = "persisting ≥ \(format(OrderingAssessment.testWeeks)) weeks"
        guard let result = proposal.proposedResult else {
            return opening + "Record the ordering interview, including this stretch without use as an abstinence "
                + "period with low mood \(weeks). You confirm; Braid does not change it."
        }
        return opening + "Adding this stretch to the ordering interview as an abstinence period with low mood "
            + "\(weeks) would give: pattern \(result.pattern.rawValue), depression "
            + "\(result.depressionType.rawValue) (DSM-5). You confirm; Braid does not change it."
    }

    /// The cycle model in rows a clinician reads at a glance.
    var modelRows: [(label: String, value: String)] {
        let fit = analysis.model
        let thresholds = analysisConfiguration
        func value(_ number: Double?, unit: String = "") -> String {
            number.map { format(($0 * 10).rounded() / 10) + unit } ?? "—"
        }
        return [
            ("Classification", analysis.classification.rawValue),
            ("Underlying mood (m)", value(fit.underlyingMood)),
            ("Surge (s)", value(fit.surge)),
            (
                "Crash depth (c)",
                fit.crashEstimable
                    ? value(fit.crashDepth) : "not estimable (needs ≥ \(thresholds.minUseDaysForCrash) use days)"
            ),
            ("Crash half-life (h)", value(fit.crashHalfLifeDays, unit: " days")),
            ("Fit r²", fit.r2.map { String(format: "%.2f", $0) } ?? "—"),
            (
                "Deepening",
                fit.deepening ? "yes (second-half crash deeper by ≥ \(format(thresholds.deepeningIncrease)))" : "no"
            ),
            ("Crash craving (k)", value(fit.crashCraving)),
            ("Rated days", "\(analysis.days.rated) of \(analysis.days.rated + analysis.days.missing)"),
            ("Use days (last 30)", String(analysis.use.useDaysLast30)),
            (
                "Days abstinent (current / longest)",
                "\(analysis.use.currentAbstinenceDays) / \(analysis.use.longestAbstinenceDays)"
            ),
            ("Percent days abstinent", analysis.use.percentDaysAbstinent.map { "\(Int($0.rounded())) %" } ?? "—"),
        ]
    }

    /// §5 markers: first 14 rated days against the last 14.
    var progressRows: [(label: String, first: String, last: String, shifted: Bool)] {
        guard let progress = analysis.progress else { return [] }
        func row(_ label: String, _ marker: ProgressMarker) -> (String, String, String, Bool) {
            func text(_ value: Double?) -> String { value.map { format(($0 * 10).rounded() / 10) } ?? "—" }
            return (label, text(marker.first14), text(marker.last14), marker.shifted)
        }
        var rows = [
            row("Dips per week (mood ≤ 3)", progress.dipsPerWeek), row("Sleep, hours", progress.sleepHours),
            row("Baseline mood", progress.baselineMood), row("Use days", progress.useDays),
        ]
        if let phq9 = progress.phq9 {
            rows.append(
                ("PHQ-9", "\(phq9.first) (\(phq9.firstDate))", "\(phq9.latest) (\(phq9.latestDate))", phq9.shifted))
        }
        return rows
    }

    /// Assessments newest first, for the history table.
    var history: [StoredAssessment] { assessments.sorted { ($0.date, $0.recordedAt) > ($1.date, $1.recordedAt) } }
}
