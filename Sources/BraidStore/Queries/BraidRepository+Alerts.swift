import BraidCore
import FluentKit
import Foundation
import SQLKit

extension BraidRepository {
    /// Opens an alert for a signal (call inside the transaction that stores the answer).
    func openAlert(_ signal: SafetySignal?, sourceID: UUID, client: ClientRef, now: Date) async throws
        -> SafetyAlert?
    {
        guard let signal else { return nil }
        let alert = SafetyAlert(
            id: .random(), clientID: client.id, source: signal.source, sourceID: sourceID, severity: signal.severity,
            summary: signal.summary, openedAt: now, acknowledgedAt: nil, acknowledgedBy: nil, acknowledgementNote: nil)
        try await AlertRecord(alert, programID: client.programID).create(on: database)
        return alert
    }

    /// Alerts of the given clients in `SafetyAlert.triageOrder` (open ones first, emergencies first, then the
    /// longest waiting). Each client is matched with its program, so the tenant key is in the query.
    public func alerts(of clients: [ClientRef], openOnly: Bool) async throws -> [SafetyAlert] {
        guard !clients.isEmpty else { return [] }
        var query = try sql.select().columns(AlertRow.columns).from(AlertRecord.schema)
            .where(SQLIdentifier("program_id"), .in, SQLBind.group(Array(Set(clients.map(\.programID.uuid)))))
            .where(SQLIdentifier("client_id"), .in, SQLBind.group(clients.map(\.id.uuid)))
        if openOnly { query = query.where(SQLIdentifier("acknowledged_at"), .is, SQLLiteral.null) }
        return try await query.all(decoding: AlertRow.self).map { try $0.toDomain() }
            .sorted(by: SafetyAlert.triageOrder)
    }

    public func alert(_ id: AlertID, in program: ProgramID) async throws -> SafetyAlert? {
        try await AlertRecord.query(on: database).filter(\.$id == id.uuid).filter(\.$programID == program.uuid)
            .first()?.toDomain()
    }
}
