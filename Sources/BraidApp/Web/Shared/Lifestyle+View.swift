import BraidCore
import Plot

/// Exercise and regular meals beside mood, week by week (§10): on the client's pattern page and the chart.
enum LifestyleView {
    static func chart(_ trend: LifestyleTrend, copy: Copy, subject: String) -> SVGChart {
        let weeks = trend.weeks
        let minutes = weeks.map(\.exerciseMinutes).reduce(0, +)
        var chart = SVGChart(
            title: copy(.lifestyleChartTitle, ["subject": subject]),
            summary: copy(
                .lifestyleChartSummary,
                [
                    "weeks": String(weeks.count), "minutes": String(minutes),
                    "meals": String(weeks.map(\.regularMealDays).reduce(0, +)),
                    "answered": String(weeks.map(\.mealDaysAnswered).reduce(0, +)),
                ]),
            x: 0...Double(max(weeks.count, 1)), y: 0...10)
        chart.yTicks = [0, 5, 7, 10].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = weeks.enumerated().compactMap { index, week in
            index.isMultiple(of: 2) || index == weeks.count - 1
                ? .init(value: Double(index) + 0.5, label: copy.shortDate(week.end)) : nil
        }
        chart.bars = weeks.enumerated().map { index, week in
            .init(x: Double(index) + 0.15, width: 0.7, height: Double(week.exerciseDays), color: "#a8c7fa")
        }
        chart.legendExtras = [(copy(.lifestyleExerciseDays), "#a8c7fa")]
        chart.lines = [
            .init(
                label: copy(.lifestyleMealDays),
                points: weeks.enumerated().map { index, week in
                    .init(x: Double(index) + 0.5, y: week.mealDaysAnswered == 0 ? nil : Double(week.regularMealDays))
                },
                color: "#188038", dashed: true),
            .init(
                label: copy(.activityMoodLine),
                points: weeks.enumerated().map { .init(x: Double($0) + 0.5, y: $1.mood) }, color: "#0b57d0"),
        ]
        return chart
    }

    /// The chart with a table of the same numbers (minutes included), or nothing when no week has an answer.
    static func section(
        _ trend: LifestyleTrend, copy: Copy, subject: String, phone: Bool, id: String = "lifestyle"
    ) -> Node<HTML.BodyContext> {
        guard trend.hasAnswers else { return .empty }
        let figure =
            phone ? chart(trend, copy: copy, subject: subject).phoneSized() : chart(trend, copy: copy, subject: subject)
        return .section(
            .attribute(named: "aria-labelledby", value: "\(id)-heading"),
            .h2(.id("\(id)-heading"), .text(copy(.lifestyleHeading))),
            TimelineView.figure(figure, id: id),
            .div(
                .class("grid-scroll"), .attribute(named: "tabindex", value: "0"),
                .attribute(named: "role", value: "region"),
                .attribute(named: "aria-labelledby", value: "\(id)-table-caption"),
                .table(
                    .caption(.id("\(id)-table-caption"), .text(copy(.lifestyleTableCaption))),
                    .thead(
                        .tr(
                            .th(.attribute(named: "scope", value: "col"), .text(copy(.lifestyleWeekEnding))),
                            .th(.attribute(named: "scope", value: "col"), .text(copy(.lifestyleMinutes))),
                            .th(.attribute(named: "scope", value: "col"), .text(copy(.lifestyleExerciseDays))),
                            .th(.attribute(named: "scope", value: "col"), .text(copy(.lifestyleMealDays))),
                            .th(.attribute(named: "scope", value: "col"), .text(copy(.activityMoodLine))))),
                    .tbody(
                        .forEach(trend.weeks.reversed()) { week in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(copy.shortDate(week.end))),
                                .td(.text(String(week.exerciseMinutes))), .td(.text(String(week.exerciseDays))),
                                .td(
                                    .text(
                                        week.mealDaysAnswered == 0
                                            ? "—" : "\(week.regularMealDays) / \(week.mealDaysAnswered)")),
                                .td(.text(week.mood.map(copy.decimal) ?? "—")))
                        }))))
    }
}
