import BraidCore
import Foundation
import Plot

/// The group program's staff pages: the groups and the form to schedule one; a group with its members, the
/// session's attendance for the whole group on one screen (a status and an optional note per member), homework.
enum GroupsView {
    static let copy = Copy.english

    /// Where an API field's error shows on the schedule form.
    static func formField(_ field: String) -> String {
        if field.hasPrefix("weekdays") { return "weekdays" }
        if field.hasPrefix("members") { return "members" }
        return field
    }

    static func scheduleForm(
        action: String, group: TherapyGroup?, staff: [UserAccount], clients: [ClientProfile],
        values: [String: String]?, errors: [String: String], csrf: String, button: String
    ) -> Node<HTML.BodyContext> {
        var current: [String: String] = [:]
        if let group {
            current["name"] = group.schedule.name
            current["modality"] = group.schedule.modality.rawValue
            current["startTime"] = group.schedule.startTime
            current["durationMinutes"] = String(group.schedule.durationMinutes)
            current["facilitator"] = group.schedule.facilitator.description
            for day in group.schedule.weekdays { current["day-\(day)"] = "on" }
            for member in group.members { current["member-\(member)"] = "on" }
        } else {
            current["durationMinutes"] = "90"
            current["startTime"] = "10:00"
        }
        let values = values ?? current
        return .form(
            .action(action), .method(.post), SignedInViews.csrf(csrf),
            ClientForms.textField("name", label: "Name", values: values, errors: errors, maxLength: 80, required: true),
            ClientForms.select(
                "modality", label: "Modality",
                options: GroupModality.allCases.map { ($0.rawValue, copy(SupportView.modalityKey($0))) },
                values: values,
                errors: errors),
            .fieldset(
                .element(named: "legend", text: "Days it meets"),
                ClientForms.error(errors, "weekdays"),
                .div(
                    .class("choices"),
                    .forEach(1...7) { day in
                        ClientForms.checkbox(
                            "day-\(day)", label: copy(Copy.longWeekdays[day - 1]), checked: values["day-\(day)"] == "on"
                        )
                    })),
            ClientForms.textField(
                "startTime", label: "Start time", values: values, errors: errors, maxLength: 5, type: .time),
            ClientForms.number(
                "durationMinutes", label: "Minutes", range: GroupSchedule.durations, values: values, errors: errors),
            ClientForms.select(
                "facilitator", label: "Facilitator", options: staff.map { ($0.id.description, $0.name) },
                values: values, errors: errors),
            .fieldset(
                .element(named: "legend", text: "Members"),
                ClientForms.error(errors, "members"),
                .div(
                    .class("choices"),
                    .forEach(clients) { client in
                        ClientForms.checkbox(
                            "member-\(client.id)", label: client.displayName,
                            checked: values["member-\(client.id)"] == "on")
                    })),
            .p(.button(.type(.submit), .text(button))))
    }

    static func list(
        _ groups: [TherapyGroup], staff: [UserAccount], clients: [ClientProfile], values: [String: String],
        errors: [String: String], saved: String?, today: CalendarDate, context: PageContext
    ) -> String {
        let names = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.name) })
        let content: Node<HTML.BodyContext> = .group(
            ClinicianViews.openAlerts(
                context.alerts, returnTo: SiteURL.groups().path, csrfToken: context.csrfToken,
                timeZone: context.timeZone),
            .h1(.text("Groups")),
            .p(.a(.href(SiteURL.caseload().path), .text("Back to the caseload"))),
            .if(groups.isEmpty, .p(.text("No groups yet."))),
            .table(
                .class("caseload"),
                .caption(.text("The program's groups")),
                .thead(
                    .tr(.th("Group"), .th("Modality"), .th("When"), .th("Facilitator"), .th("Members"), .th("Next"))),
                .tbody(
                    .forEach(groups) { group in
                        .tr(
                            .td(.a(.href(SiteURL.group(group.id).path), .text(group.schedule.name))),
                            .td(.text(copy(SupportView.modalityKey(group.schedule.modality)))),
                            .td(.text(SupportView.schedule(group.schedule, copy: copy))),
                            .td(.text(names[group.schedule.facilitator] ?? "")),
                            .td(.text(String(group.members.count))),
                            .td(.text(group.schedule.nextMeeting(onOrAfter: today).description)))
                    })),
            .h2(.text("Schedule a group")),
            .if(
                !errors.isEmpty,
                .p(
                    .class("error"), .attribute(named: "role", value: "alert"),
                    .text("The group was not saved: see below."))),
            scheduleForm(
                action: SiteURL.groups().path, group: nil, staff: staff, clients: clients,
                values: values.isEmpty ? nil : values, errors: errors, csrf: context.csrfToken, button: "Schedule group"
            ),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Groups", context: context, wide: true, content)
    }

    static func detail(
        _ view: GroupView, date: CalendarDate, staff: [UserAccount], clients: [ClientProfile],
        values: [String: String]?, errors: [String: String], saved: String?, context: PageContext
    ) -> String {
        let group = view.group
        let session = view.sessions.first { $0.date == date }?.entries ?? []
        let values =
            values
            ?? {
                var current: [String: String] = ["date": date.description]
                for entry in session {
                    current["status-\(entry.clientID)"] = entry.status.rawValue
                    if let note = entry.note { current["note-\(entry.clientID)"] = note }
                }
                return current
            }()
        let notice: String? =
            switch saved {
            case "attendance": "Attendance saved."
            case "homework": "Homework given: it shows on each member's Today page."
            case "group": "Group saved."
            default: nil
            }
        let content: Node<HTML.BodyContext> = .group(
            ClinicianViews.openAlerts(
                context.alerts, returnTo: SiteURL.group(group.id).path, csrfToken: context.csrfToken,
                timeZone: context.timeZone),
            .h1(.text(group.schedule.name)),
            ClientForms.notice(notice),
            .p(
                .text(
                    "\(copy(SupportView.modalityKey(group.schedule.modality))) · \(SupportView.schedule(group.schedule, copy: copy)) · "
                        + "facilitated by \(view.facilitatorName)")),
            .p(.a(.href(SiteURL.groups().path), .text("All groups"))),
            .if(
                view.mayRun,
                .group(
                    .section(
                        .attribute(named: "aria-labelledby", value: "attendance-heading"),
                        .h2(.id("attendance-heading"), .text("Attendance for \(date)")),
                        .if(group.members.isEmpty, .p(.text("The group has no members yet."))),
                        .unwrap(errors["attendance"]) {
                            .p(
                                .class("error"), .id("attendance-error"), .attribute(named: "role", value: "alert"),
                                .text($0))
                        },
                        .form(
                            .action(SiteURL.groupAttendance(group.id).path), .method(.post),
                            SignedInViews.csrf(context.csrfToken),
                            ClientForms.date("date", label: "Session day", values: values, errors: errors),
                            .forEach(group.members) { member in
                                .fieldset(
                                    .class("attendee"),
                                    .element(named: "legend", text: view.memberNames[member] ?? member.description),
                                    ClientForms.error(errors, "status-\(member)"),
                                    .div(
                                        .class("choices"),
                                        .forEach(AttendanceStatus.allCases) { status in
                                            .label(
                                                .class("choice"),
                                                .input(
                                                    .type(.radio), .name("status-\(member)"), .value(status.rawValue),
                                                    .checked(values["status-\(member)"] == status.rawValue)),
                                                .text(" " + copy(SupportView.statusKey(status))))
                                        }),
                                    ClientForms.textArea(
                                        "note-\(member)", label: "Note (optional)", values: values, errors: errors,
                                        maxLength: 500, rows: 2))
                            },
                            .p(.button(.type(.submit), .text("Save attendance"))))),
                    .section(
                        .attribute(named: "aria-labelledby", value: "homework-heading"),
                        .h2(.id("homework-heading"), .text("Give homework")),
                        .form(
                            .action(SiteURL.groupHomework(group.id).path), .method(.post),
                            SignedInViews.csrf(context.csrfToken),
                            ClientForms.textField(
                                "homeworkTitle", label: "Homework", values: values, errors: errors, maxLength: 120,
                                required: true),
                            ClientForms.textArea(
                                "homeworkDetails", label: "Details (optional)", values: values, errors: errors,
                                maxLength: 1_000),
                            ClientForms.date("dueOn", label: "Due (optional)", values: values, errors: errors),
                            .p(.button(.type(.submit), .text("Give homework"))))),
                    .section(
                        .attribute(named: "aria-labelledby", value: "sessions-heading"),
                        .h2(.id("sessions-heading"), .text("Sessions recorded")),
                        .if(view.sessions.isEmpty, .p(.text("None yet."))),
                        .ul(
                            .forEach(view.sessions) { session in
                                .li(
                                    .a(
                                        .href(SiteURL.group(group.id, date: session.date).path),
                                        .text(session.date.description)),
                                    .text(
                                        ": \(session.entries.filter(\.status.attended).count) of \(session.entries.count) attended"
                                    ))
                            })))),
            .if(
                !view.mayRun, .p(.class("meta"), .text("Attendance and notes are recorded by the group's facilitator."))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "given-heading"),
                .h2(.id("given-heading"), .text("Homework given")),
                .if(view.homework.isEmpty, .p(.text("None yet."))),
                .ul(
                    .forEach(view.homework) { status in
                        .li(
                            .text(
                                "\(status.homework.assignedOn) · \(status.homework.title)"
                                    + (status.homework.dueOn.map { " · due \($0)" } ?? "")
                                    + " · done by \(status.done.count) of \(group.members.count)"))
                    })),
            .section(
                .attribute(named: "aria-labelledby", value: "schedule-heading"),
                .h2(.id("schedule-heading"), .text("Schedule and members")),
                scheduleForm(
                    action: SiteURL.group(group.id).path, group: group, staff: staff, clients: clients,
                    values: errors.keys.contains(where: {
                        ["name", "modality", "weekdays", "startTime", "durationMinutes", "facilitator", "members"]
                            .contains($0)
                    }) ? values : nil,
                    errors: errors, csrf: context.csrfToken, button: "Save group")),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: group.schedule.name, context: context, wide: true, content)
    }
}
