import BraidCore
import BraidStore
import Plot
import Vapor

/// Builds the program report (§9) from the store: the one place the page and `braid report` get it from.
public enum ProgramReporting {
    /// The report for `program` over `from...to` (data through today at most), audited as `report.read`.
    public static func report(
        _ app: Application, program context: ProgramContext, from: CalendarDate, to: CalendarDate, actor: Actor?,
        requestID: String
    ) async throws -> ProgramReport {
        let now = app.clock()
        let today = context.today(now: now)
        let repository = app.repository
        let episodes = try await repository.reportEpisodes(
            in: context.program.id, from: from, through: min(to, today))
        let report = ProgramReport(
            episodes: episodes, from: from, to: to, today: today, configuration: context.clinical.outcomes)
        try await repository.appendAudit(
            AuditEvent(
                programID: context.program.id, actorID: actor?.userID, role: actor?.role, action: "report.read",
                clientID: nil, requestID: requestID, at: now))
        return report
    }

    /// The report for `braid report`: the program named by `--program`, else the database's one program (its
    /// one non-demo program when it also holds the demo). Returns the program's name with the report.
    public static func report(_ app: Application, programID: ProgramID?, from: CalendarDate, to: CalendarDate)
        async throws -> (program: String, report: ProgramReport)
    {
        let program = try await self.program(app, programID)
        let report = try await report(
            app, program: try await app.programContext(program.id), from: from, to: to, actor: nil, requestID: "cli")
        return (program.name, report)
    }

    /// The program a CLI command names with `--program`, else the database's one program (its one non-demo
    /// program when it also holds the demo).
    static func program(_ app: Application, _ programID: ProgramID?) async throws -> Program {
        let programs = try await app.repository.programs()
        if let programID {
            guard let named = programs.first(where: { $0.id == programID }) else {
                throw ValidationError(field: "--program", "no program with id \(programID)")
            }
            return named
        }
        let real = programs.filter { !$0.isDemo }
        guard let only = real.count == 1 ? real.first : real.isEmpty && programs.count == 1 ? programs.first : nil
        else {
            throw ValidationError(
                field: "--program",
                programs.isEmpty
                    ? "the database holds no program yet"
                    : "there are \(programs.count) programs; name one with --program ID")
        }
        return only
    }

    /// The report as JSON: keys sorted, suppressed cells `null`.
    public static func json(_ report: ProgramReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}

/// The program lead's report page: `/program/report?from=&to=` (the last 90 days by default), and the same
/// report as a download with `format=csv` or `format=json`. Aggregates only.
enum ProgramReportPage {
    static let formats = ["html", "csv", "json"]
    static let defaultDays = 90

    static func register(_ app: Application) {
        app.grouped(app.sessions.middleware).get(.programReport, use: show)
    }

    static func date(_ req: Request, _ field: String, default fallback: CalendarDate) throws -> CalendarDate {
        guard let text = req.query[String.self, at: field], !text.isEmpty else { return fallback }
        guard let date = CalendarDate(iso: text) else {
            throw Abort(.badRequest, reason: "\(field): '\(text.prefix(20))' is not a date (YYYY-MM-DD)")
        }
        return date
    }

    static func show(_ req: Request) async throws -> Response {
        let actor = try await req.requirePageActor()
        guard AccessPolicy.mayReadAggregates(actor) else { throw Abort(.notFound) }
        let format = req.query[String.self, at: "format"] ?? "html"
        guard formats.contains(format) else {
            throw Abort(.badRequest, reason: "format: '\(format.prefix(20))' is not html, csv or json")
        }
        let context = try await req.pageContext(for: actor)
        let to = try date(req, "to", default: context.today)
        let from = try date(req, "from", default: to.adding(days: -(defaultDays - 1)))
        do {
            try ProgramReport.checkRange(from: from, to: to, fields: ("from", "to"))
        } catch {
            throw Abort(.badRequest, reason: error.description)
        }
        let report = try await ProgramReporting.report(
            req.application, program: try await req.program(of: actor), from: from, to: to, actor: actor,
            requestID: req.requestID)
        switch format {
        case "csv", "json":
            let body = format == "csv" ? report.csv : try ProgramReporting.json(report)
            let response = Response(status: .ok, body: .init(string: body))
            response.headers.contentType = format == "csv" ? HTTPMediaType(type: "text", subType: "csv") : .json
            response.headers.replaceOrAdd(
                name: .contentDisposition, value: "attachment; filename=\"braid-report-\(from)-\(to).\(format)\"")
            return response
        default:
            return Response.html(render(report, isAdmin: actor.role == .admin, context: context))
        }
    }

    static func render(_ report: ProgramReport, isAdmin: Bool, context: PageContext) -> String {
        func link(_ format: String, _ label: String) -> Node<HTML.BodyContext> {
            .a(.href(SiteURL.programReport(from: report.from, to: report.to, format: format).path), .text(label))
        }
        let content: Node<HTML.BodyContext> = .group(
            .if(isAdmin, AdminViews.staffNav(current: .programOverview)),
            .h1(.text("Program report")),
            .p(.a(.href(SiteURL.programOverview().path), .text("Program overview (episode counts)"))),
            .form(
                .method(.get), .action(SiteURL.programReport().path), .class("inline-form"),
                .label(.for("from"), .text("From")),
                .input(.type(.date), .name("from"), .id("from"), .value(report.from.description)),
                .label(.for("to"), .text("To")),
                .input(.type(.date), .name("to"), .id("to"), .value(report.to.description)),
                .button(.type(.submit), .text("Show report"))),
            .p(.text("Download this report: "), link("csv", "CSV"), .text(" · "), link("json", "JSON")),
            ProgramReportViews.content(report),
            SignedInViews.signOut(context.csrfToken)
        )
        return Layout.page(title: "Program report", context: context, wide: true, content)
    }
}
