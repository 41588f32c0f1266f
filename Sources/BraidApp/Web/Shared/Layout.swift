import BraidCore
import Plot

/// The one base layout: language, viewport for phones, stylesheet, a skip link, the crisis line in the header
/// of every page, a main landmark and a footer that says what Braid is not.
enum Layout {
    /// A signed-in page: a client's crisis banner also links their safety and relapse-prevention plans.
    static func page(
        title: String, context: PageContext, emphasizeCrisis: Bool = false, wide: Bool = false,
        _ content: Node<HTML.BodyContext>
    ) -> String {
        page(
            title: title, crisis: context.crisis, planLinks: context.isClient, emphasizeCrisis: emphasizeCrisis,
            wide: wide, content)
    }

    static func page(
        title: String, crisis: CrisisResources, planLinks: Bool = false, emphasizeCrisis: Bool = false,
        wide: Bool = false, _ content: Node<HTML.BodyContext>
    )
        -> String
    {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Braid"),
                .stylesheet(SiteURL.stylesheet.path)
            ),
            .body(
                .if(wide, .class("wide")),
                .a(.class("skip"), .href("#main"), .text("Skip to content")),
                .header(
                    .class("site"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text("Braid")),
                    crisisBar(crisis, emphasized: emphasizeCrisis, planLinks: planLinks)
                ),
                .main(.id("main"), content),
                .footer(
                    .p(
                        .text(
                            "Braid is decision support for treatment programs. It does not diagnose; a clinician decides. "
                                + "All data in this demo is synthetic.")
                    )
                )
            )
        ).render()
    }

    /// 988, 911 and the program's own line: links that dial or text on a phone.
    static func crisisBar(_ crisis: CrisisResources, emphasized: Bool, planLinks: Bool) -> Node<HTML.BodyContext> {
        .div(
            .class(emphasized ? "crisis crisis-urgent" : "crisis"),
            .attribute(named: "role", value: "region"),
            .attribute(named: "aria-label", value: "Crisis help"),
            .span(.text("In crisis? ")),
            .a(.href("tel:\(crisis.lifeline)"), .text("Call \(crisis.lifeline)")),
            .text(" or "),
            .a(.href("sms:\(crisis.lifeline)"), .text("text \(crisis.lifeline)")),
            .text(" · Emergency "),
            .a(.href("tel:\(crisis.emergency)"), .text(crisis.emergency)),
            .unwrap(crisis.programLine) { line in
                .group(.text(" · Program line "), .a(.href("tel:\(digits(line))"), .text(line)))
            },
            .if(
                planLinks,
                .group(
                    .text(" · "), .a(.href(SiteURL.safetyPlan().path), .text("My safety plan")),
                    .text(" · "), .a(.href(SiteURL.relapsePlan().path), .text("My relapse-prevention plan"))))
        )
    }

    static func digits(_ phone: String) -> String {
        String(phone.prefix { $0 != "(" }.filter { $0.isNumber || $0 == "+" })
    }
}
