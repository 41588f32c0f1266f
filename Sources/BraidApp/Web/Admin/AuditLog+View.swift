import BraidCore
import Foundation
import Plot

/// The audit trail page: the search form, the download links and the events, newest first. Events hold ids and
/// action names only; the page shows who the ids are.
enum AuditLogViews {
    static func page(
        events: [StoredAuditEvent], query: AuditQuery, values: [String: String], errors: [String: String],
        names: AuditLogPage.Names, head: (sequence: Int, hash: String)?, context: PageContext
    ) -> String {
        func value(_ name: String) -> String { values[name] ?? "" }
        let clients = names.clients.sorted { $0.value < $1.value }
        let accounts = names.accounts.values.sorted { ($0.name, $0.email) < ($1.name, $1.email) }
        let content: Node<HTML.BodyContext> = .group(
            AdminViews.staffNav(current: .auditLog),
            .h1(.text("Audit trail")),
            .p(
                .text(
                    "Every sign-in and failed sign-in, every view, change and export of a client's record, consent "
                        + "changes, alert acknowledgements and account changes, newest first. Each event is chained "
                        + "to the one before it by its hash, so an edited, deleted or inserted row shows: run "),
                .code(.text("braid audit verify")), .text(" to check the whole chain.")),
            .p(
                .id("audit-head"),
                .text(
                    head.map { "This program's chain holds \($0.sequence) events; the latest hash is \($0.hash)." }
                        ?? "This program's chain holds no events yet.")),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("The search was not run. Check: " + errors.keys.sorted().joined(separator: ", ") + "."))),
            .form(
                .method(.get), .action(SiteURL.auditLog().path), .id("audit-search"),
                FormFields.error(errors, "client"),
                FormFields.select(
                    "client", id: "audit-client", label: "Client",
                    options: [("", "Any client")] + clients.map { ($0.key.description, $0.value) },
                    selected: value("client")),
                FormFields.error(errors, "actor"),
                FormFields.select(
                    "actor", id: "audit-actor", label: "Who acted",
                    options: [("", "Anyone")]
                        + accounts.map { ($0.id.description, "\($0.name) (\($0.role.rawValue))") },
                    selected: value("actor")),
                FormFields.error(errors, "action"),
                .label(.for("audit-action"), .text("Action (a name such as chart.read, or its first part: auth)")),
                .input(.type(.text), .name("action"), .id("audit-action"), .value(value("action"))),
                FormFields.error(errors, "from"),
                .label(.for("audit-from"), .text("From (day)")),
                .input(.type(.date), .name("from"), .id("audit-from"), .value(value("from"))),
                FormFields.error(errors, "to"),
                .label(.for("audit-to"), .text("To (day)")),
                .input(.type(.date), .name("to"), .id("audit-to"), .value(value("to"))),
                FormFields.error(errors, "limit"),
                .label(.for("audit-limit"), .text("At most (1–\(AuditQuery.maximumLimit))")),
                .input(
                    .type(.number), .name("limit"), .id("audit-limit"),
                    .value(values["limit"] ?? String(AuditQuery.defaultLimit))),
                FormFields.error(errors, "format"),
                .button(.type(.submit), .text("Search"))),
            .if(
                errors.isEmpty,
                .p(
                    .class("downloads"),
                    .a(.href(SiteURL.auditLog(query, format: "csv").path), .text("Download these events (CSV)")),
                    .text(" · "),
                    .a(
                        .href(SiteURL.auditLog(query, format: "fhir").path),
                        .text("Download as FHIR AuditEvent (JSON)")))),
            .if(
                events.isEmpty, .p(.id("audit-none"), .text(errors.isEmpty ? "No events match." : "")),
                else: .div(
                    .class("table-scroll"),
                    .table(
                        .class("history"), .id("audit-events"),
                        .caption(.text("\(events.count) event\(events.count == 1 ? "" : "s"), newest first")),
                        .thead(
                            .tr(
                                .th("#"), .th("When"), .th("Who"), .th("Action"), .th("Kind"), .th("Client"),
                                .th("Request"))),
                        .tbody(
                            .forEach(events) { stored in
                                let event = stored.event
                                return .tr(
                                    .attribute(named: "data-action", value: event.action),
                                    .td(.text(String(stored.sequence))),
                                    .td(.text(AdminViews.time(event.at, context.timeZone))),
                                    .td(
                                        .text(
                                            names.account(event.actorID)
                                                + (event.role.map { " (\($0.rawValue))" } ?? ""))),
                                    .td(.code(.text(event.action))),
                                    .td(.text(AuditActionKind(action: event.action).rawValue)),
                                    .td(.text(clientsText(event, names))),
                                    .td(.code(.text(String((event.requestID ?? "").prefix(8))))))
                            })))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Audit trail", context: context, wide: true, content)
    }

    static func clientsText(_ event: AuditEvent, _ names: AuditLogPage.Names) -> String {
        if let client = event.clientID { return names.client(client) }
        guard !event.clients.isEmpty else { return "" }
        let listed = event.clients.map(names.client)
        return "\(listed.count) clients: " + listed.joined(separator: ", ")
    }
}
