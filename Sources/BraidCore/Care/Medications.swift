import Foundation

/// How a medication is taken.
public enum MedicationRoute: String, Sendable, Hashable, CaseIterable, Codable {
    case oral, sublingual, intramuscular, subcutaneous, transdermal, intranasal, inhaled, other

    public var label: String {
        switch self {
        case .oral: "By mouth"
        case .sublingual: "Under the tongue"
        case .intramuscular: "Injection into a muscle"
        case .subcutaneous: "Injection under the skin"
        case .transdermal: "Skin patch"
        case .intranasal: "Nasal"
        case .inhaled: "Inhaled"
        case .other: "Other"
        }
    }
}

/// One medication on a client's list (free-text names: Braid keeps no drug database). Edited in place; every
/// change is audited.
public struct Medication: Sendable, Hashable {
    public let id: UUID
    public let clientID: ClientID
    public var name: String
    public var dose: String
    public var route: MedicationRoute
    public var frequency: String
    public var prescriber: String
    public var startDate: CalendarDate
    public var stopDate: CalendarDate?
    public var reason: String?
    public var notes: String?
    public var updatedAt: Date
    public var updatedBy: UserID?

    public init(
        id: UUID, clientID: ClientID, name: String, dose: String, route: MedicationRoute, frequency: String,
        prescriber: String, startDate: CalendarDate, stopDate: CalendarDate?, reason: String?, notes: String?,
        updatedAt: Date, updatedBy: UserID?
    ) {
        self.id = id
        self.clientID = clientID
        self.name = name
        self.dose = dose
        self.route = route
        self.frequency = frequency
        self.prescriber = prescriber
        self.startDate = startDate
        self.stopDate = stopDate
        self.reason = reason
        self.notes = notes
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// Taken on `date`: started, and not yet stopped (the stop date is the last day).
    public func isActive(on date: CalendarDate) -> Bool {
        startDate <= date && (stopDate.map { date <= $0 } ?? true)
    }
}

/// A medication as entered: every field checked and named, whichever door it came through (API or form).
public struct MedicationEntry: Sendable, Hashable {
    public static let keys = [
        "name", "dose", "route", "frequency", "prescriber", "startDate", "stopDate", "reason", "notes",
    ]
    public static let limits: [String: Int] = [
        "name": 120, "dose": 60, "frequency": 60, "prescriber": 120, "reason": 200, "notes": 1_000,
    ]

    public let name: String
    public let dose: String
    public let route: MedicationRoute
    public let frequency: String
    public let prescriber: String
    public let startDate: CalendarDate
    public let stopDate: CalendarDate?
    public let reason: String?
    public let notes: String?

    /// From a JSON object (the API's body, or a form turned into one); dates are checked against `today`.
    public init(json: JSONValue, today: CalendarDate) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Set(Self.keys))
        func text(_ key: String, required: Bool) throws(ValidationError) -> String? {
            let limit = Self.limits[key] ?? 200
            switch reader.object[key] {
            case nil:
                if required { throw ValidationError(field: key, "is required") }
                return nil
            case .string(let raw)?:
                let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if value.isEmpty {
                    if required { throw ValidationError(field: key, "is required") }
                    return nil
                }
                guard value.unicodeScalars.count <= limit else {
                    throw ValidationError(field: key, "must be at most \(limit) characters")
                }
                return value
            default: throw ValidationError(field: key, "must be text")
            }
        }
        func date(_ key: String) throws(ValidationError) -> CalendarDate? {
            // A date left out is no date; null or "" is a mistake (the form leaves empty fields out).
            switch reader.object[key] {
            case nil: return nil
            case .string(let raw)?:
                guard let date = CalendarDate(iso: raw) else {
                    throw ValidationError(field: key, "'\(raw.prefix(20))' is not a date (YYYY-MM-DD)")
                }
                return date
            default: throw ValidationError(field: key, "must be a date YYYY-MM-DD")
            }
        }
        name = try text("name", required: true)!
        dose = try text("dose", required: true)!
        guard case .string(let routeText)? = reader.object["route"], let route = MedicationRoute(rawValue: routeText)
        else {
            throw ValidationError(
                field: "route", "must be one of \(MedicationRoute.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.route = route
        frequency = try text("frequency", required: true)!
        prescriber = try text("prescriber", required: true)!
        guard let start = try date("startDate") else { throw ValidationError(field: "startDate", "is required") }
        guard start <= today else { throw ValidationError(field: "startDate", "cannot be in the future") }
        guard start >= today.adding(days: -36_500) else {
            throw ValidationError(field: "startDate", "is too far in the past")
        }
        startDate = start
        stopDate = try date("stopDate")
        if let stop = stopDate, stop < start {
            throw ValidationError(field: "stopDate", "cannot be before the start date (\(start))")
        }
        reason = try text("reason", required: false)
        notes = try text("notes", required: false)
    }

    /// The medication this entry describes (a new one, or `existing` edited).
    public func medication(id: UUID, clientID: ClientID, by author: UserID?, at now: Date) -> Medication {
        Medication(
            id: id, clientID: clientID, name: name, dose: dose, route: route, frequency: frequency,
            prescriber: prescriber, startDate: startDate, stopDate: stopDate, reason: reason, notes: notes,
            updatedAt: now, updatedBy: author)
    }
}

/// Taking medications as prescribed, from the daily check-in's "meds taken" answer (§3): over a window, the days
/// answered yes out of the days answered. Days with no answer are counted apart, never as missed doses.
public struct MedicationAdherence: Sendable, Hashable {
    public let days: Int
    public let taken: Int
    public let answered: Int

    /// Taken ÷ answered, or nil when nothing was answered.
    public var rate: Double? { answered == 0 ? nil : Double(taken) / Double(answered) }

    public var unanswered: Int { days - answered }

    /// Over the `days` days ending `today`, from each day's current answer.
    public init(answers: [CalendarDate: Bool?], today: CalendarDate, days: Int) {
        let window = today.adding(days: -(days - 1))...today
        let inWindow = answers.filter { window.contains($0.key) }.compactMap(\.value)
        self.days = days
        answered = inWindow.count
        taken = inWindow.filter { $0 }.count
    }

    /// "12 of 14 answered days (86 %)".
    public var sentence: String {
        guard let rate else { return "no answers in the last \(days) days" }
        return "\(taken) of \(answered) answered days (\(Int((rate * 100).rounded())) %)"
            + (unanswered > 0 ? "; \(unanswered) day\(unanswered == 1 ? "" : "s") not answered" : "")
    }
}

/// A prescriber's note to the whole care team (dose changes, what to watch for, what the client reported).
public struct PrescriberNote: Sendable, Hashable {
    public static let maximumLength = 2_000

    public let id: UUID
    public let clientID: ClientID
    public let text: String
    public let writtenBy: UserID
    public let writtenAt: Date

    public init(id: UUID, clientID: ClientID, text: String, writtenBy: UserID, writtenAt: Date) {
        self.id = id
        self.clientID = clientID
        self.text = text
        self.writtenBy = writtenBy
        self.writtenAt = writtenAt
    }

    /// A note's text: 1–2,000 characters once trimmed.
    public static func check(_ text: String) throws(ValidationError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ValidationError(field: "text", "is required") }
        guard trimmed.unicodeScalars.count <= maximumLength else {
            throw ValidationError(field: "text", "must be at most \(maximumLength) characters")
        }
        return trimmed
    }
}

/// What the medications page says plainly (§7), beside the list.
public enum MedicationFacts {
    public static let noApprovedMedication =
        "No medication is FDA-approved for cocaine use disorder. Medications here treat what comes with it."
    public static let antidepressants =
        "Antidepressants are for depression: they help it modestly (Nunes & Levin 2004, effect size 0.38) and do "
        + "not reduce cocaine use. Contingency management and CBT are the treatments for the use itself."
}
