import Foundation

/// Severity or triage label of a scored instrument. Raw values are the stable ids of clinical-rules.md §1.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    // PHQ-9, GAD-7 bands; also stimulant use disorder severity.
    case minimal, mild, moderate, severe
    case moderatelySevere = "moderately-severe"
    /// Too many items missing to score.
    case incomplete
    // C-SSRS triage; `none` is also the stimulant use disorder result below 2 criteria.
    case none, low, high
    // PHQ-2 screen and ASQ.
    case negative, positive
    case acutePositive = "acute-positive"
    case nonAcutePositive = "non-acute-positive"
    // PCL-5.
    case belowThreshold = "below-threshold"
    case probablePTSD = "probable-ptsd"
    // SDS.
    case belowCutoff = "below-cutoff"
    case aboveCutoff = "above-cutoff"
}

/// A flag raised by scoring. Raw values are the stable ids of clinical-rules.md §1.
public enum ScoreFlag: String, Sendable, Hashable, Codable, CaseIterable {
    /// PHQ-9 item 9 > 0, C-SSRS above none, ASQ positive: must open a care-team alert (§8).
    case suicideRisk = "suicide-risk"
    /// C-SSRS high or ASQ acute-positive: the alert is an emergency (§8).
    case acuteSuicideRisk = "acute-suicide-risk"
    case item9Unanswered = "item9-unanswered"
    case prorated
    case earlyAbstinence = "early-abstinence"
    case positiveScreen = "positive-screen"
    case probablePTSD = "probable-ptsd"
    case dsm5Pattern = "dsm5-pattern"
    case toleranceWithdrawalExcluded = "tolerance-withdrawal-excluded"
    case likelyDependence = "likely-dependence"

    /// True for flags that are a suicide-risk signal in the sense of clinical-rules.md §8.
    public var isSuicideRiskSignal: Bool { self == .suicideRisk || self == .acuteSuicideRisk }
}

/// Standard codes attached to a result. Only the systems that apply are present.
public struct ResultCodes: Sendable, Hashable, Codable {
    public var loinc: String?
    public var icd10cm: String?
    public var snomed: String?

    public init(loinc: String? = nil, icd10cm: String? = nil, snomed: String? = nil) {
        self.loinc = loinc
        self.icd10cm = icd10cm
        self.snomed = snomed
    }
}

/// The answer recorded for one item: `nil` score means missing or not asked.
public struct ItemScore: Sendable, Hashable, Codable {
    public let id: String
    public let score: Int?

    public init(id: String, score: Int?) {
        self.id = id
        self.score = score
    }

    enum CodingKeys: String, CodingKey { case id, score }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(score, forKey: .score)  // explicit null: the item was not answered
    }
}

/// The scored result of one administration of an instrument (the `braid score` JSON of clinical-rules.md §1.7).
public struct ScoreResult: Sendable, Hashable, Codable {
    public let instrument: Instrument.ID
    /// Total score, prorated where allowed; `nil` when the instrument has no total or too much is missing.
    public let total: Int?
    public let severity: Severity
    public let flags: [ScoreFlag]
    public let items: [ItemScore]
    public let codes: ResultCodes
    /// Named sub-totals where the instrument defines them (PCL-5 clusters B–E), from answered items.
    public let subscales: [String: Int]?

    public init(
        instrument: Instrument.ID, total: Int?, severity: Severity, flags: [ScoreFlag], items: [ItemScore],
        codes: ResultCodes, subscales: [String: Int]? = nil
    ) {
        self.instrument = instrument
        self.total = total
        self.severity = severity
        self.flags = flags
        self.items = items
        self.codes = codes
        self.subscales = subscales
    }

    /// Whether the result carries any suicide-risk signal (clinical-rules.md §8).
    public var hasSuicideRiskSignal: Bool { flags.contains { $0.isSuicideRiskSignal } }

    /// The recorded score of an item, by id.
    public func score(of itemID: String) -> Int? { items.first { $0.id == itemID }?.score }

    enum CodingKeys: String, CodingKey { case instrument, total, severity, flags, items, codes, subscales }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instrument, forKey: .instrument)
        try container.encode(total, forKey: .total)  // explicit null: no total for this result
        try container.encode(severity, forKey: .severity)
        try container.encode(flags, forKey: .flags)
        try container.encode(items, forKey: .items)
        try container.encode(codes, forKey: .codes)
        try container.encodeIfPresent(subscales, forKey: .subscales)
    }
}
