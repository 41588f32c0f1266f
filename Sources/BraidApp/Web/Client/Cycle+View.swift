import BraidCore
import Plot

/// "How the cycle works": surge, crash, chase and deepening, with the client's own curve.
enum CycleView {
    static func render(_ model: CycleExplainer, context: PageContext) -> String {
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.navCycle))),
            .p(.text(copy(.cycleIntro))),
            TimelineView.figure(model.chart(copy).phoneSized(), id: "cycle"),
            .forEach(model.parts(copy)) { part in
                .section(
                    .class("cycle-part"),
                    .h2(.text(part.name)),
                    .p(.text(part.general)),
                    .unwrap(part.yours) { .p(.class("yours"), .strong(.text(copy(.cycleYouLabel) + " ")), .text($0)) })
            },
            .h2(.text(copy(.cycleMeans))),
            .p(.text(copy(.cycleMeansText))),
            .p(.text(copy(.cycleNotDiagnosis))),
            .p(
                .a(.href(SiteURL.pattern.path), .text(copy(.navPattern))), .text(" · "),
                .a(.href(SiteURL.today().path), .text(copy(.navBackToToday)))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.navCycle), context: context, content)
    }
}
