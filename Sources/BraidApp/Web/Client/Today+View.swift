import BraidCore
import Foundation
import Plot

/// The client's Today check-in and the crisis page shown at once after a safety "yes".
enum TodayView {
    /// The form as the JSON body the API validates (`CheckInSubmission`), so both doors share one set of rules.
    static func submission(_ form: [String: String]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in ["mood", "craving", "enjoyment", "energy", "irritability", "sleepHours", "exerciseMinutes"] {
            if let text = form[field], !text.isEmpty {
                object[field] = Double(text).map(JSONValue.number) ?? .string(text)
            }
        }
        for field in ["used", "safety", "medsTaken", "regularMeals"] {
            if let text = form[field], !text.isEmpty {
                object[field] = text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            }
        }
        if let date = form["date"], !date.isEmpty { object["date"] = .string(date) }
        return .object(object)
    }

    /// The daily check-in, fast on a phone: four core questions as large choices, extras folded away, and the
    /// safety question always visible.
    static func render(
        name: String, saved: Bool, values: [String: String], errors: [String: String],
        cards: Node<HTML.BodyContext> = .empty, context: PageContext
    ) -> String {
        let date = context.today
        let csrfToken = context.csrfToken
        let copy = context.copy
        func scale(_ field: String, _ question: String, low: String, high: String) -> Node<HTML.FormContext> {
            .fieldset(
                .class("scale"),
                .element(named: "legend", text: question),
                .unwrap(errors[field]) { .p(.class("error"), .id("\(field)-error"), .text($0)) },
                .div(
                    .class("scale-row"),
                    .forEach(0...10) { score in
                        .label(
                            .class("pill"),
                            .input(
                                .type(.radio), .name(field), .value(String(score)),
                                .checked(values[field] == String(score))),
                            .span(.text(String(score))))
                    }),
                .p(.class("scale-ends"), .span(.text("0 = \(low)")), .span(.text("10 = \(high)")))
            )
        }
        func yesNo(_ field: String, _ question: String) -> Node<HTML.FormContext> {
            .fieldset(
                .element(named: "legend", text: question),
                .unwrap(errors[field]) { .p(.class("error"), .id("\(field)-error"), .text($0)) },
                .forEach([("true", copy(.yes)), ("false", copy(.no))]) { value, label in
                    .label(
                        .class("choice"),
                        .input(.type(.radio), .name(field), .value(value), .checked(values[field] == value)),
                        .text(label))
                })
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.todayTitle, ["name": name]))),
            .if(
                saved,
                .p(.class("summary"), .attribute(named: "role", value: "status"), .text(copy(.todaySaved)))),
            .nav(
                .class("links"), .attribute(named: "aria-label", value: copy(.todayMyPages)),
                .a(.href(SiteURL.pattern.path), .text(copy(.navPattern))), .text(" · "),
                .a(.href(SiteURL.cycle.path), .text(copy(.navCycle))), .text(" · "),
                .a(.href(SiteURL.myPlan.path), .text(copy(.navMyPlan))), .text(" · "),
                .a(.href(SiteURL.recovery.path), .text(copy(.navRecoveryTools))), .text(" · "),
                .a(.href(SiteURL.safetyPlan().path), .text(copy(.navSafetyPlan))), .text(" · "),
                .a(.href(SiteURL.relapsePlan().path), .text(copy(.navRelapsePlan))), .text(" · "),
                .a(.href(SiteURL.reminders().path), .text(copy(.navReminders))), .text(" · "),
                .a(.href(SiteURL.myConsents().path), .text(copy(.navConsents))), .text(" · "),
                .a(.href(SiteURL.profile().path), .text(copy(.navProfile)))),
            cards,
            .if(
                !errors.isEmpty,
                .p(.class("error"), .attribute(named: "role", value: "alert"), .text(copy(.formProblems)))),
            .form(
                .action(SiteURL.today().path), .method(.post), SignedInViews.csrf(csrfToken),
                .input(.type(.hidden), .name("date"), .value(date.description)),
                scale("mood", copy(.todayMood), low: copy(.todayMoodLow), high: copy(.todayMoodHigh)),
                scale("craving", copy(.todayCraving), low: copy(.todayNone), high: copy(.todayStrongest)),
                .div(
                    .label(.for("sleepHours"), .text(copy(.todaySleep))),
                    .unwrap(errors["sleepHours"]) { .p(.class("error"), .id("sleepHours-error"), .text($0)) },
                    .input(
                        .type(.number), .name("sleepHours"), .id("sleepHours"), .attribute(named: "step", value: "0.5"),
                        .attribute(named: "min", value: "0"), .attribute(named: "max", value: "24"),
                        .attribute(named: "inputmode", value: "decimal"), .value(values["sleepHours"] ?? ""))),
                yesNo("used", copy(.todayUsed)),
                yesNo("safety", copy(.todaySafety)),
                .element(
                    named: "details",
                    nodes: [
                        .element(named: "summary", text: copy(.todayMore)),
                        scale("enjoyment", copy(.todayEnjoyment), low: copy(.todayNotAtAll), high: copy(.todayALot)),
                        scale("energy", copy(.todayEnergy), low: copy(.todayNone), high: copy(.todayLots)),
                        scale("irritability", copy(.todayIrritability), low: copy(.todayNone), high: copy(.todayVery)),
                        yesNo("medsTaken", copy(.todayMeds)),
                        .div(
                            .label(.for("exerciseMinutes"), .text(copy(.todayExercise))),
                            .unwrap(errors["exerciseMinutes"]) {
                                .p(.class("error"), .id("exerciseMinutes-error"), .text($0))
                            },
                            .input(
                                .type(.number), .name("exerciseMinutes"), .id("exerciseMinutes"),
                                .attribute(named: "min", value: "0"), .attribute(named: "max", value: "1440"),
                                .attribute(named: "inputmode", value: "numeric"),
                                .value(values["exerciseMinutes"] ?? ""))),
                        yesNo("regularMeals", copy(.todayMeals)),
                    ]),
                .p(.button(.type(.submit), .text(copy(.todaySave))))
            ),
            SignedInViews.signOut(csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.todayPageTitle), context: context, content)
    }

    /// The client's contingency management at a glance: the streak, what was earned and is waiting, the next
    /// screen. Encouraging, never shaming: a reset is just a new start.
    static func contingencyCard(_ summary: CMSummary, today: CalendarDate, copy: Copy = .english)
        -> Node<HTML.BodyContext>
    {
        let money = ContingencyManagement.money
        let next = summary.nextScreen.map { date in
            date == today ? copy(.cmToday) : "\(copy(Copy.longWeekdays[date.isoWeekday - 1])) \(date)"
        }
        let streakWords =
            summary.streak == 0
            ? copy(.cmNewStreak)
            : copy.count(summary.streak, one: .cmStreakOne, many: .cmStreakMany)
        let prizes: [(PrizeSlip, CopyKey)] = [
            (.small, .cmPrizeSmall), (.large, .cmPrizeLarge), (.jumbo, .cmPrizeJumbo),
        ]
        return .section(
            .class("card cm-card"), .id("contingency"), .attribute(named: "aria-labelledby", value: "cm-heading"),
            .h2(.id("cm-heading"), .text(copy(.cmTitle))),
            .p(.attribute(named: "data-streak", value: String(summary.streak)), .text(streakWords)),
            .p(
                .attribute(named: "data-earned", value: money(summary.earnedCents)),
                .text(
                    copy(.cmEarned, ["amount": money(summary.earnedCents)])
                        + (summary.balanceCents > 0 ? copy(.cmWaiting, ["amount": money(summary.balanceCents)]) : "")
                        + ".")),
            .if(
                summary.schedule == .prizes,
                .p(
                    .text(
                        copy(.cmDraws, ["draws": String(summary.totalDraws)])
                            + prizes.map { "\(summary.prizesWon[$0.0] ?? 0) \(copy($0.1))" }.joined(separator: ", ")
                            + "."))),
            .if(summary.capReached, .p(.text(copy(.cmCap)))),
            .unwrap(next) { .p(.strong(.text(copy(.cmNext, ["date": $0])))) }
        )
    }

    /// Today's homework from the client's groups, each with "Mark done".
    static func homeworkCard(_ view: MyGroupsView, copy: Copy, csrf: String) -> Node<HTML.BodyContext> {
        .section(
            .class("card"), .id("homework"), .attribute(named: "aria-labelledby", value: "homework-heading"),
            .h2(.id("homework-heading"), .text(copy(.groupsHomework))),
            .ul(
                .class("records homework"),
                .forEach(view.current) { status in
                    .li(
                        .attribute(named: "data-homework", value: status.homework.id.uuidString.lowercased()),
                        .p(
                            .strong(.text(status.homework.title)),
                            .text(" · " + view.groupName(status.homework.groupID))),
                        .unwrap(status.homework.details) { .p(.text($0)) },
                        .unwrap(status.homework.dueOn) { .p(.text(copy(.homeworkDue, ["date": copy.shortDate($0)]))) },
                        .form(
                            .action(SiteURL.homeworkDone(status.homework.id).path), .method(.post),
                            SignedInViews.csrf(csrf), .input(.type(.hidden), .name("from"), .value("today")),
                            .button(
                                .type(.submit),
                                .attribute(
                                    named: "aria-label",
                                    value: copy(.homeworkMarkNamed, ["title": status.homework.title])),
                                .text(copy(.homeworkMark)))))
                }),
            .p(.a(.href(SiteURL.myGroups().path), .text(copy(.groupsTitle)))))
    }

    /// Shown at once after a safety "yes": crisis resources first, and that the care team was told.
    static func safety(plan: StoredSafetyPlan?, saved: String? = nil, context: PageContext) -> String {
        let crisis = context.crisis
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.safetyHeading))),
            .div(
                .class("summary"), .attribute(named: "role", value: "alert"),
                .p(.strong(.text(Layout.crisisMessage(crisis, copy: copy)))),
                .p(
                    .a(
                        .class("button"), .href("tel:\(crisis.lifeline)"),
                        .text(copy(.safetyCallNow, ["line": crisis.lifeline]))))
            ),
            .p(.text(saved ?? copy(.safetySavedAlerted))),
            .h2(.text(copy(.safetyYourPlan))),
            .unwrap(
                plan,
                { KeptPlanView.sections($0.plan, copy: copy) },
                else: .p(.text(copy(.safetyNoPlan)))),
            .p(.a(.href(SiteURL.safetyPlan().path), .text(copy(.safetyOpenPlan)))),
            .a(.href(SiteURL.today().path), .text(copy(.navBackToToday))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.safetyTitle), context: context, emphasizeCrisis: true, content)
    }
}
