import Foundation

/// One emotion of a thought record, rated 0–100 before the balanced thought and, optionally, again after it.
public struct EmotionRating: Sendable, Hashable, Codable {
    public var emotion: String
    public var before: Int
    public var after: Int?

    public init(emotion: String, before: Int, after: Int? = nil) {
        self.emotion = emotion
        self.before = before
        self.after = after
    }

    /// How far the emotion fell (positive is a drop), when it was re-rated.
    public var drop: Int? { after.map { before - $0 } }
}

/// A CBT thought record (clinical-rules.md §10): the situation, the automatic thought, the emotions it brought
/// (0–100), the evidence for and against it, a balanced thought, the emotions re-rated, and the triggers it is
/// linked to. The client keeps it; the care team reads it.
public struct ThoughtRecord: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var situation: String
    public var automaticThought: String
    /// The starter-library thought this began from, if any (`StarterThought.ID`).
    public var starterThought: String?
    public var emotions: [EmotionRating]
    public var evidenceFor: String?
    public var evidenceAgainst: String?
    public var balancedThought: String?
    /// Library trigger ids (`RecoveryTrigger`) or the client's own words.
    public var triggers: [String]

    public init(
        date: CalendarDate, situation: String, automaticThought: String, starterThought: String? = nil,
        emotions: [EmotionRating], evidenceFor: String? = nil, evidenceAgainst: String? = nil,
        balancedThought: String? = nil, triggers: [String] = []
    ) {
        self.date = date
        self.situation = situation
        self.automaticThought = automaticThought
        self.starterThought = starterThought
        self.emotions = emotions
        self.evidenceFor = evidenceFor
        self.evidenceAgainst = evidenceAgainst
        self.balancedThought = balancedThought
        self.triggers = triggers
    }

    public static let keys: Set<String> = [
        "date", "situation", "automaticThought", "starterThought", "emotions", "evidenceFor", "evidenceAgainst",
        "balancedThought", "triggers",
    ]
    public static let emotionKeys: Set<String> = ["emotion", "before", "after"]
    public static let maximumTextLength = 1_000
    public static let maximumThoughtLength = 300
    public static let maximumEmotions = 6
    public static let maximumTriggers = 8
    /// A record may be written for today or up to this many days back.
    public static let maximumDaysBack = 90

    /// Validates a submission (API JSON, or the form turned into the same JSON). `date` defaults to today.
    public init(json: JSONValue, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let date = try reader.date("date") ?? today
        try RecoveryDates.check(date, field: "date", today: today, daysBack: Self.maximumDaysBack)
        let situation = try reader.requiring(
            reader.text("situation", maxLength: Self.maximumTextLength, multiline: true), "situation")
        let thought = try reader.requiring(
            reader.text("automaticThought", maxLength: Self.maximumThoughtLength), "automaticThought")
        let starter = try reader.text("starterThought", maxLength: 40)
        if let starter, StarterThought.library.first(where: { $0.id == starter }) == nil {
            throw ValidationError(
                field: "starterThought",
                "must be one of \(StarterThought.library.map(\.id).joined(separator: ", ")), or left out")
        }
        let items = try reader.array("emotions")
        guard (1...Self.maximumEmotions).contains(items.count) else {
            throw ValidationError(field: "emotions", "name 1–\(Self.maximumEmotions) emotions, each rated 0–100")
        }
        var emotions: [EmotionRating] = []
        for (index, item) in items.enumerated() {
            let emotion = try JSONObjectReader(item, path: "emotions[\(index)]", allowedKeys: Self.emotionKeys)
            let name = try emotion.requiring(emotion.text("emotion", maxLength: 40), "emotion")
            guard !emotions.contains(where: { $0.emotion.lowercased() == name.lowercased() }) else {
                throw ValidationError(field: emotion.field("emotion"), "'\(name)' is listed twice")
            }
            emotions.append(
                EmotionRating(
                    emotion: name, before: try emotion.requiring(emotion.integer("before", in: 0...100), "before"),
                    after: try emotion.integer("after", in: 0...100)))
        }
        let triggers = try reader.texts("triggers", maxCount: Self.maximumTriggers, maxLength: 60)
        self.init(
            date: date, situation: situation, automaticThought: thought, starterThought: starter,
            emotions: emotions,
            evidenceFor: try reader.text("evidenceFor", maxLength: Self.maximumTextLength, multiline: true),
            evidenceAgainst: try reader.text("evidenceAgainst", maxLength: Self.maximumTextLength, multiline: true),
            balancedThought: try reader.text("balancedThought", maxLength: Self.maximumTextLength, multiline: true),
            triggers: triggers.map { RecoveryTrigger.canonical($0) })
    }

    /// The mean drop of the re-rated emotions (before − after, in points of 0–100), or `nil` when none was
    /// re-rated.
    public var emotionDrop: Double? {
        let drops = emotions.compactMap(\.drop)
        return drops.isEmpty ? nil : Double(drops.reduce(0, +)) / Double(drops.count)
    }
}

/// Dates of recovery records: not in the future, and not further back than a tool allows.
enum RecoveryDates {
    static func check(_ date: CalendarDate, field: String, today: CalendarDate, daysBack: Int)
        throws(ValidationError)
    {
        guard date <= today else { throw ValidationError(field: field, "cannot be in the future") }
        guard date >= today.adding(days: -daysBack) else {
            throw ValidationError(field: field, "must be within the last \(daysBack) days")
        }
    }
}

/// A thought common in early recovery, offered as a starting point (the client's own words replace it).
public struct StarterThought: Sendable, Hashable, Identifiable {
    public let id: String
    public let trap: ThinkingTrap

    /// The starter library. The wording of each thought and its questions is in the app's text catalog, keyed by
    /// the id, so it reads in the client's language.
    public static let library: [StarterThought] = [
        StarterThought(id: "never-happy", trap: .fortuneTelling),
        StarterThought(id: "just-once", trap: .permissionGiving),
        StarterThought(id: "already-blown-it", trap: .allOrNothing),
        StarterThought(id: "cant-cope", trap: .catastrophizing),
        StarterThought(id: "failure", trap: .labelling),
        StarterThought(id: "never-better", trap: .fortuneTelling),
        StarterThought(id: "handle-it-now", trap: .permissionGiving),
        StarterThought(id: "everyone-judges", trap: .mindReading),
        StarterThought(id: "sober-is-worse", trap: .discountingThePositive),
        StarterThought(id: "need-it-for-energy", trap: .emotionalReasoning),
    ]
}

/// The thinking traps the starter thoughts illustrate (cognitive distortions in CBT's usual names).
public enum ThinkingTrap: String, Sendable, Hashable, Codable, CaseIterable {
    case allOrNothing = "all-or-nothing"
    case fortuneTelling = "fortune-telling"
    case catastrophizing
    case labelling
    case mindReading = "mind-reading"
    case permissionGiving = "permission-giving"
    case discountingThePositive = "discounting-the-positive"
    case emotionalReasoning = "emotional-reasoning"
}

/// Triggers common in stimulant recovery, offered as a list to tick; a client may add their own words.
public enum RecoveryTrigger: String, Sendable, Hashable, Codable, CaseIterable {
    case money
    case alone
    case conflict
    case people
    case places
    case stress
    case boredom
    case tired
    case alcohol
    case parties
    case lowMood = "low-mood"
    case anxious
    case pain
    case weekend

    /// A library trigger's id when the text names one (ignoring case), otherwise the text as written.
    public static func canonical(_ text: String) -> String {
        RecoveryTrigger(rawValue: text.lowercased())?.rawValue ?? text
    }
}

/// What the care team reads across a client's thought records: how much the emotions fell per record, in date
/// order, and the triggers named most often.
public struct ThoughtRecordTrends: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public let date: CalendarDate
        public let drop: Double?
    }

    public struct TriggerCount: Sendable, Hashable {
        public let trigger: String
        public let records: Int
    }

    public let records: Int
    /// Each record's mean emotion drop, oldest first.
    public let drops: [Point]
    /// The mean of the records' drops (re-rated records only).
    public let meanDrop: Double?
    /// Triggers by the number of records naming them, most first; ties in name order. Custom triggers are
    /// counted ignoring case.
    public let triggers: [TriggerCount]

    public init(_ records: [ThoughtRecord]) {
        let ordered = records.sorted { $0.date < $1.date }
        self.records = ordered.count
        drops = ordered.map { Point(date: $0.date, drop: $0.emotionDrop) }
        let rated = drops.compactMap(\.drop)
        meanDrop = rated.isEmpty ? nil : rated.reduce(0, +) / Double(rated.count)
        var counts: [String: (name: String, count: Int)] = [:]
        for record in ordered {
            for trigger in Set(record.triggers.map { $0.lowercased() }) {
                let name = record.triggers.first { $0.lowercased() == trigger } ?? trigger
                counts[trigger, default: (name, 0)].count += 1
            }
        }
        triggers = counts.values.map { TriggerCount(trigger: $0.name, records: $0.count) }
            .sorted { ($0.records, $1.trigger.lowercased()) > ($1.records, $0.trigger.lowercased()) }
    }
}
