import BraidCore
import Foundation
import Plot

/// The client's reminder choices (issue 12): none until they opt in; each says nothing clinical.
enum RemindersView {
    static func render(
        _ preferences: ReminderPreferences, channelsReady: Bool, values: [String: String]?, errors: [String: String],
        notice: String?, context: PageContext
    ) -> String {
        let quietStart = values?["quietStart"] ?? OnCallRota.clock(preferences.quietHours.start)
        let quietEnd = values?["quietEnd"] ?? OnCallRota.clock(preferences.quietHours.end)
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text("Reminders")),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(
                .text(
                    "Choose the reminders you want, if any. They come by email to the address you sign in with, "
                        + "and say only what the reminder is for, never anything about your health.")),
            .if(
                !channelsReady,
                .p(.class("meta"), .text("Your program has not switched reminders on yet: your choices are kept."))),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Not saved: see below."))),
            .form(
                .action(SiteURL.reminders().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                .fieldset(
                    .element(named: "legend", text: "Remind me about"),
                    FormFields.error(errors, "kinds"),
                    .forEach(ReminderKind.allCases) { kind in
                        .label(
                            .class("choice"),
                            .input(
                                .type(.checkbox), .name("kind-\(kind.rawValue)"), .value("on"),
                                .checked(
                                    values.map { $0["kind-\(kind.rawValue)"] == "on" }
                                        ?? preferences.kinds.contains(kind))),
                            .text(kind.label))
                    }),
                .div(
                    .label(.for("time"), .text("Send them at (from this time, once a day)")),
                    FormFields.error(errors, "time"),
                    .input(
                        .type(.time), .name("time"), .id("time"), .value(values?["time"] ?? preferences.timeText))),
                .fieldset(
                    .element(named: "legend", text: "Quiet hours: no reminders between"),
                    FormFields.error(errors, "quietStart"),
                    .label(.for("quietStart"), .text("From")),
                    .input(.type(.time), .name("quietStart"), .id("quietStart"), .value(quietStart)),
                    .label(.for("quietEnd"), .text("To")),
                    .input(.type(.time), .name("quietEnd"), .id("quietEnd"), .value(quietEnd))),
                .p(.button(.type(.submit), .text("Save reminders")))),
            .p(.a(.href(SiteURL.today().path), .text("Back to today"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Reminders", context: context, content)
    }
}
