import BraidCore
import Foundation
import Plot

/// Reads the admission and discharge forms; errors name the field and what is allowed.
enum EpisodeForms {
    static func date(_ text: String?, field: String) throws(ValidationError) -> CalendarDate {
        guard let text, let date = CalendarDate(iso: text) else {
            throw ValidationError(field: field, "'\((text ?? "").prefix(20))' is not a date (YYYY-MM-DD)")
        }
        return date
    }

    static func choice<T: RawRepresentable & CaseIterable>(
        _ text: String?, field: String, among allowed: [T] = Array(T.allCases)
    ) throws(ValidationError) -> T where T.RawValue == String {
        guard let text, let value = T(rawValue: text), allowed.contains(where: { $0.rawValue == value.rawValue })
        else {
            throw ValidationError(
                field: field,
                "'\((text ?? "").prefix(40))' is not allowed (allowed: "
                    + allowed.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return value
    }

    static func admission(_ form: [String: String]) throws(ValidationError)
        -> (date: CalendarDate, level: LevelOfCare, referral: ReferralSource)
    {
        (
            try date(form["admittedOn"], field: "admittedOn"),
            try choice(form["level"], field: "level", among: LevelOfCare.admissionLevels),
            try choice(form["referralSource"], field: "referralSource")
        )
    }

    static func discharge(_ form: [String: String]) throws(ValidationError)
        -> (date: CalendarDate, reason: DischargeReason)
    {
        (try date(form["dischargedOn"], field: "dischargedOn"), try choice(form["reason"], field: "reason"))
    }
}

/// Form pieces shared by the episode and admin forms.
enum FormFields {
    /// A labelled select; `selected` marks the current choice.
    static func select(
        _ name: String, id: String, label: String, options: [(value: String, label: String)], selected: String?
    ) -> Node<HTML.FormContext> {
        .group(
            .label(.for(id), .text(label)),
            .element(
                named: "select",
                nodes: [.attribute(named: "name", value: name), .attribute(named: "id", value: id)]
                    + options.map { option in
                        .element(
                            named: "option",
                            nodes: [
                                // An empty value is written out (value=""), or the browser would send the label.
                                .attribute(
                                    Attribute(
                                        name: "value", value: option.value.attributeEscaped,
                                        ignoreIfValueIsEmpty: false)),
                                option.value == selected
                                    ? .attribute(named: "selected", value: "selected") : .empty,
                                .text(option.label),
                            ])
                    }))
    }

    static func error(_ errors: [String: String], _ field: String) -> Node<HTML.FormContext> {
        .unwrap(errors[field]) {
            .p(.class("error"), .id("\(field)-error"), .attribute(named: "role", value: "alert"), .text($0))
        }
    }
}

/// The chart's episodes of care: where the client stands, the history, and the admit or discharge form.
enum EpisodeViews {
    static func section(
        _ client: ClientID, episodes: [Episode], today: CalendarDate, values: [String: String],
        errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let status = EpisodeStatus(episodes: episodes)
        return .section(
            .id("episodes"), .attribute(named: "aria-labelledby", value: "episodes-heading"),
            .h2(.id("episodes-heading"), .text("Episode of care")),
            .p(.attribute(named: "data-episode-status", value: status.word), .text(summary(status, today: today))),
            .if(
                !episodes.isEmpty,
                .table(
                    .class("facts"), .caption(.text("Episodes, oldest first")),
                    .thead(.tr(.th("Admitted"), .th("Level"), .th("Referral"), .th("Discharged"), .th("Reason"))),
                    .tbody(
                        .forEach(episodes) { episode in
                            .tr(
                                .td(.text(episode.admittedOn.description)),
                                .td(.text(episode.levelAtAdmission.label)),
                                .td(.text(episode.referralSource.label)),
                                .td(.text(episode.dischargedOn?.description ?? "—")),
                                .td(.text(episode.dischargeReason?.label ?? "—")))
                        }))),
            status.isActive
                ? dischargeForm(client, today: today, values: values, errors: errors, csrfToken: csrfToken)
                : admitForm(
                    client, readmission: !episodes.isEmpty, today: today, values: values, errors: errors,
                    csrfToken: csrfToken)
        )
    }

    static func summary(_ status: EpisodeStatus, today: CalendarDate) -> String {
        switch status {
        case .notAdmitted: "No admission recorded yet."
        case .active(let episode):
            "In care since \(episode.admittedOn) (day \(episode.lengthOfStay(today: today))), admitted to "
                + "\(episode.levelAtAdmission.label)."
        case .discharged(let episode):
            "Discharged on \(episode.dischargedOn?.description ?? "?"): \(episode.dischargeReason?.label ?? "")."
                + " Check-ins are kept but raise no caseload flags; a safety answer still alerts the care team."
        }
    }

    static func admitForm(
        _ client: ClientID, readmission: Bool, today: CalendarDate, values: [String: String],
        errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        .form(
            .action(SiteURL.admit(client).path), .method(.post), .id("admit"), SignedInViews.csrf(csrfToken),
            .fieldset(
                .element(named: "legend", text: readmission ? "Readmit (opens a new episode)" : "Record the admission"),
                admissionFields(
                    values: values, errors: errors, today: today, defaultDate: today.description,
                    dateLabel: "Admission date"),
                .button(.type(.submit), .text(readmission ? "Readmit" : "Admit"))))
    }

    /// The admission's date, level and referral source (the chart's admit form and the admin's new client).
    static func admissionFields(
        values: [String: String], errors: [String: String], today: CalendarDate, defaultDate: String,
        dateLabel: String
    ) -> Node<HTML.FormContext> {
        .group(
            FormFields.error(errors, "admittedOn"),
            .label(.for("admitted-on"), .text(dateLabel)),
            .input(
                .type(.date), .name("admittedOn"), .id("admitted-on"), .value(values["admittedOn"] ?? defaultDate),
                .attribute(named: "max", value: today.description)),
            FormFields.error(errors, "level"),
            FormFields.select(
                "level", id: "admission-level", label: "Level at admission",
                options: LevelOfCare.admissionLevels.map { ($0.rawValue, $0.label) },
                selected: values["level"] ?? LevelOfCare.iop.rawValue),
            FormFields.error(errors, "referralSource"),
            FormFields.select(
                "referralSource", id: "referral-source", label: "Referral source",
                options: ReferralSource.allCases.map { ($0.rawValue, $0.label) },
                selected: values["referralSource"] ?? ReferralSource.selfReferred.rawValue))
    }

    static func dischargeForm(
        _ client: ClientID, today: CalendarDate, values: [String: String], errors: [String: String],
        csrfToken: String
    ) -> Node<HTML.BodyContext> {
        .form(
            .action(SiteURL.discharge(client).path), .method(.post), .id("discharge"), SignedInViews.csrf(csrfToken),
            .fieldset(
                .element(named: "legend", text: "Discharge"),
                FormFields.error(errors, "episode"),
                FormFields.error(errors, "dischargedOn"),
                .label(.for("discharged-on"), .text("Discharge date")),
                .input(
                    .type(.date), .name("dischargedOn"), .id("discharged-on"),
                    .value(values["dischargedOn"] ?? today.description),
                    .attribute(named: "max", value: today.description)),
                FormFields.error(errors, "reason"),
                FormFields.select(
                    "reason", id: "discharge-reason", label: "Reason",
                    options: DischargeReason.allCases.map { ($0.rawValue, $0.label) },
                    selected: values["reason"] ?? DischargeReason.completed.rawValue),
                .button(.type(.submit), .text("Discharge"))))
    }
}
