import Foundation

/// A kind of entry in a client's clinical record.
public enum ClinicalEntryKind: Sendable, Hashable {
    case checkIn
    case instrument(Instrument.ID)
    case orderingInterview
    case urineScreen
    case safetyPlan
    case relapsePlan
    case alertAcknowledgement
    /// Thought records, diary cards, activities, the support network and meetings (§10).
    case recoveryRecord
}

extension AccessPolicy {
    /// Why `actor` may not make this kind of entry, or `nil` when its role may (on a record it may access:
    /// `mayAccessClinicalRecord` still decides whose). Clients keep their own check-ins, safety plan and
    /// relapse-prevention plan and
    /// answer the self-report instruments (`Instrument.administration`); the care team administers the
    /// clinician instruments (C-SSRS, DSM-5 criteria), the ordering interview and urine screens. Check-ins are the
    /// client's own words: staff bring history in through an import instead.
    public static func refusal(of kind: ClinicalEntryKind, by actor: Actor) -> String? {
        switch (kind, actor.role) {
        case (.checkIn, .client), (.safetyPlan, _), (.relapsePlan, _): return nil
        case (.checkIn, _): return "check-ins are the client's own (import a history instead)"
        case (.instrument(let id), .client):
            return Instrument.definition(id).administration == .selfReport
                ? nil : "\(id.rawValue) is administered by your care team"
        case (.instrument, _): return nil
        case (.orderingInterview, .client): return "the ordering interview is done with your care team"
        case (.urineScreen, .client): return "urine screens are recorded by your care team"
        case (.alertAcknowledgement, .client): return "alerts are acknowledged by the care team"
        case (.orderingInterview, _), (.urineScreen, _), (.alertAcknowledgement, _): return nil
        case (.recoveryRecord, .client): return nil
        case (.recoveryRecord, _): return "recovery records are the client's own; the care team reads them"
        }
    }
}

/// Which dates a clinical entry may carry (clinical-rules.md §3: dates are calendar dates in the program's zone).
public enum EntryDatePolicy {
    /// A client may back-fill a missed day of their own, up to this many days back; older days are for the care
    /// team to record (recall is less reliable, and the team should hear about a long gap).
    public static let clientBackfillDays = 30

    /// Nothing is dated after today. Through the app (API or web), a client's own entry is at most
    /// `clientBackfillDays` old; imports and staff entries carry history and have no window.
    public static func check(
        _ date: CalendarDate, today: CalendarDate, author: Actor, door: WriteDoor, field: String = "date"
    ) throws(ValidationError) {
        guard date <= today else {
            throw ValidationError(field: field, "\(date) is after today (\(today)); nothing can be dated ahead")
        }
        let appDoor = door == .api || door == .web
        if appDoor && author.role == .client && date.days(to: today) > clientBackfillDays {
            throw ValidationError(
                field: field, "\(date) is more than \(clientBackfillDays) days ago; ask your care team to record it")
        }
    }
}
