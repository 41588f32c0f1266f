import ArgumentParser
import BraidApp
import BraidCore
import Foundation

/// `braid report`: the program report (clinical-rules.md §9) for a date range, as HTML, CSV or JSON.
struct ReportCommand: AsyncBraidCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The program report for a date range: both tracks' outcomes, level flow, plots (aggregates only).",
        discussion: """
            Covers the episodes of care in care on some day from --from to --to (at most 3,660 days); each outcome \
            runs from admission to discharge or the end of the range (today at the latest). Counts of 1–4 are \
            withheld (<5 in HTML, empty in CSV, null in JSON), as is any median or share over fewer than 5 \
            clients; no name or identifier is printed. html is a standalone page with the SVG plots (PHQ-9 and \
            abstinence by week of treatment, level flow); csv is one row per statistic (docs/exports.md); json \
            is the report object. Audited as report.read. Bad input exits 2 naming the option.
            """)

    @Option(help: "First day of the range (YYYY-MM-DD).") var from: String
    @Option(help: "Last day of the range (YYYY-MM-DD).") var to: String
    @Option(help: "html (default), csv or json.") var format: String = "html"
    @Option(help: "Program id (when the database holds several programs).") var program: String?
    @OptionGroup var database: DatabaseOptions

    func runAsync() async throws {
        guard let first = CalendarDate(iso: from) else {
            throw BadInput(field: "--from", "'\(from.prefix(20))' is not a date (YYYY-MM-DD)")
        }
        guard let last = CalendarDate(iso: to) else {
            throw BadInput(field: "--to", "'\(to.prefix(20))' is not a date (YYYY-MM-DD)")
        }
        do {
            try ProgramReport.checkRange(from: first, to: last)
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        guard ["html", "csv", "json"].contains(format) else {
            throw BadInput(field: "--format", "'\(format.prefix(20))' is not html, csv or json")
        }
        var programID: ProgramID?
        if let program {
            guard let id = ProgramID(program) else { throw BadInput(field: "--program", "'\(program)' is not an id") }
            programID = id
        }
        let (name, report) = try await withBraidApplication(database) { _, app in
            try await ProgramReporting.report(app, programID: programID, from: first, to: last)
        }
        switch format {
        case "csv": Console.output(String(report.csv.dropLast()))
        case "json": Console.output(try ProgramReporting.json(report))
        default: Console.output(ProgramReportViews.document(report, program: name))
        }
    }
}
