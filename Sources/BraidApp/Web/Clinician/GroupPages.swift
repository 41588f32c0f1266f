import BraidCore
import BraidStore
import Foundation
import Plot
import Vapor

/// The group program's pages for staff (issue 14 §7): the program's groups and a form to schedule one; a group's
/// page with its schedule and members, and for its facilitator the attendance of a whole session on one screen
/// and the homework form. Every write goes through `GroupService`, as the API's do.
enum GroupPages {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.groups, use: list)
        pages.post(.groups, use: create)
        pages.get(.group, use: show)
        pages.post(.group, use: update)
        pages.post(.groupAttendance, use: attendance)
        pages.post(.groupHomework, use: homework)
        pages.get(.clientRecovery, use: clientRecovery)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    /// Staff of the program who may facilitate, and its clients, by name.
    static func people(_ req: Request, _ actor: Actor) async throws -> (staff: [UserAccount], clients: [ClientProfile])
    {
        let staff = try await req.repository.users(in: actor.programID).filter {
            $0.role.mayJoinCareTeam && $0.isActive
        }
        let clients = try await req.repository.clients(in: actor.programID).sorted { $0.displayName < $1.displayName }
        return (staff.sorted { $0.name < $1.name }, clients)
    }

    /// The schedule form as the API's JSON body.
    static func body(_ form: [String: String], clients: [ClientProfile]) -> JSONValue {
        var object = ClientForms.json(
            form, text: ["name", "modality", "startTime", "facilitator"], numbers: ["durationMinutes"])
        object["weekdays"] = .array((1...7).filter { form["day-\($0)"] == "on" }.map { .number(Double($0)) })
        object["members"] = .array(
            clients.filter { form["member-\($0.id)"] == "on" }.map { .string($0.id.description) })
        return .object(object)
    }

    static func list(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        return try await renderList(req, actor, values: [:], errors: [:])
    }

    static func renderList(
        _ req: Request, _ actor: Actor, values: [String: String], errors: [String: String], status: HTTPStatus = .ok
    ) async throws -> Response {
        let service = try await req.groups(by: actor)
        let groups = try await service.groups()
        let (staff, clients) = try await people(req, actor)
        let context = try await req.pageContext(for: actor)
        return Response.html(
            GroupsView.list(
                groups, staff: staff, clients: clients, values: values, errors: errors,
                saved: req.query[String.self, at: "saved"], today: service.today, context: context),
            status: status)
    }

    static func create(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let form = try req.verifiedForm()
        let (_, clients) = try await people(req, actor)
        let group: TherapyGroup
        do {
            group = try await req.groups(by: actor).save(body(form, clients: clients))
        } catch {
            return try await renderList(
                req, actor, values: form, errors: try RecoveryPages.refusal(error) { GroupsView.formField($0) },
                status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.group(group.id, saved: "group").path)
    }

    static func show(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        return try await render(req, actor, id: try id(req), errors: [:])
    }

    static func render(
        _ req: Request, _ actor: Actor, id: UUID, values: [String: String]? = nil, errors: [String: String],
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let service = try await req.groups(by: actor)
        let view: GroupView
        do {
            view = try await service.view(id)
        } catch {
            throw Abort(.notFound)
        }
        var date = view.group.schedule.lastMeeting(onOrBefore: service.today)
        if let text = req.query[String.self, at: "date"] {
            guard let chosen = CalendarDate(iso: text), chosen <= service.today,
                chosen >= service.today.adding(days: -GroupAttendance.maximumDaysBack)
            else { throw Abort(.badRequest, reason: "date must be a day in the last 30 days (YYYY-MM-DD)") }
            date = chosen
        }
        let (staff, clients) = try await people(req, actor)
        return Response.html(
            GroupsView.detail(
                view, date: date, staff: staff, clients: clients, values: values, errors: errors,
                saved: req.query[String.self, at: "saved"], context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func update(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let id = try id(req)
        let form = try req.verifiedForm()
        let (_, clients) = try await people(req, actor)
        do {
            _ = try await req.groups(by: actor).save(body(form, clients: clients), id: id)
        } catch {
            return try await render(
                req, actor, id: id, values: form, errors: try RecoveryPages.refusal(error) { GroupsView.formField($0) },
                status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.group(id, saved: "group").path)
    }

    static func attendance(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let id = try id(req)
        let form = try req.verifiedForm()
        let service = try await req.groups(by: actor)
        guard let group = try await req.repository.group(id, in: actor.programID) else { throw Abort(.notFound) }
        let entries: [JSONValue] = group.members.map { member in
            var entry: [String: JSONValue] = ["clientId": .string(member.description)]
            if let status = form["status-\(member)"], !status.isEmpty { entry["status"] = .string(status) }
            if let note = form["note-\(member)"], !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                entry["note"] = .string(note)
            }
            return .object(entry)
        }
        let date = form["date"] ?? ""
        do {
            _ = try await service.recordAttendance(id, .object(["date": .string(date), "attendance": .array(entries)]))
        } catch {
            let errors = try RecoveryPages.refusal(error) { field in
                if field.hasPrefix("attendance["), let close = field.firstIndex(of: "]"),
                    let index = Int(field[field.index(field.startIndex, offsetBy: 11)..<close]),
                    group.members.indices.contains(index)
                {
                    return field.hasSuffix(".note") ? "note-\(group.members[index])" : "status-\(group.members[index])"
                }
                return field == "date" ? "date" : "attendance"
            }
            return try await render(req, actor, id: id, values: form, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.group(id, date: CalendarDate(iso: date), saved: "attendance").path)
    }

    static func homework(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let id = try id(req)
        let form = try req.verifiedForm()
        let body = ClientForms.json(
            [
                "title": form["homeworkTitle"] ?? "", "details": form["homeworkDetails"] ?? "",
                "dueOn": form["dueOn"] ?? "",
            ],
            text: ["title", "details", "dueOn"])
        do {
            _ = try await req.groups(by: actor).addHomework(id, .object(body))
        } catch {
            let errors = try RecoveryPages.refusal(error) {
                ["title": "homeworkTitle", "details": "homeworkDetails"][$0] ?? $0
            }
            return try await render(req, actor, id: id, values: form, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.group(id, saved: "homework").path)
    }

    /// A client's recovery tools for the care team.
    static func clientRecovery(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let context = try await req.pageContext(for: actor)
        let reading = RecoveryReading(store: req.repository, client: client.ref, today: context.today)
        let model = RecoveryChartModel(
            client: client, thoughts: try await reading.thoughtRecords(), diary: try await reading.diaryCards(),
            activities: try await reading.activities(), paws: try await reading.paws(),
            support: try await reading.support(), groups: try await req.groups(by: actor).mine(client.ref),
            today: context.today)
        try await req.auditRead("recovery.read", clients: [client.id], by: actor)
        return Response.html(RecoveryChartView.render(model, context: context))
    }
}
