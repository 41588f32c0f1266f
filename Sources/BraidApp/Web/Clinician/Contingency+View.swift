import BraidCore
import Foundation
import Plot

/// The chart's contingency management (§10): enroll, then the summary (streak, earned, owed, the cap, the next
/// screen), the ledger line by line with every draw, payouts and the payout form. Screens are recorded with the
/// chart's screen form and land here in their own transaction.
enum ContingencyViews {
    static let money = ContingencyManagement.money

    static func section(
        _ client: ClientID, view: ContingencyView?, offer: ContingencyProgram, today: CalendarDate,
        values: [String: String], errors: [String: String], csrfToken: String
    ) -> Node<HTML.BodyContext> {
        .section(
            .id("contingency"), .attribute(named: "aria-labelledby", value: "contingency-heading"),
            .h2(.id("contingency-heading"), .text("Contingency management")),
            .p(
                .class("meta"),
                .text(
                    "The best-supported treatment for stimulant use (ASAM/AAAP 2024): each negative urine screen earns, "
                        + "more with each one in a row; a positive or a missed screening day resets the streak.")),
            .unwrap(errors["startDate"] ?? errors["endDate"]) {
                .p(.class("error"), .id("cm-error"), .attribute(named: "role", value: "alert"), .text($0))
            },
            .unwrap(
                view.flatMap { $0.enrollment.isActive ? $0 : nil },
                { enrolled($0, client: client, values: values, errors: errors, csrfToken: csrfToken) },
                else: .group(
                    .unwrap(view) { ended in
                        .p(
                            .text(
                                "Enrolled \(ended.enrollment.startedOn) to \(ended.enrollment.endedOn?.description ?? "—"): "
                                    + "earned \(money(ended.summary.earnedCents)), paid \(money(ended.summary.paidCents))."
                            ))
                    },
                    enrollForm(client, offer: offer, today: today, values: values, csrfToken: csrfToken))),
            .unwrap(view) { ledger($0) }
        )
    }

    static func terms(_ terms: ContingencyProgram) -> String {
        let amounts = terms.amounts
        let schedule =
            terms.schedule == .vouchers
            ? "Escalating vouchers: \(money(amounts.startCents)), then \(money(amounts.stepCents)) more per negative "
                + "in a row, and a \(money(amounts.bonusCents)) bonus on every \(ordinal(amounts.bonusEvery)) one"
            : "Prize draws: one draw per negative in a row, up to \(amounts.maxDraws) a screen, from a bowl of "
                + "\(terms.bowl.slipCount) slips"
        return "\(schedule). Screening days: \(terms.screeningDaysText). Yearly cap \(money(amounts.capCents))."
    }

    /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st.
    static func ordinal(_ n: Int) -> String {
        let suffix =
            (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }

    static func enrollForm(
        _ client: ClientID, offer: ContingencyProgram, today: CalendarDate, values: [String: String],
        csrfToken: String
    ) -> Node<HTML.BodyContext> {
        .form(
            .action(SiteURL.cmEnroll(client).path), .method(.post), .id("cm-enroll"),
            SignedInViews.csrf(csrfToken),
            .p(.text("The program offers: \(terms(offer))")),
            .label(.for("cm-start"), .text("Ledger starts on")),
            .input(
                .type(.date), .name("startDate"), .id("cm-start"), .value(values["startDate"] ?? today.description),
                .attribute(named: "max", value: today.description)),
            .button(.type(.submit), .text("Enroll in contingency management")))
    }

    static func enrolled(
        _ view: ContingencyView, client: ClientID, values: [String: String], errors: [String: String],
        csrfToken: String
    ) -> Node<HTML.BodyContext> {
        let summary = view.summary
        return .group(
            .p(.text("Enrolled since \(view.enrollment.startedOn). \(terms(view.enrollment.terms))")),
            .dl(
                .class("cm-summary"),
                .dt("Negatives in a row"),
                .dd(
                    .attribute(named: "data-streak", value: String(summary.streak)),
                    .text(String(summary.streak))),
                .dt("Earned"),
                .dd(
                    .attribute(named: "data-earned", value: money(summary.earnedCents)),
                    .text(money(summary.earnedCents))),
                .dt("Paid out"), .dd(.text(money(summary.paidCents))),
                .dt("Owed"),
                .dd(
                    .attribute(named: "data-balance", value: money(summary.balanceCents)),
                    .text(money(summary.balanceCents))),
                .dt("This enrollment year"),
                .dd(
                    .text(
                        "\(money(summary.yearEarnedCents)) of the \(money(summary.capCents)) cap"
                            + (summary.capReached ? " (cap reached: screens keep counting, and earn nothing more)" : "")
                    )),
                .dt("Next screen"), .dd(.text(summary.nextScreen.map { $0.description } ?? "—"))),
            .form(
                .action(SiteURL.cmPayout(client).path), .method(.post), .id("cm-payout"),
                SignedInViews.csrf(csrfToken),
                .fieldset(
                    .element(named: "legend", text: "Record a payout"),
                    FormFields.error(errors, "amount"),
                    .label(.for("cm-amount"), .text("Amount (dollars)")),
                    .input(
                        .type(.text), .name("amount"), .id("cm-amount"), .value(values["amount"] ?? ""),
                        .attribute(named: "inputmode", value: "decimal")),
                    FormFields.error(errors, "date"),
                    .label(.for("cm-paid-on"), .text("Handed over on")),
                    .input(.type(.date), .name("date"), .id("cm-paid-on"), .value(values["date"] ?? "")),
                    FormFields.error(errors, "note"),
                    .label(.for("cm-note"), .text("What was given (optional, e.g. grocery gift card)")),
                    .input(
                        .type(.text), .name("note"), .id("cm-note"), .value(values["note"] ?? ""),
                        .attribute(
                            named: "maxlength", value: String(ContingencyLedgerRules.maximumPayoutNoteLength))),
                    .button(.type(.submit), .text("Record payout")))),
            .form(
                .action(SiteURL.cmEnd(client).path), .method(.post), .id("cm-end"),
                SignedInViews.csrf(csrfToken),
                .label(.for("cm-end-date"), .text("End the enrollment on")),
                .input(.type(.date), .name("endDate"), .id("cm-end-date"), .value(values["endDate"] ?? "")),
                .button(.type(.submit), .class("secondary"), .text("End enrollment"))))
    }

    static func resultWords(_ result: ContingencyManagement.Result) -> String {
        switch result {
        case .negative: "negative"
        case .positive: "positive"
        case .missed: "missed (no result)"
        }
    }

    static func ledger(_ view: ContingencyView) -> Node<HTML.BodyContext> {
        .group(
            .if(
                view.lines.isEmpty, .p(.text("No screening day yet.")),
                else: .div(
                    .class("table-scroll"),
                    .table(
                        .class("cm-ledger"),
                        .caption(.text("Ledger, oldest first")),
                        .thead(
                            .tr(.th("Date"), .th("Result"), .th("In a row"), .th("Draws"), .th("Earned"), .th("Note"))),
                        .tbody(
                            .forEach(view.lines) { line in
                                .tr(
                                    .attribute(named: "data-result", value: line.result.rawValue),
                                    .td(.text(line.date.description)), .td(.text(resultWords(line.result))),
                                    .td(.text(String(line.streak))),
                                    .td(
                                        .text(
                                            line.draws.isEmpty
                                                ? "—"
                                                : line.draws.map {
                                                    $0.slip == .goodJob
                                                        ? $0.slip.label : "\($0.slip.label) \(money($0.creditedCents))"
                                                }.joined(separator: "; "))),
                                    .td(.text(money(line.earnedCents))),
                                    .td(.text(line.capReached ? "cap reached" : "")))
                            })))),
            .if(
                !view.payouts.isEmpty,
                .div(
                    .class("table-scroll"),
                    .table(
                        .class("cm-payouts"),
                        .caption(.text("Payouts")),
                        .thead(.tr(.th("Date"), .th("Amount"), .th("By"), .th("What"))),
                        .tbody(
                            .forEach(view.payouts) { payout in
                                .tr(
                                    .td(.text(payout.paidOn.description)), .td(.text(money(payout.amountCents))),
                                    .td(.text(view.payers[payout.paidBy] ?? "—")), .td(.text(payout.note ?? "")))
                            })))))
    }
}
