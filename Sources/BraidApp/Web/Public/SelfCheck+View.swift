import BraidCore
import Plot

/// The self-check form and its result.
enum SelfCheckView {
    static let yesNoUnsure: [(String, String)] = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]

    static func form(_ form: SelfCheckForm, crisis: CrisisResources) -> String {
        Layout.page(
            title: "Are the two linked?", crisis: crisis,
            .group(
                .h1("Are the two linked?"),
                .p("Answer what you can; skip anything you'd rather not. Nothing is stored and no cookies are set."),
                .if(
                    !form.errors.isEmpty,
                    .p(
                        .class("error"), .attribute(named: "role", value: "alert"),
                        .text("Some answers need a look: see the messages below."))),
                .form(
                    .action(SiteURL.selfCheck.path), .method(.post),
                    radios(
                        form, "everDepressed",
                        "Have you ever had 2 weeks or more of feeling down or losing interest in things, most days?",
                        yesNoUnsure),
                    number(form, "depressionAge", "If yes: how old were you the first time?"),
                    number(form, "firstUseAge", "How old were you when you first used cocaine?"),
                    number(
                        form, "regularUseAge",
                        "How old were you when you started using weekly or more? (leave empty if never)"),
                    radios(
                        form, "moodInBreak",
                        "Since then, in a stretch of 4 weeks or more without cocaine, what did your mood do?",
                        [
                            ("no-break", "I haven't had a 4-week break"),
                            ("stayed-low", "It stayed low the whole time"),
                            ("lifted", "It was low at first, then lifted"), ("was-not-low", "It wasn't low"),
                        ]),
                    radios(
                        form, "lowsAfterUse", "Do your lows mostly come 1–3 days after using, and lift in between?",
                        yesNoUnsure),
                    radios(form, "usesToLiftMood", "Do you sometimes use to lift a low mood?", yesNoUnsure),
                    .h2("Over the last 2 weeks, how often have you been bothered by…"),
                    radios(form, "phq2_1", phq2.items[0].text, phq2Options),
                    radios(form, "phq2_2", phq2.items[1].text, phq2Options),
                    .p(.class("attribution"), .text("PHQ-2 items: " + phq2.attribution)),
                    .button(.type(.submit), .text("See what this suggests"))
                )
            ))
    }

    static let phq2 = Instrument.definition(.phq2)

    static var phq2Options: [(String, String)] {
        phq2.items[0].options.map { (String($0.score), $0.label) }
    }

    static func result(_ result: SelfCheckResult, crisis: CrisisResources) -> String {
        Layout.page(
            title: "What your answers suggest", crisis: crisis, emphasizeCrisis: result.showCrisisResources,
            .group(
                .h1("What your answers suggest"),
                .if(
                    result.showCrisisResources,
                    .div(
                        .class("summary"), .attribute(named: "role", value: "alert"),
                        .p(.strong(.text(crisis.message))))),
                .div(.class("summary result"), .ul(.forEach(result.sentences) { .li(.text($0)) })),
                .h2("What to do next"),
                .ul(.class("result"), .forEach(result.nextSteps) { .li(.text($0)) }),
                .p(
                    .text(
                        "This is not a diagnosis. It is the same first look a treatment program takes, and it is "
                            + "provisional until someone who knows you looks with you.")),
                .a(.href(SiteURL.selfCheck.path), .text("Start again"))
            ))
    }

    static func radios(_ form: SelfCheckForm, _ name: String, _ question: String, _ options: [(String, String)])
        -> Node<HTML.FormContext>
    {
        .fieldset(
            .attribute(named: "aria-describedby", value: form.errors[name] == nil ? nil : "\(name)-error"),
            .element(named: "legend", text: question),
            .unwrap(form.errors[name]) { message in .p(.class("error"), .id("\(name)-error"), .text(message)) },
            .forEach(options) { value, label in
                .label(
                    .class("choice"),
                    .input(
                        .type(.radio), .name(name), .value(value), .id("\(name)-\(value)"),
                        .checked(form.values[name] == value)),
                    .text(label))
            })
    }

    static func number(_ form: SelfCheckForm, _ name: String, _ question: String) -> Node<HTML.FormContext> {
        .div(
            .label(.for(name), .text(question)),
            .unwrap(form.errors[name]) { message in .p(.class("error"), .id("\(name)-error"), .text(message)) },
            .input(
                .type(.number), .name(name), .id(name), .attribute(named: "min", value: "5"),
                .attribute(named: "max", value: "120"), .attribute(named: "inputmode", value: "numeric"),
                .value(form.values[name] ?? ""),
                .attribute(named: "aria-invalid", value: form.errors[name] == nil ? nil : "true"),
                .attribute(named: "aria-describedby", value: form.errors[name] == nil ? nil : "\(name)-error"))
        )
    }
}
