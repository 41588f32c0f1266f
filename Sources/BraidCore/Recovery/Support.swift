import Foundation

/// Who a person in the client's network is to them.
public enum SupportRole: String, Sendable, Hashable, Codable, CaseIterable {
    case family
    case partner
    case friend
    case sponsor
    case peer = "peer-in-recovery"
    case counselor
    case doctor
    case other
}

/// A person in the client's support network (§10): their name, role, how to reach them, and whether they may
/// be called in a crisis (those are offered on the safety-plan and crisis pages).
public struct SupportContact: Sendable, Hashable, Codable {
    public var name: String
    public var role: SupportRole
    public var reach: String?
    public var crisisContact: Bool

    public init(name: String, role: SupportRole, reach: String? = nil, crisisContact: Bool = false) {
        self.name = name
        self.role = role
        self.reach = reach
        self.crisisContact = crisisContact
    }

    public static let keys: Set<String> = ["name", "role", "reach", "crisisContact"]
    public static let maximumContacts = 30

    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        self.init(
            name: try reader.requiring(reader.text("name", maxLength: 80), "name"),
            role: try reader.requiring(reader.choice("role", SupportRole.self), "role"),
            reach: try reader.text("reach", maxLength: 120), crisisContact: try reader.bool("crisisContact") ?? false)
    }
}

/// The mutual-help fellowships a client may attend.
public enum Fellowship: String, Sendable, Hashable, Codable, CaseIterable {
    case na = "narcotics-anonymous"
    case ca = "cocaine-anonymous"
    case aa = "alcoholics-anonymous"
    case smart = "smart-recovery"
    case refuge = "refuge-recovery"
    case celebrate = "celebrate-recovery"
    case other
}

/// A mutual-help meeting the client attended.
public struct MutualHelpMeeting: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var fellowship: Fellowship
    public var name: String?
    public var online: Bool?

    public init(date: CalendarDate, fellowship: Fellowship, name: String? = nil, online: Bool? = nil) {
        self.date = date
        self.fellowship = fellowship
        self.name = name
        self.online = online
    }

    public static let keys: Set<String> = ["date", "fellowship", "name", "online"]
    public static let maximumDaysBack = 90

    public init(json: JSONValue, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let date = try reader.date("date") ?? today
        try RecoveryDates.check(date, field: "date", today: today, daysBack: Self.maximumDaysBack)
        self.init(
            date: date, fellowship: try reader.requiring(reader.choice("fellowship", Fellowship.self), "fellowship"),
            name: try reader.text("name", maxLength: 80), online: try reader.bool("online"))
    }

    /// Meetings in the 7 and 30 days ending `today`.
    public static func counts(_ meetings: [MutualHelpMeeting], today: CalendarDate) -> (week: Int, month: Int) {
        let week = meetings.filter { (today.adding(days: -6)...today).contains($0.date) }.count
        let month = meetings.filter { (today.adding(days: -29)...today).contains($0.date) }.count
        return (week, month)
    }
}
