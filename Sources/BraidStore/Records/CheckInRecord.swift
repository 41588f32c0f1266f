import BraidCore
import FluentKit
import Foundation

final class CheckInRecord: Model, @unchecked Sendable {
    static let schema = "check_ins"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "date") var date: String
    @Field(key: "revision") var revision: Int
    @OptionalField(key: "superseded_at") var supersededAt: Date?
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "mood") var mood: Int
    @Field(key: "craving") var craving: Int
    @Field(key: "sleep_half_hours") var sleepHalfHours: Int
    @Field(key: "used") var used: Bool
    @OptionalField(key: "enjoyment") var enjoyment: Int?
    @OptionalField(key: "energy") var energy: Int?
    @OptionalField(key: "irritability") var irritability: Int?
    @OptionalField(key: "other_substances") var otherSubstances: String?
    @OptionalField(key: "exercise_minutes") var exerciseMinutes: Int?
    @OptionalField(key: "meds_taken") var medsTaken: Bool?
    @OptionalField(key: "regular_meals") var regularMeals: Bool?
    @OptionalField(key: "safety") var safety: Bool?
    @OptionalField(key: "note") var note: String?

    init() {}

    init(_ checkIn: StoredCheckIn, programID: ProgramID) {
        id = checkIn.id
        self.programID = programID.uuid
        clientID = checkIn.clientID.uuid
        date = checkIn.date.description
        revision = checkIn.revision
        supersededAt = checkIn.supersededAt
        recordedAt = checkIn.recordedAt
        recordedBy = checkIn.recordedBy.uuid
        let values = checkIn.values
        mood = values.mood
        craving = values.craving
        sleepHalfHours = Int(values.sleepHours * 2)
        used = values.used
        enjoyment = values.enjoyment
        energy = values.energy
        irritability = values.irritability
        otherSubstances = values.otherSubstances?.map(\.rawValue).joined(separator: ",")
        exerciseMinutes = values.exerciseMinutes
        medsTaken = values.medsTaken
        regularMeals = values.regularMeals
        safety = values.safety
        note = NoteSeal.seal(values.note, .checkInNote)
    }

    /// Maps through `CheckInRow`, the one place that turns check-in columns into the domain value.
    func toDomain() throws -> StoredCheckIn {
        try CheckInRow(
            id: requireID(), clientID: clientID, date: date, revision: revision, supersededAt: supersededAt,
            recordedAt: recordedAt, recordedBy: recordedBy, mood: mood, craving: craving,
            sleepHalfHours: sleepHalfHours,
            used: used, enjoyment: enjoyment, energy: energy, irritability: irritability,
            otherSubstances: otherSubstances,
            exerciseMinutes: exerciseMinutes, medsTaken: medsTaken, regularMeals: regularMeals, safety: safety,
            note: note
        ).toDomain()
    }
}
