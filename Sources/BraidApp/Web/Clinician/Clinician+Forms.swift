import BraidCore
import Foundation
import Plot

/// The clinician's entry forms: any instrument of §1, the ordering interview of §2 and a urine screen. Each posts
/// to `ClinicianController`, which sends it through `ClinicalEntry` (the API's own rules).
extension ClinicianViews {
    static func fieldError(_ errors: [String: String], _ field: String) -> Form {
        .unwrap(errors[field]) { .p(.class("error"), .id("\(field)-error"), .text($0)) }
    }

    static func screenForm(
        _ client: ClientID, today: CalendarDate, values: [String: String], errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        .form(
            .class("screen"), .id("screen"), .action(SiteURL.screens(client).path), .method(.post),
            SignedInViews.csrf(csrfToken),
            .fieldset(
                .element(named: "legend", text: "Urine drug screen (benzoylecgonine)"),
                fieldError(errors, "date"),
                .label(.for("screen-date"), .text("Date collected")),
                .input(
                    .type(.date), .name("date"), .id("screen-date"), .value(values["date"] ?? today.description),
                    .attribute(named: "max", value: today.description)),
                fieldError(errors, "result"),
                .forEach([("positive", "Positive"), ("negative", "Negative")]) { value, label in
                    .label(
                        .class("choice"),
                        .input(.type(.radio), .name("result"), .value(value), .checked(values["result"] == value)),
                        .text(label))
                },
                .button(.type(.submit), .text("Record screen"))))
    }

    static func entryPage(
        title: String, client: ClientProfile, errors: [String: String], context: PageContext, action: String,
        _ fields: Form
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("\(title): \(client.displayName)")),
            openAlerts(
                context.alerts, focus: client.id, returnTo: SiteURL.chart(client.id).path,
                csrfToken: context.csrfToken, timeZone: context.timeZone),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Some answers need a look: " + errors.keys.sorted().joined(separator: ", ") + "."))),
            .form(.action(action), .method(.post), SignedInViews.csrf(context.csrfToken), fields),
            .p(.a(.href(SiteURL.chart(client.id).path), .text("Back to the chart"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: title, context: context, content)
    }

    /// Any instrument of §1, item by item from its definition; skip-logic items and blanks say how they count.
    static func instrumentForm(
        _ instrument: Instrument, client: ClientProfile, values: [String: String], errors: [String: String],
        context: PageContext
    ) -> String {
        let today = context.today
        let fields: Form = .group(
            .input(.type(.hidden), .name("instrument"), .value(instrument.id.rawValue)),
            .p(
                .class("meta"),
                .text(
                    "\(instrument.timeframe.isEmpty ? "" : "Over the \(instrument.timeframe). ")\(instrument.instructions)"
                )),
            fieldError(errors, "date"),
            .label(.for("date"), .text("Date given")),
            .input(
                .type(.date), .name("date"), .id("date"), .value(values["date"] ?? today.description),
                .attribute(named: "max", value: today.description)),
            .forEach(instrument.items) { item in
                .fieldset(
                    .class("item"),
                    .element(named: "legend", text: "\(item.position). \(item.text)"),
                    .unwrap(item.askedWhen) { .p(.class("meta"), .text("Ask only if \($0.description).")) },
                    fieldError(errors, item.id),
                    .forEach(item.options) { option in
                        .label(
                            .class("choice"),
                            .input(
                                .type(.radio), .name(item.id), .value(String(option.score)),
                                .checked(values[item.id] == String(option.score))),
                            .text("\(option.label) (\(option.score))"))
                    },
                    .if(
                        instrument.allowsMissingAnswers || item.askedWhen != nil
                            || item.position > instrument.requiredItemCount,
                        .label(
                            .class("choice"),
                            .input(
                                .type(.radio), .name(item.id), .value(""), .checked((values[item.id] ?? "").isEmpty)),
                            .text(item.askedWhen == nil ? "No answer" : "Not asked")))
                )
            },
            .if(
                instrument.id == .phq9,
                .group(
                    fieldError(errors, "daysSinceLastUse"),
                    .label(.for("daysSinceLastUse"), .text("Days since last cocaine use (blank: from check-ins)")),
                    .input(
                        .type(.number), .name("daysSinceLastUse"), .id("daysSinceLastUse"),
                        .attribute(named: "min", value: "0"), .value(values["daysSinceLastUse"] ?? "")))),
            .if(
                instrument.id == .stimulantSUD,
                .label(
                    .class("choice"),
                    .input(
                        .type(.checkbox), .name("prescribedStimulant"), .value("true"),
                        .checked(values["prescribedStimulant"] == "true")),
                    .text("Taking a prescribed stimulant as directed (tolerance and withdrawal do not count)"))),
            .p(.class("meta"), .text("\(instrument.source). \(instrument.attribution)")),
            .p(.button(.type(.submit), .text("Save \(instrument.name)")))
        )
        return entryPage(
            title: instrument.name, client: client, errors: errors, context: context,
            action: SiteURL.assessments(client.id).path, fields)
    }

    /// Rows for abstinence periods on the ordering form (blank rows are ignored).
    static let orderingPeriodRows = 3

    /// The ordering interview of §2 in plain questions.
    static func orderingForm(
        client: ClientProfile, values: [String: String], errors: [String: String], context: PageContext
    ) -> String {
        let today = context.today
        func number(_ field: String, _ label: String, step: String = "1") -> Form {
            .div(
                fieldError(errors, field),
                .label(.for(field), .text(label)),
                .input(
                    .type(.number), .name(field), .id(field), .attribute(named: "step", value: step),
                    .attribute(named: "min", value: "0"), .value(values[field] ?? "")))
        }
        func check(_ field: String, _ label: String) -> Form {
            .label(
                .class("choice"),
                .input(.type(.checkbox), .name(field), .value("true"), .checked(values[field] == "true")),
                .text(label))
        }
        func yesNo(_ field: String, _ question: String) -> Form {
            .fieldset(
                .element(named: "legend", text: question),
                fieldError(errors, field),
                .forEach([("true", "Yes"), ("false", "No"), ("", "Not asked")]) { value, label in
                    .label(
                        .class("choice"),
                        .input(
                            .type(.radio), .name(field), .value(value), .checked((values[field] ?? "") == value)),
                        .text(label))
                })
        }
        let fields: Form = .group(
            fieldError(errors, "date"),
            .label(.for("date"), .text("Date of the interview")),
            .input(
                .type(.date), .name("date"), .id("date"), .value(values["date"] ?? today.description),
                .attribute(named: "max", value: today.description)),
            number("depressionOnsetAge", "Age at the first depressed period of 2 weeks or more (blank: unknown)"),
            check("depressionNever", "Never had a depressed period of 2 weeks or more"),
            number("cocaineFirstUseAge", "Age at first cocaine use"),
            number("cocaineRegularUseAge", "Age when use became weekly or more (blank: unknown)"),
            check("cocaineNeverRegular", "Never used weekly or more"),
            .fieldset(
                .element(named: "legend", text: "Stretches without cocaine since regular use began"),
                .forEach(0..<orderingPeriodRows) { index in
                    let prefix = ClinicianForms.periodPrefix(index)
                    return .div(
                        .class("period"),
                        number("\(prefix)weeks", "Stretch \(index + 1): weeks without cocaine", step: "0.5"),
                        yesNo("\(prefix)lowMoodAtStart", "Stretch \(index + 1): was mood low at its start?"),
                        number(
                            "\(prefix)lowMoodPersistedWeeks", "Stretch \(index + 1): weeks the low mood lasted",
                            step: "0.5"))
                }),
            yesNo("episodeBeganDuringAbstinence", "Did a depressed period begin 4 weeks or more after stopping?"),
            yesNo("lowsMostlyAfterUse", "Do the current lows mostly come 1–3 days after use and lift between?"),
            yesNo("usesToLiftLowMood", "Does the client use cocaine to lift low mood?"),
            .p(.button(.type(.submit), .text("Save ordering interview")))
        )
        return entryPage(
            title: "Ordering interview", client: client, errors: errors, context: context,
            action: SiteURL.ordering(client.id).path, fields)
    }
}
