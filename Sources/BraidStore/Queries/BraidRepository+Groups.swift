import BraidCore
import FluentKit
import Foundation

// The group program (issue 14 §7). Every query carries the program (the tenant key); writes about clients
// (membership, attendance, homework done) append their audit events in the same transaction.

extension BraidRepository {
    /// The program's groups, by name.
    public func groups(in program: ProgramID) async throws -> [TherapyGroup] {
        let records = try await TherapyGroupRecord.query(on: database).filter(\.$programID == program.uuid)
            .sort(\.$name).all()
        let members = try await GroupMemberRecord.query(on: database).filter(\.$programID == program.uuid).all()
        return try Self.assemble(records, members: members)
    }

    /// Groups with their members, from the rows read.
    private static func assemble(_ records: [TherapyGroupRecord], members: [GroupMemberRecord]) throws
        -> [TherapyGroup]
    {
        let byGroup = Dictionary(grouping: members, by: \.groupID)
        return try records.map { record in
            try record.toDomain(members: (byGroup[try record.requireID()] ?? []).map { ClientID($0.clientID) })
        }
    }

    public func group(_ id: UUID, in program: ProgramID) async throws -> TherapyGroup? {
        guard
            let record = try await TherapyGroupRecord.query(on: database).filter(\.$id == id)
                .filter(\.$programID == program.uuid).first()
        else { return nil }
        let members = try await GroupMemberRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$groupID == id).all()
        return try record.toDomain(members: members.map { ClientID($0.clientID) })
    }

    /// The groups a client belongs to.
    /// The groups a client belongs to, by name. Read on every Today page, so only those groups and their
    /// members are loaded, not the program's.
    public func groups(of client: ClientRef) async throws -> [TherapyGroup] {
        let ids = try await GroupMemberRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).all().map(\.groupID)
        guard !ids.isEmpty else { return [] }
        let records = try await TherapyGroupRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$id ~~ ids).sort(\.$name).all()
        let members = try await GroupMemberRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$groupID ~~ ids).all()
        return try Self.assemble(records, members: members)
    }

    /// Creates a group, or replaces an existing one's schedule and members, with the membership changes audited
    /// per client (`group.join`, `group.leave`).
    public func saveGroup(
        _ id: UUID, schedule: GroupSchedule, members: [ClientID]?, program: ProgramID, by actor: Actor,
        requestID: String?, now: Date
    ) async throws -> TherapyGroup {
        try await transaction { store in
            let database = store.database
            let record: TherapyGroupRecord
            if let existing = try await TherapyGroupRecord.query(on: database).filter(\.$id == id)
                .filter(\.$programID == program.uuid).first()
            {
                existing.set(schedule)
                try await existing.save(on: database)
                record = existing
            } else {
                record = TherapyGroupRecord(id: id, programID: program, schedule: schedule, at: now, by: actor.userID)
                try await record.create(on: database)
            }
            let current = try await GroupMemberRecord.query(on: database).filter(\.$programID == program.uuid)
                .filter(\.$groupID == id).all()
            var events: [AuditEvent] = []
            if let members {
                for member in current where !members.contains(ClientID(member.clientID)) {
                    try await member.delete(on: database)
                    events.append(Self.event("group.leave", ClientID(member.clientID), program, actor, requestID, now))
                }
                for member in members where !current.contains(where: { $0.clientID == member.uuid }) {
                    try await GroupMemberRecord(program: program, group: id, client: member).create(on: database)
                    events.append(Self.event("group.join", member, program, actor, requestID, now))
                }
            }
            events.append(Self.event("group.save", nil, program, actor, requestID, now))
            try await store.appendAudit(events)
            return try record.toDomain(members: members ?? current.map { ClientID($0.clientID) })
        }
    }

    /// Records a session's attendance for the whole group, replacing what was recorded for that date; one audit
    /// event per member.
    public func recordAttendance(
        _ attendance: GroupAttendance, of group: TherapyGroup, by actor: Actor, requestID: String?, now: Date
    ) async throws {
        try await transaction { store in
            let database = store.database
            try await GroupAttendanceRecord.query(on: database).filter(\.$programID == group.programID.uuid)
                .filter(\.$groupID == group.id).filter(\.$date == attendance.date.description).delete()
            for entry in attendance.entries {
                try await GroupAttendanceRecord(entry, date: attendance.date, group: group, at: now, by: actor.userID)
                    .create(on: database)
            }
            try await store.appendAudit(
                attendance.entries.map {
                    Self.event("group-attendance.save", $0.clientID, group.programID, actor, requestID, now)
                })
        }
    }

    /// A group's attendance, newest session first.
    public func attendance(of group: TherapyGroup) async throws -> [StoredAttendance] {
        try await GroupAttendanceRecord.query(on: database).filter(\.$programID == group.programID.uuid)
            .filter(\.$groupID == group.id).sort(\.$date, .descending).all().map { try $0.toDomain() }
    }

    /// A client's attendance across their groups, newest first.
    public func attendance(of client: ClientRef) async throws -> [StoredAttendance] {
        try await GroupAttendanceRecord.query(on: database).filter(\.$programID == client.programID.uuid)
            .filter(\.$clientID == client.id.uuid).sort(\.$date, .descending).all().map { try $0.toDomain() }
    }

    public func addHomework(
        _ homework: Homework, to group: TherapyGroup, by actor: Actor, requestID: String?, now: Date
    )
        async throws
    {
        try await transaction { store in
            try await HomeworkRecord(homework, programID: group.programID, at: now, by: actor.userID)
                .create(on: store.database)
            try await store.appendAudit(Self.event("homework.create", nil, group.programID, actor, requestID, now))
        }
    }

    /// The homework of these groups, newest first, with who marked it done.
    public func homework(of groups: [TherapyGroup], program: ProgramID) async throws -> [HomeworkStatus] {
        guard !groups.isEmpty else { return [] }
        let records = try await HomeworkRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$groupID ~~ groups.map(\.id)).sort(\.$assignedOn, .descending).sort(\.$createdAt, .descending)
            .all()
        let ids = try records.map { try $0.requireID() }
        let done =
            ids.isEmpty
            ? []
            : try await HomeworkDoneRecord.query(on: database).filter(\.$programID == program.uuid)
                .filter(\.$homeworkID ~~ ids).all()
        let byHomework = Dictionary(grouping: done, by: \.homeworkID)
        return try records.map { record in
            HomeworkStatus(
                homework: try record.toDomain(),
                done: Dictionary(
                    (byHomework[try record.requireID()] ?? []).map { (ClientID($0.clientID), $0.doneAt) },
                    uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Marks homework done for a member (once; marking it again keeps the first time).
    public func markHomeworkDone(_ homework: UUID, by client: ClientRef, actor: Actor, requestID: String?, now: Date)
        async throws
    {
        try await transaction { store in
            let database = store.database
            let already = try await HomeworkDoneRecord.query(on: database)
                .filter(\.$programID == client.programID.uuid).filter(\.$homeworkID == homework)
                .filter(\.$clientID == client.id.uuid).first()
            guard already == nil else { return }
            let record = HomeworkDoneRecord()
            record.id = UUID()
            record.programID = client.programID.uuid
            record.homeworkID = homework
            record.clientID = client.id.uuid
            record.doneAt = now
            try await record.create(on: database)
            try await store.appendAudit(Self.event("homework.done", client.id, client.programID, actor, requestID, now))
        }
    }

    static func event(
        _ action: String, _ client: ClientID?, _ program: ProgramID, _ actor: Actor, _ requestID: String?, _ now: Date
    ) -> AuditEvent {
        AuditEvent(
            programID: program, actorID: actor.userID, role: actor.role, action: action, clientID: client,
            requestID: requestID, at: now)
    }
}
