import BraidCore
import BraidStore
import Vapor

/// The chart's medication forms: add or change a medication (one target; a hidden id names the one changed) and
/// add a prescriber note. Both go through `MedicationService`, as the API does.
enum MedicationPages {
    static func register(_ app: Application) {
        let pages = app.grouped(app.sessions.middleware)
        pages.post(.medications, use: save)
        pages.post(.prescriberNotes, use: note)
    }

    static func save(_ req: Request) async throws -> Response {
        try await handle(req) { service, client, form in
            let body = MedicationViews.body(form)
            if let text = form["medicationId"] {
                guard let id = UUID(uuidString: text) else { throw APIError.notFound("medication") }
                _ = try await service.update(id, body, for: client.ref)
            } else {
                _ = try await service.add(body, for: client.ref)
            }
            return "medication"
        }
    }

    static func note(_ req: Request) async throws -> Response {
        try await handle(req) { service, client, form in
            _ = try await service.addNote(form["text"] ?? "", for: client.ref)
            return "prescriber-note"
        }
    }

    static func handle(
        _ req: Request, _ body: (MedicationService, ClientProfile, [String: String]) async throws -> String
    ) async throws -> Response {
        let actor = try await ClinicianController.staff(req)
        let client = try await req.accessibleClient(by: actor)
        let form = try req.verifiedForm()
        do throws(any Error) {
            let saved = try await body(try await req.medications(by: actor), client, form)
            return req.redirect(to: SiteURL.chart(client.id, saved: saved, anchor: "medications").path)
        } catch {
            let problem = APIError.from(error)
            guard problem.status == .unprocessableEntity else { throw problem }
            var care = ChartCareForms()
            care.medications = (form, [problem.field ?? "name": problem.message])
            return try await ClinicianController.renderChart(
                req, actor: actor, client: client, notice: nil, care: care, status: problem.status)
        }
    }
}
