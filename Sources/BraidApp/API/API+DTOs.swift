import BraidCore
import Foundation
import Vapor

// JSON shapes of the API. Separate from domain and store types so either can change without breaking clients.

struct TokenDTO: Encodable {
    let token: String
    let expiresAt: Date
}

struct MeDTO: Encodable {
    let id: String
    let role: String
    let name: String
    let email: String
}

struct HealthDTO: Encodable {
    let status: String
    let database: String
}

struct AlertDTO: Encodable {
    let id: String
    let clientId: String
    let source: String
    let severity: String
    let emergency: Bool
    let summary: String
    let openedAt: Date
    let acknowledgedAt: Date?
    let acknowledgedBy: String?
    let acknowledgementNote: String?

    init(_ alert: SafetyAlert) {
        id = alert.id.description
        clientId = alert.clientID.description
        source = alert.source.rawValue
        severity = alert.severity.rawValue
        emergency = alert.severity == .emergency
        summary = alert.summary
        openedAt = alert.openedAt
        acknowledgedAt = alert.acknowledgedAt
        acknowledgedBy = alert.acknowledgedBy?.description
        acknowledgementNote = alert.acknowledgementNote
    }
}

struct CheckInDTO: Encodable {
    let id: String
    let clientId: String
    let date: String
    let revision: Int
    let recordedAt: Date
    let superseded: Bool
    let mood: Int
    let craving: Int
    let sleepHours: Double
    let used: Bool
    let enjoyment: Int?
    let energy: Int?
    let irritability: Int?
    let otherSubstances: [String]?
    let exerciseMinutes: Int?
    let medsTaken: Bool?
    let regularMeals: Bool?
    let safety: Bool?
    let note: String?
    /// Present when this check-in raised a safety alert: the client's app must show the crisis resources.
    let safetyAlert: AlertDTO?
    let crisisResources: CrisisResources?

    init(_ checkIn: StoredCheckIn, alert: SafetyAlert? = nil, crisis: CrisisResources? = nil) {
        id = checkIn.id.uuidString.lowercased()
        clientId = checkIn.clientID.description
        date = checkIn.date.description
        revision = checkIn.revision
        recordedAt = checkIn.recordedAt
        superseded = checkIn.supersededAt != nil
        let values = checkIn.values
        mood = values.mood
        craving = values.craving
        sleepHours = values.sleepHours
        used = values.used
        enjoyment = values.enjoyment
        energy = values.energy
        irritability = values.irritability
        otherSubstances = values.otherSubstances?.map(\.rawValue)
        exerciseMinutes = values.exerciseMinutes
        medsTaken = values.medsTaken
        regularMeals = values.regularMeals
        safety = values.safety
        note = values.note
        safetyAlert = alert.map(AlertDTO.init)
        crisisResources = alert == nil ? nil : crisis
    }
}

struct CheckInListDTO: Encodable {
    let checkIns: [CheckInDTO]
}

struct AssessmentDTO: Encodable {
    let id: String
    let clientId: String
    let instrument: String
    let date: String
    let recordedAt: Date
    let answers: JSONValue
    let result: JSONValue
    let safetyAlert: AlertDTO?
    let crisisResources: CrisisResources?

    init(_ assessment: StoredAssessment, alert: SafetyAlert? = nil, crisis: CrisisResources? = nil) throws {
        id = assessment.id.uuidString.lowercased()
        clientId = assessment.clientID.description
        instrument = assessment.content.kind
        date = assessment.date.description
        recordedAt = assessment.recordedAt
        switch assessment.content {
        case .instrument(let answers, let result):
            self.answers = .array(answers.map { $0.map { .number(Double($0)) } ?? .null })
            self.result = try JSONValue.encoding(ScoreResultDTO(result))
        case .ordering(let input, let result):
            self.answers = input.json
            self.result = try JSONValue.encoding(OrderingResultDTO(result))
        }
        safetyAlert = alert.map(AlertDTO.init)
        crisisResources = alert == nil ? nil : crisis
    }
}

/// The ordering result with its plain-language sentences.
struct OrderingResultDTO: Encodable {
    let order: String
    let depressionType: String
    let pattern: String
    let provisional: Bool
    let reasons: [String]
    let recommendations: [String]
    let explanations: [String: Explanation]

    init(_ assessment: OrderingAssessment) {
        order = assessment.order.rawValue
        depressionType = assessment.depressionType.rawValue
        pattern = assessment.pattern.rawValue
        provisional = assessment.provisional
        reasons = assessment.reasons.map(\.rawValue)
        recommendations = assessment.recommendations.map(\.rawValue)
        explanations = assessment.explanations
    }
}

struct AssessmentListDTO: Encodable {
    let assessments: [AssessmentDTO]
}

struct ScreenDTO: Encodable {
    let id: String
    let clientId: String
    let date: String
    let substance: String
    let result: String
    let recordedAt: Date
    /// On creation, for a client in contingency management: the ledger lines the screen added.
    var ledger: [JSONValue]?
    /// Why an enrolled client's screen earned nothing (a second result for the day, a result before a later one).
    var ledgerNote: String?

    init(_ screen: StoredScreen) {
        id = screen.id.uuidString.lowercased()
        clientId = screen.clientID.description
        date = screen.screen.date.description
        substance = "cocaine (benzoylecgonine)"
        result = screen.screen.positive ? "positive" : "negative"
        recordedAt = screen.recordedAt
    }
}

struct ScreenListDTO: Encodable {
    let screens: [ScreenDTO]
}

struct CareTeamMemberDTO: Encodable {
    let id: String
    let name: String
    let role: String
}

struct ClientDTO: Encodable {
    let id: String
    let name: String
    let careTeam: [CareTeamMemberDTO]
    let createdAt: Date
    /// Episodes of care, oldest first.
    let episodes: [EpisodeDTO]
}

struct EpisodeDTO: Encodable {
    let id: String
    let admittedOn: String
    let levelAtAdmission: String
    let referralSource: String
    let dischargedOn: String?
    let dischargeReason: String?

    init(_ episode: Episode) {
        id = episode.id.description
        admittedOn = episode.admittedOn.description
        levelAtAdmission = episode.levelAtAdmission.rawValue
        referralSource = episode.referralSource.rawValue
        dischargedOn = episode.dischargedOn?.description
        dischargeReason = episode.dischargeReason?.rawValue
    }
}

struct PHQ9SummaryDTO: Encodable {
    let date: String
    let total: Int
    let severity: String
}

/// A flag with its plain words (`label`, in the program's thresholds) beside the id kept for machines.
struct FlagDTO: Encodable {
    let id: String
    let label: String
    let evidence: [String: Double]

    init(_ flag: AnalysisFlag, configuration: AnalysisConfiguration) {
        id = flag.id.rawValue
        label = flag.id.label(configuration)
        evidence = flag.evidence
    }
}

/// An instrument's result as the API writes it (the shape of `braid score`, clinical-rules.md §1.7), spelled out
/// here so that renaming a BraidCore property cannot change the API.
struct ScoreResultDTO: Encodable {
    struct ItemDTO: Encodable {
        let id: String
        let score: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(score, forKey: .score)  // explicit null: not answered
        }

        enum CodingKeys: String, CodingKey { case id, score }
    }

    struct CodesDTO: Encodable {
        let loinc: String?
        let icd10cm: String?
        let snomed: String?
    }

    let instrument: String
    let total: Int?
    let severity: String
    let flags: [String]
    let items: [ItemDTO]
    let codes: CodesDTO
    let subscales: [String: Int]?

    init(_ result: ScoreResult) {
        instrument = result.instrument.rawValue
        total = result.total
        severity = result.severity.rawValue
        flags = result.flags.map(\.rawValue)
        items = result.items.map { ItemDTO(id: $0.id, score: $0.score) }
        codes = CodesDTO(loinc: result.codes.loinc, icd10cm: result.codes.icd10cm, snomed: result.codes.snomed)
        subscales = result.subscales
    }

    enum CodingKeys: String, CodingKey { case instrument, total, severity, flags, items, codes, subscales }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encode(total, forKey: .total)  // explicit null: no total
        try container.encode(severity, forKey: .severity)
        try container.encode(flags, forKey: .flags)
        try container.encode(items, forKey: .items)
        try container.encode(codes, forKey: .codes)
        try container.encodeIfPresent(subscales, forKey: .subscales)
    }
}

struct ClientSummaryDTO: Encodable {
    let id: String
    let name: String
    let openAlerts: [AlertDTO]
    let flags: [FlagDTO]
    let classification: String
    let latestPHQ9: PHQ9SummaryDTO?
    let useDaysLast30: Int
    let lastCheckIn: String?
    /// `active`, `discharged` or `not-admitted` (enrolled before episodes were recorded).
    let episodeStatus: String
    /// The current level of care (§6); absent before admission and after discharge.
    let level: String?
    /// No signed treatment plan yet, or its review date has come (§7).
    let planReviewDue: Bool
}

struct CaseloadDTO: Encodable {
    let clients: [ClientSummaryDTO]
}

struct AlertListDTO: Encodable {
    let alerts: [AlertDTO]
}

extension JSONValue {
    /// A value re-expressed as a JSON tree (to embed a domain result in a DTO).
    static func encoding(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder.braid.encode(value))
    }
}

// MARK: - Responses and request bodies

extension Request {
    /// Encodes a value as the response body.
    func respond(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: JSONEncoder.braid)
        return response
    }

    /// The body as a JSON value (routes collect bodies up to 64 kB; larger ones get 413); 400 when it is
    /// missing or not JSON.
    func jsonBody() async throws -> JSONValue {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw APIError(.badRequest, code: "invalid-json", "send a JSON object in the request body")
        }
        do {
            return try JSONValue.parse(Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, code: "invalid-json", "the request body is not valid JSON")
        }
    }

    /// An optional `YYYY-MM-DD` query parameter; 400 naming it when malformed.
    func dateQuery(_ name: String) throws -> CalendarDate? {
        guard let text = query[String.self, at: name] else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw APIError(
                .badRequest, code: "invalid-parameter", "\"\(text)\" is not a date (YYYY-MM-DD)", field: name)
        }
        return date
    }
}

extension JSONObjectReader {
    /// A required string, as sent: its length counted in Unicode scalars, as JSON Schema's `maxLength` counts.
    func text(_ key: String, maximumLength: Int) throws(ValidationError) -> String {
        guard case .string(let text)? = object[key] else {
            throw ValidationError(field: field(key), object[key] == nil ? "is required" : "must be text")
        }
        let length = text.unicodeScalars.count
        guard length <= maximumLength else {
            throw ValidationError(field: field(key), "is \(length) characters; at most \(maximumLength)")
        }
        return text
    }

    /// A required word from a fixed list, exactly as sent (" phq9" is not "phq9").
    func word(_ key: String, allowed: [String]) throws(ValidationError) -> String {
        guard case .string(let text)? = object[key] else {
            throw ValidationError(field: field(key), object[key] == nil ? "is required" : "must be text")
        }
        guard allowed.contains(text) else {
            throw ValidationError(
                field: field(key), "'\(text.prefix(40))' is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }
}
