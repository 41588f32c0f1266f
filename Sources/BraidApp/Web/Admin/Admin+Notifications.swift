import BraidCore
import Foundation
import Plot

extension AdminViews {
    /// Who is on call, the channels, the escalation minutes, and the delivery log (issue 12). Notifications carry
    /// no clinical content, so the log can be shown to the admin.
    static func notifications(
        _ settings: NotificationSettings, onCallNow: [String], log: [OutgoingNotification], values: [String: String],
        errors: [String: String], notice: String?, context: PageContext
    ) -> String {
        typealias Key = NotificationSettings.Key
        func field(_ key: Key, hint: String, type: HTMLInputType = .text) -> Node<HTML.FormContext> {
            .div(
                .label(.for(key.rawValue), .text("\(key.label) \(hint)")),
                FormFields.error(errors, key.rawValue),
                .input(
                    .type(type), .name(key.rawValue), .id(key.rawValue),
                    .value(key.isSecret ? "" : values[key.rawValue] ?? settings.text(key))))
        }
        let content: Node<HTML.BodyContext> = .group(
            staffNav(current: .notificationSettings),
            .h1(.text("Notifications")),
            Self.notice(notice),
            .p(
                .text(
                    "Safety alerts go to the person on call by every channel set here, then, when nobody acknowledges "
                        + "them in time, to the next person on the rota. With no one on call, the client's care team is "
                        + "told. Messages say only that an alert needs attention, how urgently, and a link: never a "
                        + "name or anything clinical.")),
            .p(
                .strong(.text("On call now: ")),
                .text(
                    onCallNow.isEmpty
                        ? "no one (alerts go to the client's care team)" : onCallNow.joined(separator: ", then "))),
            .p(
                .strong(.text("Channels: ")),
                .text(
                    settings.channels.isEmpty
                        ? "none yet: alerts wait on the caseload until a channel is set"
                        : settings.channels.map(\.rawValue).joined(separator: ", "))),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Nothing was saved. Check: " + errors.keys.sorted().joined(separator: ", ") + "."))),
            .form(
                .action(SiteURL.notificationSettings().path), .method(.post), .id("notification-settings"),
                SignedInViews.csrf(context.csrfToken),
                .div(
                    .label(.for(Key.rota.rawValue), .text(Key.rota.label)),
                    .p(
                        .class("meta"), .id("rota-hint"),
                        .text(
                            "DAYS HH:MM-HH:MM EMAIL, e.g. \"mon-fri 08:00-18:00 lee@example.org\" or \"daily 18:00-08:00 "
                                + "sam@example.org\" (overnight). Days: daily, mon, mon-fri, sat,sun. Times are the "
                                + "program's time zone.")),
                    FormFields.error(errors, Key.rota.rawValue),
                    .textarea(
                        .name(Key.rota.rawValue), .id(Key.rota.rawValue), .attribute(named: "rows", value: "5"),
                        .attribute(named: "aria-describedby", value: "rota-hint"),
                        .text(values[Key.rota.rawValue] ?? settings.text(.rota)))),
                field(.emergencyMinutes, hint: "(default 15)", type: .number),
                field(.urgentMinutes, hint: "(default 60)", type: .number),
                field(.webhookURL, hint: "(empty: no webhook)", type: .url),
                field(
                    .webhookSecret,
                    hint: settings.webhookSecret == nil ? "(16–200 characters)" : "(set; leave empty to keep it)",
                    type: .password),
                .label(
                    .class("choice"), .input(.type(.checkbox), .name("clear-secret"), .value("on")),
                    .text("Remove the webhook secret")),
                field(.smtp, hint: "(empty: no email)"),
                field(.emailFrom, hint: ""),
                field(.linkBase, hint: "(e.g. https://braid.example.org)", type: .url),
                FormFields.error(errors, "notifyReason"),
                .label(.for("notify-reason"), .text("Reason for the change (kept in the history)")),
                .input(.type(.text), .name("reason"), .id("notify-reason"), .value(values["notifyReason"] ?? "")),
                .button(.type(.submit), .text("Save notifications"))),
            .h2(.text("Delivery log")),
            .if(
                log.isEmpty, .p(.text("Nothing sent yet.")),
                else: .div(
                    .class("table-scroll"),
                    .table(
                        .class("history"), .id("delivery-log"),
                        .caption(.text("The latest notifications, newest first")),
                        .thead(
                            .tr(
                                .th("Queued"), .th("What"), .th("To"), .th("Channel"), .th("Status"), .th("Attempts"),
                                .th("Last error"))),
                        .tbody(
                            .forEach(log) { notification in
                                .tr(
                                    .td(.text(time(notification.createdAt, context.timeZone))),
                                    .td(.text(describe(notification.purpose))), .td(.text(notification.recipient)),
                                    .td(.text(notification.channel.rawValue)),
                                    .td(
                                        .attribute(named: "data-status", value: notification.status.rawValue),
                                        .text(notification.status.rawValue)),
                                    .td(.text(String(notification.attempts))), .td(.text(notification.lastError ?? "")))
                            })))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Notifications", context: context, wide: true, content)
    }

    static func describe(_ purpose: NotificationPurpose) -> String {
        switch purpose {
        case .alert(_, let urgency, let step):
            "\(urgency.rawValue) alert" + (step == 0 ? "" : ", escalation \(step)")
        case .reminder(let kind): "reminder: \(kind.label.lowercased())"
        }
    }

    /// The form's texts by setting; an empty secret keeps the one set (the box removes it).
    static func notificationValues(_ form: [String: String]) -> [NotificationSettings.Key: String] {
        var texts: [NotificationSettings.Key: String] = [:]
        for key in NotificationSettings.Key.allCases {
            if let text = form[key.rawValue] { texts[key] = text }
        }
        if texts[.webhookSecret]?.isEmpty ?? true { texts[.webhookSecret] = nil }
        if form["clear-secret"] == "on" { texts[.webhookSecret] = "" }
        return texts
    }
}
