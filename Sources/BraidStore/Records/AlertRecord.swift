import BraidCore
import FluentKit
import Foundation

final class AlertRecord: Model, @unchecked Sendable {
    static let schema = "alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "source") var source: String
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "severity") var severity: String
    @Field(key: "summary") var summary: String
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: UUID?
    @OptionalField(key: "acknowledgement_note") var acknowledgementNote: String?

    init() {}

    init(_ alert: SafetyAlert, programID: ProgramID) {
        id = alert.id.uuid
        self.programID = programID.uuid
        clientID = alert.clientID.uuid
        source = alert.source.rawValue
        sourceID = alert.sourceID
        severity = alert.severity.rawValue
        summary = alert.summary
        openedAt = alert.openedAt
        acknowledgedAt = alert.acknowledgedAt
        acknowledgedBy = alert.acknowledgedBy?.uuid
        acknowledgementNote = NoteSeal.seal(alert.acknowledgementNote, .acknowledgementNote)
    }

    func toDomain() throws -> SafetyAlert {
        guard let source = SafetySource(rawValue: source) else { throw StoreError.corrupt("alerts.source") }
        guard let severity = AlertSeverity(rawValue: severity) else { throw StoreError.corrupt("alerts.severity") }
        return SafetyAlert(
            id: AlertID(try requireID()), clientID: ClientID(clientID), source: source, sourceID: sourceID,
            severity: severity, summary: summary, openedAt: openedAt, acknowledgedAt: acknowledgedAt,
            acknowledgedBy: acknowledgedBy.map(UserID.init),
            acknowledgementNote: try NoteSeal.open(acknowledgementNote, .acknowledgementNote))
    }
}
