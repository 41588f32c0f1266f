import BraidCore
import FluentKit
import Foundation

final class MedicationRecord: Model, @unchecked Sendable {
    static let schema = "medications"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "name") var name: String
    @Field(key: "dose") var dose: String
    @Field(key: "route") var route: String
    @Field(key: "frequency") var frequency: String
    @Field(key: "prescriber") var prescriber: String
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "stop_date") var stopDate: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "notes") var notes: String?
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(_ medication: Medication, programID: ProgramID) {
        id = medication.id
        self.programID = programID.uuid
        clientID = medication.clientID.uuid
        set(medication)
    }

    func set(_ medication: Medication) {
        name = medication.name
        dose = medication.dose
        route = medication.route.rawValue
        frequency = medication.frequency
        prescriber = medication.prescriber
        startDate = medication.startDate.description
        stopDate = medication.stopDate?.description
        reason = medication.reason
        notes = NoteSeal.seal(medication.notes, .medicationNotes)
        updatedAt = medication.updatedAt
        updatedBy = medication.updatedBy?.uuid
    }

    func toDomain() throws -> Medication {
        guard let route = MedicationRoute(rawValue: route), let start = CalendarDate(iso: startDate) else {
            throw StoreError.corrupt("medications")
        }
        var stop: CalendarDate?
        if let stopDate {
            guard let parsed = CalendarDate(iso: stopDate) else { throw StoreError.corrupt("medications.stop_date") }
            stop = parsed
        }
        return Medication(
            id: try requireID(), clientID: ClientID(clientID), name: name, dose: dose, route: route,
            frequency: frequency, prescriber: prescriber, startDate: start, stopDate: stop, reason: reason,
            notes: try NoteSeal.open(notes, .medicationNotes), updatedAt: updatedAt,
            updatedBy: updatedBy.map(UserID.init))
    }
}

final class PrescriberNoteRecord: Model, @unchecked Sendable {
    static let schema = "prescriber_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "text") var text: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    init(_ note: PrescriberNote, programID: ProgramID) {
        id = note.id
        self.programID = programID.uuid
        clientID = note.clientID.uuid
        text = NoteSeal.seal(note.text, .prescriberNote)
        writtenBy = note.writtenBy.uuid
        writtenAt = note.writtenAt
    }

    func toDomain() throws -> PrescriberNote {
        PrescriberNote(
            id: try requireID(), clientID: ClientID(clientID), text: try NoteSeal.open(text, .prescriberNote),
            writtenBy: UserID(writtenBy),
            writtenAt: writtenAt)
    }
}
