import BraidCore
import BraidStore
import Vapor

/// The safety plan's page and its save, for both audiences: the client's own (`/safety-plan`) and the care
/// team's (`/clients/{id}/safety-plan`). They differ only in title, addresses and where a save returns; the
/// reading, auditing, validation and the write are the same.
struct SafetyPlanPages: Sendable {
    let title: String
    let action: String
    let back: (href: String, label: String)
    /// Where a successful save goes.
    let afterSave: String
    /// Staff pages focus the alert banner on this client.
    let focus: ClientID?

    static func own() -> SafetyPlanPages {
        SafetyPlanPages(
            title: "My safety plan", action: SiteURL.safetyPlan().path, back: (SiteURL.today().path, "Back to today"),
            afterSave: SiteURL.safetyPlan(saved: true).path, focus: nil)
    }

    static func careTeam(_ client: ClientProfile) -> SafetyPlanPages {
        SafetyPlanPages(
            title: "Safety plan: \(client.displayName)", action: SiteURL.clientSafetyPlan(client.id).path,
            back: (SiteURL.chart(client.id).path, "Back to the chart"),
            afterSave: SiteURL.chart(client.id, saved: "safety-plan").path, focus: client.id)
    }

    /// The latest version with its form (audited as a read).
    func show(
        _ req: Request, actor: Actor, client: ClientProfile, values: [String: String]? = nil,
        errors: [String: String] = [:], notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let stored = try await req.repository.safetyPlan(of: client.ref)
        try await req.auditRead("safety-plan.read", clients: [client.id], by: actor)
        return Response.html(
            SafetyPlanView.render(
                title: title, stored: stored, action: action, values: values, errors: errors, notice: notice,
                focus: focus, back: back, context: try await req.pageContext(for: actor)),
            status: status)
    }

    /// Saves the form as the next version, or shows it again with the field's message.
    func save(_ req: Request, actor: Actor, client: ClientProfile) async throws -> Response {
        let form = try req.verifiedForm()
        let plan: SafetyPlan
        do {
            plan = try SafetyPlan(lines: SafetyPlanView.texts(form))
        } catch {
            return try await show(
                req, actor: actor, client: client, values: form, errors: [error.field: error.message],
                status: .unprocessableEntity)
        }
        _ = try await req.clinicalEntry(by: actor, through: .web).saveSafetyPlan(plan, for: client.ref)
        return req.redirect(to: afterSave)
    }
}
