import Foundation

/// Inputs beyond the answers that some instruments use.
public struct ScoringContext: Sendable, Hashable, Codable {
    /// Stimulant use disorder: the client takes a prescribed stimulant under medical supervision, so tolerance
    /// and withdrawal (criteria 10 and 11) are not counted (DSM-5).
    public var prescribedStimulant: Bool
    /// PHQ-9: whole days since the last cocaine use when the questionnaire was taken; `nil` = unknown.
    public var daysSinceLastUse: Int?

    public init(prescribedStimulant: Bool = false, daysSinceLastUse: Int? = nil) {
        self.prescribedStimulant = prescribedStimulant
        self.daysSinceLastUse = daysSinceLastUse
    }
}

extension Instrument {
    /// Every instrument Braid scores, in the order of clinical-rules.md §1.
    public static let all: [Instrument] = Instrument.ID.allCases.map(definition)

    /// The definition of an instrument by id.
    public static func definition(_ id: ID) -> Instrument {
        switch id {
        case .phq9: PHQ9.definition
        case .phq2: PHQ2.definition
        case .gad7: GAD7.definition
        case .pcl5: PCL5.definition
        case .cssrs: CSSRS.definition
        case .asq: ASQ.definition
        case .stimulantSUD: StimulantUseDisorder.definition
        case .sds: SDS.definition
        }
    }

    /// The highest total the instrument can have (PHQ-9 27, GAD-7 21, PCL-5 80, …): the items that count, each at
    /// its highest score. The PHQ-9's 10th answer is recorded but never counted (§1.1); the C-SSRS and ASQ triage
    /// and have no total.
    public var maximumTotal: Int? {
        guard id != .cssrs && id != .asq else { return nil }
        return items.prefix(requiredItemCount).map(\.scoreRange.upperBound).reduce(0, +)
    }

    /// Accepted answer counts: the required items, up to every item (the PHQ-9's 10th is optional).
    public var answerCountRange: ClosedRange<Int> { requiredItemCount...items.count }

    /// Parses comma-separated answers in item order: whole numbers, or `x` for a missing or unasked item.
    public func parseAnswers(_ text: String) throws(ScoringError) -> [Int?] {
        let tokens = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard answerCountRange.contains(tokens.count), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .answerCount(instrument: id, allowed: answerCountRange, got: text.isEmpty ? 0 : tokens.count)
        }
        var answers: [Int?] = []
        for (item, token) in zip(items, tokens) {
            if token.lowercased() == "x" {
                answers.append(nil)
            } else if let value = Int(token) {
                answers.append(value)
            } else {
                throw .notANumber(item: item.id, text: token, allowed: item.scoreRange)
            }
        }
        return answers
    }

    /// Validates answers (count, range, skip logic, extra inputs) and scores them.
    ///
    /// - Parameter answers: scores in item order; `nil` for a missing item or one the skip logic did not ask.
    public func score(
        _ answers: [Int?], context: ScoringContext = ScoringContext(),
        configuration: ScoringConfiguration = .default
    ) throws(ScoringError) -> ScoreResult {
        let validated = try AnswerSheet(instrument: self, answers: answers, context: context)
        switch id {
        case .phq9: return PHQ9.score(validated, configuration)
        case .phq2: return PHQ2.score(validated, configuration)
        case .gad7: return GAD7.score(validated, configuration)
        case .pcl5: return PCL5.score(validated, configuration)
        case .cssrs: return CSSRS.score(validated)
        case .asq: return ASQ.score(validated)
        case .stimulantSUD: return StimulantUseDisorder.score(validated, configuration)
        case .sds: return SDS.score(validated, configuration)
        }
    }
}

// MARK: - Validated answers

/// Answers that passed validation: right count, every value on its item's scale, skip logic respected.
/// Items the skip logic did not ask are stored as `nil`.
struct AnswerSheet: Sendable {
    let instrument: Instrument
    let answers: [Int?]
    let context: ScoringContext

    init(instrument: Instrument, answers: [Int?], context: ScoringContext) throws(ScoringError) {
        guard instrument.answerCountRange.contains(answers.count) else {
            throw .answerCount(instrument: instrument.id, allowed: instrument.answerCountRange, got: answers.count)
        }
        for (item, answer) in zip(instrument.items, answers) {
            if let answer, !item.scoreRange.contains(answer) {
                throw .outOfRange(item: item.id, value: answer, allowed: item.scoreRange)
            }
        }
        if !instrument.allowsMissingAnswers {
            // Screens are triaged from every question they always ask: a blank could hide risk.
            for (item, answer) in zip(instrument.items, answers) where item.askedWhen == nil && answer == nil {
                throw .required(item: item.id, allowed: item.scoreRange)
            }
        }
        var normalized = answers
        for (index, item) in instrument.items.enumerated() where index < answers.count {
            guard let condition = item.askedWhen else { continue }
            let asked = condition.anyYesOf.contains { id in
                instrument.items.firstIndex { $0.id == id }.flatMap { answers[$0] } == 1
            }
            if asked {
                if answers[index] == nil { throw .requiredWhen(item: item.id, condition: condition.description) }
            } else {
                if let answer = answers[index], answer != 0 {
                    throw .askedOnlyWhen(item: item.id, condition: condition.description)
                }
                normalized[index] = nil
            }
        }
        if context.prescribedStimulant && instrument.id != .stimulantSUD {
            throw .notApplicable(input: "prescribedStimulant", instrument: instrument.id, appliesTo: .stimulantSUD)
        }
        if let days = context.daysSinceLastUse {
            guard instrument.id == .phq9 else {
                throw .notApplicable(input: "daysSinceLastUse", instrument: instrument.id, appliesTo: .phq9)
            }
            guard days >= 0 else { throw .invalidInput(input: "daysSinceLastUse", message: "\(days) is below 0") }
        }
        self.instrument = instrument
        self.answers = normalized
        self.context = context
    }

    /// The answer to the item at a 1-based position, `nil` when missing, unasked or not given.
    subscript(position: Int) -> Int? { position <= answers.count ? answers[position - 1] : nil }

    /// Item scores in order, for the result. Optional items that were not given are left out.
    var itemScores: [ItemScore] {
        zip(instrument.items, answers).map { ItemScore(id: $0.id, score: $1) }
    }
}

// MARK: - Proration

/// A total over a run of items, prorated when a few are missing.
struct ProratedTotal: Equatable {
    let total: Int?
    let prorated: Bool

    /// Sums the answers; with 1…`maxMissing` missing, scales the sum to the full item count, rounding half up
    /// (round(sum × n / answered)); with more missing the total is unknown.
    init(_ answers: [Int?], maxMissing: Int) {
        let answered = answers.compactMap { $0 }
        let missing = answers.count - answered.count
        let sum = answered.reduce(0, +)
        if missing == 0 {
            total = sum
            prorated = false
        } else if missing <= maxMissing && !answered.isEmpty {
            // Integer round-half-up of sum × n / answered: floor((2 · sum · n + answered) / (2 · answered)).
            total = (2 * sum * answers.count + answered.count) / (2 * answered.count)
            prorated = true
        } else {
            total = nil
            prorated = false
        }
    }
}
