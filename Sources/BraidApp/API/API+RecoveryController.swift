import BraidCore
import BraidStore
import Foundation
import Vapor

/// The client's recovery tools (issue 14, §10): `/api/v1/me/…` for the client's own records, written only by
/// the client; `/api/v1/clients/{id}/…` for the care team, read only, each with its analysis.
enum RecoveryController {
    /// The signed-in client's own record, or 404 for anyone else.
    static func own(_ req: Request, _ what: String) throws -> (Actor, ClientRef) {
        let actor = try req.actor
        guard let clientID = actor.clientID else { throw APIError.notFound(what) }
        return (actor, ClientRef(id: clientID, programID: actor.programID))
    }

    /// The reader and the client whose record it reads: the client's own (`/me`) or one on the caseload.
    static func reading(_ req: Request, mine: Bool, _ what: String) async throws -> RecoveryReading {
        let client: ClientRef
        let actor: Actor
        if mine {
            (actor, client) = try own(req, what)
        } else {
            actor = try req.actor
            client = try await req.accessibleClient().ref
        }
        return RecoveryReading(
            store: req.repository, client: client, today: try await req.program(of: actor).today(now: req.now))
    }

    static func thoughtRecords(_ req: Request, mine: Bool) async throws -> Response {
        let reading = try await reading(req, mine: mine, "thought records")
        let (records, trends) = try await reading.thoughtRecords()
        try await req.auditRead("thought-record.read", clients: [reading.client.id])
        return try req.respond(RecoveryJSON.thoughtRecords(records, trends))
    }

    static func diaryCards(_ req: Request, mine: Bool) async throws -> Response {
        let reading = try await reading(req, mine: mine, "diary cards")
        let (cards, analysis) = try await reading.diaryCards()
        try await req.auditRead("diary-card.read", clients: [reading.client.id])
        return try req.respond(RecoveryJSON.diaryCards(cards, analysis))
    }

    static func activities(_ req: Request, mine: Bool) async throws -> Response {
        let reading = try await reading(req, mine: mine, "activities")
        let (activities, trend) = try await reading.activities()
        try await req.auditRead("activity.read", clients: [reading.client.id])
        return try req.respond(RecoveryJSON.activities(activities, trend))
    }

    static func support(_ req: Request, mine: Bool) async throws -> Response {
        let reading = try await reading(req, mine: mine, "support network")
        let (contacts, meetings) = try await reading.support()
        try await req.auditRead("support.read", clients: [reading.client.id])
        return try req.respond(RecoveryJSON.support(contacts, meetings, today: reading.today))
    }

    static func paws(_ req: Request, mine: Bool) async throws -> Response {
        let reading = try await reading(req, mine: mine, "withdrawal trend")
        let trend = try await reading.paws()
        try await req.auditRead("paws.read", clients: [reading.client.id])
        return try req.respond(RecoveryJSON.paws(trend))
    }

    /// `POST /me/thought-records`, `/me/activities`, `/me/support-contacts`, `/me/meetings`: 201 with the record.
    static func create(_ req: Request, _ kind: RecoveryKind) async throws -> Response {
        let (actor, client) = try own(req, kind.rawValue)
        let committed = try await req.clinicalEntry(by: actor, through: .api).createRecovery(
            kind, try await req.jsonBody(), for: client)
        return try req.respond(try RecoveryJSON.committed(committed), status: .created)
    }

    /// `PUT /me/diary-cards/{weekStart}`: the week's card, created or replaced (200 either way), with the alert a
    /// new suicide urge or self-harm opened and the crisis resources.
    static func saveDiaryCard(_ req: Request) async throws -> Response {
        let (actor, client) = try own(req, "diary card")
        guard let raw = req.parameters.get("weekStart"), CalendarDate(iso: raw) != nil else {
            throw APIError.validation(field: "weekStart", "must be a date YYYY-MM-DD in the path")
        }
        guard case .object(var body) = try await req.jsonBody() else {
            throw APIError.validation(field: "(document)", "must be a JSON object")
        }
        if let inBody = body["weekStart"], inBody != .string(raw) {
            throw APIError.validation(field: "weekStart", "must match the week in the path, or be left out")
        }
        body["weekStart"] = .string(raw)
        let entry = try await req.clinicalEntry(by: actor, through: .api)
        let committed = try await entry.saveDiaryCard(.object(body), for: client)
        return try req.respond(try RecoveryJSON.committed(committed, crisis: entry.program.crisisResources))
    }

    /// `POST /me/activities/{activityId}/rating`.
    static func rateActivity(_ req: Request) async throws -> Response {
        let (actor, client) = try own(req, "activity")
        guard let id = req.parameters.get("activityId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("activity")
        }
        let committed = try await req.clinicalEntry(by: actor, through: .api).rateActivity(
            id, try await req.jsonBody(), for: client)
        return try req.respond(try RecoveryJSON.committed(committed))
    }

    /// `PUT /me/support-contacts/{contactId}`.
    static func updateContact(_ req: Request) async throws -> Response {
        let (actor, client) = try own(req, "support contact")
        let id = try contactID(req)
        let committed = try await req.clinicalEntry(by: actor, through: .api).updateContact(
            id, try await req.jsonBody(), for: client)
        return try req.respond(try RecoveryJSON.committed(committed))
    }

    /// `DELETE /me/support-contacts/{contactId}`: 204.
    static func removeContact(_ req: Request) async throws -> Response {
        let (actor, client) = try own(req, "support contact")
        try await req.clinicalEntry(by: actor, through: .api).removeContact(try contactID(req), for: client)
        return Response(status: .noContent)
    }

    private static func contactID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("contactId").flatMap(UUID.init(uuidString:)) else {
            throw APIError.notFound("support contact")
        }
        return id
    }
}

/// The recovery records as the API writes them: each record's own fields (BraidCore's Codable shape) with its id
/// and times; lists with their analyses.
enum RecoveryJSON {
    static func item(_ stored: StoredRecoveryItem) throws -> JSONValue {
        guard case .object(var object) = try JSONDecoder().decode(JSONValue.self, from: stored.item.payload()) else {
            throw StoreError.corrupt("recovery payload")
        }
        object["id"] = .string(stored.id.uuidString.lowercased())
        object["recordedAt"] = LevelController.instant(stored.recordedAt)
        if let updated = stored.updatedAt { object["updatedAt"] = LevelController.instant(updated) }
        if case .thoughtRecord(let record) = stored.item, let drop = record.emotionDrop {
            object["emotionDrop"] = .number(drop)
        }
        return .object(object)
    }

    /// A written record; when it opened a safety alert, the alert and the crisis resources the client's app must
    /// show at once (as a check-in's response has them).
    static func committed(_ committed: CommittedWrite, crisis: CrisisResources? = nil) throws -> JSONValue {
        guard let stored = committed.recovery else { throw StoreError.corrupt("commit: no recovery record") }
        guard case .object(var object) = try item(stored) else { throw StoreError.corrupt("recovery payload") }
        if let alert = committed.alert {
            object["safetyAlert"] = try encoded(AlertDTO(alert))
            if let crisis { object["crisisResources"] = try encoded(crisis) }
        }
        return .object(object)
    }

    static func encoded(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder.braid.encode(value))
    }

    static func number(_ value: Double?) -> JSONValue { value.map { .number(($0 * 100).rounded() / 100) } ?? .null }

    static func thoughtRecords(_ records: [StoredRecoveryItem], _ trends: ThoughtRecordTrends) throws -> JSONValue {
        .object([
            "records": .array(try records.map(item)),
            "trends": .object([
                "records": .number(Double(trends.records)), "meanDrop": number(trends.meanDrop),
                "drops": .array(
                    trends.drops.map { .object(["date": .string($0.date.description), "drop": number($0.drop)]) }),
                "triggers": .array(
                    trends.triggers.map {
                        .object(["trigger": .string($0.trigger), "records": .number(Double($0.records))])
                    }),
            ]),
        ])
    }

    static func diaryCards(_ cards: [StoredRecoveryItem], _ analysis: DiaryCardAnalysis) throws -> JSONValue {
        .object([
            "cards": .array(try cards.map(item)),
            "analysis": .object([
                "highUrge": .number(Double(DiaryCardAnalysis.highUrge)),
                "days": .array(
                    analysis.days.map { day in
                        var object: [String: JSONValue] = ["date": .string(day.date.description)]
                        if let urge = day.urge { object["urge"] = .number(Double(urge)) }
                        if let used = day.used { object["used"] = .bool(used) }
                        return .object(object)
                    }),
                "meanUrgeWhenUsed": number(analysis.meanUrgeWhenUsed),
                "meanUrgeWhenNotUsed": number(analysis.meanUrgeWhenNotUsed),
                "highUrgeDays": .number(Double(analysis.highUrgeDays)),
                "highUrgeDaysWithoutUse": .number(Double(analysis.highUrgeDaysWithoutUse)),
                "skillsWhenUrgeRiddenOut": .array(
                    analysis.skillsWhenUrgeRiddenOut.map {
                        .object(["skill": .string($0.skill.rawValue), "days": .number(Double($0.days))])
                    }),
                "meanSkillsRatingRiddenOut": number(analysis.meanSkillsRatingRiddenOut),
                "meanSkillsRatingWhenUsed": number(analysis.meanSkillsRatingWhenUsed),
                "suicideUrgeDays": .number(Double(analysis.suicideUrgeDays)),
                "selfHarmDays": .number(Double(analysis.selfHarmDays)),
            ]),
            "skills": .object(
                Dictionary(
                    uniqueKeysWithValues: DBTModule.allCases.map { module in
                        (module.rawValue, JSONValue.array(module.skills.map { .string($0.rawValue) }))
                    })),
        ])
    }

    static func activities(_ activities: [StoredRecoveryItem], _ trend: ActivationTrend) throws -> JSONValue {
        .object([
            "activities": .array(try activities.map(item)),
            "trend": .array(
                trend.weeks.map { week in
                    .object([
                        "weekEnding": .string(week.end.description), "planned": .number(Double(week.planned)),
                        "done": .number(Double(week.done)), "activityEnjoyment": number(week.activityEnjoyment),
                        "expectedEnjoyment": number(week.expectedEnjoyment), "mood": number(week.mood),
                        "checkInEnjoyment": number(week.checkInEnjoyment),
                    ])
                }),
        ])
    }

    static func support(_ contacts: [StoredRecoveryItem], _ meetings: [StoredRecoveryItem], today: CalendarDate)
        throws -> JSONValue
    {
        let counts = MutualHelpMeeting.counts(meetings.compactMap(\.item.meeting), today: today)
        return .object([
            "contacts": .array(try contacts.map(item)), "meetings": .array(try meetings.map(item)),
            "meetingsLast7Days": .number(Double(counts.week)), "meetingsLast30Days": .number(Double(counts.month)),
        ])
    }

    static func paws(_ trend: PAWSTrend) -> JSONValue {
        var object: [String: JSONValue] = [
            "timeline": .string(PAWSCopy.timeline),
            "weeks": .array(
                trend.weeks.map { week in
                    .object([
                        "week": .number(Double(week.number)), "days": .number(Double(week.days)),
                        "mood": number(week.mood), "sleepHours": number(week.sleepHours),
                        "energy": number(week.energy), "irritability": number(week.irritability),
                    ])
                }),
        ]
        if let last = trend.lastUse { object["lastUse"] = .string(last.description) }
        if let days = trend.daysSinceLastUse { object["daysSinceLastUse"] = .number(Double(days)) }
        return .object(object)
    }
}

/// PAWS in one sentence, as the API and the page say it (§10): no fixed timeline.
enum PAWSCopy {
    static let timeline =
        "Mood swings, irritability, low energy and poor sleep can linger for weeks to months after stopping; "
        + "there is no fixed timeline, so Braid shows your own trend instead."
}
