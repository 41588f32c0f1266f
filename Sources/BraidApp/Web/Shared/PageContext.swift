import BraidCore
import Vapor

/// What every signed-in page needs besides its own content, built once per request: the CSRF token for its
/// forms, the crisis resources for its header, the program's time zone and today, and, on staff pages, the
/// caseload's open alerts (they head every clinician page, §8). Views take this one value instead of a
/// parameter each.
struct PageContext: Sendable {
    let csrfToken: String
    let crisis: CrisisResources
    let timeZone: TimeZone
    let today: CalendarDate
    /// Open alerts of the actor's caseload in `SafetyAlert.triageOrder`; empty for clients.
    let alerts: [OpenAlertItem]
    /// A client's own pages (the crisis banner links their plans).
    let isClient: Bool
    /// The words of the page: a client's chosen language; staff pages are in English.
    var copy = Copy.english
}

extension Request {
    /// The language of a public page: `?lang=es` or `Accept-Language` (English otherwise).
    var publicCopy: Copy {
        Copy(
            language: SpokenLanguage.negotiate(
                query: query[String.self, at: "lang"], acceptLanguage: headers.first(name: .acceptLanguage)))
    }

    /// The page context for `actor` in its program. For staff it reads the caseload's open alerts (audited as
    /// an alert read) unless the page already has them (the caseload does).
    func pageContext(for actor: Actor, alerts known: [OpenAlertItem]? = nil) async throws -> PageContext {
        let program = try await program(of: actor)
        var alerts: [OpenAlertItem] = []
        if actor.role.mayJoinCareTeam {
            if let known { alerts = known } else { alerts = try await openAlerts(for: actor) }
        }
        let language = actor.role == .client ? try await repository.language(of: actor.userID) ?? .en : .en
        return PageContext(
            csrfToken: csrfToken, crisis: program.crisisResources, timeZone: program.timeZone,
            today: program.today(now: now), alerts: alerts, isClient: actor.role == .client,
            copy: Copy(language: language))
    }

    /// Every open alert on the actor's caseload, named by client.
    private func openAlerts(for actor: Actor) async throws -> [OpenAlertItem] {
        let clients = try await repository.caseload(of: actor.userID, in: actor.programID)
        let names = Dictionary(uniqueKeysWithValues: clients.map { ($0.id, $0.displayName) })
        let alerts = try await repository.alerts(of: clients.map(\.ref), openOnly: true)
        if !alerts.isEmpty {
            try await auditRead("alerts.read", clients: Array(Set(alerts.map(\.clientID))), by: actor)
        }
        return alerts.map {
            OpenAlertItem(alert: $0, clientID: $0.clientID, clientName: names[$0.clientID] ?? "client")
        }
    }
}
