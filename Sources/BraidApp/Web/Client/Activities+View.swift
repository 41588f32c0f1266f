import BraidCore
import Foundation
import Plot

/// Behavioral activation (§10): plan enjoyable and valued activities, rate them afterwards, and see enjoyment
/// beside mood week by week. And the PAWS page: an honest account, with the client's own trend.
enum ActivitiesView {
    static func kindKey(_ kind: ActivityKind) -> CopyKey {
        switch kind {
        case .enjoyable: .kindEnjoyable
        case .valued: .kindValued
        case .both: .kindBoth
        }
    }

    static func areaKey(_ area: LifeArea) -> CopyKey {
        switch area {
        case .relationships: .areaRelationships
        case .work: .areaWork
        case .health: .areaHealth
        case .leisure: .areaLeisure
        case .home: .areaHome
        case .community: .areaCommunity
        case .recovery: .areaRecovery
        }
    }

    /// Enjoyment of the activities done and mood, a point per week (0–10).
    static func chart(_ trend: ActivationTrend, copy: Copy, subject: String) -> SVGChart {
        let weeks = trend.weeks
        let done = weeks.compactMap(\.activityEnjoyment)
        var chart = SVGChart(
            title: copy(.activityChartTitle, ["subject": subject]),
            summary: copy(
                .activityChartSummary,
                [
                    "weeks": String(weeks.count), "done": String(weeks.map(\.done).reduce(0, +)),
                    "mean": done.isEmpty ? "—" : copy.decimal(done.reduce(0, +) / Double(done.count)),
                ]),
            x: 0...Double(max(weeks.count, 1)), y: 0...10)
        chart.yTicks = [0, 5, 10].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = weeks.enumerated().compactMap { index, week in
            index.isMultiple(of: 2) || index == weeks.count - 1
                ? .init(value: Double(index) + 0.5, label: copy.shortDate(week.end)) : nil
        }
        chart.lines = [
            .init(
                label: copy(.activityEnjoymentLine),
                points: weeks.enumerated().map { .init(x: Double($0) + 0.5, y: $1.activityEnjoyment) },
                color: "#188038"),
            .init(
                label: copy(.activityMoodLine),
                points: weeks.enumerated().map { .init(x: Double($0) + 0.5, y: $1.mood) },
                color: "#0b57d0", dashed: true),
        ]
        return chart
    }

    static func render(
        _ activities: [StoredRecoveryItem], trend: ActivationTrend, values: [String: String],
        errors: [String: String], notice: String?, context: PageContext
    ) -> String {
        let copy = context.copy
        let today = context.today
        let items = activities.compactMap { item in item.item.activity.map { (id: item.id, activity: $0) } }
        let toRate = items.filter { $0.activity.date <= today && !$0.activity.isRated }
        let upcoming = items.filter { $0.activity.date > today }.sorted { $0.activity.date < $1.activity.date }
        let rated = items.filter { $0.activity.isRated }
        func line(_ activity: Activity) -> String {
            var parts = [copy.shortDate(activity.date), activity.title, copy(kindKey(activity.kind))]
            if let area = activity.lifeArea { parts.append(copy(areaKey(area))) }
            return parts.joined(separator: " · ")
        }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.activityTitle))),
            ClientForms.notice(notice),
            .p(.text(copy(.activityIntro))),
            TimelineView.figure(chart(trend, copy: copy, subject: copy(.subjectYour)).phoneSized(), id: "activation"),
            .if(
                !toRate.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "rate-heading"),
                    .h2(.id("rate-heading"), .text(copy(.activityToRate))),
                    .forEach(toRate) { item in
                        .form(
                            .class("card"), .action(SiteURL.rateActivity(item.id).path), .method(.post),
                            SignedInViews.csrf(context.csrfToken),
                            .p(.strong(.text(line(item.activity)))),
                            .unwrap(item.activity.expectedEnjoyment) {
                                .p(.class("hint"), .text(copy(.activityExpected, ["n": String($0)])))
                            },
                            ClientForms.select(
                                "done-\(item.id.uuidString.lowercased())", label: copy(.activityDidIt),
                                options: [("true", copy(.yes)), ("false", copy(.no))], values: values, errors: errors),
                            ClientForms.number(
                                "enjoyment-\(item.id.uuidString.lowercased())", label: copy(.activityEnjoyed),
                                range: 0...10, values: values, errors: errors),
                            .button(.type(.submit), .text(copy(.activityRate))))
                    })),
            .section(
                .attribute(named: "aria-labelledby", value: "plan-heading"),
                .h2(.id("plan-heading"), .text(copy(.activityPlan))),
                ClientForms.problems(errors.filter { !$0.key.contains("-") }, copy: copy),
                .form(
                    .action(SiteURL.activities().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                    ClientForms.textField(
                        "title", label: copy(.activityWhat), values: values, errors: errors, maxLength: 120,
                        required: true),
                    ClientForms.select(
                        "kind", label: copy(.activityKind),
                        options: ActivityKind.allCases.map { ($0.rawValue, copy(kindKey($0))) }, values: values,
                        errors: errors),
                    ClientForms.select(
                        "lifeArea", label: copy(.activityArea),
                        options: [("", "—")] + LifeArea.allCases.map { ($0.rawValue, copy(areaKey($0))) },
                        values: values, errors: errors),
                    ClientForms.date("date", label: copy(.activityWhen), values: values, errors: errors),
                    ClientForms.number(
                        "expectedEnjoyment", label: copy(.activityExpectLabel), range: 0...10, values: values,
                        errors: errors),
                    .button(.type(.submit), .text(copy(.activityAdd))))),
            .if(
                !upcoming.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "upcoming-heading"),
                    .h2(.id("upcoming-heading"), .text(copy(.activityUpcoming))),
                    .ul(.forEach(upcoming) { .li(.text(line($0.activity))) }))),
            .if(
                !rated.isEmpty,
                .section(
                    .attribute(named: "aria-labelledby", value: "done-heading"),
                    .h2(.id("done-heading"), .text(copy(.activityDone))),
                    .ul(
                        .forEach(rated) { item in
                            .li(
                                .text(
                                    line(item.activity) + " · "
                                        + (item.activity.done == true
                                            ? copy(.activityEnjoyedN, ["n": String(item.activity.enjoyment ?? 0)])
                                            : copy(.activityNotDone))))
                        }))),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.activityTitle), context: context, content)
    }

    /// Mood, sleep, energy and irritability by week since the last use.
    static func pawsChart(_ trend: PAWSTrend, copy: Copy, subject: String) -> SVGChart {
        let weeks = trend.weeks
        var chart = SVGChart(
            title: copy(.pawsChartTitle, ["subject": subject]),
            summary: trend.lastUse.map { last in
                copy(.pawsChartSummary, ["date": copy.shortDate(last), "weeks": String(weeks.count)])
            } ?? copy(.pawsNoUse),
            x: 0...Double(max(weeks.count, 1)), y: 0...12)
        chart.yTicks = [0, 4, 8, 12].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = weeks.enumerated().map { index, week in
            .init(value: Double(index) + 0.5, label: copy(.pawsWeek, ["n": String(week.number)]))
        }
        if chart.xTicks.count > 8 {
            chart.xTicks = chart.xTicks.enumerated().filter { $0.offset.isMultiple(of: 3) }.map(\.element)
        }
        func line(_ label: CopyKey, _ value: (PAWSTrend.Week) -> Double?, _ color: String, dashed: Bool = false)
            -> SVGChart.Line
        {
            .init(
                label: copy(label), points: weeks.enumerated().map { .init(x: Double($0) + 0.5, y: value($1)) },
                color: color, dashed: dashed)
        }
        chart.lines = [
            line(.pawsMood, \.mood, "#0b57d0"), line(.pawsSleep, \.sleepHours, "#5b3f9e"),
            line(.pawsEnergy, \.energy, "#188038", dashed: true),
            line(.pawsIrritability, \.irritability, "#b06000", dashed: true),
        ]
        return chart
    }

    static func paws(_ trend: PAWSTrend, context: PageContext) -> String {
        let copy = context.copy
        func cell(_ value: Double?) -> Node<HTML.TableRowContext> { .td(.text(value.map(copy.decimal) ?? "—")) }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.pawsTitle))),
            .p(.text(copy(.pawsIntro))),
            .p(.text(copy(.pawsHonest))),
            .ul(
                .li(.text(copy(.pawsSymptomMood))), .li(.text(copy(.pawsSymptomSleep))),
                .li(.text(copy(.pawsSymptomEnergy))),
                .li(.text(copy(.pawsSymptomCraving)))),
            .h2(.text(copy(.pawsYours))),
            .unwrap(
                trend.daysSinceLastUse,
                { days in
                    .p(
                        .attribute(named: "data-days", value: String(days)),
                        .text(copy(.pawsDaysSince, ["n": String(days)])))
                },
                else: .p(.text(copy(.pawsNoUse)))),
            .if(
                !trend.weeks.isEmpty,
                .group(
                    TimelineView.figure(
                        pawsChart(trend, copy: copy, subject: copy(.subjectYour)).phoneSized(), id: "paws"),
                    .div(
                        .class("grid-scroll"), .attribute(named: "tabindex", value: "0"),
                        .attribute(named: "role", value: "region"),
                        .attribute(named: "aria-labelledby", value: "paws-table-caption"),
                        .table(
                            .caption(.id("paws-table-caption"), .text(copy(.pawsTableCaption))),
                            .thead(
                                .tr(
                                    .th(.attribute(named: "scope", value: "col"), .text(copy(.pawsWeekHeading))),
                                    .th(.attribute(named: "scope", value: "col"), .text(copy(.pawsMood))),
                                    .th(.attribute(named: "scope", value: "col"), .text(copy(.pawsSleep))),
                                    .th(.attribute(named: "scope", value: "col"), .text(copy(.pawsEnergy))),
                                    .th(.attribute(named: "scope", value: "col"), .text(copy(.pawsIrritability))))),
                            .tbody(
                                .forEach(trend.weeks.reversed()) { week in
                                    .tr(
                                        .th(
                                            .attribute(named: "scope", value: "row"),
                                            .text(
                                                copy(
                                                    .pawsWeekDays,
                                                    ["n": String(week.number), "days": String(week.days)]))),
                                        cell(week.mood), cell(week.sleepHours), cell(week.energy),
                                        cell(week.irritability))
                                }))))),
            .p(.text(copy(.pawsWhatHelps))),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.pawsTitle), context: context, content)
    }
}
