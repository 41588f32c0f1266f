import BraidCore
import Plot

/// Pieces every page with a client's days shares: a chart as a captioned figure, and the use calendar.
enum TimelineView {
    /// An SVG chart in a figure whose caption repeats the chart's description for sighted readers.
    static func figure(_ chart: SVGChart, id: String) -> Node<HTML.BodyContext> {
        .element(
            named: "figure",
            nodes: [
                .raw(chart.render(id: id)),
                .element(named: "figcaption", text: chart.summary),
            ])
    }

    /// The use calendar, one month grid after another, with a key.
    static func calendar(_ model: TimelineModel, copy: Copy = .english) -> Node<HTML.BodyContext> {
        typealias Status = TimelineModel.CalendarCell.Status
        func label(_ status: Status) -> String {
            switch status {
            case .used: copy(.calendarUsed)
            case .notUsed: copy(.calendarNotUsed)
            case .possibleUse: copy(.calendarPossibleUse)
            case .negativeScreen: copy(.calendarNegativeScreen)
            case .unknown: copy(.calendarNoAnswer)
            }
        }
        return .div(
            .class("calendars"),
            .p(
                .class("key"),
                .text(Status.allCases.map { "\($0.symbol) = \(label($0))" }.joined(separator: " · "))),
            .forEach(model.calendarMonths(copy)) { month in
                .table(
                    .class("calendar"),
                    .caption(.text(month.title)),
                    .thead(
                        .tr(
                            .forEach(Copy.weekdays) {
                                .th(.attribute(named: "scope", value: "col"), .text(copy($0)))
                            })),
                    .tbody(
                        .forEach(month.weeks) { week in
                            .tr(
                                .forEach(week) { cell in
                                    .td(
                                        .unwrap(cell) { cell in
                                            .group(
                                                .attribute(
                                                    named: "class",
                                                    value: cell.status.rawValue.replacingOccurrences(of: " ", with: "-")
                                                ),
                                                .span(
                                                    .class("day"),
                                                    .text(String(cell.date.components.day))),
                                                .attribute(
                                                    named: "title", value: "\(cell.date): \(label(cell.status))"),
                                                // The symbol is for the eye; screen readers hear the status.
                                                .span(
                                                    .attribute(named: "aria-hidden", value: "true"),
                                                    .text(cell.status.symbol)),
                                                .span(.class("sr"), .text(label(cell.status))))
                                        })
                                })
                        })
                )
            }
        )
    }
}
