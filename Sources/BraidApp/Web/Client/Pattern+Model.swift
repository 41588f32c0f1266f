import BraidCore
import Foundation

/// The client's "My pattern" page: 90 days of their own data and plain sentences from the analysis.
extension TimelineModel {
    static let patternDays = 90

    /// Plain sentences for the client: the pattern, how fast lows lift, deepening, what is shifting.
    var sentences: [String] {
        var lines: [String] = []
        let parameters = analysis.model.parameters
        switch analysis.classification {
        case .insufficientData:
            lines.append(
                "Keep checking in: after \(configuration.minRatedDaysForClassification) days with a mood rating, "
                    + "your pattern will show here.")
        case .crashDriven, .mixed:
            if let parameters, parameters.crashDepth > 0 {
                let lift = max(parameters.daysUntilCrashLifts(), 1)
                lines.append(
                    "Your lows mostly come 1–3 days after using and lift within about \(plural(lift, "day")).")
            }
            if analysis.classification == .mixed {
                lines.append("Your mood is also low between uses: that part of the low needs its own care too.")
            }
        case .persistent:
            lines.append("Your low mood is there between uses too, not only after using: it needs its own care.")
        case .notLow:
            lines.append("Your mood between uses is mostly okay, and there is no strong crash after using.")
        }
        if analysis.model.deepening {
            lines.append("Your crashes got deeper in the second half of this period: the cycle is pulling harder.")
        }
        if let progress = analysis.progress {
            if progress.dipsPerWeek.shifted, let first = progress.dipsPerWeek.first14,
                let last = progress.dipsPerWeek.last14
            {
                lines.append("What is shifting: fewer very low days (from \(format(first)) to \(format(last)) a week).")
            }
            if progress.sleepHours.shifted, let last = progress.sleepHours.last14 {
                let band = "\(format(healthySleep.lowerBound))–\(format(healthySleep.upperBound))"
                lines.append("What is shifting: your sleep is moving toward \(band) hours (now about \(format(last))).")
            }
            if progress.useDays.shifted { lines.append("What is shifting: fewer use days than when you started.") }
            if progress.baselineMood.shifted { lines.append("What is shifting: your mood on ordinary days is rising.") }
        }
        return lines
    }
}
