import Foundation

/// The public self-check "Are the two linked?" (issue 5): the early questions of clinical-rules.md §2 in plain words
/// plus the PHQ-2. Nothing is stored; the result is the pattern with its client sentences, what to do next,
/// and whether to show crisis resources prominently.
public struct SelfCheckAnswers: Sendable, Hashable {
    public enum YesNoUnsure: String, Sendable, Hashable, CaseIterable {
        case yes, no, unsure
    }

    /// What happened to low mood in the longest stretch of 4 weeks or more without cocaine.
    public enum MoodInBreak: String, Sendable, Hashable, CaseIterable {
        /// No such stretch since use became regular.
        case noBreak = "no-break"
        case stayedLow = "stayed-low"
        case lifted
        case wasNotLow = "was-not-low"
    }

    /// Ever two weeks or more of feeling down or losing interest most days; `nil` = not answered.
    public var everDepressed: YesNoUnsure?
    public var depressionAge: Int?
    public var firstUseAge: Int?
    /// Age when use became weekly or more; `nil` when it never did or is not answered.
    public var regularUseAge: Int?
    public var moodInBreak: MoodInBreak?
    public var lowsAfterUse: YesNoUnsure?
    public var usesToLiftMood: YesNoUnsure?
    /// PHQ-2 items 1 (interest) and 2 (down, depressed, hopeless), 0–3 each.
    public var phq2: [Int?]

    public init(
        everDepressed: YesNoUnsure? = nil, depressionAge: Int? = nil, firstUseAge: Int? = nil,
        regularUseAge: Int? = nil, moodInBreak: MoodInBreak? = nil, lowsAfterUse: YesNoUnsure? = nil,
        usesToLiftMood: YesNoUnsure? = nil, phq2: [Int?] = [nil, nil]
    ) {
        self.everDepressed = everDepressed
        self.depressionAge = depressionAge
        self.firstUseAge = firstUseAge
        self.regularUseAge = regularUseAge
        self.moodInBreak = moodInBreak
        self.lowsAfterUse = lowsAfterUse
        self.usesToLiftMood = usesToLiftMood
        self.phq2 = phq2
    }

    /// The ordering input these answers stand for. "Not sure" is unknown (absent), never a guess.
    public var orderingInput: OrderingInput {
        let onset: OrderingInput.Onset =
            switch everDepressed {
            case .no?: .never
            case .yes?: depressionAge.map { .age(Double($0)) } ?? .unknown
            default: .unknown
            }
        var periods: [OrderingInput.AbstinencePeriod] = []
        switch moodInBreak {
        case .stayedLow?: periods.append(.init(weeks: 4, lowMoodAtStart: true, lowMoodPersistedWeeks: 4))
        case .lifted?: periods.append(.init(weeks: 4, lowMoodAtStart: true, lowMoodPersistedWeeks: 1))
        case .wasNotLow?: periods.append(.init(weeks: 4, lowMoodAtStart: false, lowMoodPersistedWeeks: 0))
        case .noBreak?, nil: break
        }
        return OrderingInput(
            depressionOnset: onset, cocaineFirstUseAge: firstUseAge.map(Double.init),
            cocaineRegularUse: regularUseAge.map { .age(Double($0)) } ?? .unknown, abstinencePeriods: periods,
            lowsMostlyAfterUse: lowsAfterUse.map { $0 == .yes }, usesToLiftLowMood: usesToLiftMood.map { $0 == .yes })
    }

    /// Checks ages (5–120, regular use not before first use) and PHQ-2 answers; errors name the field.
    public func validate() throws(ValidationError) {
        for (field, age) in [
            ("depressionAge", depressionAge), ("firstUseAge", firstUseAge), ("regularUseAge", regularUseAge),
        ] {
            if let age, !(5...120).contains(age) {
                throw ValidationError(field: field, "\(age) is out of range 5…120")
            }
        }
        if let first = firstUseAge, let regular = regularUseAge, regular < first {
            throw ValidationError(field: "regularUseAge", "\(regular) is before the age of first use (\(first))")
        }
        for (index, answer) in phq2.enumerated() {
            if let answer, !(0...3).contains(answer) {
                throw ValidationError(field: "phq2.\(index + 1)", "\(answer) is out of range 0…3")
            }
        }
    }
}

/// What the self-check shows.
public struct SelfCheckResult: Sendable, Hashable {
    public let assessment: OrderingAssessment
    public let phq2: ScoreResult?
    /// Plain sentences for the person, in order: the pattern, its reasons, then what to do next.
    public let sentences: [String]
    public let nextSteps: [String]
    /// Feeling down, depressed or hopeless on at least several days: put the crisis line first.
    public let showCrisisResources: Bool

    public static func evaluate(_ answers: SelfCheckAnswers) throws(ValidationError) -> SelfCheckResult {
        try answers.validate()
        let assessment = OrderingAssessment(answers.orderingInput)
        let phq2 =
            answers.phq2.allSatisfy({ $0 != nil })
            ? try? Instrument.definition(.phq2).score(answers.phq2) : nil
        var sentences = [patternSentence(assessment.pattern)]
        sentences += assessment.reasons.filter { $0 != .noAbstinenceTest && $0 != .periodTooShort }.map(
            \.explanation.client)
        var steps = assessment.recommendations.map(\.explanation.client)
        if phq2?.severity == .positive {
            steps.insert(
                "Your answers about the last two weeks suggest depression is likely: a full check (PHQ-9) with a "
                    + "clinician is the next step.", at: 0)
        }
        steps.append(
            "Programs that treat both together (intensive outpatient or partial hospitalization) do not require you "
                + "to stop first. SAMHSA's helpline, 1-800-662-4357, is free and open 24/7.")
        return SelfCheckResult(
            assessment: assessment, phq2: phq2, sentences: sentences, nextSteps: steps,
            showCrisisResources: (answers.phq2.count > 1 ? answers.phq2[1] ?? 0 : 0) >= 1)
    }

    public static func patternSentence(_ pattern: OrderingAssessment.Pattern) -> String {
        switch pattern {
        case .tangled:
            "Your low mood and your cocaine use look tangled: each seems to feed the other. That is common, and "
                + "it is why good programs treat both at once."
        case .depressionFirst:
            "Your low mood seems to have come first; cocaine may have become a way to cope with it. Both need care."
        case .useFirst:
            "Your low mood seems to have come after cocaine use became regular; some of it may be the crash. Both "
                + "need care."
        case .noDepressiveHistory:
            "You haven't had a long low period, but crash lows after cocaine are still common; keep an eye on them."
        case .undetermined:
            "It isn't clear yet which came first, and that's fine: treatment doesn't need to wait for the answer."
        }
    }
}
