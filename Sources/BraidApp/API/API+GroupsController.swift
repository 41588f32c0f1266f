import BraidCore
import BraidStore
import Foundation
import Vapor

/// The group program over the API (issue 14 §7): staff schedule groups, the facilitator records attendance and
/// gives homework; a client reads their groups and marks homework done; the care team reads a client's groups.
enum GroupsController {
    static func list(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let service = try await req.groups(by: actor)
        let groups = try await service.groups()
        var names: [UserID: String] = [:]
        for id in Set(groups.map(\.schedule.facilitator)) { names[id] = try await req.repository.user(id)?.name }
        return try req.respond(
            JSONValue.object([
                "groups": .array(
                    groups.map {
                        GroupJSON.summary(
                            $0, facilitatorName: names[$0.schedule.facilitator] ?? "", today: service.today)
                    })
            ]))
    }

    static func create(_ req: Request) async throws -> Response {
        let service = try await req.groups(by: try req.actor)
        let group = try await service.save(try await req.jsonBody())
        return try req.respond(GroupJSON.detail(try await service.view(group.id)), status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let service = try await req.groups(by: try req.actor)
        let id = try groupID(req)
        _ = try await service.save(try await req.jsonBody(), id: id)
        return try req.respond(GroupJSON.detail(try await service.view(id)))
    }

    static func show(_ req: Request) async throws -> Response {
        let service = try await req.groups(by: try req.actor)
        return try req.respond(GroupJSON.detail(try await service.view(try groupID(req))))
    }

    static func attendance(_ req: Request) async throws -> Response {
        let service = try await req.groups(by: try req.actor)
        let view = try await service.recordAttendance(try groupID(req), try await req.jsonBody())
        return try req.respond(GroupJSON.detail(view))
    }

    static func homework(_ req: Request) async throws -> Response {
        let service = try await req.groups(by: try req.actor)
        let homework = try await service.addHomework(try groupID(req), try await req.jsonBody())
        return try req.respond(GroupJSON.homework(HomeworkStatus(homework: homework, done: [:])), status: .created)
    }

    static func mine(_ req: Request) async throws -> Response {
        let (actor, client) = try RecoveryController.own(req, "groups")
        let view = try await req.groups(by: actor).mine(client)
        try await req.auditRead("groups.read", clients: [client.id])
        return try req.respond(GroupJSON.mine(view, notes: false))
    }

    static func ofClient(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let client = try await req.accessibleClient()
        let view = try await req.groups(by: actor).mine(client.ref)
        try await req.auditRead("groups.read", clients: [client.id])
        return try req.respond(GroupJSON.mine(view, notes: true))
    }

    static func markDone(_ req: Request) async throws -> Response {
        let (actor, client) = try RecoveryController.own(req, "homework")
        guard let id = req.parameters.get("homeworkId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("homework")
        }
        let service = try await req.groups(by: actor)
        try await service.markDone(id, client: client)
        return try req.respond(GroupJSON.mine(try await service.mine(client), notes: false))
    }

    static func groupID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("groupId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("group")
        }
        return id
    }
}

/// Groups as the API writes them.
enum GroupJSON {
    static func id(_ value: UUID) -> JSONValue { .string(value.uuidString.lowercased()) }

    static func summary(_ group: TherapyGroup, facilitatorName: String, today: CalendarDate) -> JSONValue {
        let schedule = group.schedule
        return .object([
            "id": id(group.id), "name": .string(schedule.name), "modality": .string(schedule.modality.rawValue),
            "weekdays": .array(schedule.weekdays.map { .number(Double($0)) }), "startTime": .string(schedule.startTime),
            "durationMinutes": .number(Double(schedule.durationMinutes)),
            "facilitator": .string(schedule.facilitator.description), "facilitatorName": .string(facilitatorName),
            "memberCount": .number(Double(group.members.count)),
            "nextMeeting": .string(schedule.nextMeeting(onOrAfter: today).description),
        ])
    }

    static func entry(_ entry: AttendanceEntry, notes: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "clientId": .string(entry.clientID.description), "status": .string(entry.status.rawValue),
        ]
        if notes, let note = entry.note { object["note"] = .string(note) }
        return .object(object)
    }

    static func homework(_ status: HomeworkStatus) -> JSONValue {
        let homework = status.homework
        var object: [String: JSONValue] = [
            "id": id(homework.id), "groupId": id(homework.groupID), "title": .string(homework.title),
            "assignedOn": .string(homework.assignedOn.description),
            "doneBy": .array(status.done.keys.map { .string($0.description) }.sorted { "\($0)" < "\($1)" }),
        ]
        if let details = homework.details { object["details"] = .string(details) }
        if let due = homework.dueOn { object["dueOn"] = .string(due.description) }
        return .object(object)
    }

    static func detail(_ view: GroupView) -> JSONValue {
        guard case .object(var object) = summary(view.group, facilitatorName: view.facilitatorName, today: view.today)
        else { return .null }
        object["members"] = .array(
            view.group.members.map {
                .object(["clientId": .string($0.description), "name": .string(view.memberNames[$0] ?? "")])
            })
        object["sessions"] = .array(
            view.sessions.map { session in
                .object([
                    "date": .string(session.date.description),
                    "attendance": .array(session.entries.map { entry($0, notes: true) }),
                ])
            })
        object["homework"] = .array(view.homework.map(homework))
        return .object(object)
    }

    static func mine(_ view: MyGroupsView, notes: Bool) -> JSONValue {
        let summary = view.summary
        return .object([
            "groups": .array(
                view.groups.map { Self.summary($0.group, facilitatorName: $0.facilitatorName, today: view.today) }),
            "attendance": .array(
                view.attendance.map { stored in
                    guard case .object(var object) = entry(stored.entry, notes: notes) else { return .null }
                    object["groupId"] = id(stored.groupID)
                    object["date"] = .string(stored.date.description)
                    return .object(object)
                }),
            "summary": .object([
                "sessions": .number(Double(summary.sessions)), "attended": .number(Double(summary.attended)),
                "excused": .number(Double(summary.excused)), "rate": summary.rate.map { .number($0) } ?? .null,
            ]),
            "homework": .array(
                view.homework.map { status in
                    guard case .object(var object) = homework(status) else { return .null }
                    object["doneBy"] = nil
                    object["done"] = .bool(status.done[view.client] != nil)
                    if let at = status.done[view.client] { object["doneAt"] = LevelController.instant(at) }
                    return .object(object)
                }),
        ])
    }
}
