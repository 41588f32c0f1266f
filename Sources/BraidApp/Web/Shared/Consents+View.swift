import BraidCore
import Foundation
import Plot

/// 42 CFR Part 2 pages (issue 13 §5): the care team's consents page (record, revoke, disclose, the accounting),
/// the SUD counseling notes kept apart, and the client's own "Who may see my record".
enum ConsentViews {
    static func when(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    static func statusWord(_ status: Part2Consent.Status) -> String {
        switch status {
        case .active: "Active"
        case .expired: "Expired"
        case .revoked: "Revoked"
        }
    }

    static func scopeLabel(_ scope: ConsentScope) -> String {
        scope == .record ? "Treatment record" : "SUD counseling notes"
    }

    // MARK: The care team's page

    static func careTeam(
        client: ClientProfile, account: ConsentAccount,
        consentForm: (values: [String: String], errors: [String: String]),
        discloseForm: (values: [String: String], errors: [String: String]), notice: String?, context: PageContext
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .p(.a(.href(SiteURL.chart(client.id).path), .text("← \(client.displayName)'s chart"))),
            .h1(.text("Consents and disclosures: \(client.displayName)")),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(
                .text(
                    "The care team's own use of the record inside the program needs no consent. Anything that leaves "
                        + "the program (42 CFR Part 2) needs the client's written consent naming the recipient and "
                        + "the purpose; SUD counseling notes need a consent of their own.")),
            .section(
                .id("consents"), .attribute(named: "aria-labelledby", value: "consents-heading"),
                .h2(.id("consents-heading"), .text("Consents")),
                consentTable(
                    account, zone: context.timeZone,
                    revoke: { consent in
                        .form(
                            .action(SiteURL.revokeConsent(client.id).path), .method(.post), .class("inline"),
                            SignedInViews.csrf(context.csrfToken),
                            .input(.type(.hidden), .name("consentId"), .value(consent.id.uuidString.lowercased())),
                            .button(
                                .type(.submit),
                                .attribute(
                                    named: "aria-label", value: "Revoke the consent for \(consent.terms.recipient)"),
                                .text("Revoke")))
                    })),
            .section(
                .id("new-consent"), .attribute(named: "aria-labelledby", value: "new-consent-heading"),
                .h2(.id("new-consent-heading"), .text("Record a signed consent")),
                Self.consentForm(client.id, today: context.today, form: consentForm, csrfToken: context.csrfToken)),
            .section(
                .id("disclose"), .attribute(named: "aria-labelledby", value: "disclose-heading"),
                .h2(.id("disclose-heading"), .text("Disclose outside the program")),
                .p(
                    .text(
                        "Downloads the record as a FHIR R4 Bundle with the 42 CFR 2.32 notice and the consent's "
                            + "scope, and adds it to the accounting the client sees. Refused, with nothing sent, "
                            + "unless an active consent names the recipient and the purpose.")),
                Self.discloseForm(client.id, form: discloseForm, csrfToken: context.csrfToken)),
            .section(
                .id("accounting"), .attribute(named: "aria-labelledby", value: "accounting-heading"),
                .h2(.id("accounting-heading"), .text("Accounting of disclosures")),
                accounting(account, zone: context.timeZone, showNames: true)),
            .p(.a(.href(SiteURL.counselingNotes(client.id).path), .text("SUD counseling notes (kept apart)")))
        )
        return Layout.page(title: "Consents: \(client.displayName)", context: context, wide: true, content)
    }

    static func consentTable(
        _ account: ConsentAccount, zone: TimeZone, revoke: (Part2Consent) -> Node<HTML.BodyContext>
    ) -> Node<HTML.BodyContext> {
        .if(
            account.consents.isEmpty, .p(.text("No consent recorded: nothing may leave the program.")),
            else: .table(
                .class("facts consents"), .caption(.text("Every consent, oldest first")),
                .thead(
                    .tr(
                        .th("Recipient"), .th("Purpose"), .th("What"), .th("Signed"), .th("Expires"), .th("Status"),
                        .th("Action"))),
                .tbody(
                    .forEach(account.consents) { consent in
                        let status = consent.status(on: account.today)
                        return .tr(
                            .attribute(named: "data-consent-status", value: status.rawValue),
                            .td(.text(consent.terms.recipient)), .td(.text(consent.terms.purpose.label)),
                            .td(.text(scopeLabel(consent.terms.scope))),
                            .td(.text("\(consent.terms.signedOn) by \(consent.terms.signature)")),
                            .td(.text(consent.terms.expiresOn.description)),
                            .td(
                                .text(statusWord(status)),
                                .unwrap(consent.revokedAt) { .text(" \(when($0, zone))") }),
                            .td(status == .active ? revoke(consent) : .text("—")))
                    })))
    }

    static func accounting(_ account: ConsentAccount, zone: TimeZone, showNames: Bool, copy: Copy = .english)
        -> Node<HTML.BodyContext>
    {
        .if(
            account.disclosures.isEmpty, .p(.text(copy(.consentNothingDisclosed))),
            else: .table(
                .class("facts disclosures"), .caption(.text(copy(.consentEveryDisclosure))),
                .thead(
                    .tr(
                        .th(.text(copy(.consentWhen))), .th(.text(copy(.consentTo))), .th(.text(copy(.consentPurpose))),
                        .th(.text(copy(.consentWhat))), .if(showNames, .th("Sent by")))),
                .tbody(
                    .forEach(account.disclosures) { disclosure in
                        .tr(
                            .td(.text(when(disclosure.disclosedAt, zone))), .td(.text(disclosure.recipient)),
                            .td(.text(copy(purposeKey(disclosure.purpose)))),
                            .td(.text(copy(disclosure.scope == .record ? .consentRecordWord : .consentNotesWord))),
                            .if(
                                showNames,
                                .td(
                                    .text(
                                        disclosure.disclosedBy.flatMap { account.names[$0] }
                                            ?? (disclosure.disclosedBy == nil ? "command line" : "—")))))
                    })))
    }

    static func purposeOptions() -> [(value: String, label: String)] {
        DisclosurePurpose.allCases.map { ($0.rawValue, $0.label) }
    }

    static func scopeOptions() -> [(value: String, label: String)] {
        ConsentScope.allCases.map { ($0.rawValue, scopeLabel($0)) }
    }

    static func textField(
        _ key: String, id: String, label: String, values: [String: String], errors: [String: String],
        type: HTMLInputType = .text
    ) -> Node<HTML.FormContext> {
        .div(
            .label(.for(id), .text(label)),
            .input(
                .type(type), .name(key), .id(id), .value(values[key] ?? ""),
                .attribute(named: "maxlength", value: "200")),
            FormFields.error(errors, key))
    }

    static func consentForm(
        _ client: ClientID, today: CalendarDate, form: (values: [String: String], errors: [String: String]),
        csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let (values, errors) = form
        var defaults = values
        if values.isEmpty {
            defaults["signedOn"] = today.description
            defaults["expiresOn"] = today.adding(days: 365).description
        }
        return .form(
            .action(SiteURL.consents(client).path), .method(.post), .id("consent-form"),
            SignedInViews.csrf(csrfToken),
            .unwrap(errors.isEmpty ? nil : "Not recorded: see below.") {
                .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            textField(
                "recipient", id: "consent-recipient", label: "To whom (person or organization)", values: defaults,
                errors: errors),
            FormFields.select(
                "purpose", id: "consent-purpose", label: "Purpose", options: purposeOptions(),
                selected: defaults["purpose"]),
            FormFields.error(errors, "purpose"),
            FormFields.select(
                "scope", id: "consent-scope", label: "What may be disclosed", options: scopeOptions(),
                selected: defaults["scope"]),
            FormFields.error(errors, "scope"),
            textField(
                "expiresOn", id: "consent-expires", label: "Expires on", values: defaults, errors: errors, type: .date),
            textField(
                "signature", id: "consent-signature", label: "Signature (the client's name as signed)",
                values: defaults, errors: errors),
            textField(
                "signedOn", id: "consent-signed", label: "Signed on", values: defaults, errors: errors, type: .date),
            .div(
                .label(
                    .class("choice"),
                    .input(
                        .type(.checkbox), .name("rightToRevokeExplained"), .value("on"),
                        .checked(defaults["rightToRevokeExplained"] == "on")),
                    .text("The client was told in writing they may revoke this consent at any time")),
                FormFields.error(errors, "rightToRevokeExplained")),
            .button(.type(.submit), .text("Record the consent")))
    }

    /// The consent form as the JSON body the API validates.
    static func consentBody(_ form: [String: String]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for key in ["recipient", "purpose", "scope", "expiresOn", "signature", "signedOn"] {
            if let value = form[key] { object[key] = .string(value) }
        }
        object["rightToRevokeExplained"] = .bool(form["rightToRevokeExplained"] == "on")
        return .object(object)
    }

    static func discloseForm(
        _ client: ClientID, form: (values: [String: String], errors: [String: String]), csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let (values, errors) = form
        return .form(
            .action(SiteURL.disclose(client).path), .method(.post), .id("disclose-form"),
            SignedInViews.csrf(csrfToken),
            .unwrap(errors.isEmpty ? nil : "Not disclosed: nothing left the program.") {
                .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            textField("recipient", id: "disclose-recipient", label: "Recipient", values: values, errors: errors),
            FormFields.select(
                "purpose", id: "disclose-purpose", label: "Purpose", options: purposeOptions(),
                selected: values["purpose"]),
            FormFields.error(errors, "purpose"),
            FormFields.select(
                "scope", id: "disclose-scope", label: "What", options: scopeOptions(), selected: values["scope"]),
            FormFields.error(errors, "scope"),
            .button(.type(.submit), .text("Disclose and download")))
    }

    // MARK: Counseling notes

    static func counselingNotes(
        client: ClientProfile, notes: [CounselingNote], authors: [UserID: String], values: [String: String],
        errors: [String: String], notice: String?, context: PageContext
    ) -> String {
        let content: Node<HTML.BodyContext> = .group(
            .p(.a(.href(SiteURL.chart(client.id).path), .text("← \(client.displayName)'s chart"))),
            .h1(.text("SUD counseling notes: \(client.displayName)")),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(
                .text(
                    "Kept apart from the rest of the record (42 CFR 2.11): not in the chart, the CSV or the FHIR "
                        + "export, and never disclosed under a record consent. They leave the program only under a "
                        + "consent for counseling notes.")),
            .form(
                .action(SiteURL.counselingNotes(client.id).path), .method(.post), .id("counseling-note-form"),
                SignedInViews.csrf(context.csrfToken),
                .unwrap(errors.isEmpty ? nil : "Not saved: see below.") {
                    .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0))
                },
                textField(
                    "sessionDate", id: "note-session", label: "Session date",
                    values: values.isEmpty ? ["sessionDate": context.today.description] : values, errors: errors,
                    type: .date),
                .div(
                    .label(.for("note-text"), .text("Note")),
                    .textarea(
                        .name("text"), .id("note-text"), .attribute(named: "rows", value: "6"),
                        .attribute(named: "maxlength", value: String(CounselingNote.maximumLength)),
                        .text(values["text"] ?? "")),
                    FormFields.error(errors, "text")),
                .button(.type(.submit), .text("Save the note"))),
            .h2(.text("Notes, newest session first")),
            .if(
                notes.isEmpty, .p(.text("No counseling notes.")),
                else: .ul(
                    .class("counseling-notes"),
                    .forEach(notes) { note in
                        .li(
                            .h3(.text("Session of \(note.sessionDate)")), .p(.text(note.text)),
                            .p(
                                .class("meta"),
                                .text("\(authors[note.writtenBy] ?? "—"), \(when(note.writtenAt, context.timeZone))")))
                    }))
        )
        return Layout.page(title: "Counseling notes: \(client.displayName)", context: context, content)
    }

    // MARK: The client's page

    static func purposeKey(_ purpose: DisclosurePurpose) -> CopyKey {
        switch purpose {
        case .treatment: .purposeTreatment
        case .payment: .purposePayment
        case .healthCareOperations: .purposeOperations
        case .careCoordination: .purposeCoordination
        case .research: .purposeResearch
        case .patientRequest: .purposeRequest
        }
    }

    static func statusKey(_ status: Part2Consent.Status) -> CopyKey {
        switch status {
        case .active: .consentActive
        case .expired: .consentExpired
        case .revoked: .consentRevoked
        }
    }

    static func mine(_ account: ConsentAccount, notice: String?, error: String?, context: PageContext) -> String {
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.navConsents))),
            .unwrap(notice) { .p(.class("summary"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .p(.text(copy(.consentIntro))),
            .h2(.text(copy(.consentMine))),
            .if(
                account.consents.isEmpty, .p(.text(copy(.consentNone))),
                else: .ul(
                    .class("cards consents"),
                    .forEach(account.consents) { consent in
                        let status = consent.status(on: account.today)
                        return .li(
                            .attribute(named: "data-consent-status", value: status.rawValue),
                            .h3(.text(consent.terms.recipient)),
                            .p(
                                .text(
                                    "\(copy(purposeKey(consent.terms.purpose))). "
                                        + copy(
                                            consent.terms.scope == .record ? .consentScopeRecord : .consentScopeNotes))),
                            .p(
                                .class("meta"),
                                .text(
                                    copy(
                                        .consentTerms,
                                        [
                                            "status": copy(statusKey(status)),
                                            "signed": consent.terms.signedOn.description,
                                            "until": consent.terms.expiresOn.description,
                                        ]))),
                            .if(
                                status == .active,
                                .form(
                                    .action(SiteURL.revokeMyConsent.path), .method(.post),
                                    SignedInViews.csrf(context.csrfToken),
                                    .input(
                                        .type(.hidden), .name("consentId"),
                                        .value(consent.id.uuidString.lowercased())),
                                    .button(
                                        .type(.submit),
                                        .attribute(
                                            named: "aria-label",
                                            value: copy(.consentTakeBackNamed, ["recipient": consent.terms.recipient])),
                                        .text(copy(.consentTakeBack))))))
                    })),
            .h2(.text(copy(.consentLeft))),
            accounting(account, zone: context.timeZone, showNames: false, copy: copy),
            .p(.a(.href(SiteURL.today().path), .text(copy(.navBackToToday)))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.navConsents), context: context, content)
    }
}
