import Foundation

public enum EpisodeTag {}
public typealias EpisodeID = Identifier<EpisodeTag>

/// Levels of care, low to high (clinical-rules.md §6). A program admits to IOP or PHP; `outpatient` is a step
/// down and `refer-higher` a referral out.
public enum LevelOfCare: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable {
    case outpatient
    case iop
    case php
    case referHigher = "refer-higher"

    /// The levels a client can be admitted to in an IOP/PHP program.
    public static let admissionLevels: [LevelOfCare] = [.iop, .php]

    public var label: String {
        switch self {
        case .outpatient: "Outpatient"
        case .iop: "Intensive outpatient (IOP)"
        case .php: "Partial hospitalization (PHP)"
        case .referHigher: "Referred to a higher level of care"
        }
    }

    /// A short form for tables: `IOP`, `PHP`.
    public var shortLabel: String {
        switch self {
        case .outpatient: "Outpatient"
        case .iop: "IOP"
        case .php: "PHP"
        case .referHigher: "Refer higher"
        }
    }

    public static func < (a: LevelOfCare, b: LevelOfCare) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Who referred the client, counted in program reports.
public enum ReferralSource: String, Sendable, Hashable, Codable, CaseIterable {
    case selfReferred = "self"
    case family
    case primaryCare = "primary-care"
    case emergencyDepartment = "emergency-department"
    case inpatientOrDetox = "inpatient-or-detox"
    case mentalHealthProvider = "mental-health-provider"
    case criminalJustice = "criminal-justice"
    case employer
    case other

    public var label: String {
        switch self {
        case .selfReferred: "Self"
        case .family: "Family or friend"
        case .primaryCare: "Primary care"
        case .emergencyDepartment: "Emergency department"
        case .inpatientOrDetox: "Inpatient or withdrawal management"
        case .mentalHealthProvider: "Mental health provider"
        case .criminalJustice: "Court or criminal justice"
        case .employer: "Employer or EAP"
        case .other: "Other"
        }
    }
}

/// Why an episode ended (issue 10).
public enum DischargeReason: String, Sendable, Hashable, Codable, CaseIterable {
    case completed
    case steppedUp = "stepped-up"
    case leftAgainstAdvice = "left-against-advice"
    case administrative
    case other

    public var label: String {
        switch self {
        case .completed: "Completed treatment"
        case .steppedUp: "Stepped up to a higher level of care elsewhere"
        case .leftAgainstAdvice: "Left against advice"
        case .administrative: "Administrative"
        case .other: "Other"
        }
    }
}

/// One episode of care: admission to discharge. A readmission opens a new episode; level-of-care history, plans
/// and CM ledgers belong to an episode, and outcomes count per episode.
public struct Episode: Sendable, Hashable, Codable {
    public let id: EpisodeID
    public let clientID: ClientID
    public let programID: ProgramID
    public let admittedOn: CalendarDate
    public let levelAtAdmission: LevelOfCare
    public let referralSource: ReferralSource
    public let dischargedOn: CalendarDate?
    public let dischargeReason: DischargeReason?

    public init(
        id: EpisodeID, clientID: ClientID, programID: ProgramID, admittedOn: CalendarDate,
        levelAtAdmission: LevelOfCare, referralSource: ReferralSource, dischargedOn: CalendarDate? = nil,
        dischargeReason: DischargeReason? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.programID = programID
        self.admittedOn = admittedOn
        self.levelAtAdmission = levelAtAdmission
        self.referralSource = referralSource
        self.dischargedOn = dischargedOn
        self.dischargeReason = dischargeReason
    }

    public var isActive: Bool { dischargedOn == nil }

    /// Days in the program, admission day included (retention), through `today` while active.
    public func lengthOfStay(today: CalendarDate) -> Int {
        admittedOn.days(to: dischargedOn ?? today) + 1
    }
}

/// Where a client stands, from its episodes (oldest first).
public enum EpisodeStatus: Sendable, Hashable {
    /// Enrolled before episodes were recorded, or awaiting admission: treated as in care until admitted.
    case notAdmitted
    case active(Episode)
    case discharged(Episode)

    public init(episodes: [Episode]) {
        guard let last = episodes.max(by: { ($0.admittedOn, $0.id.description) < ($1.admittedOn, $1.id.description) })
        else {
            self = .notAdmitted
            return
        }
        self = last.isActive ? .active(last) : .discharged(last)
    }

    /// Whether the client is in care (active episode, or not yet admitted): the caseload's default view and the
    /// analysis flags. A discharged client's check-ins are kept but raise no caseload flags.
    /// The status on `day`: episodes admitted after it are ignored, and a discharge after it has not happened yet.
    public init(asOf day: CalendarDate, episodes: [Episode]) {
        self.init(
            episodes: episodes.filter { $0.admittedOn <= day }.map { episode in
                guard let discharged = episode.dischargedOn, discharged > day else { return episode }
                return Episode(
                    id: episode.id, clientID: episode.clientID, programID: episode.programID,
                    admittedOn: episode.admittedOn, levelAtAdmission: episode.levelAtAdmission,
                    referralSource: episode.referralSource)
            })
    }

    public var isInCare: Bool {
        if case .discharged = self { return false }
        return true
    }

    /// An episode is open.
    public var isActive: Bool {
        if case .active = self { return true }
        return false
    }

    public var word: String {
        switch self {
        case .notAdmitted: "not-admitted"
        case .active: "active"
        case .discharged: "discharged"
        }
    }
}

/// The rules for opening and closing episodes; errors name the form field.
public enum EpisodeRules {
    public static let maximumBackdateDays = 366

    /// An admission on `date` for a client whose episodes are `episodes`: not in the future, not more than a year
    /// back, no episode open, and not before the last discharge (a readmission may be the same day).
    public static func checkAdmission(
        on date: CalendarDate, level: LevelOfCare, episodes: [Episode], today: CalendarDate
    ) throws(ValidationError) {
        guard LevelOfCare.admissionLevels.contains(level) else {
            throw ValidationError(field: "level", "admission is to iop or php")
        }
        try checkDate(date, today: today, field: "admittedOn")
        if episodes.contains(where: \.isActive) {
            throw ValidationError(field: "admittedOn", "the client has an open episode: discharge it first")
        }
        if let last = episodes.compactMap(\.dischargedOn).max(), date < last {
            throw ValidationError(field: "admittedOn", "must be on or after the last discharge (\(last))")
        }
    }

    /// A discharge of `episode` on `date`: the episode is open, and the date is between admission and today.
    public static func checkDischarge(of episode: Episode, on date: CalendarDate, today: CalendarDate)
        throws(ValidationError)
    {
        guard episode.isActive else { throw ValidationError(field: "episode", "this episode is already discharged") }
        try checkDate(date, today: today, field: "dischargedOn")
        guard date >= episode.admittedOn else {
            throw ValidationError(field: "dischargedOn", "must be on or after the admission (\(episode.admittedOn))")
        }
    }

    static func checkDate(_ date: CalendarDate, today: CalendarDate, field: String) throws(ValidationError) {
        guard date <= today else { throw ValidationError(field: field, "must not be in the future") }
        guard today.days(to: date) >= -maximumBackdateDays else {
            throw ValidationError(field: field, "must be within the last \(maximumBackdateDays) days")
        }
    }
}
