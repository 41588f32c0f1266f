import ArgumentParser
import BraidCore
import Foundation

/// `braid analyze FILE.csv`: use calendar, cycle fit, classification, progress and flags (clinical-rules.md §3–§5).
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a client's check-in CSV: use, the crash cycle, what is shifting, flags.",
        discussion: """
            FILE is check-in CSV (or - for stdin): date,mood,craving,sleep_hours,used then optional \
            enjoyment,energy,irritability,safety; one row per day in date order; empty cell = missing.
            --phq9 adds PHQ-9 totals (CSV date,total) for the progress markers and the mood flags.
            Output: JSON (days, use, model, classification, progress, flags), or --format text for a short
            report. Fitted curves are decision support, never a diagnosis.
            """
    )

    @Argument(help: "Check-in CSV file, or - for standard input.")
    var file: String

    @Option(name: .customLong("phq9"), help: "PHQ-9 totals as CSV with header date,total.")
    var phq9File: String?

    @Option(help: "json (default) or text.")
    var format: OutputFormat = .json

    func run() throws {
        let days: [CheckInDay]
        do {
            days = try CheckInCSV.parse(InputFile.readText(file, field: "file"))
        } catch let error as CheckInCSVError {
            throw BadInput(field: file, error.description)
        }
        var phq9: [DatedScore] = []
        if let phq9File {
            do {
                phq9 = try DatedScore.parseCSV(InputFile.readText(phq9File, field: "--phq9"))
            } catch let error as CheckInCSVError {
                throw BadInput(field: phq9File, error.description)
            }
        }
        let analysis = CheckInAnalysis.analyze(CheckInSeries(days: days), phq9: phq9).roundedForReport()
        Console.output(format == .json ? try Console.json(analysis) : AnalysisTextReport.render(analysis))
    }
}
