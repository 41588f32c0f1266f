import BraidCore
import BraidStore
import Vapor

/// The chart's contingency-management forms: enroll, record a payout, end the enrollment. Each goes through
/// `ContingencyService`, as the API does; a refusal shows the chart again with the message by its field.
enum ContingencyPages {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.post(.cmEnroll, use: enroll)
        pages.post(.cmPayout, use: payout)
        pages.post(.cmEnd, use: end)
    }

    static func enroll(_ req: Request) async throws -> Response {
        try await handle(req, saved: "cm-enrolled") { service, client, form in
            _ = try await service.enroll(client.ref, startingOn: try date(form["startDate"], field: "startDate"))
        }
    }

    static func end(_ req: Request) async throws -> Response {
        try await handle(req, saved: "cm-ended") { service, client, form in
            _ = try await service.end(client.ref, on: try date(form["endDate"], field: "endDate"))
        }
    }

    static func payout(_ req: Request) async throws -> Response {
        try await handle(req, saved: "cm-payout") { service, client, form in
            let amount = (form["amount"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !amount.isEmpty else {
                throw ValidationError(field: "amount", "is required (dollars and cents, e.g. 12.50)")
            }
            _ = try await service.payout(
                client.ref, amountCents: try ContingencyManagement.parseCents(amount, field: "amount"),
                on: try date(form["date"], field: "date"), note: form["note"])
        }
    }

    /// An optional date field of a form (empty = today).
    static func date(_ text: String?, field: String) throws(ValidationError) -> CalendarDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw ValidationError(field: field, "'\(text.prefix(20))' is not a date (YYYY-MM-DD)")
        }
        return date
    }

    static func handle(
        _ req: Request, saved: String,
        _ body: (ContingencyService, ClientProfile, [String: String]) async throws -> Void
    ) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        do throws(any Error) {
            try await body(try await req.contingency(by: actor), client, form)
            return req.redirect(to: SiteURL.chart(client.id, saved: saved, anchor: "contingency").path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            var care = ChartCareForms()
            care.contingency = (form, [problem.field ?? "amount": problem.message])
            return try await ClinicianController.renderChart(
                req, actor: actor, client: client, notice: nil, care: care, status: problem.status)
        }
    }
}
