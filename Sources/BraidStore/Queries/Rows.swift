import BraidCore
import Foundation
import SQLKit

// Plain Decodable rows for the hot paths. Fluent models decode through Mirror-based reflection (a quarter of
// the server's time under load, measured); these decode through synthesized Codable via SQLKit. Column names
// match the migrations.

struct ClientRow: Decodable {
    let id: UUID
    let programID: UUID
    let userID: UUID
    let displayName: String
    let dataVersion: Int
    let createdAt: Date

    static let columns = ["id", "program_id", "user_id", "display_name", "data_version", "created_at"]

    enum CodingKeys: String, CodingKey {
        case id, programID = "program_id", userID = "user_id", displayName = "display_name"
        case dataVersion = "data_version", createdAt = "created_at"
    }

    func toDomain(careTeam: [UserID]) -> ClientProfile {
        ClientProfile(
            id: ClientID(id), programID: ProgramID(programID), userID: UserID(userID), displayName: displayName,
            careTeam: careTeam, dataVersion: dataVersion, createdAt: createdAt)
    }
}

struct CareTeamRow: Decodable {
    let clientID: UUID
    let userID: UUID

    enum CodingKeys: String, CodingKey { case clientID = "client_id", userID = "user_id" }
}

struct ActorRow: Decodable {
    let userID: UUID
    let role: String
    let programID: UUID
    let clientID: UUID?
    let expiresAt: Date
    let createdAt: Date
    let lastUsedAt: Date?

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", role, programID = "program_id", clientID = "client_id", expiresAt = "expires_at"
        case createdAt = "created_at", lastUsedAt = "last_used_at"
    }
}

struct AlertRow: Decodable {
    let id: UUID
    let clientID: UUID
    let source: String
    let sourceID: UUID
    let severity: String
    let summary: String
    let openedAt: Date
    let acknowledgedAt: Date?
    let acknowledgedBy: UUID?
    let acknowledgementNote: String?

    static let columns = [
        "id", "client_id", "source", "source_id", "severity", "summary", "opened_at", "acknowledged_at",
        "acknowledged_by", "acknowledgement_note",
    ]

    enum CodingKeys: String, CodingKey {
        case id, clientID = "client_id", source, sourceID = "source_id", severity, summary, openedAt = "opened_at"
        case acknowledgedAt = "acknowledged_at", acknowledgedBy = "acknowledged_by"
        case acknowledgementNote = "acknowledgement_note"
    }

    func toDomain() throws -> SafetyAlert {
        guard let source = SafetySource(rawValue: source) else { throw StoreError.corrupt("alerts.source") }
        guard let severity = AlertSeverity(rawValue: severity) else { throw StoreError.corrupt("alerts.severity") }
        return SafetyAlert(
            id: AlertID(id), clientID: ClientID(clientID), source: source, sourceID: sourceID, severity: severity,
            summary: summary, openedAt: openedAt, acknowledgedAt: acknowledgedAt,
            acknowledgedBy: acknowledgedBy.map(UserID.init),
            acknowledgementNote: try NoteSeal.open(acknowledgementNote, .acknowledgementNote))
    }
}

struct CheckInRow: Decodable {
    let id: UUID
    let clientID: UUID
    let date: String
    let revision: Int
    let supersededAt: Date?
    let recordedAt: Date
    let recordedBy: UUID
    let mood: Int
    let craving: Int
    let sleepHalfHours: Int
    let used: Bool
    let enjoyment: Int?
    let energy: Int?
    let irritability: Int?
    let otherSubstances: String?
    let exerciseMinutes: Int?
    let medsTaken: Bool?
    let regularMeals: Bool?
    let safety: Bool?
    let note: String?

    static let columns = [
        "id", "client_id", "date", "revision", "superseded_at", "recorded_at", "recorded_by", "mood", "craving",
        "sleep_half_hours", "used", "enjoyment", "energy", "irritability", "other_substances", "exercise_minutes",
        "meds_taken", "regular_meals", "safety", "note",
    ]

    enum CodingKeys: String, CodingKey {
        case id, clientID = "client_id", date, revision, supersededAt = "superseded_at", recordedAt = "recorded_at"
        case recordedBy = "recorded_by", mood, craving, sleepHalfHours = "sleep_half_hours", used, enjoyment, energy
        case irritability, otherSubstances = "other_substances", exerciseMinutes = "exercise_minutes"
        case medsTaken = "meds_taken", regularMeals = "regular_meals", safety, note
    }

    func toDomain() throws -> StoredCheckIn {
        guard let day = CalendarDate(iso: date) else { throw StoreError.corrupt("check_ins.date") }
        let substances = try otherSubstances.map { list in
            try list.split(separator: ",").map { name in
                guard let substance = OtherSubstance(rawValue: String(name)) else {
                    throw StoreError.corrupt("check_ins.other_substances")
                }
                return substance
            }
        }
        let values = CheckInValues(
            mood: mood, craving: craving, sleepHours: Double(sleepHalfHours) / 2, used: used, enjoyment: enjoyment,
            energy: energy, irritability: irritability, otherSubstances: substances, exerciseMinutes: exerciseMinutes,
            medsTaken: medsTaken, safety: safety, note: try NoteSeal.open(note, .checkInNote),
            regularMeals: regularMeals)
        return StoredCheckIn(
            id: id, clientID: ClientID(clientID), date: day, values: values, revision: revision,
            recordedAt: recordedAt, recordedBy: UserID(recordedBy), supersededAt: supersededAt)
    }

    /// Column values of a check-in for an INSERT, in `columns` order.
    static func values(_ checkIn: StoredCheckIn, programID: ProgramID) -> [any SQLExpression] {
        let values = checkIn.values
        return [
            SQLBind(checkIn.id), SQLBind(checkIn.clientID.uuid), SQLBind(checkIn.date.description),
            SQLBind(checkIn.revision), SQLBind(checkIn.supersededAt), SQLBind(checkIn.recordedAt),
            SQLBind(checkIn.recordedBy.uuid), SQLBind(values.mood), SQLBind(values.craving),
            SQLBind(Int(values.sleepHours * 2)), SQLBind(values.used), SQLBind(values.enjoyment),
            SQLBind(values.energy),
            SQLBind(values.irritability), SQLBind(values.otherSubstances?.map(\.rawValue).joined(separator: ",")),
            SQLBind(values.exerciseMinutes), SQLBind(values.medsTaken), SQLBind(values.regularMeals),
            SQLBind(values.safety), SQLBind(NoteSeal.seal(values.note, .checkInNote)),
            SQLBind(programID.uuid),
        ]
    }

    static var insertColumns: [String] { columns + ["program_id"] }
}
