import BraidCore
import Foundation
import Plot

/// Not doing it alone (§10): the client's support network and mutual-help meetings, their groups with
/// attendance and homework, the language of their pages, and the hub of their recovery tools.
enum SupportView {
    static func roleKey(_ role: SupportRole) -> CopyKey {
        switch role {
        case .family: .roleFamily
        case .partner: .rolePartner
        case .friend: .roleFriend
        case .sponsor: .roleSponsor
        case .peer: .rolePeer
        case .counselor: .roleCounselor
        case .doctor: .roleDoctor
        case .other: .roleOther
        }
    }

    static func fellowshipKey(_ fellowship: Fellowship) -> CopyKey {
        switch fellowship {
        case .na: .fellowshipNA
        case .ca: .fellowshipCA
        case .aa: .fellowshipAA
        case .smart: .fellowshipSmart
        case .refuge: .fellowshipRefuge
        case .celebrate: .fellowshipCelebrate
        case .other: .fellowshipOther
        }
    }

    static func modalityKey(_ modality: GroupModality) -> CopyKey {
        switch modality {
        case .cbt: .modalityCBT
        case .dbtSkills: .modalityDBT
        case .relapsePrevention: .modalityRelapse
        case .behavioralActivation: .modalityActivation
        case .psychoeducation: .modalityPsychoeducation
        case .mindfulness: .modalityMindfulness
        case .process: .modalityProcess
        case .family: .modalityFamily
        }
    }

    static func statusKey(_ status: AttendanceStatus) -> CopyKey {
        switch status {
        case .present: .attendancePresent
        case .late: .attendanceLate
        case .absent: .attendanceAbsent
        case .excused: .attendanceExcused
        }
    }

    /// A phone number as a link that dials; anything else as written.
    static func reach(_ text: String) -> Node<HTML.BodyContext> {
        let digits = text.filter { $0.isNumber }
        return digits.count >= 3 && text.allSatisfy({ $0.isNumber || " +-().".contains($0) })
            ? .a(.href("tel:\(Layout.digits(text))"), .text(text)) : .text(text)
    }

    static func render(
        contacts: [StoredRecoveryItem], meetings: [StoredRecoveryItem], values: [String: String],
        errors: [String: String], notice: String?, context: PageContext
    ) -> String {
        let copy = context.copy
        let counts = MutualHelpMeeting.counts(meetings.compactMap(\.item.meeting), today: context.today)
        let people = contacts.compactMap { item in item.item.supportContact.map { (id: item.id, contact: $0) } }
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.supportTitle))),
            ClientForms.notice(notice),
            .p(.text(copy(.supportIntro))),
            .section(
                .attribute(named: "aria-labelledby", value: "people-heading"),
                .h2(.id("people-heading"), .text(copy(.supportPeople))),
                .if(people.isEmpty, .p(.text(copy(.supportNoPeople)))),
                .ul(
                    .class("records"),
                    .forEach(people) { person in
                        .li(
                            .class("card"),
                            .p(
                                .strong(.text(person.contact.name)),
                                .text(" · " + copy(roleKey(person.contact.role))),
                                .if(
                                    person.contact.crisisContact,
                                    .span(.class("badge"), .text(" " + copy(.supportCrisisBadge))))),
                            .unwrap(person.contact.reach) { .p(reach($0)) },
                            .form(
                                .action(SiteURL.removeContact(person.id).path), .method(.post),
                                SignedInViews.csrf(context.csrfToken),
                                .button(
                                    .type(.submit), .class("secondary"),
                                    .attribute(
                                        named: "aria-label",
                                        value: copy(.supportRemoveNamed, ["name": person.contact.name])),
                                    .text(copy(.supportRemove)))))
                    }),
                .h3(.text(copy(.supportAdd))),
                .form(
                    .action(SiteURL.support().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                    ClientForms.textField(
                        "name", label: copy(.supportName), values: values, errors: errors, maxLength: 80, required: true
                    ),
                    ClientForms.select(
                        "role", label: copy(.supportRole),
                        options: SupportRole.allCases.map { ($0.rawValue, copy(roleKey($0))) }, values: values,
                        errors: errors),
                    ClientForms.textField(
                        "reach", label: copy(.supportReach), values: values, errors: errors, maxLength: 120, type: .tel),
                    ClientForms.checkbox(
                        "crisisContact", label: copy(.supportCrisisContact), checked: values["crisisContact"] == "on"),
                    .p(.button(.type(.submit), .text(copy(.supportAddButton)))))),
            .section(
                .attribute(named: "aria-labelledby", value: "meetings-heading"),
                .h2(.id("meetings-heading"), .text(copy(.meetingsTitle))),
                .p(
                    .attribute(named: "data-meetings-week", value: String(counts.week)),
                    .text(copy(.meetingsCounts, ["week": String(counts.week), "month": String(counts.month)]))),
                .form(
                    .action(SiteURL.meetings.path), .method(.post), SignedInViews.csrf(context.csrfToken),
                    ClientForms.select(
                        "fellowship", label: copy(.meetingsFellowship),
                        options: Fellowship.allCases.map { ($0.rawValue, copy(fellowshipKey($0))) }, values: values,
                        errors: errors),
                    ClientForms.textField(
                        "meetingName", label: copy(.meetingsName), values: values, errors: errors, maxLength: 80),
                    ClientForms.date("meetingDate", label: copy(.meetingsDate), values: values, errors: errors),
                    ClientForms.checkbox("online", label: copy(.meetingsOnline), checked: values["online"] == "on"),
                    .p(.button(.type(.submit), .text(copy(.meetingsAdd))))),
                .ul(
                    .forEach(meetings.compactMap(\.item.meeting)) { meeting in
                        .li(
                            .text(
                                [copy.shortDate(meeting.date), copy(fellowshipKey(meeting.fellowship)), meeting.name]
                                    .compactMap { $0 }.joined(separator: " · ")
                                    + (meeting.online == true ? " · " + copy(.meetingsOnlineShort) : "")))
                    })),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.supportTitle), context: context, content)
    }

    static func schedule(_ schedule: GroupSchedule, copy: Copy) -> String {
        let days = schedule.weekdays.map { copy(Copy.weekdays[$0 - 1]) }.joined(separator: ", ")
        return copy(
            .groupSchedule, ["days": days, "time": schedule.startTime, "minutes": String(schedule.durationMinutes)])
    }

    /// The client's groups: when each meets next, their attendance, and the homework given.
    static func groups(_ view: MyGroupsView, notice: String?, context: PageContext) -> String {
        let copy = context.copy
        let summary = view.summary
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.groupsTitle))),
            ClientForms.notice(notice),
            .if(view.groups.isEmpty, .p(.text(copy(.groupsNone)))),
            .ul(
                .class("records"),
                .forEach(view.groups) { item in
                    .li(
                        .class("card"),
                        .h2(.text(item.group.schedule.name)),
                        .p(
                            .text(
                                copy(modalityKey(item.group.schedule.modality)) + " · "
                                    + schedule(item.group.schedule, copy: copy))),
                        .p(.text(copy(.groupsFacilitator, ["name": item.facilitatorName]))),
                        .p(.strong(.text(copy(.groupsNext, ["date": copy.shortDate(item.next)])))))
                }),
            .h2(.text(copy(.groupsHomework))),
            homework(view.homework, view: view, copy: copy, csrf: context.csrfToken, onlyCurrent: false),
            .h2(.text(copy(.groupsAttendance))),
            .p(
                .attribute(named: "data-attended", value: String(summary.attended)),
                .text(
                    summary.sessions == 0
                        ? copy(.groupsNoSessions)
                        : copy(
                            .groupsAttended,
                            ["attended": String(summary.attended), "sessions": String(summary.sessions)]))),
            .ul(
                .forEach(view.attendance.prefix(20)) { stored in
                    .li(
                        .text(
                            "\(copy.shortDate(stored.date)) · \(view.groupName(stored.groupID)) · \(copy(statusKey(stored.entry.status)))"
                        ))
                }),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.groupsTitle), context: context, content)
    }

    /// Homework with a "done" button for what is still to do (Today shows only the current ones).
    static func homework(
        _ items: [HomeworkStatus], view: MyGroupsView, copy: Copy, csrf: String, onlyCurrent: Bool
    ) -> Node<HTML.BodyContext> {
        let shown = onlyCurrent ? view.current : items
        return .if(
            shown.isEmpty, .p(.text(copy(.homeworkNone))),
            else: .ul(
                .class("records homework"),
                .forEach(shown) { status in
                    let done = status.done[view.client] != nil
                    return .li(
                        .class("card"),
                        .attribute(named: "data-homework", value: status.homework.id.uuidString.lowercased()),
                        .p(
                            .strong(.text(status.homework.title)),
                            .text(" · " + view.groupName(status.homework.groupID))),
                        .unwrap(status.homework.details) { .p(.text($0)) },
                        .unwrap(status.homework.dueOn) { .p(.text(copy(.homeworkDue, ["date": copy.shortDate($0)]))) },
                        .if(
                            done, .p(.class("done"), .text(copy(.homeworkDoneLabel))),
                            else: .form(
                                .action(SiteURL.homeworkDone(status.homework.id).path), .method(.post),
                                SignedInViews.csrf(csrf),
                                .button(
                                    .type(.submit),
                                    .attribute(
                                        named: "aria-label",
                                        value: copy(.homeworkMarkNamed, ["title": status.homework.title])),
                                    .text(copy(.homeworkMark))))))
                }))
    }

    /// The profile: the language of the client's pages.
    static func profile(language: SpokenLanguage, notice: String?, context: PageContext) -> String {
        let copy = context.copy
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.profileTitle))),
            ClientForms.notice(notice),
            .form(
                .action(SiteURL.profile().path), .method(.post), SignedInViews.csrf(context.csrfToken),
                .fieldset(
                    .element(named: "legend", text: copy(.profileLanguage)),
                    .forEach(SpokenLanguage.allCases) { option in
                        .label(
                            .class("choice"),
                            .input(
                                .type(.radio), .name("language"), .value(option.rawValue),
                                .checked(option == language)),
                            .span(.attribute(named: "lang", value: option.rawValue), .text(option.ownName)))
                    }),
                .p(.button(.type(.submit), .text(copy(.profileSave))))),
            .p(.a(.href(SiteURL.reminders().path), .text(copy(.navReminders)))),
            ClientForms.back(copy, csrf: context.csrfToken)
        )
        return Layout.page(title: copy(.profileTitle), context: context, content)
    }

    /// "My recovery tools": one page linking each.
    static func hub(context: PageContext) -> String {
        let copy = context.copy
        let tools: [(String, CopyKey, CopyKey)] = [
            (SiteURL.thoughtRecords().path, .thoughtTitle, .hubThought),
            (SiteURL.diaryCard().path, .diaryTitle, .hubDiary),
            (SiteURL.activities().path, .activityTitle, .hubActivities),
            (SiteURL.paws.path, .pawsTitle, .hubPaws),
            (SiteURL.support().path, .supportTitle, .hubSupport),
            (SiteURL.myGroups().path, .groupsTitle, .hubGroups),
        ]
        let content: Node<HTML.BodyContext> = .group(
            .h1(.text(copy(.navRecoveryTools))),
            .ul(
                .class("records"),
                .forEach(tools) { path, title, line in
                    .li(.class("card"), .h2(.a(.href(path), .text(copy(title)))), .p(.text(copy(line))))
                }),
            .p(.a(.href(SiteURL.today().path), .text(copy(.navBackToToday)))),
            SignedInViews.signOut(context.csrfToken, copy: copy)
        )
        return Layout.page(title: copy(.navRecoveryTools), context: context, content)
    }
}
