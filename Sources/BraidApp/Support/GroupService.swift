import BraidCore
import BraidStore
import Foundation
import Vapor

/// A group as its pages and the API show it: the schedule, the facilitator's name, the members by name, the
/// sessions recorded and the homework with who did it. `attendance` is empty for a reader who is not the
/// facilitator (an admin schedules groups but does not read the notes).
struct GroupView: Sendable {
    let group: TherapyGroup
    let facilitatorName: String
    let memberNames: [ClientID: String]
    let attendance: [StoredAttendance]
    let homework: [HomeworkStatus]
    let mayRun: Bool
    let today: CalendarDate

    /// Sessions, newest first, each with its entries.
    var sessions: [(date: CalendarDate, entries: [AttendanceEntry])] {
        Dictionary(grouping: attendance, by: \.date).map { ($0.key, $0.value.map(\.entry)) }.sorted { $0.0 > $1.0 }
    }
}

/// What a client sees of their groups: each group's schedule and next meeting, their own attendance (without
/// the facilitator's notes) and the homework given, done or not.
struct MyGroupsView: Sendable {
    struct Item: Sendable {
        let group: TherapyGroup
        let facilitatorName: String
        let next: CalendarDate
    }

    let groups: [Item]
    let attendance: [StoredAttendance]
    let homework: [HomeworkStatus]
    let client: ClientID
    let today: CalendarDate

    var summary: AttendanceSummary { AttendanceSummary(attendance.map(\.entry.status)) }
    /// Homework still on Today: not done, and not long past due.
    var current: [HomeworkStatus] {
        homework.filter { $0.homework.isCurrent(today: today, done: $0.done[client] != nil) }
    }

    func groupName(_ id: UUID) -> String { groups.first { $0.group.id == id }?.group.schedule.name ?? "" }
}

/// The group program: staff (clinicians and admins) schedule groups and set members; the facilitator records
/// attendance for the whole group and gives homework; members read their groups and mark homework done.
struct GroupService: CareTeamService {
    let store: BraidRepository
    let actor: Actor
    let today: CalendarDate
    let now: Date
    let requestID: String?

    func groups() async throws -> [TherapyGroup] {
        try requireCareTeam("groups are run by the program's staff", field: "group")
        return try await store.groups(in: actor.programID)
    }

    /// Creates a group (`id` nil) or replaces one's terms and, when the body lists them, its members.
    func save(_ body: JSONValue, id: UUID? = nil) async throws -> TherapyGroup {
        try requireCareTeam("groups are scheduled by the program's staff", field: "group")
        if let id, try await store.group(id, in: actor.programID) == nil { throw APIError.notFound("group") }
        let schedule = try GroupSchedule(json: body)
        let members = try GroupSchedule.members(json: body)
        guard let facilitator = try await store.user(schedule.facilitator),
            facilitator.programID == actor.programID, facilitator.role.mayJoinCareTeam, facilitator.isActive
        else {
            throw APIError.validation(field: "facilitator", "must be an active clinician or admin of this program")
        }
        if let members {
            let clients = Set(try await store.clients(in: actor.programID).map(\.id))
            if let index = members.firstIndex(where: { !clients.contains($0) }) {
                throw APIError.validation(field: "members[\(index)]", "is not a client of this program")
            }
        }
        return try await store.saveGroup(
            id ?? UUID(), schedule: schedule, members: id == nil ? members ?? [] : members, program: actor.programID,
            by: actor, requestID: requestID, now: now)
    }

    /// One group for its pages; 404 unless staff of the program.
    func view(_ id: UUID) async throws -> GroupView {
        try requireCareTeam("groups are run by the program's staff", field: "group")
        guard let group = try await store.group(id, in: actor.programID) else { throw APIError.notFound("group") }
        let mayRun = group.schedule.facilitator == actor.userID
        let clients = try await store.clients(in: actor.programID)
        let names = Dictionary(
            uniqueKeysWithValues: clients.filter { group.members.contains($0.id) }.map { ($0.id, $0.displayName) })
        if mayRun, !group.members.isEmpty {
            try await store.appendAudit(group.members.map { event("group-attendance.read", client: $0.ref(actor)) })
        }
        return GroupView(
            group: group, facilitatorName: try await store.user(group.schedule.facilitator)?.name ?? "",
            memberNames: names, attendance: mayRun ? try await store.attendance(of: group) : [],
            homework: try await store.homework(of: [group], program: actor.programID), mayRun: mayRun, today: today)
    }

    /// The whole group's attendance for a session (the facilitator only).
    func recordAttendance(_ id: UUID, _ body: JSONValue) async throws -> GroupView {
        let group = try await runnable(id)
        let attendance = try GroupAttendance(json: body, members: group.members, today: today)
        try await store.recordAttendance(attendance, of: group, by: actor, requestID: requestID, now: now)
        return try await view(id)
    }

    /// Homework for the whole group (the facilitator only).
    func addHomework(_ id: UUID, _ body: JSONValue) async throws -> Homework {
        let group = try await runnable(id)
        let homework = try Homework(json: body, id: UUID(), groupID: group.id, today: today)
        try await store.addHomework(homework, to: group, by: actor, requestID: requestID, now: now)
        return homework
    }

    private func runnable(_ id: UUID) async throws -> TherapyGroup {
        try requireCareTeam("groups are run by the program's staff", field: "group")
        guard let group = try await store.group(id, in: actor.programID) else { throw APIError.notFound("group") }
        guard group.schedule.facilitator == actor.userID else {
            throw APIError(.forbidden, code: "forbidden", "only the group's facilitator records it", field: "group")
        }
        return group
    }

    /// A client's groups (their own, or for the care team on the chart, with the notes).
    func mine(_ client: ClientRef) async throws -> MyGroupsView {
        let groups = try await store.groups(of: client)
        var items: [MyGroupsView.Item] = []
        for group in groups {
            items.append(
                .init(
                    group: group, facilitatorName: try await store.user(group.schedule.facilitator)?.name ?? "",
                    next: group.schedule.nextMeeting(onOrAfter: today)))
        }
        let attendance = try await store.attendance(of: client)
        return MyGroupsView(
            groups: items, attendance: attendance,
            homework: try await store.homework(of: groups, program: client.programID), client: client.id,
            today: today)
    }

    /// A member marks homework done; 404 for homework of a group they are not in.
    func markDone(_ homework: UUID, client: ClientRef) async throws {
        guard actor.role == .client, actor.clientID == client.id else {
            throw APIError.notFound("homework")
        }
        let groups = try await store.groups(of: client)
        guard
            try await store.homework(of: groups, program: client.programID).contains(where: {
                $0.homework.id == homework
            })
        else { throw APIError.notFound("homework") }
        try await store.markHomeworkDone(homework, by: client, actor: actor, requestID: requestID, now: now)
    }
}

extension ClientID {
    func ref(_ actor: Actor) -> ClientRef { ClientRef(id: self, programID: actor.programID) }
}

extension Request {
    func groups(by actor: Actor) async throws -> GroupService {
        let program = try await program(of: actor)
        return GroupService(
            store: repository, actor: actor, today: program.today(now: now), now: now, requestID: requestID)
    }
}
