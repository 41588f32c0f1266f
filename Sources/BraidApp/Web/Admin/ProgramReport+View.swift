import BraidCore
import Foundation
import Plot

/// The program report (§9) as HTML: tables for both tracks side by side and three plots from the SVG chart
/// module. Shared by the program lead's page and `braid report --format html`, so they show the same thing.
public enum ProgramReportViews {
    static let levelColors: [LevelOfCare: String] = [
        .outpatient: "#5f6368", .iop: "#0b57d0", .php: "#b06000", .referHigher: "#b3261e",
    ]

    /// A standalone HTML document (styles inline, no links back to the site), for `braid report`.
    public static func document(_ report: ProgramReport, program: String) -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("Program report · \(program) · Braid"),
                .element(named: "style", nodes: [.raw(Stylesheet.css)])
            ),
            .body(.main(.id("main"), .h1(.text("Program report: \(program)")), content(report)))
        ).render()
    }

    /// The report's body: range, episodes, both tracks, the level flow and the plots.
    static func content(_ report: ProgramReport) -> Node<HTML.BodyContext> {
        .group(
            .p(
                .text(
                    "Episodes of care in care on some day from \(report.from) to \(report.to)"
                        + (report.through < report.to ? " (data through \(report.through))" : "")
                        + ". Each outcome runs from admission to discharge or the end of the range. Counts of 1–4 "
                        + "are shown as <5 and a median or share over fewer than 5 clients is suppressed, so that no "
                        + "one can be picked out; no names or records are shown.")),
            .table(
                .class("facts"), .id("report-episodes"), .caption(.text("Episodes")),
                .tbody(
                    countRow("Episodes in care", report.episodes), countRow("Clients", report.clients),
                    countRow("Admissions in the range", report.admissions),
                    countRow("Discharges in the range", report.discharges))),
            .div(
                .class("tracks"),
                .section(
                    .attribute(named: "aria-labelledby", value: "track-depression"),
                    .h2(.id("track-depression"), .text("Depression track")), depressionTable(report.depression)),
                .section(
                    .attribute(named: "aria-labelledby", value: "track-use"),
                    .h2(.id("track-use"), .text("Stimulant track")), useTable(report.use))),
            .h2(.text("Level-of-care flow")),
            flowTable(report.flow),
            .h2(.text("By week of treatment")),
            .div(
                .class("charts"),
                TimelineView.figure(phq9Chart(report.weeks), id: "report-phq9"),
                TimelineView.figure(abstinenceChart(report.weeks), id: "report-abstinence"),
                TimelineView.figure(levelChart(report.weeks), id: "report-levels"))
        )
    }

    static func countRow(_ label: String, _ count: ReportCount) -> Node<HTML.TableContext> {
        .tr(.th(.attribute(named: "scope", value: "row"), .text(label)), .td(.text(count.text)))
    }

    static func text(_ median: ReportMedian, unit: String = "") -> String {
        guard let value = median.median else {
            return median.clients.value == 0 ? "no data" : "suppressed (\(median.clients.text) clients)"
        }
        return "\(number(value))\(unit) (n = \(median.clients.text))"
    }

    static func text(_ share: ReportShare) -> String {
        if share.of.value == 0 { return "no data" }
        guard let percent = share.percent else {
            return share.of.isSuppressed ? "suppressed (<\(ProgramReport.smallCell) clients)" : "<5 of \(share.of.text)"
        }
        return "\(number(percent)) % (\(share.count.text) of \(share.of.text))"
    }

    static func depressionTable(_ measures: [ProgramReport.Measure]) -> Node<HTML.BodyContext> {
        let rows: [(String, (ProgramReport.Measure) -> String)] = [
            ("Episodes with a baseline", { $0.measured.text }),
            ("Followed up (2 or more totals)", { $0.followedUp.text }),
            ("Median baseline", { text($0.baseline) }), ("Median latest", { text($0.latest) }),
            ("Median change", { text($0.change) }),
            ("Response (from a clinical baseline)", { text($0.response) }),
            ("Remission (from a clinical baseline)", { text($0.remission) }),
            ("Reliable improvement", { text($0.reliableImprovement) }),
            ("Reliable deterioration", { text($0.reliableDeterioration) }),
        ]
        return .table(
            .class("facts"), .id("report-depression"),
            .thead(
                .tr(
                    .th(.attribute(named: "scope", value: "col"), .text("Measure")),
                    .forEach(measures) { .th(.attribute(named: "scope", value: "col"), .text(name($0.instrument))) })),
            .tbody(
                .forEach(rows) { row in
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .text(row.0)),
                        .forEach(measures) { .td(.text(row.1($0))) })
                }))
    }

    static func name(_ id: Instrument.ID) -> String {
        switch id {
        case .phq9: "PHQ-9"
        case .gad7: "GAD-7"
        case .pcl5: "PCL-5"
        default: Instrument.definition(id).name
        }
    }

    static func useTable(_ use: ProgramReport.Use) -> Node<HTML.BodyContext> {
        .table(
            .class("facts"), .id("report-use"),
            .tbody(
                .tr(
                    .th(.attribute(named: "scope", value: "row"), .text("Episodes with check-ins")),
                    .td(.text(use.reporting.text))),
                row("Median percent days abstinent", text(use.percentDaysAbstinent, unit: " %")),
                row("Median longest abstinence", text(use.longestAbstinenceDays, unit: " days")),
                row("Median negative screens in a row", text(use.negativeScreensInARow)),
                row("21 days abstinent, confirmed by a negative screen", text(use.abstinent21DaysConfirmed)),
                row("Median retention", text(use.retentionDays, unit: " days"))))
    }

    static func row(_ label: String, _ value: String) -> Node<HTML.TableContext> {
        .tr(.th(.attribute(named: "scope", value: "row"), .text(label)), .td(.text(value)))
    }

    static func flowTable(_ flow: ProgramReport.Flow) -> Node<HTML.BodyContext> {
        .table(
            .class("facts"), .id("report-flow"),
            .tbody(
                .forEach(LevelOfCare.admissionLevels) { level in
                    countRow("Admitted to \(level.shortLabel)", flow.admittedAt[level] ?? ReportCount(0))
                },
                countRow("Steps up", flow.stepsUp), countRow("Steps down", flow.stepsDown),
                countRow("Episodes with a step up", flow.episodesSteppedUp),
                countRow("Episodes with a step down", flow.episodesSteppedDown),
                .forEach(flow.transitions) { transition in
                    countRow("\(transition.from.shortLabel) → \(transition.to.shortLabel)", transition.count)
                }))
    }

    /// Weeks along x, one tick every few weeks.
    static func weekChart(title: String, summary: String, weeks: [ProgramReport.Week], y: ClosedRange<Double>)
        -> SVGChart
    {
        let last = Double(max(weeks.count, 1))
        var chart = SVGChart(title: title, summary: summary, x: 0.5...(last + 0.5), y: y)
        chart.height = 220
        let every = max(1, Int((last / 6).rounded(.up)))
        chart.xTicks = stride(from: 1, through: Int(last), by: every).map {
            .init(value: Double($0), label: "wk \($0)")
        }
        return chart
    }

    static func shownWeeks(_ values: [Double?]) -> String {
        let shown = values.compactMap { $0 }.count
        return shown == values.count ? "every week" : "\(shown) of \(values.count) weeks (the rest suppressed)"
    }

    static func phq9Chart(_ weeks: [ProgramReport.Week]) -> SVGChart {
        let values = weeks.map(\.phq9.median)
        var chart = weekChart(
            title: "PHQ-9 by week of treatment",
            summary: "Median PHQ-9 of the episodes measured in each week of treatment, shown for "
                + shownWeeks(values) + (values.compactMap { $0 }.first.map { "; first shown \(number($0))" } ?? "")
                + (values.compactMap { $0 }.last.map { ", last shown \(number($0))" } ?? "") + ".",
            weeks: weeks, y: 0...27)
        chart.yTicks = [0, 5, 10, 15, 20, 27].map { .init(value: $0, label: number($0)) }
        chart.lines = [
            .init(
                label: "Median PHQ-9",
                points: zip(weeks, values).map { week, value in
                    .init(x: Double(week.week), y: value, note: value.map { "week \(week.week): \(number($0))" })
                }, color: "#202124", markers: true)
        ]
        return chart
    }

    static func abstinenceChart(_ weeks: [ProgramReport.Week]) -> SVGChart {
        let values = weeks.map(\.percentDaysAbstinent)
        var chart = weekChart(
            title: "Abstinence by week of treatment",
            summary: "Mean percent of reported days without use in each week of treatment, shown for "
                + shownWeeks(values) + ".",
            weeks: weeks, y: 0...100)
        chart.yTicks = [0, 25, 50, 75, 100].map { .init(value: $0, label: "\(Int($0)) %") }
        chart.lines = [
            .init(
                label: "Days abstinent",
                points: zip(weeks, values).map { week, value in
                    .init(x: Double(week.week), y: value, note: value.map { "week \(week.week): \(number($0)) %" })
                }, color: "#0b57d0", markers: true)
        ]
        return chart
    }

    static func levelChart(_ weeks: [ProgramReport.Week]) -> SVGChart {
        let levels = LevelOfCare.allCases.filter { level in weeks.contains { $0.inCare[level] != nil } }
        let top = weeks.flatMap { $0.inCare.values.compactMap(\.value) }.max() ?? 0
        var chart = weekChart(
            title: "Level flow by week of treatment",
            summary: "Episodes in care at each level on the first day of each week of treatment: "
                + (levels.isEmpty
                    ? "none."
                    : levels.map { level in
                        "\(level.shortLabel) \(weeks.first?.inCare[level]?.text ?? "0") in week 1"
                    }.joined(separator: ", ") + "."),
            weeks: weeks, y: 0...Double(max(top, 5)))
        let step = max(1, Int((Double(max(top, 5)) / 4).rounded(.up)))
        chart.yTicks = stride(from: 0, through: max(top, 5), by: step).map { .init(value: Double($0), label: "\($0)") }
        chart.lines = levels.map { level in
            .init(
                label: level.shortLabel,
                points: weeks.map { week in
                    let value = week.inCare[level].map { $0.value.map(Double.init) } ?? 0
                    return .init(x: Double(week.week), y: value)
                }, color: levelColors[level] ?? "#5f6368", dashed: level == .php, markers: true)
        }
        return chart
    }
}
