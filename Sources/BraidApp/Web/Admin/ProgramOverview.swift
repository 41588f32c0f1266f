import BraidCore
import BraidStore
import Plot
import Vapor

/// The program lead's page: counts of episodes of care over the last 90 days, small cells suppressed, never a
/// name or a record. (Outcome reports per episode build on this.)
enum ProgramOverviewPage {
    /// The windows a reader may choose (`?days=`), 90 by default.
    static let windows = [30, 90, 365]

    static func register(_ app: Application) {
        app.grouped(app.sessions.middleware).get(.programOverview, use: show)
    }

    static func show(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard AccessPolicy.mayReadAggregates(actor) else { throw Abort(.notFound) }
        let daysText = req.query[String.self, at: "days"] ?? "90"
        guard let days = Int(daysText), windows.contains(days) else {
            throw Abort(.badRequest, reason: "days: '\(daysText.prefix(20))' is not 30, 90 or 365")
        }
        let context = try await req.pageContext(for: actor)
        let window = context.today.adding(days: -(days - 1))...context.today
        let census = EpisodeCensus(episodes: try await req.repository.episodes(in: actor.programID), window: window)
        try await req.repository.appendAudit(
            AuditEvent(
                programID: actor.programID, actorID: actor.userID, role: actor.role, action: "report.read",
                clientID: nil, requestID: req.requestID, at: req.now))
        return Response.html(
            render(census, window: window, days: days, isAdmin: actor.role == .admin, context: context))
    }

    static func render(
        _ census: EpisodeCensus, window: ClosedRange<CalendarDate>, days: Int, isAdmin: Bool, context: PageContext
    ) -> String {
        func row(_ label: String, _ count: Int) -> Node<HTML.TableContext> {
            .tr(.th(.attribute(named: "scope", value: "row"), .text(label)), .td(.text(EpisodeCensus.cell(count))))
        }
        let content: Node<HTML.BodyContext> = .group(
            .if(isAdmin, AdminViews.staffNav(current: .programOverview)),
            .h1(.text("Program overview")),
            .p(
                .a(
                    .href(SiteURL.programReport().path),
                    .text("Program report: outcomes of both tracks, level flow and plots"))),
            .nav(
                .class("tabs"), .attribute(named: "aria-label", value: "Window"),
                .forEach(windows) { span in
                    .a(
                        .href(SiteURL.programOverview(days: span).path),
                        .if(span == days, .attribute(named: "aria-current", value: "page")), .text("\(span) days"))
                }),
            .p(
                .text(
                    "Episodes of care from \(window.lowerBound) to \(window.upperBound). Counts of 1–4 are shown as "
                        + "<5 so that no one can be picked out; no names or records are shown here.")),
            .table(
                .class("facts"), .id("census"), .caption(.text("Episodes")),
                .tbody(
                    row("Open episodes (in care now)", census.openEpisodes), row("Admissions", census.admissions),
                    row("of which readmissions", census.readmissions), row("Discharges", census.discharges),
                    .tr(
                        .th(.attribute(named: "scope", value: "row"), .text("Median length of stay (discharged)")),
                        .td(.text(census.medianLengthOfStay.map { "\(Int($0.rounded())) days" } ?? "suppressed")))
                )),
            .table(
                .class("facts"), .caption(.text("Admissions by level")),
                .tbody(
                    .forEach(LevelOfCare.admissionLevels) { level in
                        row(level.label, census.admissionsByLevel[level] ?? 0)
                    })),
            .table(
                .class("facts"), .caption(.text("Discharges by reason")),
                .tbody(
                    .forEach(DischargeReason.allCases) { reason in
                        row(reason.label, census.dischargesByReason[reason] ?? 0)
                    })),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Program overview", context: context, content)
    }
}
