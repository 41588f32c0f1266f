import Foundation

/// One member's attendance at one session, as stored.
public struct StoredAttendance: Sendable, Hashable {
    public let groupID: UUID
    public let date: CalendarDate
    public let entry: AttendanceEntry
    public let recordedAt: Date
    public let recordedBy: UserID

    public init(groupID: UUID, date: CalendarDate, entry: AttendanceEntry, recordedAt: Date, recordedBy: UserID) {
        self.groupID = groupID
        self.date = date
        self.entry = entry
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// A group's homework with the members who marked it done and when.
public struct HomeworkStatus: Sendable, Hashable {
    public let homework: Homework
    public let done: [ClientID: Date]

    public init(homework: Homework, done: [ClientID: Date]) {
        self.homework = homework
        self.done = done
    }
}
