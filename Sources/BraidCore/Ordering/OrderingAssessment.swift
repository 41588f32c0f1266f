import Foundation

/// The early questions of clinical-rules.md §2: which came first, depression or cocaine use, or are they tangled?
/// The answer shapes where treatment starts but never gates it: both are always treated.
///
/// Absent values are unknown; a `nil` depression onset is "known: never depressed" and is kept apart from
/// unknown by `DepressionOnset`.
public struct OrderingInput: Sendable, Hashable, Codable {
    /// A stretch without cocaine since regular use began.
    public struct AbstinencePeriod: Sendable, Hashable, Codable {
        public var weeks: Double
        /// Low mood when the period began; `nil` = unknown (counts as true for "persisted").
        public var lowMoodAtStart: Bool?
        /// Weeks the low mood lasted into the period, 0…weeks; `nil` = unknown.
        public var lowMoodPersistedWeeks: Double?

        public init(weeks: Double, lowMoodAtStart: Bool? = nil, lowMoodPersistedWeeks: Double? = nil) {
            self.weeks = weeks
            self.lowMoodAtStart = lowMoodAtStart
            self.lowMoodPersistedWeeks = lowMoodPersistedWeeks
        }
    }

    /// Age at the first depressed period of ≥ 2 weeks.
    public enum Onset: Sendable, Hashable {
        case unknown
        case never
        case age(Double)
    }

    public var depressionOnset: Onset
    public var cocaineFirstUseAge: Double?
    /// Weekly or more: `.never` if use never became regular.
    public var cocaineRegularUse: Onset
    public var abstinencePeriods: [AbstinencePeriod]
    /// A depressive episode began ≥ 4 weeks after stopping.
    public var episodeBeganDuringAbstinence: Bool?
    /// Current lows come 1–3 days after use and lift between.
    public var lowsMostlyAfterUse: Bool?
    /// Self-medication: reported, not decisive.
    public var usesToLiftLowMood: Bool?

    public init(
        depressionOnset: Onset = .unknown, cocaineFirstUseAge: Double? = nil, cocaineRegularUse: Onset = .unknown,
        abstinencePeriods: [AbstinencePeriod] = [], episodeBeganDuringAbstinence: Bool? = nil,
        lowsMostlyAfterUse: Bool? = nil, usesToLiftLowMood: Bool? = nil
    ) {
        self.depressionOnset = depressionOnset
        self.cocaineFirstUseAge = cocaineFirstUseAge
        self.cocaineRegularUse = cocaineRegularUse
        self.abstinencePeriods = abstinencePeriods
        self.episodeBeganDuringAbstinence = episodeBeganDuringAbstinence
        self.lowsMostlyAfterUse = lowsMostlyAfterUse
        self.usesToLiftLowMood = usesToLiftLowMood
    }
}

/// The derived assessment (clinical-rules.md §2 output).
public struct OrderingAssessment: Sendable, Hashable, Codable {
    public enum Order: String, Sendable, Hashable, Codable, CaseIterable {
        case noDepression = "no-depression"
        case unknown
        case depressionFirst = "depression-first"
        case useFirst = "use-first"
        case sameTime = "same-time"
    }

    public enum DepressionType: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case independent
        case substanceInduced = "substance-induced"
        case undetermined
    }

    public enum Pattern: String, Sendable, Hashable, Codable, CaseIterable {
        case noDepressiveHistory = "no-depressive-history"
        case tangled
        case depressionFirst = "depression-first"
        case useFirst = "use-first"
        case undetermined
    }

    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case onsetBeforeUse = "onset-before-use"
        case onsetAfterUse = "onset-after-use"
        case onsetSameAge = "onset-same-age"
        case onsetUnknown = "onset-unknown"
        case lowMoodPersisted = "low-mood-persisted-4-weeks-abstinent"
        case lowMoodLifted = "low-mood-lifted-within-4-weeks-abstinent"
        case episodeBeganDuringAbstinence = "episode-began-during-abstinence"
        case lowsFollowUse = "lows-follow-use"
        case usesToLiftLowMood = "uses-to-lift-low-mood"
        case noAbstinenceTest = "no-abstinence-test"
        case periodTooShort = "period-too-short"
    }

    public enum Recommendation: String, Sendable, Hashable, Codable, CaseIterable {
        case treatBoth = "treat-both"
        case psychiatricEvaluation = "psychiatric-evaluation"
        case monitorMood = "monitor-mood-through-early-abstinence"
        case reassessAfterAbstinence = "reassess-after-4-weeks-abstinent"
    }

    public let order: Order
    public let depressionType: DepressionType
    public let pattern: Pattern
    /// True while no abstinence period of ≥ 4 weeks has tested independence.
    public let provisional: Bool
    public let reasons: [Reason]
    public let recommendations: [Recommendation]

    /// Weeks of abstinence that can test independence (about a month, DSM-5).
    public static let testWeeks = 4.0

    /// A result as it was recorded. The store reads results back rather than deriving them again, so a later
    /// change to the rules never rewrites what a clinician saw.
    public init(
        order: Order, depressionType: DepressionType, pattern: Pattern, provisional: Bool, reasons: [Reason],
        recommendations: [Recommendation]
    ) {
        self.order = order
        self.depressionType = depressionType
        self.pattern = pattern
        self.provisional = provisional
        self.reasons = reasons
        self.recommendations = recommendations
    }

    /// Applies the DSM-5 logic of clinical-rules.md §2 exactly as written there.
    public init(_ input: OrderingInput) {
        let useAge: Double? =
            if case .age(let regular) = input.cocaineRegularUse { regular } else { input.cocaineFirstUseAge }
        let order: Order =
            switch input.depressionOnset {
            case .never: .noDepression
            case .unknown: .unknown
            case .age(let onset):
                if let useAge {
                    onset < useAge ? .depressionFirst : onset > useAge ? .useFirst : .sameTime
                } else {
                    .unknown
                }
            }
        let testing = input.abstinencePeriods.filter { $0.weeks >= Self.testWeeks }
        let persisted = testing.contains {
            $0.lowMoodAtStart != false && ($0.lowMoodPersistedWeeks ?? -1) >= Self.testWeeks
        }
        let lifted = testing.contains {
            $0.lowMoodAtStart == true && ($0.lowMoodPersistedWeeks.map { $0 < Self.testWeeks } ?? false)
        }
        let episodeInAbstinence = input.episodeBeganDuringAbstinence == true
        let lowsFollowUse = input.lowsMostlyAfterUse == true
        let independentEvidence = order == .depressionFirst || persisted || episodeInAbstinence
        let inducedEvidence = lifted || lowsFollowUse

        let type: DepressionType
        if order == .noDepression {
            type = .none
        } else if persisted || episodeInAbstinence || (order == .depressionFirst && !lifted) {
            type = .independent
        } else if lifted || ((order == .useFirst || order == .sameTime) && lowsFollowUse) {
            type = .substanceInduced
        } else {
            type = .undetermined
        }

        let pattern: Pattern =
            switch order {
            case .noDepression: .noDepressiveHistory
            case _ where (independentEvidence && inducedEvidence) || order == .sameTime: .tangled
            case .depressionFirst: .depressionFirst
            case .useFirst: .useFirst
            default: .undetermined
            }

        var reasons: [Reason] = []
        switch order {
        case .depressionFirst: reasons.append(.onsetBeforeUse)
        case .useFirst: reasons.append(.onsetAfterUse)
        case .sameTime: reasons.append(.onsetSameAge)
        case .unknown: reasons.append(.onsetUnknown)
        case .noDepression: break
        }
        if persisted { reasons.append(.lowMoodPersisted) }
        if lifted { reasons.append(.lowMoodLifted) }
        if episodeInAbstinence { reasons.append(.episodeBeganDuringAbstinence) }
        if lowsFollowUse { reasons.append(.lowsFollowUse) }
        if input.usesToLiftLowMood == true { reasons.append(.usesToLiftLowMood) }
        let provisional = testing.isEmpty
        if provisional { reasons.append(.noAbstinenceTest) }
        if input.abstinencePeriods.contains(where: { $0.weeks < Self.testWeeks }) { reasons.append(.periodTooShort) }

        var recommendations: [Recommendation] = []
        if order == .noDepression {
            // Crash lows still come in early abstinence even without a depressive history.
            recommendations.append(.monitorMood)
        } else {
            recommendations.append(.treatBoth)
        }
        if type == .independent { recommendations.append(.psychiatricEvaluation) }
        if (type == .substanceInduced || type == .undetermined) && !recommendations.contains(.monitorMood) {
            recommendations.append(.monitorMood)
        }
        if provisional { recommendations.append(.reassessAfterAbstinence) }

        self.order = order
        self.depressionType = type
        self.pattern = pattern
        self.provisional = provisional
        self.reasons = reasons
        self.recommendations = recommendations
    }
}

extension OrderingInput {
    /// Re-evaluation from data (§2): when the check-ins show low mood persisting through `abstinentDays` of
    /// abstinence (the `persistent-low-mood-in-abstinence` flag), propose recording that stretch as an
    /// abstinence period whose low mood persisted. The clinician confirms before it is saved.
    public func proposingPersistentLowMood(abstinentDays: Int) -> OrderingInput {
        var proposal = self
        let weeks = Double(abstinentDays / 7)
        proposal.abstinencePeriods.append(
            AbstinencePeriod(weeks: weeks, lowMoodAtStart: true, lowMoodPersistedWeeks: weeks))
        return proposal
    }
}

/// §2 re-evaluation from data, as Braid proposes it to the clinician: the check-ins raise
/// `persistent-low-mood-in-abstinence` while the recorded ordering result does not yet call the depression
/// independent. With a recorded interview the proposal is that interview plus the abstinence stretch (and the
/// result it would give); without one, the proposal is to do the interview. The clinician confirms; nothing is
/// changed automatically.
public struct OrderingReevaluation: Sendable, Hashable {
    public let abstinentDays: Int
    public let proposedInput: OrderingInput?
    public let proposedResult: OrderingAssessment?

    /// `nil` when the flag is not raised, or the latest recorded result is already independent.
    public init?(analysis: CheckInAnalysis, latest: OrderingInput?) {
        guard analysis.hasFlag(.persistentLowMoodInAbstinence) else { return nil }
        if let latest, OrderingAssessment(latest).depressionType == .independent { return nil }
        abstinentDays = analysis.use.currentAbstinenceDays
        proposedInput = latest?.proposingPersistentLowMood(abstinentDays: abstinentDays)
        proposedResult = proposedInput.map(OrderingAssessment.init)
    }
}
