import BraidCore
import Foundation
import Plot

/// Sign-in, the client's Today check-in and the crisis page after a safety "yes".
enum SignedInViews {
    static func csrf(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("_csrf"), .value(token))
    }

    static func signOut(_ token: String) -> Node<HTML.BodyContext> {
        .form(
            .class("signout"), .action(SiteURL.logout.path), .method(.post), csrf(token),
            .button(.type(.submit), .text("Sign out")))
    }

    static func login(email: String, error: String?, crisis: CrisisResources) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("Sign in")),
            .unwrap(error) {
                .p(.class("error"), .id("login-error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            .form(
                .action(SiteURL.login.path), .method(.post),
                .label(.for("email"), .text("Email")),
                .input(
                    .type(.email), .name("email"), .id("email"), .value(email),
                    .attribute(named: "autocomplete", value: "email")),
                .label(.for("password"), .text("Password")),
                .input(
                    .type(.password), .name("password"), .id("password"),
                    .attribute(named: "autocomplete", value: "current-password")),
                .p(.button(.type(.submit), .text("Sign in")))
            )
        )
        return Layout.page(title: "Sign in", crisis: crisis, content)
    }

    /// The daily check-in, fast on a phone: four core questions as large choices, extras folded away, and the
    /// safety question always visible.
    static func today(
        name: String, date: CalendarDate, saved: Bool, values: [String: String], errors: [String: String],
        csrfToken: String, crisis: CrisisResources
    ) -> String {
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
                .a(.href(SiteURL.safetyPlan().path), .text("My safety plan"))),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Some answers need a look: see below."))),
            .form(
                .action(SiteURL.today().path), .method(.post), csrf(csrfToken),
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
                    ]),
                .p(.button(.type(.submit), .text("Save check-in")))
            ),
            signOut(csrfToken)
        )
        return Layout.page(title: "Today", crisis: crisis, content)
    }

    /// Shown at once after a safety "yes": crisis resources first, and that the care team was told.
    static func safety(crisis: CrisisResources, plan: StoredSafetyPlan?, csrfToken: String) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("You're not alone. Help is here now.")),
            .div(
                .class("summary"), .attribute(named: "role", value: "alert"),
                .p(.strong(.text(crisis.message))),
                .p(.a(.class("button"), .href("tel:\(crisis.lifeline)"), .text("Call \(crisis.lifeline) now")))
            ),
            .p(.text("Your check-in is saved and your care team has been alerted; someone will contact you today.")),
            .h2(.text("Your safety plan")),
            .unwrap(
                plan,
                { SafetyPlanView.sections($0.plan) },
                else: .p(
                    .text(
                        "You don't have a written safety plan yet. Right now: move away from anything you could use to "
                            + "hurt yourself, including cocaine, and call or text 988 or someone you trust. Then ask "
                            + "your care team to make a plan with you."))),
            .p(.a(.href(SiteURL.safetyPlan().path), .text("Open my safety plan"))),
            .a(.href(SiteURL.today().path), .text("Back to today")),
            signOut(csrfToken)
        )
        return Layout.page(title: "Help is here", crisis: crisis, emphasizeCrisis: true, content)
    }
}
