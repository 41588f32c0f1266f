import ArgumentParser
import BraidCore
import Foundation

/// `braid outcomes`: the measurement-based-care outcome of a series of totals (clinical-rules.md §9).
struct OutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Outcome of PHQ-9, GAD-7 or PCL-5 totals: change, response, remission, reliable change.",
        discussion: """
            The first total is the baseline and the last the latest (one total is both). change = latest − \
            baseline (negative is better); percentChange = change / baseline × 100, one decimal (null at a \
            baseline of 0). Response: PHQ-9 and GAD-7 down ≥ 50 %, PCL-5 down ≥ 10 points. Remission: PHQ-9 or \
            GAD-7 below 5, PCL-5 below 33. Both are null unless the baseline was in the clinical range (PHQ-9 or \
            GAD-7 ≥ 10, PCL-5 ≥ 33). Reliable change (Jacobson & Truax): PHQ-9 6 points, GAD-7 4, PCL-5 10.
            Prints {"instrument", "baseline", "latest", "change", "percentChange", "response", "remission", \
            "reliableImprovement", "reliableDeterioration"}. Bad input exits 2 naming the value.
            """
    )

    @Argument(help: "phq9, gad7 or pcl5.") var instrument: String
    @Option(help: "Totals in order, baseline first, e.g. 18,14,9.") var totals: String

    func run() throws {
        guard let id = Instrument.ID(rawValue: instrument), MeasurementOutcome.instruments.contains(id) else {
            throw BadInput(field: "instrument", "'\(instrument.prefix(20))' is not phq9, gad7 or pcl5")
        }
        let maximum = Instrument.definition(id).maximumTotal ?? 0
        var values: [Int] = []
        for (index, text) in totals.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let value = Int(trimmed), (0...maximum).contains(value) else {
                throw BadInput(
                    field: "--totals",
                    "value \(index + 1) '\(trimmed.prefix(20))' is not a whole number 0…\(maximum) (\(id.rawValue))")
            }
            values.append(value)
        }
        guard let baseline = values.first, let latest = values.last else {
            throw BadInput(field: "--totals", "give at least one total")
        }
        Console.output(Self.json(MeasurementOutcome(instrument: id, baseline: baseline, latest: latest)))
    }

    /// The contract's JSON, keys sorted, percentChange with one decimal.
    static func json(_ outcome: MeasurementOutcome) -> String {
        func optional(_ value: Bool?) -> String { value.map { "\($0)" } ?? "null" }
        let percent = outcome.percentChange.map { String(format: "%.1f", $0) } ?? "null"
        return "{\"baseline\":\(outcome.baseline),\"change\":\(outcome.change),"
            + "\"instrument\":\"\(outcome.instrument.rawValue)\",\"latest\":\(outcome.latest),"
            + "\"percentChange\":\(percent),\"reliableDeterioration\":\(outcome.reliableDeterioration),"
            + "\"reliableImprovement\":\(outcome.reliableImprovement),\"remission\":\(optional(outcome.remission)),"
            + "\"response\":\(optional(outcome.response))}"
    }
}
