import Foundation

public enum LevelDecisionTag {}
public typealias LevelDecisionID = Identifier<LevelDecisionTag>

/// What the clinician records for §6 that Braid cannot derive: psychosis, agitation, medical instability,
/// withdrawal risk and the recovery environment. Each save is kept with its date; the latest on or before a day is
/// that day's answer, and an unanswered one stays unknown.
public struct LevelFactors: Sendable, Hashable {
    public var psychosis: Bool?
    public var severeAgitation: Bool?
    public var medicalInstability: Bool?
    public var withdrawalNeedsMedicalManagement: Bool?
    public var recoveryEnvironment: LevelInput.RecoveryEnvironment?
    public let recordedOn: CalendarDate
    public let recordedAt: Date
    public let recordedBy: UserID?

    public init(
        psychosis: Bool?, severeAgitation: Bool?, medicalInstability: Bool?, withdrawalNeedsMedicalManagement: Bool?,
        recoveryEnvironment: LevelInput.RecoveryEnvironment?, recordedOn: CalendarDate, recordedAt: Date,
        recordedBy: UserID?
    ) {
        self.psychosis = psychosis
        self.severeAgitation = severeAgitation
        self.medicalInstability = medicalInstability
        self.withdrawalNeedsMedicalManagement = withdrawalNeedsMedicalManagement
        self.recoveryEnvironment = recoveryEnvironment
        self.recordedOn = recordedOn
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// The clinician's decision on a recommendation: accept it, or override it with a reason. The recommendation, its
/// inputs, the decision, who, when and why are all kept; the decided level starts on `effectiveOn`.
public struct LevelDecision: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case accepted, overridden
    }

    public let id: LevelDecisionID
    public let clientID: ClientID
    public let episodeID: EpisodeID?
    public let recommendation: LevelRecommendation
    public let inputs: LevelInput
    public let kind: Kind
    public let level: LevelOfCare
    public let reason: String?
    public let decidedBy: UserID?
    public let decidedAt: Date
    public let effectiveOn: CalendarDate

    public init(
        id: LevelDecisionID, clientID: ClientID, episodeID: EpisodeID?, recommendation: LevelRecommendation,
        inputs: LevelInput, kind: Kind, level: LevelOfCare, reason: String?, decidedBy: UserID?, decidedAt: Date,
        effectiveOn: CalendarDate
    ) {
        self.id = id
        self.clientID = clientID
        self.episodeID = episodeID
        self.recommendation = recommendation
        self.inputs = inputs
        self.kind = kind
        self.level = level
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.effectiveOn = effectiveOn
    }

    public static let maximumReasonLength = 1_000

    /// Checks a decision: an override names a level other than the recommended one and gives a reason (3–1,000
    /// characters); an accept takes the recommended level. Returns the level and the trimmed reason.
    public static func check(
        kind: Kind, level: LevelOfCare?, reason: String?, recommendation: LevelRecommendation
    ) throws(ValidationError) -> (level: LevelOfCare, reason: String?) {
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch kind {
        case .accepted:
            if let level, level != recommendation.level {
                throw ValidationError(
                    field: "level", "an accept takes the recommended level (\(recommendation.level.rawValue))")
            }
            guard trimmed.count <= maximumReasonLength else {
                throw ValidationError(field: "reason", "must be at most \(maximumReasonLength) characters")
            }
            return (recommendation.level, trimmed.isEmpty ? nil : trimmed)
        case .overridden:
            guard let level else {
                throw ValidationError(field: "level", "an override names the level chosen instead")
            }
            guard level != recommendation.level else {
                throw ValidationError(field: "level", "that is the recommended level: accept it instead")
            }
            guard trimmed.count >= 3, trimmed.count <= maximumReasonLength else {
                throw ValidationError(
                    field: "reason", "an override needs the reason (3–\(maximumReasonLength) characters)")
            }
            return (level, trimmed)
        }
    }
}

/// One stretch of a client's level-of-care history.
public struct LevelPeriod: Sendable, Hashable {
    public let level: LevelOfCare
    public let from: CalendarDate
    /// The decision that began it; `nil` for the level at admission.
    public let decision: LevelDecisionID?

    public init(level: LevelOfCare, from: CalendarDate, decision: LevelDecisionID?) {
        self.level = level
        self.from = from
        self.decision = decision
    }
}

/// Everything §6 needs about one client, as plain data, and the evaluation from it as of any day.
public struct LevelEvidence: Sendable {
    public let episodes: [Episode]
    public let decisions: [LevelDecision]
    public let factors: [LevelFactors]
    public let assessments: [StoredAssessment]
    /// The current check-in of each day: whether cocaine was used.
    public let use: [CalendarDate: Bool]

    public init(
        episodes: [Episode], decisions: [LevelDecision], factors: [LevelFactors], assessments: [StoredAssessment],
        use: [CalendarDate: Bool]
    ) {
        self.episodes = episodes.sorted { $0.admittedOn < $1.admittedOn }
        self.decisions = decisions.sorted { ($0.effectiveOn, $0.decidedAt) < ($1.effectiveOn, $1.decidedAt) }
        self.factors = factors.sorted { ($0.recordedOn, $0.recordedAt) < ($1.recordedOn, $1.recordedAt) }
        self.assessments = assessments.sorted { ($0.date, $0.recordedAt) < ($1.date, $1.recordedAt) }
        self.use = use
    }

    /// The episode in care on `day` (admitted by then and not discharged before it).
    public func episode(on day: CalendarDate) -> Episode? {
        episodes.last { $0.admittedOn <= day && ($0.dischargedOn.map { $0 >= day } ?? true) }
    }

    /// The level history of an episode: the level at admission, then each decision that changed the level.
    public func history(of episode: Episode) -> [LevelPeriod] { Self.history(of: episode, decisions: decisions) }

    /// The level history of an episode from the client's decisions in decision order (effective day, then time).
    public static func history(of episode: Episode, decisions: [LevelDecision]) -> [LevelPeriod] {
        var periods = [LevelPeriod(level: episode.levelAtAdmission, from: episode.admittedOn, decision: nil)]
        for decision in decisions where decision.episodeID == episode.id && decision.level != periods.last?.level {
            periods.append(LevelPeriod(level: decision.level, from: decision.effectiveOn, decision: decision.id))
        }
        return periods
    }

    /// The level on `day` and when it began; `nil` before any admission (intake).
    public func level(on day: CalendarDate) -> LevelPeriod? {
        guard let episode = episode(on: day) else { return nil }
        return history(of: episode).last { $0.from <= day }
    }

    func results(_ instrument: Instrument.ID, through day: CalendarDate) -> [(
        date: CalendarDate, answers: [Int?], result: ScoreResult
    )] {
        assessments.compactMap { assessment in
            guard assessment.date <= day, case .instrument(let answers, let result) = assessment.content,
                result.instrument == instrument
            else { return nil }
            return (assessment.date, answers, result)
        }
    }

    func useDays(_ range: ClosedRange<CalendarDate>) -> Int {
        range.reduce(0) { $0 + (use[$1] == true ? 1 : 0) }
    }

    /// §6's input as of `day`, without `daysSincePhpRuleHeld` (see `evaluate`).
    public func input(asOf day: CalendarDate) -> LevelInput {
        var input = LevelInput()
        let episode = episode(on: day)
        let period = level(on: day)
        // §6 places within outpatient, IOP and PHP. A client whose team accepted a referral to a higher level stays
        // at the program's most intensive level until the referral is taken up (a discharge, stepped up), so the
        // rules keep evaluating them as at PHP.
        input.currentLevel = period.map { .value($0.level == .referHigher ? .php : $0.level) } ?? .null
        if let period { input.daysAtCurrentLevel = period.from.days(to: day) }
        let recent = day.adding(days: -29)
        if let cssrs = results(.cssrs, through: day).last(where: { $0.date >= recent }) {
            input.suicideScreen = LevelInput.SuicideScreen(rawValue: cssrs.result.severity.rawValue)
        }
        if let asq = results(.asq, through: day).last(where: { $0.date >= recent }) {
            input.asq = LevelInput.ScreenResult(rawValue: asq.result.severity.rawValue)
        }
        if let factors = factors.last(where: { $0.recordedOn <= day }) {
            input.psychosis = factors.psychosis
            input.severeAgitation = factors.severeAgitation
            input.medicalInstability = factors.medicalInstability
            input.withdrawalNeedsMedicalManagement = factors.withdrawalNeedsMedicalManagement
            input.recoveryEnvironment = factors.recoveryEnvironment
        }
        let phq9 = results(.phq9, through: day).filter { $0.result.total != nil }
        if let latest = phq9.last {
            input.phq9 = latest.result.total
            if latest.answers.count >= 10 { input.phq9Functional = latest.answers[9] }
        }
        let episodeStart = episode?.admittedOn
        input.phq9Baseline = (phq9.first { $0.date >= (episodeStart ?? $0.date) } ?? phq9.first)?.result.total
        if let start = period?.from {
            // The total when the level began: the last one on or before its start, else one from its first 14 days,
            // but only when a later one exists (one measurement says nothing about progress).
            let early = phq9.dropLast().first { $0.date > start && $0.date <= start.adding(days: 14) }
            input.phq9AtLevelStart = (phq9.last { $0.date <= start } ?? early)?.result.total
            input.useDaysAtLevelStart = useDays(start.adding(days: -30)...start.adding(days: -1))
        }
        input.useDaysLast30 = useDays(recent...day)
        let lastUse = use.filter { $0.value && $0.key <= day }.keys.max()
        input.daysSinceLastUse = lastUse.map { .value($0.days(to: day)) } ?? .null
        input.stimulantCriteria = results(.stimulantSUD, through: day).last?.result.total
        return input
    }

    /// The evaluation as of `today`: the inputs (with `daysSincePhpRuleHeld` derived from the days at PHP: the last
    /// day a PHP or refer-higher rule held, else the day PHP began) and the recommendation.
    public func evaluate(today: CalendarDate) -> LevelEvaluation {
        var input = input(asOf: today)
        let period = level(on: today)
        if let period, period.level == .php {
            var day = today
            while day > period.from {
                let holding = LevelOfCareRules.holding(self.input(asOf: day))
                if holding.contains(where: { ($0.level ?? .outpatient) >= .php }) { break }
                day = day.adding(days: -1)
            }
            input.daysSincePhpRuleHeld = day.days(to: today)
        }
        return LevelEvaluation(
            input: input, recommendation: LevelOfCareRules.recommend(input), current: period,
            episode: episode(on: today))
    }
}

/// A client's level of care as of a day: the current level (if placed), the inputs and the recommendation.
public struct LevelEvaluation: Sendable, Hashable {
    public let input: LevelInput
    public let recommendation: LevelRecommendation
    public let current: LevelPeriod?
    public let episode: Episode?

    /// A step up is recommended (the caseload flag `step-up-recommended`).
    public var stepUpRecommended: Bool { recommendation.stepDirection == .up }
}

/// A decision as the API and the chart's form send it: `{"decision": "accept"|"override", "level"?, "reason"?,
/// "recommendedLevel"?}`. `recommendedLevel` is the level the clinician saw; when the data moved the recommendation
/// since, the decision is refused so nobody accepts a recommendation they did not read.
public struct LevelDecisionRequest: Sendable, Hashable {
    public let kind: LevelDecision.Kind
    public let level: LevelOfCare?
    public let reason: String?
    public let recommendedLevel: LevelOfCare?

    public static let keys: Set<String> = ["decision", "level", "reason", "recommendedLevel"]

    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        guard reader.object["decision"] != nil else {
            throw ValidationError(field: "decision", "is required: \"accept\" or \"override\"")
        }
        switch reader.object["decision"] {
        case .string("accept")?: kind = .accepted
        case .string("override")?: kind = .overridden
        default: throw ValidationError(field: "decision", "must be \"accept\" or \"override\"")
        }
        level = try reader.optionalWord("level", among: LevelOfCare.allCases)
        recommendedLevel = try reader.optionalWord("recommendedLevel", among: LevelOfCare.allCases)
        switch reader.object["reason"] {
        case nil: reason = nil
        case .string(let text)?: reason = text
        default: throw ValidationError(field: "reason", "must be text")
        }
    }
}

extension LevelFactors {
    public static let keys: Set<String> = [
        "psychosis", "severeAgitation", "medicalInstability", "withdrawalNeedsMedicalManagement", "recoveryEnvironment",
    ]

    /// Reads the factors form or JSON: each yes/no may be left out (unknown); the environment is "supportive" or
    /// "unsafe", or left out.
    public init(json: JSONValue, recordedOn: CalendarDate, recordedAt: Date, recordedBy: UserID?)
        throws(ValidationError)
    {
        let reader = try JSONObjectReader(json, allowedKeys: Self.keys)
        self.init(
            psychosis: try reader.bool("psychosis"), severeAgitation: try reader.bool("severeAgitation"),
            medicalInstability: try reader.bool("medicalInstability"),
            withdrawalNeedsMedicalManagement: try reader.bool("withdrawalNeedsMedicalManagement"),
            recoveryEnvironment: try reader.optionalWord(
                "recoveryEnvironment", among: LevelInput.RecoveryEnvironment.allCases),
            recordedOn: recordedOn, recordedAt: recordedAt, recordedBy: recordedBy)
    }
}
