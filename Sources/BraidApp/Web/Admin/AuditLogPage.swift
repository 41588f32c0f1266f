import BraidCore
import BraidStore
import Vapor

/// The admin's audit trail (§11): `/admin/audit` searches the program's events; `format=csv` and `format=fhir`
/// download the same events. Every search and download is itself audited (`audit.read`, `audit.export`).
enum AuditLogPage {
    static let formats = ["csv", "fhir"]

    static func register(_ app: Application) {
        app.grouped(app.sessions.middleware).get(.auditLog, use: show)
    }

    static func show(_ req: Request) async throws -> Response {
        let actor = try await AdminController.admin(req)
        let fields = (try? req.query.decode([String: String].self)) ?? [:]
        let format = fields["format"].flatMap { $0.isEmpty ? nil : $0 }
        let context = try await req.program(of: actor)
        let names = try await Names.of(program: actor.programID, req)
        let query: AuditQuery
        do {
            if let format, !formats.contains(format) {
                throw ValidationError(field: "format", "must be csv or fhir (or empty for the page)")
            }
            query = try AuditQuery(fields: fields)
        } catch let error as ValidationError {
            var errors: [String: String] = [:]
            errors[error.field] = "\(error.field) \(error.message)"
            return Response.html(
                AuditLogViews.page(
                    events: [], query: AuditQuery(), values: fields, errors: errors, names: names,
                    head: try await req.repository.auditHead(of: actor.programID),
                    context: try await req.pageContext(for: actor)),
                status: .unprocessableEntity)
        }
        let events = try await req.repository.auditTrail(
            of: actor.programID, matching: query, timeZone: context.timeZone)
        try await req.repository.appendAudit(
            AuditEvent(
                programID: actor.programID, actorID: actor.userID, role: actor.role,
                action: format == nil ? "audit.read" : "audit.export", clientID: query.client, requestID: req.requestID,
                at: req.now))
        let today = context.today(now: req.now)
        switch format {
        case "csv":
            return download(
                AuditExport.table(events).csv, type: "text/csv; charset=utf-8", name: "braid-audit-\(today).csv")
        case "fhir":
            let bundle = AuditExport.fhirBundle(events, observer: "Braid (\(context.program.name))", now: req.now)
            return download(
                try FHIRExport.json(bundle), type: "application/fhir+json", name: "braid-audit-\(today).fhir.json")
        default:
            return Response.html(
                AuditLogViews.page(
                    events: events, query: query, values: fields, errors: [:], names: names,
                    head: try await req.repository.auditHead(of: actor.programID),
                    context: try await req.pageContext(for: actor)))
        }
    }

    static func download(_ body: String, type: String, name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }

    /// Who the ids are: the program's accounts and clients (the admin already sees both on the accounts page).
    struct Names: Sendable {
        let accounts: [UserID: UserAccount]
        let clients: [ClientID: String]

        static func of(program: ProgramID, _ req: Request) async throws -> Names {
            let accounts = try await req.repository.users(in: program)
            let clients = try await req.repository.clients(in: program)
            return Names(
                accounts: Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
                clients: Dictionary(clients.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first }))
        }

        func client(_ id: ClientID) -> String { clients[id] ?? "client \(id.description.prefix(8))" }
        func account(_ id: UserID?) -> String {
            guard let id else { return "unknown" }
            return accounts[id]?.name ?? "account \(id.description.prefix(8))"
        }
    }
}
