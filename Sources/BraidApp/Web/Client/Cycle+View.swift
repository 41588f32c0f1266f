import BraidCore
import Plot

/// "How the cycle works": surge, crash, chase and deepening, with the client's own curve.
enum CycleView {
    static func render(_ model: CycleExplainer, context: PageContext) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("How the cycle works")),
            .p(
                .text(
                    "Cocaine pulls mood down, and low mood pulls back toward cocaine. Knowing the four parts of the "
                        + "cycle helps you see which low you are in, and that crash lows lift.")),
            TimelineView.figure(model.chart.phoneSized(), id: "cycle"),
            .forEach(model.parts) { part in
                .section(
                    .class("cycle-part"),
                    .h2(.text(part.name)),
                    .p(.text(part.general)),
                    .unwrap(part.yours) { .p(.class("yours"), .strong(.text("You: ")), .text($0)) })
            },
            .h2(.text("What this means")),
            .p(
                .text(
                    "Crash lows usually lift within days to about two weeks, and mood keeps improving over 3–4 weeks "
                        + "without cocaine. Low mood that was there before cocaine, or that lasts past about 4 weeks "
                        + "without it, needs its own treatment: tell your care team.")),
            .p(
                .text(
                    "These curves are a picture from your check-ins to help you and your team talk. They are not a "
                        + "diagnosis.")),
            .p(
                .a(.href(SiteURL.pattern.path), .text("See my pattern")), .text(" · "),
                .a(.href(SiteURL.today().path), .text("Back to today"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "How the cycle works", context: context, content)
    }
}
