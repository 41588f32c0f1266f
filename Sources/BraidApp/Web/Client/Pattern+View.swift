import BraidCore
import Plot

/// "My pattern": the client's own data, explained.
enum PatternView {
    static func render(_ model: TimelineModel, context: PageContext) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("My pattern")),
            .ul(.class("summary result"), .forEach(model.sentences) { .li(.text($0)) }),
            TimelineView.figure(model.chart.phoneSized(), id: "pattern"),
            TimelineView.figure(model.sleepChart.phoneSized(), id: "sleep"),
            LifestyleView.section(
                model.lifestyle, copy: context.copy, subject: context.copy(.subjectYour), phone: true),
            .h2(.text("Use calendar")),
            TimelineView.calendar(model),
            .p(
                .text(
                    "This picture is made from your own check-ins. It explains; it does not diagnose. Talk it over with "
                        + "your care team.")),
            .p(
                .a(.href(SiteURL.cycle.path), .text("How the cycle works")), .text(" · "),
                .a(.href(SiteURL.today().path), .text("Back to today"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "My pattern", context: context, content)
    }
}
