import BraidCore
import BraidStore
import Vapor

/// The Part 2 pages' handlers: every write goes through `ConsentService` or `Part2Disclosing`, as the API's do.
enum ConsentPages {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.get(.consents, use: show)
        pages.post(.consents, use: record)
        pages.post(.revokeConsent, use: revoke)
        pages.post(.disclose, use: disclose)
        pages.get(.counselingNotes, use: notes)
        pages.post(.counselingNotes, use: saveNote)
        pages.get(.myConsents, use: mine)
        pages.post(.revokeMyConsent, use: revokeMine)
    }

    static let savedNotices = [
        "consent": "Consent recorded.", "revoked": "Consent revoked: it permits nothing from now on.",
    ]

    static func show(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        return try await render(
            req, actor: actor, client: client, notice: req.query[String.self, at: "saved"].flatMap { savedNotices[$0] })
    }

    static func render(
        _ req: Request, actor: Actor, client: ClientProfile,
        consentForm: ([String: String], [String: String]) = ([:], [:]),
        discloseForm: ([String: String], [String: String]) = ([:], [:]), notice: String? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let account = try await req.consents(by: actor).account(of: client.ref)
        try await req.auditRead("consents.read", clients: [client.id], by: actor)
        return Response.html(
            ConsentViews.careTeam(
                client: client, account: account, consentForm: consentForm, discloseForm: discloseForm,
                notice: notice, context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func record(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        do {
            _ = try await req.consents(by: actor).record(ConsentViews.consentBody(form), for: client.ref)
        } catch let error as ValidationError {
            return try await render(
                req, actor: actor, client: client, consentForm: (form, [error.field: error.message]),
                status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.consents(client.id, saved: "consent").path)
    }

    static func revoke(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        guard let id = form["consentId"].flatMap(UUID.init(uuidString:)) else { throw APIError.notFound("consent") }
        _ = try await req.consents(by: actor).revoke(id, for: client.ref)
        return req.redirect(to: SiteURL.consents(client.id, saved: "revoked").path)
    }

    /// The disclosure as a download (`disclosure-<date>.json`), or the page again with the refusal.
    static func disclose(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        var body: [String: JSONValue] = [:]
        for key in DisclosureRequest.keys { if let value = form[key] { body[key] = .string(value) } }
        let today = try await req.program(of: actor).today(now: req.now)
        do {
            let package = try await Part2Disclosing.disclose(
                req.repository, client: client, request: try DisclosureRequest(json: .object(body)), actor: actor,
                today: today, requestID: req.requestID, now: req.now)
            let response = Response(status: .ok, body: .init(string: try FHIRExport.json(package.json)))
            response.headers.contentType = .json
            response.headers.replaceOrAdd(
                name: .contentDisposition, value: "attachment; filename=\"disclosure-\(today).json\"")
            return response
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            return try await render(
                req, actor: actor, client: client,
                discloseForm: (form, [problem.field ?? "recipient": problem.message]),
                status: .unprocessableEntity)
        }
    }

    static func notes(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        return try await renderNotes(
            req, actor: actor, client: client,
            notice: req.query[String.self, at: "saved"] == "1" ? "Note saved." : nil)
    }

    static func renderNotes(
        _ req: Request, actor: Actor, client: ClientProfile, values: [String: String] = [:],
        errors: [String: String] = [:], notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let (notes, authors) = try await req.consents(by: actor).counselingNotes(of: client.ref)
        return Response.html(
            ConsentViews.counselingNotes(
                client: client, notes: notes, authors: authors, values: values, errors: errors, notice: notice,
                context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func saveNote(_ req: Request) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        var body: [String: JSONValue] = [:]
        for key in CounselingNote.keys { if let value = form[key] { body[key] = .string(value) } }
        do {
            _ = try await req.consents(by: actor).addCounselingNote(.object(body), for: client.ref)
        } catch let error as ValidationError {
            return try await renderNotes(
                req, actor: actor, client: client, values: form, errors: [error.field: error.message],
                status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.counselingNotes(client.id, saved: true).path)
    }

    static func mine(_ req: Request) async throws -> Response {
        let (actor, client) = try await ClientPagesController.ownRecord(req)
        let copy = try await req.pageContext(for: actor).copy
        return try await renderMine(
            req, actor: actor, client: client,
            notice: req.query[String.self, at: "saved"] == "1" ? copy(.consentRevokedNotice) : nil)
    }

    static func renderMine(
        _ req: Request, actor: Actor, client: ClientProfile, notice: String? = nil, error: String? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let account = try await req.consents(by: actor).account(of: client.ref)
        try await req.auditRead("consents.read", clients: [client.id], by: actor)
        return Response.html(
            ConsentViews.mine(account, notice: notice, error: error, context: try await req.pageContext(for: actor)),
            status: status)
    }

    static func revokeMine(_ req: Request) async throws -> Response {
        let (actor, client) = try await ClientPagesController.ownRecord(req)
        let form = try req.verifiedForm()
        guard let id = form["consentId"].flatMap(UUID.init(uuidString:)) else { throw APIError.notFound("consent") }
        do {
            _ = try await req.consents(by: actor).revoke(id, for: client.ref)
        } catch let error as APIError where error.status == .conflict {
            let copy = try await req.pageContext(for: actor).copy
            return try await renderMine(
                req, actor: actor, client: client, error: copy(.consentAlready), status: .conflict)
        }
        return req.redirect(to: SiteURL.myConsents(saved: true).path)
    }
}
