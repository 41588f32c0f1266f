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
        let copy = context.copy
        func kindKey(_ kind: ReminderKind) -> CopyKey {
            switch kind {
            case .checkIn: .reminderCheckIn
            case .screeningDay: .reminderScreening
            case .groupHomework: .reminderHomework
            }
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.navReminders))),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(.text(copy(.remindersIntro))),
            .if(!channelsReady, .p(.class("meta"), .text(copy(.remindersOff)))),
            .if(
                !errors.isEmpty,
                .p(.class("error"), .attribute(named: "role", value: "alert"), .text(copy(.remindersNotSaved)))),
            .form(
                .action(SiteURL.reminders().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                .fieldset(
                    .element(named: "legend", text: copy(.remindersAbout)),
                    FormFields.error(errors, "kinds"),
                    .forEach(ReminderKind.allCases) { kind in
                        .label(
                            .class("choice"),
                            .input(
                                .type(.checkbox), .name("kind-\(kind.rawValue)"), .value("on"),
                                .checked(
                                    values.map { $0["kind-\(kind.rawValue)"] == "on" }
                                        ?? preferences.kinds.contains(kind))),
                            .text(copy(kindKey(kind))))
                    }),
                .div(
                    .label(.for("time"), .text(copy(.remindersTime))),
                    FormFields.error(errors, "time"),
                    .input(
                        .type(.time), .name("time"), .id("time"), .value(values?["time"] ?? preferences.timeText))),
                .fieldset(
                    .element(named: "legend", text: copy(.remindersQuiet)),
                    FormFields.error(errors, "quietStart"),
                    .label(.for("quietStart"), .text(copy(.remindersFrom))),
                    .input(.type(.time), .name("quietStart"), .id("quietStart"), .value(quietStart)),
                    .label(.for("quietEnd"), .text(copy(.remindersTo))),
                    .input(.type(.time), .name("quietEnd"), .id("quietEnd"), .value(quietEnd))),
                .p(.button(.type(.submit), .text(copy(.remindersSave))))),
            .p(.a(.href(SiteURL.today().path), .text(copy(.navBackToToday)))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.navReminders), context: context, content)
    }
}
