import BraidCore
import Foundation

/// The client's "My pattern" page: 90 days of their own data and plain sentences from the analysis.
extension TimelineModel {
    static let patternDays = 90

    var sentences: [String] { sentences(.english) }

    /// Plain sentences for the client: the pattern, how fast lows lift, deepening, what is shifting.
    func sentences(_ copy: Copy) -> [String] {
        var lines: [String] = []
        let parameters = analysis.model.parameters
        switch analysis.classification {
        case .insufficientData:
            lines.append(copy(.patternKeepGoing, ["days": String(configuration.minRatedDaysForClassification)]))
        case .crashDriven, .mixed:
            if let parameters, parameters.crashDepth > 0 {
                let lift = max(parameters.daysUntilCrashLifts(), 1)
                lines.append(copy(.patternCrash, ["days": copy.count(lift, one: .cycleDayOne, many: .cycleDaysMany)]))
            }
            if analysis.classification == .mixed { lines.append(copy(.patternMixed)) }
        case .persistent:
            lines.append(copy(.patternPersistent))
        case .notLow:
            lines.append(copy(.patternNotLow))
        }
        if analysis.model.deepening { lines.append(copy(.patternDeepening)) }
        if let progress = analysis.progress {
            if progress.dipsPerWeek.shifted, let first = progress.dipsPerWeek.first14,
                let last = progress.dipsPerWeek.last14
            {
                lines.append(copy(.patternFewerLowDays, ["first": copy.decimal(first), "last": copy.decimal(last)]))
            }
            if progress.sleepHours.shifted, let last = progress.sleepHours.last14 {
                let band = "\(copy.decimal(healthySleep.lowerBound))–\(copy.decimal(healthySleep.upperBound))"
                lines.append(copy(.patternSleep, ["band": band, "now": copy.decimal(last)]))
            }
            if progress.useDays.shifted { lines.append(copy(.patternFewerUseDays)) }
            if progress.baselineMood.shifted { lines.append(copy(.patternMoodRising)) }
        }
        return lines
    }
}
