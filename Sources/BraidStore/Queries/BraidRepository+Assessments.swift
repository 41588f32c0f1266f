import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    public func assessments(of client: ClientRef) async throws -> [StoredAssessment] {
        try await AssessmentRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid)
            .sort(\.$date).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }

    /// PHQ-9 totals of a client in date order (for the analysis and its flags).
    public func phq9Totals(of client: ClientRef) async throws -> [DatedScore] {
        try await AssessmentRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid)
            .filter(\.$kind == Instrument.ID.phq9.rawValue).filter(\.$total != nil)
            .sort(\.$date).sort(\.$recordedAt).all()
            .compactMap { record in
                guard let date = CalendarDate(iso: record.date), let total = record.total else { return nil }
                return DatedScore(date: date, total: total)
            }
    }

    public func screens(of client: ClientRef) async throws -> [StoredScreen] {
        try await ScreenRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid)
            .sort(\.$date).sort(\.$recordedAt).all().map { try $0.toDomain() }
    }
}
