import Foundation

/// Substances other than cocaine a client may report in a check-in (clinical-rules.md §3).
public enum OtherSubstance: String, Sendable, Hashable, Codable, CaseIterable {
    case alcohol, cannabis, opioids, benzodiazepines, other
}

/// The values of one daily check-in (clinical-rules.md §3). Mood, craving, sleep and use are the fast core;
/// the rest is optional.
public struct CheckInValues: Sendable, Hashable, Codable {
    public var mood: Int
    public var craving: Int
    public var sleepHours: Double
    public var used: Bool
    public var enjoyment: Int?
    public var energy: Int?
    public var irritability: Int?
    public var otherSubstances: [OtherSubstance]?
    public var exerciseMinutes: Int?
    public var medsTaken: Bool?
    /// Lifestyle (§10): regular meals today, yes or no; optional.
    public var regularMeals: Bool?
    /// Thoughts of being better off dead or of hurting yourself today: yes is a suicide-risk signal (§8).
    public var safety: Bool?
    /// Free text, private to the client and the care team. Never logged.
    public var note: String?

    public init(
        mood: Int, craving: Int, sleepHours: Double, used: Bool, enjoyment: Int? = nil, energy: Int? = nil,
        irritability: Int? = nil, otherSubstances: [OtherSubstance]? = nil, exerciseMinutes: Int? = nil,
        medsTaken: Bool? = nil, safety: Bool? = nil, note: String? = nil, regularMeals: Bool? = nil
    ) {
        self.mood = mood
        self.craving = craving
        self.sleepHours = sleepHours
        self.used = used
        self.enjoyment = enjoyment
        self.energy = energy
        self.irritability = irritability
        self.otherSubstances = otherSubstances
        self.exerciseMinutes = exerciseMinutes
        self.medsTaken = medsTaken
        self.regularMeals = regularMeals
        self.safety = safety
        self.note = note
    }

    /// The day as the analysis sees it.
    public func day(on date: CalendarDate) -> CheckInDay {
        CheckInDay(
            date: date, mood: mood, craving: craving, sleepHours: sleepHours, used: used, enjoyment: enjoyment,
            energy: energy, irritability: irritability, safety: safety)
    }
}

/// A check-in submission: the values and, optionally, the date they are for (default: today).
public struct CheckInSubmission: Sendable, Hashable {
    public static let keys: Set<String> = [
        "date", "mood", "craving", "sleepHours", "used", "enjoyment", "energy", "irritability", "otherSubstances",
        "exerciseMinutes", "medsTaken", "regularMeals", "safety", "note",
    ]
    public static let maximumNoteLength = 2_000
    public static let maximumExerciseMinutes = 1_440

    public let date: CalendarDate?
    public let values: CheckInValues

    public init(date: CalendarDate?, values: CheckInValues) {
        self.date = date
        self.values = values
    }

    /// Validates a JSON submission field by field; unknown fields are rejected by name.
    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        func scale(_ key: String, required: Bool) throws(ValidationError) -> Int? {
            guard let value = try reader.number(key, in: 0...10).value else {
                if required { throw ValidationError(field: key, "is required (a whole number 0…10)") }
                return nil
            }
            guard value == value.rounded() else {
                throw ValidationError(field: key, "\(format(value)) is not a whole number 0…10")
            }
            return Int(value)
        }
        var date: CalendarDate?
        switch reader.object["date"] {
        case nil: date = nil
        case .string(let text)?:
            guard let parsed = CalendarDate(iso: text) else {
                throw ValidationError(field: "date", "\"\(text)\" is not a date (YYYY-MM-DD)")
            }
            date = parsed
        default: throw ValidationError(field: "date", "must be a date string YYYY-MM-DD")
        }
        guard let sleep = try reader.number("sleepHours", in: CheckInLimits.sleepHours).value else {
            throw ValidationError(field: "sleepHours", "is required (hours 0…24 in 0.5 steps)")
        }
        guard CheckInLimits.isValidSleep(sleep) else {
            throw ValidationError(field: "sleepHours", "\(format(sleep)) is not in 0.5-hour steps")
        }
        guard let used = try reader.bool("used") else {
            throw ValidationError(field: "used", "is required (true or false)")
        }
        var substances: [OtherSubstance]?
        if reader.object["otherSubstances"] != nil {
            var list: [OtherSubstance] = []
            for (index, value) in try reader.array("otherSubstances").enumerated() {
                guard case .string(let name) = value, let substance = OtherSubstance(rawValue: name) else {
                    let allowed = OtherSubstance.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ValidationError(field: "otherSubstances[\(index)]", "must be one of \(allowed)")
                }
                if !list.contains(substance) { list.append(substance) }
            }
            substances = list
        }
        var exercise: Int?
        if let minutes = try reader.number("exerciseMinutes", in: 0...Double(Self.maximumExerciseMinutes)).value {
            guard minutes == minutes.rounded() else {
                throw ValidationError(field: "exerciseMinutes", "\(format(minutes)) is not a whole number of minutes")
            }
            exercise = Int(minutes)
        }
        var note: String?
        switch reader.object["note"] {
        case nil: note = nil
        case .string(let text)?:
            // Counted in Unicode scalars, as JSON Schema's maxLength counts.
            let length = text.unicodeScalars.count
            guard length <= Self.maximumNoteLength else {
                throw ValidationError(field: "note", "is \(length) characters; at most \(Self.maximumNoteLength)")
            }
            note = text.isEmpty ? nil : text
        default: throw ValidationError(field: "note", "must be text")
        }
        self.date = date
        values = CheckInValues(
            mood: try scale("mood", required: true)!, craving: try scale("craving", required: true)!,
            sleepHours: sleep, used: used, enjoyment: try scale("enjoyment", required: false),
            energy: try scale("energy", required: false), irritability: try scale("irritability", required: false),
            otherSubstances: substances, exerciseMinutes: exercise, medsTaken: try reader.bool("medsTaken"),
            safety: try reader.bool("safety"), note: note, regularMeals: try reader.bool("regularMeals"))
    }
}
