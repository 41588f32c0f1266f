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

    // MARK: - Audit

    public func appendAudit(_ events: AuditEvent...) async throws {
        try await appendAudit(events)
    }

    /// Appends audit events in one statement.
    public func appendAudit(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        var insert = try sql.insert(into: AuditEventRecord.schema)
            .columns("id", "program_id", "actor_id", "role", "action", "client_id", "request_id", "at")
        for event in events {
            insert = insert.values(
                SQLBind(UUID.timeOrdered(at: event.at)), SQLBind(event.programID?.uuid), SQLBind(event.actorID?.uuid),
                SQLBind(event.role?.rawValue), SQLBind(event.action), SQLBind(event.clientID?.uuid),
                SQLBind(event.requestID), SQLBind(event.at))
        }
        try await insert.run()
    }

    /// The audit trail, newest first (for tests and the later audit review).
    public func auditEvents(client: ClientID? = nil, limit: Int = 1_000) async throws -> [AuditEvent] {
        let query = AuditEventRecord.query(on: database)
        if let client { query.filter(\.$clientID == client.uuid) }
        return try await query.sort(\.$at, .descending).limit(limit).all().map { $0.toDomain() }
    }
}
