import Foundation

/// The kinds of recovery-tool records (§10) a client keeps: each stored as one row of its kind.
public enum RecoveryKind: String, Sendable, Hashable, Codable, CaseIterable {
    case thoughtRecord = "thought-record"
    case diaryCard = "diary-card"
    case activity
    case supportContact = "support-contact"
    case meeting = "mutual-help-meeting"
}

/// One recovery-tool record, as written and as stored.
public enum RecoveryItem: Sendable, Hashable {
    case thoughtRecord(ThoughtRecord)
    case diaryCard(DiaryCard)
    case activity(Activity)
    case supportContact(SupportContact)
    case meeting(MutualHelpMeeting)

    public var kind: RecoveryKind {
        switch self {
        case .thoughtRecord: .thoughtRecord
        case .diaryCard: .diaryCard
        case .activity: .activity
        case .supportContact: .supportContact
        case .meeting: .meeting
        }
    }

    /// The day the record is about (a diary card's first day; a contact has none and sorts by when it was added).
    public var date: CalendarDate? {
        switch self {
        case .thoughtRecord(let value): value.date
        case .diaryCard(let value): value.weekStart
        case .activity(let value): value.date
        case .supportContact: nil
        case .meeting(let value): value.date
        }
    }

    public var thoughtRecord: ThoughtRecord? { if case .thoughtRecord(let value) = self { value } else { nil } }
    public var diaryCard: DiaryCard? { if case .diaryCard(let value) = self { value } else { nil } }
    public var activity: Activity? { if case .activity(let value) = self { value } else { nil } }
    public var supportContact: SupportContact? { if case .supportContact(let value) = self { value } else { nil } }
    public var meeting: MutualHelpMeeting? { if case .meeting(let value) = self { value } else { nil } }

    /// The record as stored JSON (the same shape the API returns).
    public func payload() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        switch self {
        case .thoughtRecord(let value): return try encoder.encode(value)
        case .diaryCard(let value): return try encoder.encode(value)
        case .activity(let value): return try encoder.encode(value)
        case .supportContact(let value): return try encoder.encode(value)
        case .meeting(let value): return try encoder.encode(value)
        }
    }

    /// A stored record read back.
    public init(kind: RecoveryKind, payload: Data) throws {
        let decoder = JSONDecoder()
        switch kind {
        case .thoughtRecord: self = .thoughtRecord(try decoder.decode(ThoughtRecord.self, from: payload))
        case .diaryCard: self = .diaryCard(try decoder.decode(DiaryCard.self, from: payload))
        case .activity: self = .activity(try decoder.decode(Activity.self, from: payload))
        case .supportContact: self = .supportContact(try decoder.decode(SupportContact.self, from: payload))
        case .meeting: self = .meeting(try decoder.decode(MutualHelpMeeting.self, from: payload))
        }
    }
}

/// A stored recovery record: the item, whose it is, and who wrote it when.
public struct StoredRecoveryItem: Sendable, Hashable {
    public let id: UUID
    public let clientID: ClientID
    public let item: RecoveryItem
    public let recordedAt: Date
    public let recordedBy: UserID
    /// When it was last changed (an activity rated, a contact edited, a week's card saved again).
    public let updatedAt: Date?

    public init(
        id: UUID, clientID: ClientID, item: RecoveryItem, recordedAt: Date, recordedBy: UserID, updatedAt: Date?
    ) {
        self.id = id
        self.clientID = clientID
        self.item = item
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.updatedAt = updatedAt
    }
}
