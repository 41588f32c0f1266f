import BraidCore
import BraidStore
import Foundation
import Vapor

/// The FHIR R4 export (issue 13 §4): a client's record read from the store and assembled by `FHIRExport`.
/// Every export is audited (`export.fhir`).
public enum FHIRExporting {
    /// What the export reads about `client`: its assessments, current check-ins, latest signed plan and the
    /// depression type of its latest ordering interview.
    /// `consents` are the Consent resources to include: all of the client's for the care team's export (when
    /// `nil`), only the permitting one for a disclosure.
    static func record(
        _ repository: BraidRepository, client: ClientProfile, consents: [Part2Consent]? = nil, today: CalendarDate
    ) async throws -> FHIRRecordData {
        let ref = client.ref
        let assessments = try await repository.assessments(of: ref)
        let ordering = assessments.last { if case .ordering = $0.content { true } else { false } }
        var depressionType: OrderingAssessment.DepressionType?
        if case .ordering(_, let result)? = ordering?.content { depressionType = result.depressionType }
        var kept = consents ?? []
        if consents == nil { kept = try await repository.consents(of: ref) }
        return FHIRRecordData(
            clientID: client.id, name: client.displayName, assessments: assessments,
            checkIns: try await repository.checkIns(of: ref), plan: try await repository.planVersions(of: ref).last,
            depressionType: depressionType, consents: kept, today: today)
    }

    /// The Bundle of `client` as JSON text, audited as `export.fhir` by `actor` (`nil` from the CLI).
    static func bundle(
        _ repository: BraidRepository, client: ClientProfile, actor: Actor?, today: CalendarDate, requestID: String,
        now: Date
    ) async throws -> String {
        let bundle = FHIRExport.bundle(try await record(repository, client: client, today: today), now: now)
        try await repository.appendAudit(
            AuditEvent(
                programID: client.programID, actorID: actor?.userID, role: actor?.role, action: "export.fhir",
                clientID: client.id, requestID: requestID, at: now))
        return try FHIRExport.json(bundle)
    }

    /// `braid export fhir --client EMAIL`.
    public static func bundle(_ app: Application, clientEmail: String) async throws -> String {
        let client = try await DataImport.client(app, email: clientEmail)
        let today = try await app.programContext(client.programID).today(now: app.clock())
        return try await bundle(
            app.repository, client: client, actor: nil, today: today, requestID: "cli", now: app.clock())
    }
}
