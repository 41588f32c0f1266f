import BraidCore
import Foundation
import Plot

extension AdminViews {
    /// The program's contingency-management offer (§10): the schedule, its amounts, the bowl and the screening
    /// days. A client's enrollment keeps the terms of its day; a change applies to enrollments from now on.
    static func contingencyForm(
        _ offer: ContingencyProgram, values: [String: String], errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        typealias Key = ContingencyProgram.Key
        func field(_ key: Key, hint: String) -> Node<HTML.FormContext> {
            .div(
                .label(.for(key.rawValue), .text("\(key.label) \(hint)")),
                .input(
                    .type(.text), .name(key.rawValue), .id(key.rawValue),
                    .value(values[key.rawValue] ?? offer.text(key))),
                FormFields.error(errors, key.rawValue))
        }
        return .group(
            .h2(.id("contingency-settings"), .text("Contingency management")),
            .p(
                .text(
                    "What each negative urine screen earns (§10). Enrolled clients keep the terms they enrolled on; a "
                        + "change applies to enrollments from now on. Amounts in dollars.")),
            .form(
                .action(SiteURL.contingencySettings.path), .method(.post), .id("contingency-form"),
                SignedInViews.csrf(csrfToken),
                FormFields.select(
                    Key.schedule.rawValue, id: Key.schedule.rawValue, label: Key.schedule.label,
                    options: [("vouchers", "Escalating vouchers (Higgins)"), ("prizes", "Prize draws (Petry)")],
                    selected: values[Key.schedule.rawValue] ?? offer.schedule.rawValue),
                FormFields.error(errors, Key.schedule.rawValue),
                .fieldset(
                    .element(named: "legend", text: "Screening days (§10: 2–3 a week)"),
                    FormFields.error(errors, Key.screeningDays.rawValue),
                    .forEach(Array(ContingencyProgram.weekdayNames.enumerated())) { index, name in
                        .label(
                            .class("choice"),
                            .input(
                                .type(.checkbox), .name("cm-day-\(name)"), .value("on"),
                                .checked(
                                    values.isEmpty
                                        ? offer.screeningDays.contains(index + 1) : values["cm-day-\(name)"] == "on")),
                            .text(ContingencyProgram.weekdayLabels[index]))
                    }),
                field(.start, hint: "(default 2.50)"), field(.step, hint: "(default 1.25)"),
                field(.bonus, hint: "(default 10.00)"), field(.bonusEvery, hint: "(default 3)"),
                field(.maxDraws, hint: "(default 12)"), field(.cap, hint: "(default 750.00, SAMHSA 2025)"),
                field(.bowl, hint: "(default 250,209,40,1)"), field(.prizeValues, hint: "(default 1.00,20.00,100.00)"),
                FormFields.error(errors, "cmReason"),
                .label(.for("cm-reason"), .text("Reason for the change (kept in the history)")),
                .input(.type(.text), .name("reason"), .id("cm-reason"), .value(values["cmReason"] ?? "")),
                .button(.type(.submit), .text("Save contingency management"))))
    }

    /// The form's texts by setting (screening days from the day boxes).
    static func contingencyValues(_ form: [String: String]) -> [ContingencyProgram.Key: String] {
        var texts: [ContingencyProgram.Key: String] = [:]
        for key in ContingencyProgram.Key.allCases where key != .screeningDays {
            if let text = form[key.rawValue] { texts[key] = text }
        }
        texts[.screeningDays] = ContingencyProgram.weekdayNames.filter { form["cm-day-\($0)"] == "on" }
            .joined(separator: ",")
        return texts
    }
}
