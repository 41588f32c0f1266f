import BraidCore
import Foundation
import Plot

/// The client's Today check-in and the crisis page shown at once after a safety "yes".
enum TodayView {
    /// The form as the JSON body the API validates (`CheckInSubmission`), so both doors share one set of rules.
    static func submission(_ form: [String: String]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in ["mood", "craving", "enjoyment", "energy", "irritability", "sleepHours"] {
            if let text = form[field], !text.isEmpty {
                object[field] = Double(text).map(JSONValue.number) ?? .string(text)
            }
        }
        for field in ["used", "safety", "medsTaken"] {
            if let text = form[field], !text.isEmpty {
                object[field] = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            }
        }
        if let date = form["date"], !date.isEmpty { object["date"] = .string(date) }
        return .object(object)
    }

    /// The daily check-in, fast on a phone: four core questions as large choices, extras folded away, and the
    /// safety question always visible.
    static func render(
        name: String, saved: Bool, values: [String: String], errors: [String: String],
        cards: Node<HTML.BodyContext> = .empty, context: PageContext
    ) -> String {
        let date = context.today
        let csrfToken = context.csrfToken
        func scale(_ field: String, _ question: String, low: String, high: String) -> Node<HTML.FormContext> {
            .fieldset(
                .class("scale"),
                .element(named: "legend", text: question),
                .unwrap(errors[field]) { .p(.class("error"), .id("\(field)-error"), .text($0)) },
                .div(
                    .class("scale-row"),
                    .forEach(0...10) { score in
                        .label(
                            .class("pill"),
                            .input(
                                .type(.radio), .name(field), .value(String(score)),
                                .checked(values[field] == String(score))),
                            .span(.text(String(score))))
                    }),
                .p(.class("scale-ends"), .span(.text("0 = \(low)")), .span(.text("10 = \(high)")))
            )
        }
        func yesNo(_ field: String, _ question: String) -> Node<HTML.FormContext> {
            .fieldset(
                .element(named: "legend", text: question),
                .unwrap(errors[field]) { .p(.class("error"), .id("\(field)-error"), .text($0)) },
                .forEach([("true", "Yes"), ("false", "No")]) { value, label in
                    .label(
                        .class("choice"),
                        .input(.type(.radio), .name(field), .value(value), .checked(values[field] == value)),
                        .text(label))
                })
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("Today, \(name)")),
            .if(
                saved,
                .p(
                    .class("summary"), .attribute(named: "role", value: "status"),
                    .text("Saved. Thank you for checking in."))),
            .nav(
                .class("links"), .attribute(named: "aria-label", value: "My pages"),
                .a(.href(SiteURL.pattern.path), .text("See my pattern")), .text(" · "),
                .a(.href(SiteURL.cycle.path), .text("How the cycle works")), .text(" · "),
                .a(.href(SiteURL.myPlan.path), .text("My plan")), .text(" · "),
                .a(.href(SiteURL.safetyPlan().path), .text("My safety plan")), .text(" · "),
                .a(.href(SiteURL.relapsePlan().path), .text("My relapse-prevention plan")), .text(" · "),
                .a(.href(SiteURL.reminders().path), .text("Reminders")), .text(" · "),
                .a(.href(SiteURL.myConsents().path), .text("Who may see my record"))),
            cards,
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Some answers need a look: see below."))),
            .form(
                .action(SiteURL.today().path), .method(.post), SignedInViews.csrf(csrfToken),
                .input(.type(.hidden), .name("date"), .value(date.description)),
                scale("mood", "How is your mood today?", low: "worst", high: "best"),
                scale("craving", "How strong is craving today?", low: "none", high: "strongest"),
                .div(
                    .label(.for("sleepHours"), .text("Hours of sleep last night")),
                    .unwrap(errors["sleepHours"]) { .p(.class("error"), .id("sleepHours-error"), .text($0)) },
                    .input(
                        .type(.number), .name("sleepHours"), .id("sleepHours"), .attribute(named: "step", value: "0.5"),
                        .attribute(named: "min", value: "0"), .attribute(named: "max", value: "24"),
                        .attribute(named: "inputmode", value: "decimal"), .value(values["sleepHours"] ?? ""))),
                yesNo("used", "Did you use cocaine today?"),
                yesNo(
                    "safety", "Today, have you had thoughts that you would be better off dead, or of hurting yourself?"),
                .element(
                    named: "details",
                    nodes: [
                        .element(named: "summary", text: "More (optional)"),
                        scale("enjoyment", "How much did you enjoy things today?", low: "not at all", high: "a lot"),
                        scale("energy", "Energy", low: "none", high: "lots"),
                        scale("irritability", "Irritability", low: "none", high: "very"),
                        yesNo("medsTaken", "If you take medications: did you take them as prescribed today?"),
                    ]),
                .p(.button(.type(.submit), .text("Save check-in")))
            ),
            SignedInViews.signOut(csrfToken)
        )
        return Layout.page(title: "Today", context: context, content)
    }

    /// The client's contingency management at a glance: the streak, what was earned and is waiting, the next
    /// screen. Encouraging, never shaming: a reset is just a new start.
    static func contingencyCard(_ summary: CMSummary, today: CalendarDate) -> Node<HTML.BodyContext> {
        let money = ContingencyManagement.money
        let next = summary.nextScreen.map { date in
            date == today ? "today" : "\(ContingencyProgram.weekdayLabels[date.isoWeekday - 1]) \(date)"
        }
        let streakWords =
            summary.streak == 0
            ? "Every negative screen starts a new streak."
            : "\(summary.streak) negative screen\(summary.streak == 1 ? "" : "s") in a row."
        return .section(
            .class("card cm-card"), .id("contingency"), .attribute(named: "aria-labelledby", value: "cm-heading"),
            .h2(.id("cm-heading"), .text("My rewards")),
            .p(.attribute(named: "data-streak", value: String(summary.streak)), .text(streakWords)),
            .p(
                .attribute(named: "data-earned", value: money(summary.earnedCents)),
                .text(
                    "Earned so far: $\(money(summary.earnedCents))"
                        + (summary.balanceCents > 0 ? " ($\(money(summary.balanceCents)) waiting for you)" : "") + ".")),
            .if(
                summary.schedule == .prizes,
                .p(
                    .text(
                        "Draws so far: \(summary.totalDraws). Prizes won: "
                            + [PrizeSlip.small, .large, .jumbo].map { "\(summary.prizesWon[$0] ?? 0) \($0.rawValue)" }
                            .joined(separator: ", ") + "."))),
            .if(summary.capReached, .p(.text("You reached this year's limit: keep coming, your screens still count."))),
            .unwrap(next) { .p(.strong(.text("Next screen: \($0)."))) }
        )
    }

    /// Shown at once after a safety "yes": crisis resources first, and that the care team was told.
    static func safety(plan: StoredSafetyPlan?, saved: String? = nil, context: PageContext) -> String {
        let crisis = context.crisis
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("You're not alone. Help is here now.")),
            .div(
                .class("summary"), .attribute(named: "role", value: "alert"),
                .p(.strong(.text(crisis.message))),
                .p(.a(.class("button"), .href("tel:\(crisis.lifeline)"), .text("Call \(crisis.lifeline) now")))
            ),
            .p(.text(saved ?? "Your check-in is saved and your care team has been alerted; someone will contact you today.")),
            .h2(.text("Your safety plan")),
            .unwrap(
                plan,
                { KeptPlanView.sections($0.plan) },
                else: .p(
                    .text(
                        "You don't have a written safety plan yet. Right now: move away from anything you could use to "
                            + "hurt yourself, including cocaine, and call or text 988 or someone you trust. Then ask "
                            + "your care team to make a plan with you."))),
            .p(.a(.href(SiteURL.safetyPlan().path), .text("Open my safety plan"))),
            .a(.href(SiteURL.today().path), .text("Back to today")),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Help is here", context: context, emphasizeCrisis: true, content)
    }
}
