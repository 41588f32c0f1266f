import BraidCore
import Plot

/// "My pattern": the client's own data, explained.
enum PatternView {
    static func render(_ model: TimelineModel, context: PageContext) -> String {
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.patternTitle))),
            .ul(.class("summary result"), .forEach(model.sentences(copy)) { .li(.text($0)) }),
            TimelineView.figure(model.chart(copy).phoneSized(), id: "pattern"),
            TimelineView.figure(model.sleepChart(copy).phoneSized(), id: "sleep"),
            LifestyleView.section(
                model.lifestyle, copy: context.copy, subject: context.copy(.subjectYour), phone: true),
            .h2(.text(copy(.patternCalendar))),
            TimelineView.calendar(model, copy: copy),
            .p(.text(copy(.patternExplains))),
            .p(
                .a(.href(SiteURL.cycle.path), .text(copy(.navCycle))), .text(" · "),
                .a(.href(SiteURL.today().path), .text(copy(.navBackToToday)))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.patternTitle), context: context, content)
    }
}
