import Foundation

/// The urges a DBT diary card rates 0–5 each day (clinical-rules.md §10).
public enum DiaryUrge: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case use
    case selfHarm = "self-harm"
    case suicide
    case quitTherapy = "quit-therapy"
}

/// The emotions a diary card rates 0–5 each day.
public enum DiaryEmotion: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case misery, joy, anger, fear, sadness, shame
}

/// The actions a diary card records each day (yes / no; left out when not answered).
public enum DiaryAction: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case used
    case selfHarm = "self-harm"
    case medsAsPrescribed = "meds-as-prescribed"
}

/// A DBT skills module, and the skills of it a card lists (Linehan's skills training manual, second edition;
/// the distress-tolerance skills include those for when the crisis is addiction).
public enum DBTModule: String, Sendable, Hashable, Codable, CaseIterable {
    case mindfulness
    case distressTolerance = "distress-tolerance"
    case emotionRegulation = "emotion-regulation"
    case interpersonalEffectiveness = "interpersonal-effectiveness"

    public var skills: [DBTSkill] { DBTSkill.allCases.filter { $0.module == self } }
}

public enum DBTSkill: String, Sendable, Hashable, Codable, CaseIterable {
    case wiseMind = "wise-mind"
    case observe
    case describe
    case participate
    case nonjudgmental
    case oneMindfully = "one-mindfully"
    case stop
    case tipp
    case prosAndCons = "pros-and-cons"
    case accepts
    case selfSoothe = "self-soothe"
    case improve
    case radicalAcceptance = "radical-acceptance"
    case urgeSurfing = "urge-surfing"
    case dialecticalAbstinence = "dialectical-abstinence"
    case burningBridges = "burning-bridges"
    case alternateRebellion = "alternate-rebellion"
    case checkTheFacts = "check-the-facts"
    case oppositeAction = "opposite-action"
    case problemSolving = "problem-solving"
    case accumulatePositives = "accumulate-positives"
    case please
    case dearMan = "dear-man"
    case give
    case fast

    public var module: DBTModule {
        switch self {
        case .wiseMind, .observe, .describe, .participate, .nonjudgmental, .oneMindfully: .mindfulness
        case .stop, .tipp, .prosAndCons, .accepts, .selfSoothe, .improve, .radicalAcceptance, .urgeSurfing,
            .dialecticalAbstinence, .burningBridges, .alternateRebellion:
            .distressTolerance
        case .checkTheFacts, .oppositeAction, .problemSolving, .accumulatePositives, .please: .emotionRegulation
        case .dearMan, .give, .fast: .interpersonalEffectiveness
        }
    }
}

/// One day of a diary card. Every rating is optional: a client fills in what they can.
public struct DiaryDay: Sendable, Hashable, Codable {
    public var date: CalendarDate
    public var urges: [DiaryUrge: Int]
    public var emotions: [DiaryEmotion: Int]
    public var actions: [DiaryAction: Bool]
    /// The skills-use rating 0–7 (`DiaryCard.skillsScale`).
    public var skillsRating: Int?
    public var skillsUsed: [DBTSkill]
    public var note: String?

    public init(
        date: CalendarDate, urges: [DiaryUrge: Int] = [:], emotions: [DiaryEmotion: Int] = [:],
        actions: [DiaryAction: Bool] = [:], skillsRating: Int? = nil, skillsUsed: [DBTSkill] = [],
        note: String? = nil
    ) {
        self.date = date
        self.urges = urges
        self.emotions = emotions
        self.actions = actions
        self.skillsRating = skillsRating
        self.skillsUsed = skillsUsed
        self.note = note
    }

    /// Nothing recorded on the day.
    public var isEmpty: Bool {
        urges.isEmpty && emotions.isEmpty && actions.isEmpty && skillsRating == nil && skillsUsed.isEmpty
            && note == nil
    }
}

/// A DBT diary card (Linehan): a week of days from `weekStart`, each with urges 0–5, emotions 0–5, actions,
/// skills used and the 0–7 skills rating, and a note. One card per client and week; saving it again replaces
/// the week's card.
public struct DiaryCard: Sendable, Hashable, Codable {
    public var weekStart: CalendarDate
    /// The days filled in, in date order, each within the week.
    public var days: [DiaryDay]

    public init(weekStart: CalendarDate, days: [DiaryDay]) {
        self.weekStart = weekStart
        self.days = days.sorted { $0.date < $1.date }
    }

    public var weekEnd: CalendarDate { weekStart.adding(days: 6) }

    public func day(_ date: CalendarDate) -> DiaryDay? { days.first { $0.date == date } }

    /// Linehan's skills-use scale, 0–7.
    public static let skillsScale: ClosedRange<Int> = 0...7
    public static let ratingScale: ClosedRange<Int> = 0...5
    public static let maximumNoteLength = 500
    /// A card may be started for a week beginning up to this many days back.
    public static let maximumDaysBack = 90
    public static let keys: Set<String> = ["weekStart", "days"]
    public static let dayKeys: Set<String> = [
        "date", "urges", "emotions", "actions", "skillsRating", "skillsUsed", "note",
    ]

    /// Validates a card (API JSON, or the week grid turned into the same JSON). `weekStart` defaults to this
    /// week's Monday; days after today cannot be filled in yet.
    public init(json: JSONValue, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        let weekStart = try reader.date("weekStart") ?? today.adding(days: 1 - today.isoWeekday)
        try RecoveryDates.check(weekStart, field: "weekStart", today: today, daysBack: Self.maximumDaysBack)
        let items = try reader.array("days")
        guard items.count <= 7 else { throw ValidationError(field: "days", "a week has at most 7 days") }
        var days: [DiaryDay] = []
        var seen: Set<CalendarDate> = []
        for (index, item) in items.enumerated() {
            let day = try JSONObjectReader(item, path: "days[\(index)]", allowedKeys: Self.dayKeys)
            let date = try day.requiring(day.date("date"), "date")
            guard (weekStart...weekStart.adding(days: 6)).contains(date) else {
                throw ValidationError(
                    field: day.field("date"), "must be in the week \(weekStart)–\(weekStart.adding(days: 6))")
            }
            guard date <= today else { throw ValidationError(field: day.field("date"), "cannot be in the future") }
            guard seen.insert(date).inserted else {
                throw ValidationError(field: day.field("date"), "\(date) is listed twice")
            }
            func ratings<Key: RawRepresentable & CaseIterable & Hashable>(_ key: String, _: Key.Type)
                throws(ValidationError) -> [Key: Int] where Key.RawValue == String
            {
                guard
                    let object = try day.object(key, allowedKeys: Set(Key.allCases.map(\.rawValue)))
                else { return [:] }
                var values: [Key: Int] = [:]
                for name in Key.allCases {
                    values[name] = try object.integer(name.rawValue, in: Self.ratingScale)
                }
                return values
            }
            var actions: [DiaryAction: Bool] = [:]
            if let object = try day.object("actions", allowedKeys: Set(DiaryAction.allCases.map(\.rawValue))) {
                for action in DiaryAction.allCases { actions[action] = try object.bool(action.rawValue) }
            }
            var skills: [DBTSkill] = []
            for (position, value) in try day.array("skillsUsed").enumerated() {
                guard case .string(let raw) = value, let skill = DBTSkill(rawValue: raw) else {
                    throw ValidationError(
                        field: "\(day.field("skillsUsed"))[\(position)]",
                        "must be one of \(DBTSkill.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if !skills.contains(skill) { skills.append(skill) }
            }
            let entry = DiaryDay(
                date: date, urges: try ratings("urges", DiaryUrge.self),
                emotions: try ratings("emotions", DiaryEmotion.self), actions: actions,
                skillsRating: try day.integer("skillsRating", in: Self.skillsScale), skillsUsed: skills,
                note: try day.text("note", maxLength: Self.maximumNoteLength, multiline: true))
            if !entry.isEmpty { days.append(entry) }
        }
        self.init(weekStart: weekStart, days: days)
    }

    /// The safety signal this card raises against the week's card as stored before (§8, §10): a suicide urge
    /// above 0 on a day, or self-harm done, that the stored card did not already show (a higher suicide urge on
    /// the same day counts as new). Saving the same card twice opens nothing more. One signal per save, naming
    /// every new day.
    public func safetySignal(comparedWith previous: DiaryCard?) -> SafetySignal? {
        var parts: [String] = []
        for day in days {
            let before = previous?.day(day.date)
            if let urge = day.urges[.suicide], urge > 0, urge > (before?.urges[.suicide] ?? 0) {
                parts.append("suicide urge \(urge) of 5 on \(day.date)")
            }
            if day.actions[.selfHarm] == true, before?.actions[.selfHarm] != true {
                parts.append("self-harm on \(day.date)")
            }
        }
        guard !parts.isEmpty else { return nil }
        return SafetySignal(
            source: .diaryCard, severity: .urgent,
            summary: "Diary card for the week of \(weekStart): " + parts.joined(separator: "; ") + ".")
    }
}

/// The clinician's reading of diary cards: urges against actual use, and the skills used on days an urge to use
/// was high and no use followed.
public struct DiaryCardAnalysis: Sendable, Hashable {
    /// A use urge at or above this (of 5) is high.
    public static let highUrge = 4

    public struct UseDay: Sendable, Hashable {
        public let date: CalendarDate
        public let urge: Int?
        public let used: Bool?
    }

    public struct SkillCount: Sendable, Hashable {
        public let skill: DBTSkill
        public let days: Int
    }

    /// Every filled-in day, oldest first, with its use urge and whether use followed.
    public let days: [UseDay]
    /// Mean use urge on days with use, and on days without (days with both answers only).
    public let meanUrgeWhenUsed: Double?
    public let meanUrgeWhenNotUsed: Double?
    /// Days with a high use urge, and of those the ones with no use (the urge ridden out).
    public let highUrgeDays: Int
    public let highUrgeDaysWithoutUse: Int
    /// The skills used on the ridden-out days, most days first (ties in the list's order).
    public let skillsWhenUrgeRiddenOut: [SkillCount]
    /// The mean 0–7 skills rating on ridden-out days, and on days with use.
    public let meanSkillsRatingRiddenOut: Double?
    public let meanSkillsRatingWhenUsed: Double?
    /// Days with any suicide urge above 0, and days with self-harm.
    public let suicideUrgeDays: Int
    public let selfHarmDays: Int

    public init(_ cards: [DiaryCard]) {
        var byDate: [CalendarDate: DiaryDay] = [:]
        for card in cards { for day in card.days { byDate[day.date] = day } }
        let ordered = byDate.values.sorted { $0.date < $1.date }
        days = ordered.map { UseDay(date: $0.date, urge: $0.urges[.use], used: $0.actions[.used]) }
        func mean(_ values: [Int]) -> Double? {
            values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        meanUrgeWhenUsed = mean(ordered.filter { $0.actions[.used] == true }.compactMap { $0.urges[.use] })
        meanUrgeWhenNotUsed = mean(ordered.filter { $0.actions[.used] == false }.compactMap { $0.urges[.use] })
        let high = ordered.filter { ($0.urges[.use] ?? 0) >= Self.highUrge }
        let riddenOut = high.filter { $0.actions[.used] == false }
        highUrgeDays = high.count
        highUrgeDaysWithoutUse = riddenOut.count
        skillsWhenUrgeRiddenOut = DBTSkill.allCases.compactMap { skill in
            let count = riddenOut.filter { $0.skillsUsed.contains(skill) }.count
            return count == 0 ? nil : SkillCount(skill: skill, days: count)
        }
        .enumerated().sorted { ($0.element.days, $1.offset) > ($1.element.days, $0.offset) }.map(\.element)
        meanSkillsRatingRiddenOut = mean(riddenOut.compactMap(\.skillsRating))
        meanSkillsRatingWhenUsed = mean(ordered.filter { $0.actions[.used] == true }.compactMap(\.skillsRating))
        suicideUrgeDays = ordered.filter { ($0.urges[.suicide] ?? 0) > 0 }.count
        selfHarmDays = ordered.filter { $0.actions[.selfHarm] == true }.count
    }
}
