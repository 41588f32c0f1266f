import BraidCore
import Foundation
import Plot

/// One account as the admin's list shows it: who, what role, and whether they can sign in.
struct AccountRow: Sendable {
    let account: UserAccount
    /// When the account's live invitation link expires, if it has one.
    let invitationExpires: Date?
    let hasPassword: Bool

    var state: String {
        if !account.isActive { return "deactivated" }
        if !hasPassword { return invitationExpires == nil ? "invitation expired" : "invited" }
        return "active"
    }
}

/// The admin's pages: accounts and invitations, care teams, the program's settings and threshold history.
/// Nothing here shows clinical content.
enum AdminViews {
    typealias Form = Node<HTML.FormContext>

    /// Links between the staff pages, on every admin page and an admin's caseload.
    static func staffNav(current: SiteURL.Page?) -> Node<HTML.BodyContext> {
        let links: [(SiteURL, String)] = [
            (.caseload(), "Caseload"), (.admin(), "Accounts"), (.settings(), "Program settings"),
            (.notificationSettings(), "Notifications"), (.auditLog(), "Audit trail"),
            (.programOverview(), "Program overview"),
        ]
        return .nav(
            .class("tabs"), .attribute(named: "aria-label", value: "Staff pages"),
            .forEach(links) { url, label in
                .a(
                    .href(url.path), .if(url.page == current, .attribute(named: "aria-current", value: "page")),
                    .text(label))
            })
    }

    static func time(_ date: Date, _ zone: TimeZone) -> String { ClinicianViews.alertTime(date, zone) }

    /// A setting's value as the history shows it: a secret never shows again.
    static func shown(_ setting: String, _ value: String) -> String {
        guard NotificationSettings.Key(rawValue: setting)?.isSecret == true else { return value }
        return value.isEmpty || value == "—" ? "none" : "(a secret)"
    }

    static func notice(_ text: String?) -> Node<HTML.BodyContext> {
        .unwrap(text) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) }
    }

    // MARK: - Accounts

    static func accounts(
        rows: [AccountRow], clinicians: [UserAccount], values: [String: String], errors: [String: String],
        notice: String?, context: PageContext
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            staffNav(current: .admin),
            .h1(.text("Accounts")),
            Self.notice(notice),
            .div(
                .class("table-scroll"),
                .table(
                    .class("accounts"),
                    .caption(.text("Everyone in the program (names and roles only: no clinical content)")),
                    .thead(.tr(.th("Name"), .th("Email"), .th("Role"), .th("Status"))),
                    .tbody(
                        .forEach(rows) { row in
                            .tr(
                                .th(
                                    .attribute(named: "scope", value: "row"),
                                    .a(.href(SiteURL.adminAccount(row.account.id).path), .text(row.account.name))),
                                .td(.text(row.account.email)), .td(.text(row.account.role.rawValue)),
                                .td(
                                    .attribute(named: "data-state", value: row.state),
                                    .text(
                                        row.state
                                            + (row.invitationExpires.map {
                                                " (link expires \(time($0, context.timeZone)))"
                                            } ?? ""))))
                        }))),
            .h2(.id("new-account"), .text("Add an account")),
            .p(
                .text(
                    "The person gets a one-time link to set their own password: you hand it over, and you never see "
                        + "or type their password. Links expire after \(Int(InvitationRules.lifetime / 3600)) hours.")),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Check: " + errors.keys.sorted().joined(separator: ", ") + "."))),
            .form(
                .action(SiteURL.adminAccounts.path), .method(.post), .id("account-form"),
                SignedInViews.csrf(context.csrfToken),
                FormFields.error(errors, "role"),
                FormFields.select(
                    "role", id: "role", label: "Role",
                    options: [
                        ("client", "Client"), ("clinician", "Clinician"), ("admin", "Admin"),
                        ("program-lead", "Program lead (aggregate reports only)"),
                    ], selected: values["role"] ?? "client"),
                FormFields.error(errors, "name"),
                .label(.for("name"), .text("Name")),
                .input(.type(.text), .name("name"), .id("name"), .value(values["name"] ?? "")),
                FormFields.error(errors, "email"),
                .label(.for("email"), .text("Email")),
                .input(.type(.email), .name("email"), .id("email"), .value(values["email"] ?? "")),
                .fieldset(
                    .element(named: "legend", text: "For a client: care team and admission"),
                    FormFields.error(errors, "clinician"),
                    careTeamChoices(clinicians, chosen: Set(values.keys.filter { $0.hasPrefix("clinician-") })),
                    EpisodeViews.admissionFields(
                        values: values, errors: errors, today: context.today, defaultDate: "",
                        dateLabel: "Admission date (leave empty to record it later)")),
                .button(.type(.submit), .text("Create and get the invitation link"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Accounts", context: context, wide: true, content)
    }

    /// Checkboxes of the program's clinicians (`clinician-<id>`).
    static func careTeamChoices(_ clinicians: [UserAccount], chosen: Set<String>) -> Form {
        .group(
            .p(.text("Care team (one or more clinicians)")),
            .forEach(clinicians) { clinician in
                let name = "clinician-\(clinician.id)"
                return .label(
                    .class("choice"),
                    .input(.type(.checkbox), .name(name), .value("on"), .checked(chosen.contains(name))),
                    .text("\(clinician.name) (\(clinician.email))"))
            })
    }

    /// The link to hand over, once: it is not stored anywhere it could be read again.
    static func invitation(_ link: InvitationLink, context: PageContext) -> String {
        let purpose = link.purpose == .welcome ? "invitation" : "password-reset link"
        let content: Node<HTML.BodyContext> = .group(
            staffNav(current: nil),
            .h1(.text("One-time \(purpose) for \(link.account.name)")),
            .p(
                .text(
                    "Hand this link to \(link.account.name) (\(link.account.email)) in person or by a channel they "
                        + "trust. It works once and expires \(time(link.expiresAt, context.timeZone)). It is shown "
                        + "only now; make a new one if it is lost.")),
            .label(.for("invitation-link"), .text("Invitation link")),
            .input(
                .type(.text), .id("invitation-link"), .value(link.url),
                .attribute(named: "readonly", value: "readonly"),
                .class("link-box")),
            .p(.a(.href(SiteURL.adminAccount(link.account.id).path), .text("Back to the account"))),
            .p(.a(.href(SiteURL.admin().path), .text("All accounts"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Invitation", context: context, content)
    }

    static func account(
        _ row: AccountRow, careTeam: Set<UserID>?, clinicians: [UserAccount], errors: [String: String],
        notice: String?, isSelf: Bool, context: PageContext
    ) -> String {
        let account = row.account
        let content: Node<HTML.BodyContext> = .group(
            staffNav(current: nil),
            .h1(.text(account.name)),
            Self.notice(notice),
            .unwrap(errors["account"] ?? errors["email"]) {
                .p(.class("error"), .id("account-error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            .table(
                .class("facts"),
                .tbody(
                    .tr(.th("Email"), .td(.text(account.email))), .tr(.th("Role"), .td(.text(account.role.rawValue))),
                    .tr(.th("Status"), .td(.attribute(named: "data-state", value: row.state), .text(row.state))))),
            .unwrap(careTeam) { team in
                .form(
                    .action(SiteURL.adminCareTeam(account.id).path), .method(.post), .id("care-team"),
                    SignedInViews.csrf(context.csrfToken),
                    .fieldset(
                        .element(named: "legend", text: "Care team"),
                        FormFields.error(errors, "clinician"),
                        careTeamChoices(clinicians, chosen: Set(team.map { "clinician-\($0)" })),
                        .button(.type(.submit), .text("Save the care team"))))
            },
            .if(
                account.isActive,
                .group(
                    .h2(.text("Sign-in")),
                    .p(
                        .text(
                            row.hasPassword
                                ? "A new link lets them set a new password; their sessions end when they use it."
                                : "They have not set a password yet. A new link replaces any earlier one.")),
                    .form(
                        .action(SiteURL.adminInvitation(account.id).path), .method(.post),
                        SignedInViews.csrf(context.csrfToken),
                        .button(
                            .type(.submit),
                            .text(row.hasPassword ? "Make a password-reset link" : "Make a new invitation link"))),
                    .if(
                        !isSelf,
                        .form(
                            .action(SiteURL.adminDeactivate(account.id).path), .method(.post), .id("deactivate"),
                            SignedInViews.csrf(context.csrfToken),
                            .fieldset(
                                .element(named: "legend", text: "Deactivate"),
                                .p(
                                    .text(
                                        "They can no longer sign in; their tokens and sessions end at once. Their "
                                            + "records stay.")),
                                .button(.type(.submit), .class("danger"), .text("Deactivate \(account.name)")))))
                ),
                else: .form(
                    .action(SiteURL.adminReactivate(account.id).path), .method(.post), .id("reactivate"),
                    SignedInViews.csrf(context.csrfToken),
                    .button(.type(.submit), .text("Reactivate")))),
            .p(.a(.href(SiteURL.admin().path), .text("All accounts"))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: account.name, context: context, content)
    }

    // MARK: - Settings

    static func settings(
        program: Program, configuration: ClinicalConfiguration, history: [SettingChange], names: [UserID: String],
        values: [String: String], errors: [String: String], notice: String?, context: PageContext,
        contingency: Node<HTML.BodyContext> = .empty
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            staffNav(current: .settings),
            .h1(.text("Program settings")),
            Self.notice(notice),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("Nothing was saved. Check: " + errors.keys.sorted().joined(separator: ", ") + "."))),
            .form(
                .action(SiteURL.settings().path), .method(.post), .id("program-settings"),
                SignedInViews.csrf(context.csrfToken),
                .fieldset(
                    .element(named: "legend", text: "The program"),
                    FormFields.error(errors, "name"),
                    .label(.for("program-name"), .text("Name")),
                    .input(.type(.text), .name("name"), .id("program-name"), .value(values["name"] ?? program.name)),
                    FormFields.error(errors, "timeZone"),
                    .label(
                        .for("time-zone"), .text("Time zone (IANA, e.g. America/New_York): every date is a date here")),
                    .input(
                        .type(.text), .name("timeZone"), .id("time-zone"),
                        .value(values["timeZone"] ?? program.timeZone)),
                    FormFields.error(errors, "crisisLine"),
                    .label(.for("crisis-line"), .text("24/7 crisis line (shown beside 988 and 911 on every page)")),
                    .input(
                        .type(.text), .name("crisisLine"), .id("crisis-line"),
                        .value(values["crisisLine"] ?? program.crisisLine ?? "")),
                    FormFields.error(errors, "reason"),
                    .label(.for("settings-reason"), .text("Reason for the change (kept in the history)")),
                    .input(.type(.text), .name("reason"), .id("settings-reason"), .value(values["reason"] ?? "")),
                    .button(.type(.submit), .text("Save the program settings")))),
            .h2(.text("Clinical thresholds")),
            .p(
                .text(
                    "Changing a threshold is a clinical decision: it moves flags on every caseload at once and applies "
                        + "to assessments scored from now on (stored results keep the cut-off they were scored with). "
                        + "Every change needs a reason and is kept below.")),
            .form(
                .action(SiteURL.thresholds.path), .method(.post), .id("thresholds"),
                SignedInViews.csrf(context.csrfToken),
                .div(
                    .class("table-scroll"),
                    .table(
                        .caption(.text("Thresholds (spec default in brackets)")),
                        .thead(.tr(.th("Threshold"), .th("Source"), .th("Value"))),
                        .tbody(
                            .forEach(ClinicalThreshold.allCases) { threshold in
                                let (range, step) = threshold.allowed
                                return .tr(
                                    .th(
                                        .attribute(named: "scope", value: "row"),
                                        .label(
                                            .for("t-\(threshold.rawValue)"),
                                            .text(
                                                "\(threshold.label) [\(threshold.format(threshold.defaultValue))]"))),
                                    .td(.text(threshold.section)),
                                    .td(
                                        .input(
                                            .type(.number), .name(threshold.rawValue), .id("t-\(threshold.rawValue)"),
                                            .value(
                                                values[threshold.rawValue]
                                                    ?? threshold.format(threshold.value(in: configuration))),
                                            .attribute(named: "min", value: threshold.format(range.lowerBound)),
                                            .attribute(named: "max", value: threshold.format(range.upperBound)),
                                            .attribute(named: "step", value: threshold.format(step))),
                                        .unwrap(errors[threshold.rawValue]) {
                                            .p(.class("error"), .id("\(threshold.rawValue)-error"), .text($0))
                                        }))
                            }))),
                FormFields.error(errors, "thresholdReason"),
                .label(.for("threshold-reason"), .text("Reason for the change (kept in the history)")),
                .input(
                    .type(.text), .name("reason"), .id("threshold-reason"), .value(values["thresholdReason"] ?? "")),
                .button(.type(.submit), .text("Save the thresholds"))),
            contingency,
            .h2(.id("history"), .text("History")),
            .if(
                history.isEmpty, .p(.text("No changes yet: every setting is as the program was created.")),
                else: .div(
                    .class("table-scroll"),
                    .table(
                        .class("history"),
                        .caption(.text("Every change, newest first")),
                        .thead(.tr(.th("When"), .th("Who"), .th("Setting"), .th("From"), .th("To"), .th("Reason"))),
                        .tbody(
                            .forEach(history.reversed()) { change in
                                .tr(
                                    .td(.text(time(change.changedAt, context.timeZone))),
                                    .td(.text(change.changedBy.flatMap { names[$0] } ?? "command line")),
                                    .td(
                                        .attribute(named: "data-setting", value: change.setting),
                                        .text(
                                            ClinicalThreshold(rawValue: change.setting)?.label
                                                ?? ContingencyProgram.Key(rawValue: change.setting)?.label
                                                ?? NotificationSettings.Key(rawValue: change.setting)?.label
                                                ?? change.setting)),
                                    .td(.text(Self.shown(change.setting, change.oldValue ?? "—"))),
                                    .td(.text(Self.shown(change.setting, change.newValue))),
                                    .td(.text(change.reason)))
                            })))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Program settings", context: context, wide: true, content)
    }
}
