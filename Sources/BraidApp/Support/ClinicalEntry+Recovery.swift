import BraidCore
import BraidStore
import Foundation

/// The client's recovery tools (issue 14, §10) through the one entry path: each record is validated by BraidCore
/// and committed with its effects (a diary card's new suicide urge or self-harm opens an alert; every write is
/// audited) by `BraidRepository.commit`. Only the client writes them; the care team reads them.
extension ClinicalEntry {
    /// A new thought record, activity, support contact or mutual-help meeting.
    func createRecovery(_ kind: RecoveryKind, _ body: JSONValue, for client: ClientRef) async throws
        -> CommittedWrite
    {
        try permitRecovery()
        let item: RecoveryItem
        switch kind {
        case .thoughtRecord: item = .thoughtRecord(try ThoughtRecord(json: body, today: today))
        case .activity: item = .activity(try Activity(json: body, today: today))
        case .supportContact:
            item = .supportContact(try SupportContact(json: body))
            let count = try await store.recoveryItems(.supportContact, of: client).count
            guard count < SupportContact.maximumContacts else {
                throw APIError.validation(
                    field: "name", "your network already has \(SupportContact.maximumContacts) people; remove one first"
                )
            }
        case .meeting: item = .meeting(try MutualHelpMeeting(json: body, today: today))
        case .diaryCard: return try await saveDiaryCard(body, for: client)
        }
        return noted(try await store.commit(write(.recovery(item, replacing: nil), to: client)))
    }

    /// Saves the week's diary card: the first save creates it, later saves replace it. The card is compared with
    /// the stored one, so only a new suicide urge or self-harm opens an alert.
    func saveDiaryCard(_ body: JSONValue, for client: ClientRef) async throws -> CommittedWrite {
        try permitRecovery()
        let card = try DiaryCard(json: body, today: today)
        let stored = try await store.diaryCard(weekStarting: card.weekStart, of: client)
        return noted(try await store.commit(write(.recovery(.diaryCard(card), replacing: stored), to: client)))
    }

    /// Rates a planned activity afterwards (done, and how much it was enjoyed).
    func rateActivity(_ id: UUID, _ body: JSONValue, for client: ClientRef) async throws -> CommittedWrite {
        try permitRecovery()
        guard let stored = try await store.recoveryItem(id, .activity, of: client),
            let activity = stored.item.activity
        else { throw APIError.notFound("activity") }
        let rated = try activity.rated(json: body, today: today)
        return try await store.commit(write(.recovery(.activity(rated), replacing: stored), to: client))
    }

    /// Replaces a support contact's details.
    func updateContact(_ id: UUID, _ body: JSONValue, for client: ClientRef) async throws -> CommittedWrite {
        try permitRecovery()
        guard let stored = try await store.recoveryItem(id, .supportContact, of: client) else {
            throw APIError.notFound("support contact")
        }
        let contact = try SupportContact(json: body)
        return try await store.commit(write(.recovery(.supportContact(contact), replacing: stored), to: client))
    }

    /// Takes a contact out of the network.
    func removeContact(_ id: UUID, for client: ClientRef) async throws {
        try permitRecovery()
        guard try await store.recoveryItem(id, .supportContact, of: client) != nil else {
            throw APIError.notFound("support contact")
        }
        _ = try await store.commit(write(.recoveryRemoval(.supportContact, id: id), to: client))
    }

    private func permitRecovery() throws {
        if let refusal = AccessPolicy.refusal(of: .recoveryRecord, by: actor) {
            throw APIError(.forbidden, code: "forbidden", refusal)
        }
    }
}

/// What the client and the care team read of the recovery tools: the records with their analyses, computed by
/// BraidCore from stored data. One reading feeds both the API and the pages.
struct RecoveryReading: Sendable {
    let store: BraidRepository
    let client: ClientRef
    let today: CalendarDate

    func thoughtRecords() async throws -> (records: [StoredRecoveryItem], trends: ThoughtRecordTrends) {
        let records = try await store.recoveryItems(.thoughtRecord, of: client)
        return (records, ThoughtRecordTrends(records.compactMap(\.item.thoughtRecord)))
    }

    func diaryCards() async throws -> (cards: [StoredRecoveryItem], analysis: DiaryCardAnalysis) {
        let cards = try await store.recoveryItems(.diaryCard, of: client)
        return (cards, DiaryCardAnalysis(cards.compactMap(\.item.diaryCard)))
    }

    func activities(weeks: Int = 8) async throws -> (activities: [StoredRecoveryItem], trend: ActivationTrend) {
        let activities = try await store.recoveryItems(.activity, of: client)
        let checkIns = try await store.checkIns(of: client, from: today.adding(days: -7 * weeks), through: today)
        return (
            activities,
            ActivationTrend(
                activities: activities.compactMap(\.item.activity),
                checkIns: checkIns.map { $0.values.day(on: $0.date) },
                today: today, weeks: weeks)
        )
    }

    func support() async throws -> (contacts: [StoredRecoveryItem], meetings: [StoredRecoveryItem]) {
        let contacts = try await store.recoveryItems(.supportContact, of: client)
        return (contacts.sorted { $0.recordedAt < $1.recordedAt }, try await store.recoveryItems(.meeting, of: client))
    }

    func paws() async throws -> PAWSTrend {
        let checkIns = try await store.checkIns(of: client, through: today)
        return PAWSTrend(checkIns: checkIns.map { $0.values.day(on: $0.date) }, today: today)
    }
}
