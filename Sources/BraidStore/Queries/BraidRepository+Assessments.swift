import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    public func assessments(of client: ClientID) async throws -> [StoredAssessment] {
        try await AssessmentRecord.query(on: database).filter(\.$clientID == client.uuid)
            .sort(\.$date).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }

    /// PHQ-9 totals of a client in date order (for the analysis and its flags).
    public func phq9Totals(of client: ClientID) async throws -> [DatedScore] {
        try await AssessmentRecord.query(on: database).filter(\.$clientID == client.uuid)
            .filter(\.$kind == Instrument.ID.phq9.rawValue).filter(\.$total != nil)
            .sort(\.$date).sort(\.$recordedAt).all()
            .compactMap { record in
                guard let date = CalendarDate(iso: record.date), let total = record.total else { return nil }
                return DatedScore(date: date, total: total)
            }
    }

    /// Stores an assessment; a suicide-risk result opens a care-team alert in the same transaction.
    public func recordAssessment(
        _ content: AssessmentContent, on date: CalendarDate, for client: ClientProfile, by author: Actor,
        requestID: String?, now: Date
    ) async throws -> (assessment: StoredAssessment, alert: SafetyAlert?) {
        try await transaction { store in
            let assessment = StoredAssessment(
                id: UUID(), clientID: client.id, date: date, content: content, recordedAt: now,
                recordedBy: author.userID)
            try await AssessmentRecord(assessment, programID: client.programID).create(on: store.database)
            try await store.bumpDataVersion(of: client.id)
            let signal = content.scoreResult.flatMap(SafetyRules.signal(for:))
            let alert = try await store.openAlert(signal, sourceID: assessment.id, client: client.ref, now: now)
            try await store.appendAudit(
                AuditEvent(
                    programID: client.programID, actorID: author.userID, role: author.role,
                    action: "assessment.create", clientID: client.id, requestID: requestID, at: now))
            return (assessment, alert)
        }
    }

    public func screens(of client: ClientID) async throws -> [StoredScreen] {
        try await ScreenRecord.query(on: database).filter(\.$clientID == client.uuid)
            .sort(\.$date).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }

    public func recordScreen(
        _ screen: UrineScreen, for client: ClientProfile, by author: Actor, requestID: String?, now: Date
    ) async throws -> StoredScreen {
        try await transaction { store in
            let stored = StoredScreen(
                id: UUID(), clientID: client.id, screen: screen, recordedAt: now, recordedBy: author.userID)
            try await ScreenRecord(stored, programID: client.programID).create(on: store.database)
            try await store.bumpDataVersion(of: client.id)
            try await store.appendAudit(
                AuditEvent(
                    programID: client.programID, actorID: author.userID, role: author.role, action: "screen.create",
                    clientID: client.id, requestID: requestID, at: now))
            return stored
        }
    }
}
