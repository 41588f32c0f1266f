import Foundation

/// A validated clinical instrument: its items, answer options, codes and source.
///
/// The definition is data. Scoring reads item positions and option scores, never item wording, so editing
/// wording (or loading licensed wording as configuration) can never change a score.
public struct Instrument: Sendable, Hashable, Identifiable {
    /// Stable instrument ids, used in the CLI, the API and stored results.
    public enum ID: String, Sendable, Hashable, Codable, CaseIterable {
        case phq9
        case phq2
        case gad7
        case pcl5
        case cssrs
        case asq
        case stimulantSUD = "stimulant-sud"
        case sds
    }

    /// Who answers the instrument.
    public enum Administration: String, Sendable, Hashable, Codable {
        case selfReport = "self-report"
        case clinician
    }

    public let id: ID
    public let name: String
    /// Period the questions ask about, e.g. "past 2 weeks".
    public let timeframe: String
    /// The question stem shown before the items, where one exists.
    public let instructions: String
    public let administration: Administration
    /// Published source of the instrument and of its cut-offs.
    public let source: String
    /// Attribution or licensing note that must accompany the items.
    public let attribution: String
    /// Whether `Item.text` is the published wording (true) or a topic summary (false, wording licensed).
    public let reproducesWording: Bool
    public let items: [Item]
    /// Number of leading items every answer list must cover (as a score or `x`); later items are optional.
    public let requiredItemCount: Int
    /// Whether an item may be left blank (scored with proration or as incomplete). Screens that triage risk
    /// (C-SSRS, ASQ) need every question they ask.
    public let allowsMissingAnswers: Bool
    /// Codes for the instrument as a whole (panel) and for its total score, where published.
    public let panelLOINC: String?
    public let totalLOINC: String?

    /// All answer scores any item allows, as a closed range (used in listings).
    public var answerRange: ClosedRange<Int> {
        let scores = items.flatMap { $0.options.map(\.score) }
        return (scores.min() ?? 0)...(scores.max() ?? 0)
    }

    /// The item with the given id, if the instrument has it.
    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
}

/// One question of an instrument.
public struct Item: Sendable, Hashable {
    public let id: String
    /// 1-based position of the item in answer order.
    public let position: Int
    /// Published wording, or a topic summary when `Instrument.reproducesWording` is false.
    public let text: String
    public let options: [AnswerOption]
    public let loinc: String?
    /// Skip logic: the item is asked only when this condition holds.
    public let askedWhen: SkipCondition?

    public init(
        id: String, position: Int, text: String, options: [AnswerOption], loinc: String? = nil,
        askedWhen: SkipCondition? = nil
    ) {
        self.id = id
        self.position = position
        self.text = text
        self.options = options
        self.loinc = loinc
        self.askedWhen = askedWhen
    }

    /// Lowest to highest allowed score.
    public var scoreRange: ClosedRange<Int> {
        (options.map(\.score).min() ?? 0)...(options.map(\.score).max() ?? 0)
    }
}

/// One answer option with its score.
public struct AnswerOption: Sendable, Hashable {
    public let score: Int
    public let label: String

    public init(_ score: Int, _ label: String) {
        self.score = score
        self.label = label
    }
}

/// When a skip-logic item is asked: only when at least one of the named yes/no items was answered yes.
public struct SkipCondition: Sendable, Hashable {
    public let anyYesOf: [String]
    /// Plain description used in error messages, e.g. "q2 is yes".
    public let description: String

    public init(anyYesOf: [String], description: String) {
        self.anyYesOf = anyYesOf
        self.description = description
    }
}

// MARK: - Shared answer scales

extension AnswerOption {
    /// PHQ-9, PHQ-2 and GAD-7 frequency scale (Kroenke 2001; Spitzer 2006).
    static let frequency: [AnswerOption] = [
        AnswerOption(0, "Not at all"), AnswerOption(1, "Several days"),
        AnswerOption(2, "More than half the days"), AnswerOption(3, "Nearly every day"),
    ]

    static let yesNo: [AnswerOption] = [AnswerOption(0, "No"), AnswerOption(1, "Yes")]
}

extension Instrument {
    /// Builds items `prefix.1 … prefix.n` (or with `idStyle` names) sharing one answer scale.
    static func items(
        prefix: String, texts: [String], options: [AnswerOption], loinc: [String]? = nil
    ) -> [Item] {
        texts.enumerated().map { index, text in
            Item(
                id: "\(prefix).\(index + 1)", position: index + 1, text: text, options: options,
                loinc: loinc?[index])
        }
    }
}
