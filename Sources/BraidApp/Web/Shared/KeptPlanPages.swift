import BraidCore
import BraidStore
import Vapor

/// A kept plan's page and its save (the safety plan, the relapse-prevention plan), for both audiences: the
/// client's own (`/safety-plan`, `/my-relapse-plan`) and the care team's (`/clients/{id}/…`). They differ only in
/// title, addresses and where a save returns; the reading, auditing, validation and the write are the same.
struct KeptPlanPages<Section: KeptPlanSection>: Sendable {
    /// The care team's title; the client's own page is titled in the client's language.
    let title: String?
    let action: String
    let back: (href: String, label: String)
    /// Where a successful save goes.
    let afterSave: String
    /// Staff pages focus the alert banner on this client.
    let focus: ClientID?

    static func own() -> KeptPlanPages {
        KeptPlanPages(
            title: nil, action: Section.ownURL(saved: false).path, back: (SiteURL.today().path, "Back to today"),
            afterSave: Section.ownURL(saved: true).path, focus: nil)
    }

    static func careTeam(_ client: ClientProfile) -> KeptPlanPages {
        KeptPlanPages(
            title: "\(Section.planName.sentenceCased): \(client.displayName)",
            action: Section.careTeamURL(client.id).path, back: (SiteURL.chart(client.id).path, "Back to the chart"),
            afterSave: SiteURL.chart(client.id, saved: Section.slug).path, focus: client.id)
    }

    /// The latest version with its form (audited as a read).
    func show(
        _ req: Request, actor: Actor, client: ClientProfile, values: [String: String]? = nil,
        errors: [String: String] = [:], status: HTTPStatus = .ok
    ) async throws -> Response {
        let stored = try await req.repository.plan(Section.self, of: client.ref)
        try await req.auditRead("\(Section.slug).read", clients: [client.id], by: actor)
        let context = try await req.pageContext(for: actor)
        let copy = context.copy
        let notice = req.query[String.self, at: "saved"] == "1" ? copy(.planSavedVersion) : nil
        return Response.html(
            KeptPlanView.render(
                title: title ?? copy(Section.ownTitleKey), stored: stored, action: action, values: values,
                errors: errors, notice: notice, focus: focus,
                back: title == nil ? (back.href, copy(.navBackToToday)) : back, context: context),
            status: status)
    }

    /// Saves the form as the next version, or shows it again with the field's message.
    func save(_ req: Request, actor: Actor, client: ClientProfile) async throws -> Response {
        let form = try req.verifiedForm()
        let plan: SectionedPlan<Section>
        do {
            plan = try SectionedPlan(lines: KeptPlanView.texts(form))
        } catch {
            return try await show(
                req, actor: actor, client: client, values: form, errors: [error.field: error.message],
                status: .unprocessableEntity)
        }
        _ = try await req.clinicalEntry(by: actor, through: .web).savePlan(plan, for: client.ref)
        return req.redirect(to: afterSave)
    }
}
