import Foundation

extension ProgramReport {
    /// The header of `csv` (docs/exports.md documents each column and its type).
    public static let csvColumns = ["section", "measure", "week", "level", "count", "of", "value", "suppressed"]

    /// The report as one long table: a row per statistic. `count` is how many clients (or steps) a row counts,
    /// `of` the group a share or median is over, `value` the median, percent or mean; a withheld cell is empty
    /// and marks its row `suppressed`.
    public var csv: String {
        var rows: [String] = [Self.csvColumns.joined(separator: ",")]
        func add(
            _ section: String, _ measure: String, week: Int? = nil, level: String? = nil, count: ReportCount? = nil,
            of: ReportCount? = nil, value: Double? = nil, suppressed: Bool
        ) {
            let cells = [
                section, measure, week.map(String.init) ?? "", level ?? "", count?.value.map(String.init) ?? "",
                of?.value.map(String.init) ?? "", value.map { String($0) } ?? "", suppressed ? "true" : "false",
            ]
            rows.append(cells.joined(separator: ","))
        }
        func count(_ section: String, _ measure: String, _ cell: ReportCount, week: Int? = nil, level: String? = nil) {
            add(section, measure, week: week, level: level, count: cell, suppressed: cell.isSuppressed)
        }
        func median(_ section: String, _ measure: String, _ cell: ReportMedian, week: Int? = nil) {
            add(
                section, measure, week: week, of: cell.clients, value: cell.median,
                suppressed: cell.clients.isSuppressed)
        }
        func share(_ section: String, _ measure: String, _ cell: ReportShare) {
            add(
                section, measure, count: cell.count, of: cell.of, value: cell.percent,
                suppressed: cell.count.isSuppressed || cell.of.isSuppressed)
        }
        count("episodes", "episodes", episodes)
        count("episodes", "clients", clients)
        count("episodes", "admissions", admissions)
        count("episodes", "discharges", discharges)
        for measure in depression {
            let section = measure.instrument.rawValue
            count(section, "measured", measure.measured)
            count(section, "followed-up", measure.followedUp)
            median(section, "baseline-median", measure.baseline)
            median(section, "latest-median", measure.latest)
            median(section, "change-median", measure.change)
            share(section, "response", measure.response)
            share(section, "remission", measure.remission)
            share(section, "reliable-improvement", measure.reliableImprovement)
            share(section, "reliable-deterioration", measure.reliableDeterioration)
        }
        count("use", "reporting", use.reporting)
        median("use", "percent-days-abstinent-median", use.percentDaysAbstinent)
        median("use", "longest-abstinence-days-median", use.longestAbstinenceDays)
        median("use", "negative-screens-in-a-row-median", use.negativeScreensInARow)
        share("use", "abstinent-21-days-confirmed", use.abstinent21DaysConfirmed)
        median("use", "retention-days-median", use.retentionDays)
        for level in LevelOfCare.admissionLevels {
            count("flow", "admitted", flow.admittedAt[level] ?? ReportCount(0), level: level.rawValue)
        }
        count("flow", "steps-up", flow.stepsUp)
        count("flow", "steps-down", flow.stepsDown)
        count("flow", "episodes-stepped-up", flow.episodesSteppedUp)
        count("flow", "episodes-stepped-down", flow.episodesSteppedDown)
        for transition in flow.transitions {
            count(
                "flow", "transition", transition.count, level: "\(transition.from.rawValue)>\(transition.to.rawValue)")
        }
        for week in weeks {
            median("week", "phq9-median", week.phq9, week: week.week)
            add(
                "week", "percent-days-abstinent-mean", week: week.week, of: week.abstinenceReporting,
                value: week.percentDaysAbstinent, suppressed: week.abstinenceReporting.isSuppressed)
            for level in LevelOfCare.allCases {
                guard let cell = week.inCare[level] else { continue }
                count("week", "in-care", cell, week: week.week, level: level.rawValue)
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }
}
