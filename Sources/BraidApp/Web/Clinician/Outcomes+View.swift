import BraidCore
import Foundation
import Plot

/// The chart's outcomes of the latest episode (§9, issue 13): the depression track (PHQ-9, GAD-7, PCL-5 from the
/// episode's first total to its latest) beside the stimulant track (days abstinent, screens, retention, steps).
enum OutcomeViews {
    static func section(_ outcome: EpisodeOutcome?) -> Node<HTML.BodyContext> {
        .section(
            .id("outcomes"), .attribute(named: "aria-labelledby", value: "outcomes-title"),
            .h2(.id("outcomes-title"), .text("Outcomes of this episode")),
            .unwrap(
                outcome,
                { outcome in
                    .group(
                        .p(
                            .class("meta"),
                            .text(
                                "Admitted \(outcome.episode.admittedOn)"
                                    + (outcome.episode.dischargedOn.map { ", discharged \($0)" } ?? ", in care")
                                    + "; measured from the first total of the episode to the latest. Response and "
                                    + "remission count only from a baseline in the clinical range.")),
                        measures(outcome.measures), stimulant(outcome))
                }, else: .p(.text("No episode yet: outcomes count from admission."))))
    }

    static func measures(_ measures: [MeasurementOutcome]) -> Node<HTML.BodyContext> {
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "not applicable" }
        return .if(
            measures.isEmpty, .p(.text("No PHQ-9, GAD-7 or PCL-5 in this episode yet.")),
            else: .div(
                .class("table-scroll"),
                .table(
                    .class("outcomes"),
                    .caption(.text("Depression, anxiety and trauma")),
                    .thead(
                        .tr(
                            .th("Measure"), .th("Baseline"), .th("Latest"), .th("Change"), .th("Response"),
                            .th("Remission"), .th("Reliable change"))),
                    .tbody(
                        .forEach(measures) { outcome in
                            .tr(
                                .attribute(named: "data-instrument", value: outcome.instrument.rawValue),
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .text(Instrument.definition(outcome.instrument).name)),
                                .td(.text(String(outcome.baseline))), .td(.text(String(outcome.latest))),
                                .td(
                                    .text(
                                        "\(outcome.change > 0 ? "+" : "")\(outcome.change)"
                                            + (outcome.percentChange.map { " (\(String(format: "%+.1f", $0)) %)" }
                                                ?? ""))),
                                .td(.text(yesNo(outcome.response))), .td(.text(yesNo(outcome.remission))),
                                .td(
                                    .text(
                                        outcome.reliableImprovement
                                            ? "improved" : outcome.reliableDeterioration ? "worse" : "none")))
                        }))))
    }

    static func stimulant(_ outcome: EpisodeOutcome) -> Node<HTML.BodyContext> {
        let percent = outcome.use?.percentDaysAbstinent.map { "\(Int($0.rounded())) %" } ?? "unknown (no check-ins)"
        let rows: [(String, String, String)] = [
            ("days-abstinent", "Days without use (of days reported)", percent),
            (
                "longest-abstinence", "Longest run without use",
                outcome.use.map { "\($0.longestAbstinenceDays) days" } ?? "—"
            ),
            (
                "negative-screens", "Negative screens in a row",
                "\(outcome.negativeScreensInARow) of \(outcome.screens) screens"
            ),
            (
                "abstinent-21", "21 days without use, confirmed by a negative screen",
                outcome.abstinent21DaysConfirmed.map { $0 ? "reached" : "not yet" } ?? "—"
            ),
            ("retention", "Days in the program", String(outcome.retentionDays)),
            ("level-steps", "Level-of-care steps", "\(outcome.stepsUp) up, \(outcome.stepsDown) down"),
        ]
        return .div(
            .class("table-scroll"),
            .table(
                .class("outcomes"),
                .caption(.text("Stimulant use and care")),
                .tbody(
                    .forEach(rows) { id, label, value in
                        .tr(
                            .attribute(named: "data-outcome", value: id),
                            .th(.attribute(named: "scope", value: "row"), .text(label)), .td(.text(value)))
                    })))
    }
}
