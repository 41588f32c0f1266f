import BraidCore
import Plot

/// "My pattern": the client's own data, explained.
enum PatternView {
    static let symbols = ["used": "U", "not used": "·", "no answer": "?", "negative screen": "−"]

    static func render(_ model: PatternModel, csrfToken: String, crisis: CrisisResources) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("My pattern")),
            .ul(.class("summary result"), .forEach(model.sentences) { .li(.text($0)) }),
            .element(
                named: "figure",
                nodes: [
                    .raw(model.chart.render(id: "pattern")),
                    .element(named: "figcaption", text: model.chart.summary),
                ]),
            .h2(.text("Use calendar")),
            .p(.text("U = used · “·” = not used · ? = no answer · − = negative urine screen")),
            .table(
                .class("calendar"),
                .caption(.text("Last 90 days, week by week")),
                .thead(.tr(.forEach(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) { .th(.text($0)) })),
                .tbody(
                    .forEach(model.calendarWeeks) { week in
                        .tr(
                            .forEach(week) { cell in
                                .td(
                                    .unwrap(cell) { cell in
                                        .group(
                                            .attribute(
                                                named: "class",
                                                value: cell.status.replacingOccurrences(of: " ", with: "-")),
                                            .attribute(named: "title", value: "\(cell.date): \(cell.status)"),
                                            .text(symbols[cell.status] ?? ""))
                                    })
                            })
                    })
            ),
            .p(
                .text(
                    "This picture is made from your own check-ins. It explains; it does not diagnose. Talk it over with "
                        + "your care team.")),
            .p(.a(.href(WebSiteURL.today), .text("Back to today"))),
            SignedInViews.signOut(csrfToken)
        )
        return Layout.page(title: "My pattern", crisis: crisis, content)
    }
}
