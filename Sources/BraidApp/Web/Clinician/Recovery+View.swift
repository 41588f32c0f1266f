import BraidCore
import Foundation
import Plot

/// What the care team reads of a client's recovery tools (issue 14), on one page: thought records with their
/// trends, diary cards with the urge analysis, activities beside mood, the PAWS trend, the support network and
/// the groups, each from BraidCore's analysis of the stored records.
struct RecoveryChartModel: Sendable {
    let client: ClientProfile
    let thoughts: (records: [StoredRecoveryItem], trends: ThoughtRecordTrends)
    let diary: (cards: [StoredRecoveryItem], analysis: DiaryCardAnalysis)
    let activities: (activities: [StoredRecoveryItem], trend: ActivationTrend)
    let paws: PAWSTrend
    let support: (contacts: [StoredRecoveryItem], meetings: [StoredRecoveryItem])
    let groups: MyGroupsView
    let today: CalendarDate
}

enum RecoveryChartView {
    static let copy = Copy.english

    static func number(_ value: Double?) -> String { value.map(copy.decimal) ?? "—" }

    /// Each record's emotion drop, oldest first.
    static func dropChart(_ trends: ThoughtRecordTrends, name: String) -> SVGChart {
        let points = trends.drops
        var chart = SVGChart(
            title: "\(name): emotion drop per thought record",
            summary: "The mean fall of the re-rated emotions (0–100 points) for each of \(points.count) records, "
                + "oldest first; mean \(number(trends.meanDrop)).",
            x: 0...Double(max(points.count, 1)), y: -20...100)
        chart.yTicks = [0, 50, 100].map { .init(value: Double($0), label: String($0)) }
        chart.xTicks = points.enumerated().compactMap { index, point in
            index.isMultiple(of: max(1, points.count / 5))
                ? .init(value: Double(index) + 0.5, label: point.date.description) : nil
        }
        var line = SVGChart.Line(
            label: "Emotion drop", points: points.enumerated().map { .init(x: Double($0) + 0.5, y: $1.drop) },
            color: "#0b57d0")
        line.markers = true
        chart.lines = [line]
        return chart
    }

    static func render(_ model: RecoveryChartModel, context: PageContext) -> String {
        let client = model.client
        let analysis = model.diary.analysis
        let name = client.displayName
        let facts: [(String, String)] = [
            ("Days on the cards", String(analysis.days.count)),
            ("Mean urge to use on days with use", number(analysis.meanUrgeWhenUsed)),
            ("Mean urge to use on days without use", number(analysis.meanUrgeWhenNotUsed)),
            ("Days with a high urge (≥ \(DiaryCardAnalysis.highUrge) of 5)", String(analysis.highUrgeDays)),
            ("… of which no use followed", String(analysis.highUrgeDaysWithoutUse)),
            ("Mean skills rating (0–7) on those days", number(analysis.meanSkillsRatingRiddenOut)),
            ("Mean skills rating on days with use", number(analysis.meanSkillsRatingWhenUsed)),
            ("Days with a suicide urge above 0", String(analysis.suicideUrgeDays)),
            ("Days with self-harm", String(analysis.selfHarmDays)),
        ]
        let (contacts, meetings) = model.support
        let counts = MutualHelpMeeting.counts(meetings.compactMap(\.item.meeting), today: model.today)
        let content: Node<HTML.BodyContext> = .group(
            ClinicianViews.openAlerts(
                context.alerts, focus: client.id, returnTo: SiteURL.clientRecovery(client.id).path,
                csrfToken: context.csrfToken, timeZone: context.timeZone),
            .h1(.text("Recovery tools: \(name)")),
            .p(.a(.href(SiteURL.chart(client.id).path), .text("Back to the chart"))),
            .nav(
                .class("links"), .attribute(named: "aria-label", value: "Sections"),
                .a(.href("#thoughts"), .text("Thought records")), .text(" · "),
                .a(.href("#diary"), .text("Diary cards")), .text(" · "),
                .a(.href("#activation"), .text("Activities")), .text(" · "),
                .a(.href("#paws"), .text("PAWS")), .text(" · "),
                .a(.href("#support"), .text("Support")), .text(" · "),
                .a(.href("#groups"), .text("Groups"))),
            .section(
                .id("thoughts"), .attribute(named: "aria-labelledby", value: "thoughts-heading"),
                .h2(.id("thoughts-heading"), .text("CBT thought records")),
                .p(
                    .attribute(named: "data-records", value: String(model.thoughts.trends.records)),
                    .text(
                        "\(model.thoughts.trends.records) records; mean emotion drop \(number(model.thoughts.trends.meanDrop)) "
                            + "points (of 0–100) where re-rated.")),
                .if(
                    model.thoughts.trends.drops.count > 1,
                    TimelineView.figure(dropChart(model.thoughts.trends, name: name), id: "thought-drops")),
                .if(
                    !model.thoughts.trends.triggers.isEmpty,
                    .group(
                        .h3(.text("Most frequent triggers")),
                        .ol(
                            .class("triggers"),
                            .forEach(model.thoughts.trends.triggers.prefix(8)) { count in
                                .li(
                                    .text(
                                        "\(ThoughtRecordsView.trigger(count.trigger, copy)): \(count.records) "
                                            + (count.records == 1 ? "record" : "records")))
                            }))),
                .ul(
                    .class("records"),
                    .forEach(model.thoughts.records.prefix(10).compactMap(\.item.thoughtRecord)) { record in
                        .li(
                            .class("card"),
                            .p(.strong(.text("\(record.date) · \(record.automaticThought)"))),
                            .p(.text("Situation: \(record.situation)")),
                            .unwrap(record.balancedThought) { .p(.text("Balanced thought: \($0)")) },
                            .p(
                                .text(
                                    record.emotions.map {
                                        "\($0.emotion) \($0.before)" + ($0.after.map { " → \($0)" } ?? "")
                                    }.joined(separator: "; "))))
                    })),
            .section(
                .id("diary"), .attribute(named: "aria-labelledby", value: "diary-heading"),
                .h2(.id("diary-heading"), .text("DBT diary cards")),
                .table(
                    .class("facts"), .caption(.text("Urges against use, and skills on the days an urge passed")),
                    .tbody(
                        .forEach(facts) { label, value in
                            .tr(.th(.attribute(named: "scope", value: "row"), .text(label)), .td(.text(value)))
                        })),
                .if(
                    !analysis.skillsWhenUrgeRiddenOut.isEmpty,
                    .p(
                        .text(
                            "Skills on days a high urge passed without use: "
                                + analysis.skillsWhenUrgeRiddenOut.map {
                                    "\(copy(DiaryCardView.skillKey($0.skill))) (\($0.days))"
                                }.joined(separator: ", ")))),
                .forEach(model.diary.cards.prefix(4)) { stored in
                    .unwrap(stored.item.diaryCard) { card in
                        DiaryCardView.grid(card, weekStart: card.weekStart, copy: copy, id: "card-\(card.weekStart)")
                    }
                }),
            .section(
                .id("activation"), .attribute(named: "aria-labelledby", value: "activation-heading"),
                .h2(.id("activation-heading"), .text("Behavioral activation")),
                .p(
                    .text(
                        "\(model.activities.activities.count) activities planned; "
                            + "\(model.activities.activities.filter { $0.item.activity?.done == true }.count) done and rated."
                    )),
                TimelineView.figure(
                    ActivitiesView.chart(model.activities.trend, copy: copy, subject: "\(name)'s"),
                    id: "activation-chart")),
            .section(
                .id("paws"), .attribute(named: "aria-labelledby", value: "paws-heading"),
                .h2(.id("paws-heading"), .text("Post-acute withdrawal trend")),
                .p(
                    .text(
                        model.paws.lastUse.map { "Last use \($0); \(model.paws.daysSinceLastUse ?? 0) days since." }
                            ?? "No use recorded in the check-ins.")),
                .if(
                    !model.paws.weeks.isEmpty,
                    TimelineView.figure(
                        ActivitiesView.pawsChart(model.paws, copy: copy, subject: "\(name)'s"), id: "paws-chart"))),
            .section(
                .id("support"), .attribute(named: "aria-labelledby", value: "support-heading"),
                .h2(.id("support-heading"), .text("Support network and meetings")),
                .if(contacts.isEmpty, .p(.text("No one listed."))),
                .ul(
                    .forEach(contacts.compactMap(\.item.supportContact)) { contact in
                        .li(
                            .text(
                                "\(contact.name) · \(copy(SupportView.roleKey(contact.role)))"
                                    + (contact.reach.map { " · \($0)" } ?? "")
                                    + (contact.crisisContact ? " · may be called in a crisis" : "")))
                    }),
                .p(.text("Mutual-help meetings: \(counts.week) in the last 7 days, \(counts.month) in the last 30."))),
            .section(
                .id("groups"), .attribute(named: "aria-labelledby", value: "groups-heading"),
                .h2(.id("groups-heading"), .text("Groups")),
                .if(model.groups.groups.isEmpty, .p(.text("Not in a group."))),
                .ul(
                    .forEach(model.groups.groups) { item in
                        .li(
                            .text(
                                "\(item.group.schedule.name) · \(SupportView.schedule(item.group.schedule, copy: copy))"
                            ))
                    }),
                .p(
                    .text(
                        "Attended \(model.groups.summary.attended) of \(model.groups.summary.sessions) sessions recorded"
                            + (model.groups.summary.excused > 0 ? " (\(model.groups.summary.excused) excused)." : "."))),
                .ul(
                    .forEach(model.groups.attendance.prefix(12)) { stored in
                        .li(
                            .text(
                                "\(stored.date) · \(model.groups.groupName(stored.groupID)) · \(stored.entry.status.rawValue)"
                                    + (stored.entry.note.map { " · \($0)" } ?? "")))
                    }),
                .p(
                    .text(
                        "Homework: \(model.groups.homework.filter { $0.done[client.id] != nil }.count) of "
                            + "\(model.groups.homework.count) done."))),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Recovery tools", context: context, wide: true, content)
    }
}
