import BraidCore
import FluentKit
import Foundation

final class TherapyGroupRecord: Model, @unchecked Sendable {
    static let schema = "therapy_groups"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "name") var name: String
    @Field(key: "modality") var modality: String
    @Field(key: "weekdays") var weekdays: String
    @Field(key: "start_time") var startTime: String
    @Field(key: "duration_minutes") var durationMinutes: Int
    @Field(key: "facilitator_id") var facilitatorID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: UUID

    init() {}

    init(id: UUID, programID: ProgramID, schedule: GroupSchedule, at date: Date, by user: UserID) {
        self.id = id
        self.programID = programID.uuid
        createdAt = date
        createdBy = user.uuid
        set(schedule)
    }

    func set(_ schedule: GroupSchedule) {
        name = schedule.name
        modality = schedule.modality.rawValue
        weekdays = schedule.weekdays.map(String.init).joined(separator: ",")
        startTime = schedule.startTime
        durationMinutes = schedule.durationMinutes
        facilitatorID = schedule.facilitator.uuid
    }

    func toDomain(members: [ClientID]) throws -> TherapyGroup {
        guard let modality = GroupModality(rawValue: modality) else { throw StoreError.corrupt("therapy_groups") }
        return TherapyGroup(
            id: try requireID(), programID: ProgramID(programID),
            schedule: GroupSchedule(
                name: name, modality: modality, weekdays: weekdays.split(separator: ",").compactMap { Int($0) },
                startTime: startTime, durationMinutes: durationMinutes, facilitator: UserID(facilitatorID)),
            members: members)
    }
}

final class GroupMemberRecord: Model, @unchecked Sendable {
    static let schema = "group_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "group_id") var groupID: UUID
    @Field(key: "client_id") var clientID: UUID

    init() {}

    init(program: ProgramID, group: UUID, client: ClientID) {
        id = UUID()
        programID = program.uuid
        groupID = group
        clientID = client.uuid
    }
}

final class GroupAttendanceRecord: Model, @unchecked Sendable {
    static let schema = "group_attendance"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "group_id") var groupID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "date") var date: String
    @Field(key: "status") var status: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID

    init() {}

    init(_ entry: AttendanceEntry, date: CalendarDate, group: TherapyGroup, at now: Date, by user: UserID) {
        id = UUID()
        programID = group.programID.uuid
        groupID = group.id
        clientID = entry.clientID.uuid
        self.date = date.description
        status = entry.status.rawValue
        note = NoteSeal.seal(entry.note, .attendanceNote)
        recordedAt = now
        recordedBy = user.uuid
    }

    func toDomain() throws -> StoredAttendance {
        guard let status = AttendanceStatus(rawValue: status), let date = CalendarDate(iso: date) else {
            throw StoreError.corrupt("group_attendance")
        }
        return StoredAttendance(
            groupID: groupID, date: date,
            entry: AttendanceEntry(
                clientID: ClientID(clientID), status: status, note: try NoteSeal.open(note, .attendanceNote)),
            recordedAt: recordedAt, recordedBy: UserID(recordedBy))
    }
}

final class HomeworkRecord: Model, @unchecked Sendable {
    static let schema = "homework"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "group_id") var groupID: UUID
    @Field(key: "title") var title: String
    @OptionalField(key: "details") var details: String?
    @Field(key: "assigned_on") var assignedOn: String
    @OptionalField(key: "due_on") var dueOn: String?
    @Field(key: "assigned_by") var assignedBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ homework: Homework, programID: ProgramID, at now: Date, by user: UserID) {
        id = homework.id
        self.programID = programID.uuid
        groupID = homework.groupID
        title = homework.title
        details = homework.details
        assignedOn = homework.assignedOn.description
        dueOn = homework.dueOn?.description
        assignedBy = user.uuid
        createdAt = now
    }

    func toDomain() throws -> Homework {
        guard let assigned = CalendarDate(iso: assignedOn) else { throw StoreError.corrupt("homework") }
        return Homework(
            id: try requireID(), groupID: groupID, title: title, details: details, assignedOn: assigned,
            dueOn: dueOn.flatMap { CalendarDate(iso: $0) })
    }
}

final class HomeworkDoneRecord: Model, @unchecked Sendable {
    static let schema = "homework_done"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "homework_id") var homeworkID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "done_at") var doneAt: Date

    init() {}
}
