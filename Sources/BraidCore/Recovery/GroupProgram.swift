import Foundation

/// What a group works on. IOP and PHP care is mostly group care.
public enum GroupModality: String, Sendable, Hashable, Codable, CaseIterable {
    case cbt
    case dbtSkills = "dbt-skills"
    case relapsePrevention = "relapse-prevention"
    case behavioralActivation = "behavioral-activation"
    case psychoeducation
    case mindfulness
    case process
    case family
}

/// A group the program runs (§10): its name, modality, the days and time it meets, how long, who facilitates,
/// and its members.
public struct TherapyGroup: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let programID: ProgramID
    public var schedule: GroupSchedule
    public var members: [ClientID]

    public init(id: UUID, programID: ProgramID, schedule: GroupSchedule, members: [ClientID]) {
        self.id = id
        self.programID = programID
        self.schedule = schedule
        self.members = members
    }
}

/// A group's terms as the program sets them.
public struct GroupSchedule: Sendable, Hashable, Codable {
    public var name: String
    public var modality: GroupModality
    /// ISO weekdays, 1 = Monday … 7 = Sunday, in order, each once.
    public var weekdays: [Int]
    /// The start time, HH:MM in the program's time zone.
    public var startTime: String
    public var durationMinutes: Int
    public var facilitator: UserID

    public init(
        name: String, modality: GroupModality, weekdays: [Int], startTime: String, durationMinutes: Int,
        facilitator: UserID
    ) {
        self.name = name
        self.modality = modality
        self.weekdays = weekdays
        self.startTime = startTime
        self.durationMinutes = durationMinutes
        self.facilitator = facilitator
    }

    public static let keys: Set<String> = [
        "name", "modality", "weekdays", "startTime", "durationMinutes", "facilitator", "members",
    ]
    public static let durations: ClosedRange<Int> = 15...480

    /// Validates a group's terms (the facilitator must be staff of the program: the app checks who it names).
    /// `members` is read by `members(json:)`.
    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let name = try reader.requiring(reader.text("name", maxLength: 80), "name")
        let modality = try reader.requiring(reader.choice("modality", GroupModality.self), "modality")
        let days = try reader.array("weekdays")
        guard !days.isEmpty else {
            throw ValidationError(field: "weekdays", "name at least one day it meets (1 = Monday … 7 = Sunday)")
        }
        var weekdays: Set<Int> = []
        for (index, day) in days.enumerated() {
            guard case .number(let value) = day, value == value.rounded(), (1...7).contains(value) else {
                throw ValidationError(field: "weekdays[\(index)]", "must be a weekday 1 (Monday) … 7 (Sunday)")
            }
            guard weekdays.insert(Int(value)).inserted else {
                throw ValidationError(field: "weekdays[\(index)]", "\(Int(value)) is listed twice")
            }
        }
        let time = try reader.requiring(reader.text("startTime", maxLength: 5), "startTime")
        guard Self.minutes(of: time) != nil else {
            throw ValidationError(field: "startTime", "must be a time HH:MM (00:00–23:59)")
        }
        let duration = try reader.requiring(reader.integer("durationMinutes", in: Self.durations), "durationMinutes")
        guard let facilitatorText = try reader.text("facilitator", maxLength: 40) else {
            throw ValidationError(field: "facilitator", "is required (the facilitator's account id)")
        }
        guard let facilitator = UserID(facilitatorText) else {
            throw ValidationError(field: "facilitator", "must be an account id")
        }
        self.init(
            name: name, modality: modality, weekdays: weekdays.sorted(), startTime: time, durationMinutes: duration,
            facilitator: facilitator)
    }

    /// The member ids a body lists (`members`), each once; `nil` when the body has none.
    public static func members(json: JSONValue) throws(ValidationError) -> [ClientID]? {
        guard case .object(let object) = json, let value = object["members"] else { return nil }
        guard case .array(let items) = value else {
            throw ValidationError(field: "members", "must be a list of client ids")
        }
        var members: [ClientID] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, let id = ClientID(text) else {
                throw ValidationError(field: "members[\(index)]", "must be a client id")
            }
            guard !members.contains(id) else { throw ValidationError(field: "members[\(index)]", "is listed twice") }
            members.append(id)
        }
        return members
    }

    /// Minutes after midnight of HH:MM, or `nil`.
    public static func minutes(of time: String) -> Int? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// Whether the group meets on `date`.
    public func meets(on date: CalendarDate) -> Bool { weekdays.contains(date.isoWeekday) }

    /// The next day the group meets, from `date` on.
    public func nextMeeting(onOrAfter date: CalendarDate) -> CalendarDate {
        (0..<7).map(date.adding(days:)).first(where: meets) ?? date
    }

    /// The most recent meeting day on or before `date`.
    public func lastMeeting(onOrBefore date: CalendarDate) -> CalendarDate {
        (0..<7).map { date.adding(days: -$0) }.first(where: meets) ?? date
    }
}

/// Whether a member came to a session.
public enum AttendanceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case present
    case late
    case absent
    case excused

    public var attended: Bool { self == .present || self == .late }
}

/// One member's attendance at one session, with the facilitator's note if wanted.
public struct AttendanceEntry: Sendable, Hashable, Codable {
    public let clientID: ClientID
    public let status: AttendanceStatus
    public let note: String?

    public init(clientID: ClientID, status: AttendanceStatus, note: String? = nil) {
        self.clientID = clientID
        self.status = status
        self.note = note
    }
}

/// A session's attendance for the whole group, recorded on one screen. Recording the same date again replaces
/// it.
public struct GroupAttendance: Sendable, Hashable {
    public let date: CalendarDate
    public let entries: [AttendanceEntry]

    public init(date: CalendarDate, entries: [AttendanceEntry]) {
        self.date = date
        self.entries = entries
    }

    public static let keys: Set<String> = ["date", "attendance"]
    public static let entryKeys: Set<String> = ["clientId", "status", "note"]
    public static let maximumDaysBack = 30

    /// Validates a session's attendance: every member once, and nobody else; a date up to 30 days back, not in
    /// the future (a make-up session on another day is allowed).
    public init(json: JSONValue, members: [ClientID], today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let date = try reader.date("date") ?? today
        try RecoveryDates.check(date, field: "date", today: today, daysBack: Self.maximumDaysBack)
        var entries: [AttendanceEntry] = []
        for (index, item) in try reader.array("attendance").enumerated() {
            let entry = try JSONObjectReader(item, path: "attendance[\(index)]", allowedKeys: Self.entryKeys)
            guard let text = try entry.text("clientId", maxLength: 40), let client = ClientID(text) else {
                throw ValidationError(field: entry.field("clientId"), "must be a member's client id")
            }
            guard members.contains(client) else {
                throw ValidationError(field: entry.field("clientId"), "is not a member of this group")
            }
            guard !entries.contains(where: { $0.clientID == client }) else {
                throw ValidationError(field: entry.field("clientId"), "is listed twice")
            }
            entries.append(
                AttendanceEntry(
                    clientID: client,
                    status: try entry.requiring(entry.choice("status", AttendanceStatus.self), "status"),
                    note: try entry.text("note", maxLength: 500, multiline: true)))
        }
        if let missing = members.first(where: { member in !entries.contains { $0.clientID == member } }) {
            throw ValidationError(
                field: "attendance",
                "every member needs a status (present, late, absent or excused); \(missing) has none")
        }
        self.init(date: date, entries: entries)
    }
}

/// Homework given to a group: it shows on each member's Today page until they mark it done.
public struct Homework: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let groupID: UUID
    public let title: String
    public let details: String?
    public let assignedOn: CalendarDate
    public let dueOn: CalendarDate?

    public init(
        id: UUID, groupID: UUID, title: String, details: String?, assignedOn: CalendarDate, dueOn: CalendarDate?
    ) {
        self.id = id
        self.groupID = groupID
        self.title = title
        self.details = details
        self.assignedOn = assignedOn
        self.dueOn = dueOn
    }

    public static let keys: Set<String> = ["title", "details", "dueOn"]

    /// Validates homework given today; a due date, if any, from today to 60 days ahead.
    public init(json: JSONValue, id: UUID, groupID: UUID, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let due = try reader.date("dueOn")
        if let due, !(today...today.adding(days: 60)).contains(due) {
            throw ValidationError(field: "dueOn", "must be from today to 60 days ahead")
        }
        self.init(
            id: id, groupID: groupID, title: try reader.requiring(reader.text("title", maxLength: 120), "title"),
            details: try reader.text("details", maxLength: 1_000, multiline: true), assignedOn: today, dueOn: due)
    }

    /// Still shown on Today: not done, and not more than 14 days past its due date (or its day, when none).
    public func isCurrent(today: CalendarDate, done: Bool) -> Bool {
        !done && today <= (dueOn ?? assignedOn).adding(days: 14)
    }
}

/// A client's attendance over the sessions recorded for them.
public struct AttendanceSummary: Sendable, Hashable {
    public let sessions: Int
    public let attended: Int
    public let excused: Int
    /// Attended of the sessions not excused, 0–1; `nil` when there are none.
    public let rate: Double?

    public init(_ entries: [AttendanceStatus]) {
        sessions = entries.count
        attended = entries.filter(\.attended).count
        excused = entries.filter { $0 == .excused }.count
        let counted = sessions - excused
        rate = counted == 0 ? nil : Double(attended) / Double(counted)
    }
}
