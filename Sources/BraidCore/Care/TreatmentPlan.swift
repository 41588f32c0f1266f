import Foundation

// The integrated treatment plan of clinical-rules.md §7: one plan, one team, both tracks. Problems are derived from
// data (the clinician accepts, edits or dismisses each), goals have measurable targets tied to a data source and
// their progress is computed, never typed, and interventions come from the modality catalog with honest evidence.

/// The problems a plan can hold (§7).
public enum ProblemKind: String, Sendable, Hashable, Codable, CaseIterable {
    case stimulantUseDisorder = "stimulant-use-disorder"
    case depression
    case anxiety
    case trauma
    case sleep
    case suicideRisk = "suicide-risk"

    public var title: String {
        switch self {
        case .stimulantUseDisorder: "Stimulant (cocaine) use disorder"
        case .depression: "Depressive disorder"
        case .anxiety: "Anxiety"
        case .trauma: "Trauma (probable PTSD)"
        case .sleep: "Sleep"
        case .suicideRisk: "Suicide risk"
        }
    }
}

/// The data a plan is derived from: the latest result of each instrument, the ordering result, sleep, enjoyment
/// and any suicide-risk signal.
public struct PlanEvidence: Sendable, Hashable {
    public var stimulantSUD: ScoreResult?
    public var depressionType: OrderingAssessment.DepressionType?
    public var phq9: ScoreResult?
    /// PHQ-9 item 3 (sleep) of the latest PHQ-9.
    public var phq9SleepItem: Int?
    public var gad7: ScoreResult?
    public var pcl5: ScoreResult?
    /// Mean sleep of the last 14 rated days.
    public var meanSleepHours: Double?
    /// Mean enjoyment of the last 14 days that rated it.
    public var meanEnjoyment: Double?
    /// Any suicide-risk signal: a safety "yes" in 14 days, PHQ-9 item 9 > 0, a positive ASQ or a C-SSRS above none in
    /// the last 30 days, or an open safety alert.
    public var suicideRisk: Bool

    public init(
        stimulantSUD: ScoreResult? = nil, depressionType: OrderingAssessment.DepressionType? = nil,
        phq9: ScoreResult? = nil,
        phq9SleepItem: Int? = nil, gad7: ScoreResult? = nil, pcl5: ScoreResult? = nil, meanSleepHours: Double? = nil,
        meanEnjoyment: Double? = nil, suicideRisk: Bool = false
    ) {
        self.stimulantSUD = stimulantSUD
        self.depressionType = depressionType
        self.phq9 = phq9
        self.phq9SleepItem = phq9SleepItem
        self.gad7 = gad7
        self.pcl5 = pcl5
        self.meanSleepHours = meanSleepHours
        self.meanEnjoyment = meanEnjoyment
        self.suicideRisk = suicideRisk
    }
}

extension PlanEvidence {
    /// The evidence from stored data as of `today`: the latest result of each instrument (and the latest PHQ-9's
    /// sleep item), the latest ordering result, the mean sleep and enjoyment of the last 14 days, and any safety
    /// alert open or opened in the last 30 days (every suicide-risk signal opens one, §8).
    public static func from(
        assessments: [StoredAssessment], checkIns: [StoredCheckIn], alerts: [SafetyAlert], today: CalendarDate,
        now: Date
    ) -> PlanEvidence {
        let dated = assessments.filter { $0.date <= today }
        func latest(_ id: Instrument.ID) -> (answers: [Int?], result: ScoreResult)? {
            dated.last { $0.content.scoreResult?.instrument == id }.flatMap { assessment in
                if case .instrument(let answers, let result) = assessment.content { (answers, result) } else { nil }
            }
        }
        var evidence = PlanEvidence()
        evidence.stimulantSUD = latest(.stimulantSUD)?.result
        let phq9 = latest(.phq9)
        evidence.phq9 = phq9?.result
        evidence.phq9SleepItem = phq9.flatMap { $0.answers.count > 2 ? $0.answers[2] : nil }
        evidence.gad7 = latest(.gad7)?.result
        evidence.pcl5 = latest(.pcl5)?.result
        for assessment in dated.reversed() {
            if case .ordering(_, let result) = assessment.content {
                evidence.depressionType = result.depressionType
                break
            }
        }
        let recent = checkIns.filter { $0.date > today.adding(days: -14) && $0.date <= today }
        let sleep = recent.map(\.values.sleepHours)
        evidence.meanSleepHours = sleep.isEmpty ? nil : sleep.reduce(0, +) / Double(sleep.count)
        let enjoyment = recent.compactMap(\.values.enjoyment).map(Double.init)
        evidence.meanEnjoyment = enjoyment.isEmpty ? nil : enjoyment.reduce(0, +) / Double(enjoyment.count)
        let cutoff = now.addingTimeInterval(-30 * 86_400)
        evidence.suicideRisk = alerts.contains { $0.acknowledgedAt == nil || $0.openedAt >= cutoff }
        return evidence
    }
}

/// A problem as derived from data, before the clinician's review.
public struct DerivedProblem: Sendable, Hashable {
    public let kind: ProblemKind
    /// ICD-10-CM, where the data support one.
    public let icd10: String?
    public let snomed: String?
    /// Provisional while the data cannot settle it (an undetermined depression type, a screen rather than a
    /// diagnosis).
    public let provisional: Bool
    /// Why it was derived, in plain words.
    public let because: String
    /// The modalities the data suggest for it (§7 suggestions).
    public let suggested: [Modality]
}

public enum PlanDerivation {
    /// The problems the data point to, in a fixed order, each with its codes and suggested modalities.
    public static func problems(from evidence: PlanEvidence) -> [DerivedProblem] {
        var problems: [DerivedProblem] = []
        let sudSeverity = evidence.stimulantSUD?.severity
        let hasSUD = sudSeverity.map { [.mild, .moderate, .severe].contains($0) } ?? false
        if let sud = evidence.stimulantSUD, hasSUD {
            let mild = sud.severity == .mild
            problems.append(
                DerivedProblem(
                    kind: .stimulantUseDisorder, icd10: mild ? "F14.10" : "F14.20",
                    snomed: mild ? "78267003" : "31956009", provisional: false,
                    because: "DSM-5 criteria met: \(sud.total ?? 0) (\(sud.severity.rawValue))",
                    suggested: [.contingencyManagement, .cbt, .relapsePrevention]))
        }
        let phq9Total = evidence.phq9?.total
        let depressed = (phq9Total ?? 0) >= 10 || [.independent, .substanceInduced].contains(evidence.depressionType)
        if depressed {
            let type = evidence.depressionType ?? .undetermined
            let code: String
            var provisional = false
            switch type {
            case .independent:
                switch evidence.phq9?.severity {
                case .mild?: code = "F32.0"
                case .moderate?: code = "F32.1"
                case .moderatelySevere?, .severe?: code = "F32.2"
                default: code = "F32.A"
                }
            case .substanceInduced:
                code = !hasSUD ? "F14.94" : sudSeverity == .mild ? "F14.14" : "F14.24"
            default:
                code = "F32.A"
                provisional = true
            }
            var suggested: [Modality] = []
            if (phq9Total ?? 0) >= 10 || (evidence.meanEnjoyment.map { $0 <= 3 } ?? false) {
                suggested.append(.behavioralActivation)
            }
            if (phq9Total ?? 0) >= 10 && type != .substanceInduced { suggested.append(.psychiatricCare) }
            problems.append(
                DerivedProblem(
                    kind: .depression, icd10: code, snomed: "370143000", provisional: provisional,
                    because: "Depression type: \(type.rawValue)"
                        + (phq9Total.map { "; latest PHQ-9 \($0) (\(evidence.phq9?.severity.rawValue ?? ""))" } ?? ""),
                    suggested: suggested.isEmpty ? [.behavioralActivation] : suggested))
        } else if let enjoyment = evidence.meanEnjoyment, enjoyment <= 3 {
            problems.append(
                DerivedProblem(
                    kind: .depression, icd10: "F32.A", snomed: "370143000", provisional: true,
                    because: "Enjoyment averaging \(Int(enjoyment.rounded())) of 10 (anhedonia)",
                    suggested: [.behavioralActivation]))
        }
        if let gad7 = evidence.gad7?.total, gad7 >= 10 {
            problems.append(
                DerivedProblem(
                    kind: .anxiety, icd10: "F41.9", snomed: nil, provisional: true, because: "GAD-7 \(gad7)",
                    suggested: [.psychiatricCare, .cbt]))
        }
        if let pcl5 = evidence.pcl5, pcl5.severity == .probablePTSD {
            problems.append(
                DerivedProblem(
                    kind: .trauma, icd10: "F43.10", snomed: nil, provisional: true,
                    because: "PCL-5 \(pcl5.total ?? 0): probable PTSD", suggested: [.emdr]))
        }
        let shortSleep = evidence.meanSleepHours.map { $0 < 6 } ?? false
        if shortSleep || (evidence.phq9SleepItem ?? 0) >= 2 {
            var reasons: [String] = []
            if let hours = evidence.meanSleepHours, shortSleep {
                reasons.append("sleep averaging \(String(format: "%.1f", hours)) h")
            }
            if let item = evidence.phq9SleepItem, item >= 2 { reasons.append("PHQ-9 sleep item \(item)") }
            problems.append(
                DerivedProblem(
                    kind: .sleep, icd10: nil, snomed: nil, provisional: false,
                    because: reasons.joined(separator: "; ").capitalizedFirst, suggested: [.cbt]))
        }
        if evidence.suicideRisk {
            problems.append(
                DerivedProblem(
                    kind: .suicideRisk, icd10: "R45.851", snomed: nil, provisional: false,
                    because: "A suicide-risk signal in the recent data", suggested: [.dbtSkills, .psychiatricCare]))
        }
        return problems
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
