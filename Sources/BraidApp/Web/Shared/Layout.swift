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
            title: title, crisis: context.crisis, copy: context.copy, planLinks: context.isClient,
            emphasizeCrisis: emphasizeCrisis, wide: wide, content)
    }

    static func page(
        title: String, crisis: CrisisResources, copy: Copy = .english, planLinks: Bool = false,
        emphasizeCrisis: Bool = false, wide: Bool = false, switchFrom: String? = nil,
        _ content: Node<HTML.BodyContext>
    )
        -> String
    {
        HTML(
            .lang(Plot.Language(rawValue: copy.language.rawValue) ?? .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Braid"),
                .stylesheet(SiteURL.stylesheet.path)
            ),
            .body(
                .if(wide, .class("wide")),
                .a(.class("skip"), .href("#main"), .text(copy(.layoutSkip))),
                .header(
                    .class("site"),
                    .a(.class("brand"), .href(publicPath(SiteURL.home.path, copy)), .text("Braid")),
                    .unwrap(switchFrom) { path in
                        let other: SpokenLanguage = copy.language == .es ? .en : .es
                        return .a(
                            .class("language"), .href("\(path)?lang=\(other.rawValue)"),
                            .attribute(named: "lang", value: other.rawValue),
                            .attribute(named: "hreflang", value: other.rawValue), .text(other.ownName))
                    },
                    crisisBar(crisis, copy: copy, emphasized: emphasizeCrisis, planLinks: planLinks)
                ),
                .main(.id("main"), content),
                .footer(.p(.text(copy(.layoutFooter))))
            )
        )
        // Tables scroll sideways on a phone (the stylesheet): each is a tab stop, so the keyboard can scroll it
        // (WCAG 2.1.1). Text and attribute values are escaped, so "<table" is only ever a real table.
        .render().replacingOccurrences(of: "<table", with: "<table tabindex=\"0\"")
    }

    /// 988, 911 and the program's own line: links that dial or text on a phone. In Spanish, 988's own Spanish
    /// options: press 2 on a call, text AYUDA.
    static func crisisBar(_ crisis: CrisisResources, copy: Copy, emphasized: Bool, planLinks: Bool)
        -> Node<HTML.BodyContext>
    {
        let spanish = copy.language == .es
        return .div(
            .class(emphasized ? "crisis crisis-urgent" : "crisis"),
            .attribute(named: "role", value: "region"),
            .attribute(named: "aria-label", value: copy(.crisisRegion)),
            .span(.text(copy(.crisisPrompt) + " ")),
            .a(.href("tel:\(crisis.lifeline)"), .text(copy(.crisisCall, ["line": crisis.lifeline]))),
            .text(spanish ? " " + copy(.crisisSpanishOption) + " " : " or "),
            .a(
                .href(spanish ? "sms:\(crisis.lifeline)?body=AYUDA" : "sms:\(crisis.lifeline)"),
                .text(copy(.crisisText, ["line": crisis.lifeline]))),
            .text(" · \(copy(.crisisEmergency)) "),
            .a(.href("tel:\(crisis.emergency)"), .text(crisis.emergency)),
            .unwrap(crisis.programLine) { line in
                .group(.text(" · \(copy(.crisisProgramLine)) "), .a(.href("tel:\(digits(line))"), .text(line)))
            },
            .if(
                planLinks,
                .group(
                    .text(" · "), .a(.href(SiteURL.safetyPlan().path), .text(copy(.navSafetyPlan))),
                    .text(" · "), .a(.href(SiteURL.relapsePlan().path), .text(copy(.navRelapsePlan)))))
        )
    }

    /// The crisis message of the safety page, in the reader's language.
    static func crisisMessage(_ crisis: CrisisResources, copy: Copy) -> String {
        guard copy.language != .en else { return crisis.message }
        return copy(.crisisMessage, ["line": crisis.lifeline, "emergency": crisis.emergency])
            + (crisis.programLine.map { copy(.crisisMessageProgram, ["programLine": $0]) } ?? "") + "."
    }

    /// A public page's link in the reader's language: Spanish links carry `?lang=es` (public pages set no cookie
    /// to remember it).
    static func publicPath(_ path: String, _ copy: Copy) -> String {
        copy.language == .en ? path : "\(path)?lang=\(copy.language.rawValue)"
    }

    static func digits(_ phone: String) -> String {
        String(phone.prefix { $0 != "(" }.filter { $0.isNumber || $0 == "+" })
    }
}
