import BraidCore
import Foundation

/// The short readable report of `braid analyze --format text`, for a clinician.
enum AnalysisTextReport {
    static func render(_ analysis: CheckInAnalysis) -> String {
        var lines: [String] = []
        let days = analysis.days
        guard let first = days.first, let last = days.last else { return "No check-ins." }
        lines.append("Check-ins \(first) to \(last): \(days.rated) rated, \(days.missing) missing.")
        let use = analysis.use
        let percent = use.percentDaysAbstinent.map { "\(number($0))% of known days abstinent" } ?? "no known days"
        lines.append(
            "Use: \(use.useDays) use days (\(use.useDaysLast30) in the last 30); \(percent); longest abstinence "
                + "\(use.longestAbstinenceDays) days; current \(use.currentAbstinenceDays) days.")
        lines.append("Model: " + modelLine(analysis.model))
        lines.append("Classification: \(analysis.classification.rawValue). " + classificationSentence(analysis))
        if let progress = analysis.progress {
            lines.append("What is shifting (first 14 vs last 14 rated days):")
            lines.append(markerLine("dips per week", progress.dipsPerWeek))
            lines.append(markerLine("sleep hours", progress.sleepHours))
            lines.append(markerLine("baseline mood", progress.baselineMood))
            lines.append(markerLine("use days", progress.useDays))
            if let phq9 = progress.phq9 {
                var outcome: [String] = []
                if phq9.response { outcome.append("response") }
                if phq9.remission { outcome.append("remission") }
                if phq9.reliableChange != .none {
                    outcome.append(
                        "reliable \(phq9.reliableChange.rawValue == "improved" ? "improvement" : "deterioration")")
                }
                lines.append(
                    "  PHQ-9           \(phq9.first) → \(phq9.latest) (\(signed(Double(phq9.change))))"
                        + (outcome.isEmpty ? "" : "  " + outcome.joined(separator: ", ")))
            }
        } else {
            lines.append("What is shifting: needs at least 28 rated days.")
        }
        if analysis.flags.isEmpty {
            lines.append("Flags: none.")
        } else {
            lines.append("Flags:")
            for flag in analysis.flags {
                let evidence = flag.evidence.keys.sorted().map { "\($0) \(number(flag.evidence[$0]!))" }
                lines.append("  ! \(flag.id.rawValue): " + evidence.joined(separator: ", "))
            }
        }
        lines.append("Decision support, not a diagnosis. Crisis: call or text 988; emergencies 911.")
        return lines.joined(separator: "\n")
    }

    static func modelLine(_ model: CycleFit) -> String {
        guard let mood = model.underlyingMood else { return "no rated days without use to estimate from." }
        var parts = ["underlying mood \(number(mood))"]
        if let surge = model.surge { parts.append("same-day surge \(signed(surge))") }
        if let parameters = model.parameters, parameters.crashDepth > 0 {
            parts.append(
                "crash depth \(number(parameters.crashDepth)), half-life \(number(parameters.crashHalfLifeDays)) days")
        } else if model.crashEstimable {
            parts.append("no crash detected")
        } else {
            parts.append("crash not estimable (needs ≥ 3 use days and ≥ 14 rated non-use days)")
        }
        if let r2 = model.r2 { parts.append("R² \(number(r2))") }
        if model.deepening { parts.append("DEEPENING: crashes deeper in the second half") }
        if let craving = model.crashCraving { parts.append("craving \(signed(craving)) per unit crash load") }
        return parts.joined(separator: "; ") + "."
    }

    static func classificationSentence(_ analysis: CheckInAnalysis) -> String {
        switch analysis.classification {
        case .crashDriven:
            let lift = analysis.model.parameters?.daysUntilCrashLifts() ?? 0
            return "Lows mostly come after use and lift within about \(lift) days; the baseline is not low."
        case .persistent:
            return "The low is there between uses too: evaluate and treat the depression in its own right."
        case .mixed:
            return "Crash lows on top of a low baseline: treat both the crash cycle and the depression."
        case .notLow: return "Neither a low baseline nor marked crashes."
        case .insufficientData: return "Needs at least 28 rated days."
        }
    }

    static func markerLine(_ name: String, _ marker: ProgressMarker) -> String {
        let from = marker.first14.map(number) ?? "—"
        let to = marker.last14.map(number) ?? "—"
        return "  " + name.padding(toLength: 16, withPad: " ", startingAt: 0) + "\(from) → \(to)"
            + (marker.shifted ? "  shifted" : "")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded()
            ? String(Int(value))
            : String(format: "%.2f", value).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }

    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "−") + number(abs(value)) }
}
