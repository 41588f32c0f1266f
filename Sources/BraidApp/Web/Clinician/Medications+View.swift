import BraidCore
import Foundation
import Plot

/// The chart's medications (issue 12): the plain facts first (§7), adherence from the check-ins beside the list,
/// each medication with an edit form, the add form, and the prescriber's notes to the team.
enum MedicationViews {
    static func facts() -> Node<HTML.BodyContext> {
        .div(
            .class("facts-callout"), .id("medication-facts"),
            .p(.strong(.text(MedicationFacts.noApprovedMedication))), .p(.text(MedicationFacts.antidepressants)))
    }

    static func adherence(_ view: MedicationsView) -> Node<HTML.BodyContext> {
        .p(
            .class("adherence"),
            .attribute(
                named: "data-adherence-7",
                value: view.adherence7.rate.map { String(Int(($0 * 100).rounded())) } ?? ""),
            .text(
                "Taken as prescribed (from the check-ins): last 7 days \(view.adherence7.sentence); last 30 days "
                    + "\(view.adherence30.sentence)."))
    }

    static func table(_ medications: [Medication], caption: String) -> Node<HTML.BodyContext> {
        .div(
            .class("table-scroll"),
            .table(
                .class("medications"),
                .caption(.text(caption)),
                .thead(
                    .tr(
                        .th("Medication"), .th("Dose"), .th("How"), .th("How often"), .th("Prescriber"),
                        .th("Dates"), .th("For"))),
                .tbody(
                    .forEach(medications) { medication in
                        .tr(
                            .attribute(named: "data-medication", value: medication.id.uuidString.lowercased()),
                            .th(.attribute(named: "scope", value: "row"), .text(medication.name)),
                            .td(.text(medication.dose)), .td(.text(medication.route.label)),
                            .td(.text(medication.frequency)), .td(.text(medication.prescriber)),
                            .td(
                                .text(
                                    "from \(medication.startDate)"
                                        + (medication.stopDate.map { " to \($0)" } ?? ""))),
                            .td(.text(medication.reason ?? "—")))
                    })))
    }

    static func section(
        _ client: ClientID, view: MedicationsView, values: [String: String], errors: [String: String],
        csrfToken: String
    ) -> Node<HTML.BodyContext> {
        .section(
            .id("medications"), .attribute(named: "aria-labelledby", value: "medications-heading"),
            .h2(.id("medications-heading"), .text("Medications")),
            facts(),
            adherence(view),
            .if(
                view.current.isEmpty, .p(.text("No current medication.")),
                else: table(view.current, caption: "Current")),
            .if(!view.stopped.isEmpty, table(view.stopped, caption: "Stopped")),
            .forEach(view.medications) { medication in
                .element(
                    named: "details",
                    nodes: [
                        .element(named: "summary", text: "Change \(medication.name)"),
                        form(
                            client, medication: medication,
                            values: values["medicationId"] == medication.id.uuidString.lowercased() ? values : [:],
                            errors: values["medicationId"] == medication.id.uuidString.lowercased() ? errors : [:],
                            csrfToken: csrfToken),
                    ])
            },
            .element(
                named: "details",
                nodes: [
                    values["medicationId"] == nil && !errors.isEmpty && errors["text"] == nil
                        ? .attribute(named: "open", value: "open") : .empty,
                    .element(named: "summary", text: "Add a medication"),
                    form(
                        client, medication: nil, values: values["medicationId"] == nil ? values : [:],
                        errors: values["medicationId"] == nil ? errors : [:], csrfToken: csrfToken),
                ]),
            .h3(.text("Prescriber notes")),
            .p(.class("meta"), .text("For the whole care team: dose changes, what to watch for, what to ask.")),
            .form(
                .action(SiteURL.prescriberNotes(client).path), .method(.post), .id("prescriber-note"),
                SignedInViews.csrf(csrfToken),
                FormFields.error(errors, "text"),
                .label(.for("prescriber-note-text"), .text("Note")),
                .textarea(
                    .name("text"), .id("prescriber-note-text"),
                    .attribute(named: "maxlength", value: String(PrescriberNote.maximumLength)),
                    .text(values["text"] ?? "")),
                .button(.type(.submit), .text("Add the note"))),
            .if(
                !view.notes.isEmpty,
                .ol(
                    .class("prescriber-notes"),
                    .forEach(view.notes) { note in
                        .li(
                            .p(.text(note.text)),
                            .p(
                                .class("meta"),
                                .text(
                                    "\(view.authors[note.writtenBy] ?? "—"), "
                                        + ISO8601DateFormatter().string(from: note.writtenAt))))
                    }))
        )
    }

    static func form(
        _ client: ClientID, medication: Medication?, values: [String: String], errors: [String: String],
        csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let prefix = medication.map { "med-\($0.id.uuidString.prefix(8).lowercased())-" } ?? "med-new-"
        func value(_ key: String, _ current: String?) -> String { values[key] ?? current ?? "" }
        func field(_ key: String, _ label: String, _ current: String?, type: HTMLInputType = .text)
            -> Node<HTML.FormContext>
        {
            .div(
                .label(.for(prefix + key), .text(label)),
                .input(
                    .type(type), .name(key), .id(prefix + key), .value(value(key, current)),
                    .attribute(named: "maxlength", value: String(MedicationEntry.limits[key] ?? 10))),
                FormFields.error(errors, key))
        }
        return .form(
            .action(SiteURL.medications(client).path), .method(.post),
            .class("medication-form"), .id(prefix + "form"),
            SignedInViews.csrf(csrfToken),
            .unwrap(medication) {
                .input(.type(.hidden), .name("medicationId"), .value($0.id.uuidString.lowercased()))
            },
            field("name", "Name (as prescribed)", medication?.name),
            field("dose", "Dose (e.g. 50 mg)", medication?.dose),
            FormFields.select(
                "route", id: prefix + "route", label: "How it is taken",
                options: MedicationRoute.allCases.map { ($0.rawValue, $0.label) },
                selected: values["route"] ?? medication?.route.rawValue ?? MedicationRoute.oral.rawValue),
            FormFields.error(errors, "route"),
            field("frequency", "How often (e.g. once a day, morning)", medication?.frequency),
            field("prescriber", "Prescriber", medication?.prescriber),
            field("startDate", "Started", medication?.startDate.description, type: .date),
            field("stopDate", "Stopped (or to stop on)", medication?.stopDate?.description, type: .date),
            field("reason", "What it is for", medication?.reason),
            .div(
                .label(.for(prefix + "notes"), .text("Notes")),
                .textarea(
                    .name("notes"), .id(prefix + "notes"),
                    .attribute(named: "maxlength", value: String(MedicationEntry.limits["notes"] ?? 1_000)),
                    .text(value("notes", medication?.notes))),
                FormFields.error(errors, "notes")),
            .button(.type(.submit), .text(medication == nil ? "Add the medication" : "Save the change")))
    }

    /// The form as the JSON body the API validates; an empty optional field is left out.
    static func body(_ form: [String: String]) -> JSONValue {
        .object(
            Dictionary(
                uniqueKeysWithValues: MedicationEntry.keys.compactMap { key in
                    guard let value = form[key], !value.isEmpty else { return nil }
                    return (key, JSONValue.string(value))
                }))
    }
}
