import Foundation

// The integrated treatment plan of clinical-rules.md §7: one plan, one team, both tracks. Problems are derived from
// data (the clinician accepts, edits or dismisses each), goals have measurable targets tied to a data source and
// their progress is computed, never typed, and interventions come from the modality catalog with honest evidence.

/// A modality of the §7 catalog.
public enum Modality: String, Sendable, Hashable, Codable, CaseIterable {
    case cbt
    case contingencyManagement = "contingency-management"
    case dbtSkills = "dbt-skills"
    case psychiatricCare = "psychiatric-care"
    case relapsePrevention = "relapse-prevention"
    case behavioralActivation = "behavioral-activation"
    case emdr
    case somaticExperiencing = "somatic-experiencing"
    case neurofeedback
    case breathworkPEMF = "breathwork-pemf"

    public enum Group: String, Sendable, Hashable, Codable {
        case clinical
        case bodyBased = "body-based"
    }

    public var name: String {
        switch self {
        case .cbt: "Cognitive behavioral therapy (CBT)"
        case .contingencyManagement: "Contingency management (CM)"
        case .dbtSkills: "DBT skills"
        case .psychiatricCare: "Psychiatric care"
        case .relapsePrevention: "Relapse prevention"
        case .behavioralActivation: "Behavioral activation"
        case .emdr: "EMDR"
        case .somaticExperiencing: "Somatic experiencing"
        case .neurofeedback: "Neurofeedback"
        case .breathworkPEMF: "Breathwork / PEMF"
        }
    }

    public var group: Group {
        switch self {
        case .emdr, .somaticExperiencing, .neurofeedback, .breathworkPEMF: .bodyBased
        default: .clinical
        }
    }

    /// What it targets.
    public var targets: String {
        switch self {
        case .cbt: "use, triggers, thoughts"
        case .contingencyManagement: "use"
        case .dbtSkills: "distress, emotion regulation"
        case .psychiatricCare: "mood, medication"
        case .relapsePrevention: "use"
        case .behavioralActivation: "mood, anhedonia"
        case .emdr: "trauma"
        case .somaticExperiencing: "trauma, arousal"
        case .neurofeedback: "arousal, craving"
        case .breathworkPEMF: "arousal"
        }
    }

    public var indication: String {
        switch self {
        case .cbt: "all with stimulant use disorder"
        case .contingencyManagement: "all with stimulant use disorder (standard of care, ASAM/AAAP 2024)"
        case .dbtSkills: "emotion dysregulation, self-harm or suicide urges, any suicide risk"
        case .psychiatricCare:
            "PHQ-9 ≥ 10 with independent or undetermined depression, GAD-7 ≥ 10, any suicide risk"
        case .relapsePrevention: "all"
        case .behavioralActivation: "PHQ-9 ≥ 10 or enjoyment ≤ 3"
        case .emdr: "PCL-5 probable PTSD or reported trauma"
        case .somaticExperiencing, .neurofeedback, .breathworkPEMF: "optional adjunct"
        }
    }

    /// The evidence for stimulant-use outcomes, stated honestly (§7).
    public var evidence: String {
        switch self {
        case .cbt: "moderate"
        case .contingencyManagement: "strongest"
        case .dbtSkills: "low (cocaine), moderate (dysregulation)"
        case .psychiatricCare:
            "antidepressants help depression modestly (Nunes & Levin 2004, ES 0.38), not cocaine use; no FDA-approved "
                + "medication for cocaine use disorder"
        case .relapsePrevention: "moderate"
        case .behavioralActivation: "moderate (depression)"
        case .emdr: "strong for PTSD, low for use outcomes"
        case .somaticExperiencing: "very low"
        case .neurofeedback: "low"
        case .breathworkPEMF: "very low"
        }
    }

    /// An optional adjunct: never a problem's only intervention, never in place of CM, CBT or medical care.
    public var isAdjunct: Bool { [.somaticExperiencing, .neurofeedback, .breathworkPEMF].contains(self) }
}

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

// MARK: - Goals

/// The measurable targets a goal can have, each tied to a data source (§7).
public enum GoalTarget: String, Sendable, Hashable, Codable, CaseIterable {
    case phq9Below10 = "phq9-below-10"
    case phq9Below5 = "phq9-below-5"
    case gad7Below10 = "gad7-below-10"
    case pcl5BelowThreshold = "pcl5-below-threshold"
    case abstinent21DaysConfirmed = "abstinent-21-days-confirmed"
    case sleep65On5Of7 = "sleep-6.5h-5-of-7"
    case checkIns6Of7 = "check-ins-6-of-7"

    public var description: String {
        switch self {
        case .phq9Below10: "PHQ-9 below 10"
        case .phq9Below5: "PHQ-9 below 5"
        case .gad7Below10: "GAD-7 below 10"
        case .pcl5BelowThreshold: "PCL-5 below the probable-PTSD cut-off"
        case .abstinent21DaysConfirmed: "21 consecutive days without use, confirmed by negative screens"
        case .sleep65On5Of7: "Sleep of 6.5 h or more on 5 of the last 7 nights"
        case .checkIns6Of7: "Check-ins on 6 of the last 7 days"
        }
    }

    /// The problem a target belongs to.
    public var problem: ProblemKind {
        switch self {
        case .phq9Below10, .phq9Below5: .depression
        case .gad7Below10: .anxiety
        case .pcl5BelowThreshold: .trauma
        case .abstinent21DaysConfirmed, .checkIns6Of7: .stimulantUseDisorder
        case .sleep65On5Of7: .sleep
        }
    }

    /// The default due date, in days after the episode began (§7: PHQ-9 < 10 by week 8, < 5 by week 12).
    public var defaultDueDays: Int {
        switch self {
        case .phq9Below10: 56
        case .phq9Below5: 84
        case .gad7Below10, .pcl5BelowThreshold: 84
        case .abstinent21DaysConfirmed: 56
        case .sleep65On5Of7, .checkIns6Of7: 28
        }
    }
}

/// Progress of a goal, computed from its data source, never typed.
public enum GoalProgress: String, Sendable, Hashable, Codable {
    case met
    case onTrack = "on-track"
    case notMet = "not-met"
    case noData = "no-data"
}

/// What goal progress is computed from: dated totals, the check-in days, and the urine screens.
public struct GoalData: Sendable {
    public let totals: [Instrument.ID: [DatedScore]]
    /// Day → (sleep hours, used), for current check-ins.
    public let days: [CalendarDate: (sleep: Double?, used: Bool?)]
    public let screens: [UrineScreen]
    public let pcl5Cutoff: Int

    public init(
        totals: [Instrument.ID: [DatedScore]], days: [CalendarDate: (sleep: Double?, used: Bool?)],
        screens: [UrineScreen], pcl5Cutoff: Int = ScoringConfiguration.default.pcl5ProbablePTSDAt
    ) {
        self.totals = totals
        self.days = days
        self.screens = screens
        self.pcl5Cutoff = pcl5Cutoff
    }
}

public enum GoalRules {
    /// Progress of `target` as of `today`, due on `due`.
    ///
    /// - met: the target holds now (on the latest data);
    /// - no data: nothing to judge from (no total, no check-in in the window);
    /// - on track: not yet met and the due date not passed, and: a total at or below the first one; a streak that
    ///   can still reach 21 days by the due date; a weekly count within one day of its target;
    /// - not met: the due date passed without it, or moving away from it.
    public static func progress(_ target: GoalTarget, data: GoalData, today: CalendarDate, due: CalendarDate)
        -> GoalProgress
    {
        func score(_ id: Instrument.ID, below limit: Int) -> GoalProgress {
            let totals = (data.totals[id] ?? []).filter { $0.date <= today }
            guard let latest = totals.last else { return .noData }
            if latest.total < limit { return .met }
            if today > due { return .notMet }
            return latest.total <= totals[0].total ? .onTrack : .notMet
        }
        switch target {
        case .phq9Below10: return score(.phq9, below: 10)
        case .phq9Below5: return score(.phq9, below: 5)
        case .gad7Below10: return score(.gad7, below: 10)
        case .pcl5BelowThreshold: return score(.pcl5, below: data.pcl5Cutoff)
        case .abstinent21DaysConfirmed:
            let streak = confirmedAbstinence(data: data, today: today)
            guard let streak else { return .noData }
            if streak >= 21 { return .met }
            return today.days(to: due) >= 21 - streak ? .onTrack : .notMet
        case .sleep65On5Of7, .checkIns6Of7:
            let week = (0..<7).map { today.adding(days: -$0) }
            let rated = week.compactMap { data.days[$0] }
            guard !rated.isEmpty else { return .noData }
            let count =
                target == .checkIns6Of7
                ? rated.count : rated.filter { ($0.sleep ?? 0) >= 6.5 }.count
            let needed = target == .checkIns6Of7 ? 6 : 5
            if count >= needed { return .met }
            if today > due { return .notMet }
            // Within one day of the target this week counts as on track.
            return count >= needed - 1 ? .onTrack : .notMet
        }
    }

    /// Consecutive days without use ending today (a day with use or a positive screen breaks the streak; a
    /// positive screen also marks the 3 days before it), counted only when at least one negative screen falls
    /// inside the streak; `nil` with no check-in at all.
    public static func confirmedAbstinence(data: GoalData, today: CalendarDate) -> Int? {
        guard !data.days.isEmpty else { return nil }
        let positives = data.screens.filter { $0.positive && $0.date <= today }.map(\.date)
        func clean(_ day: CalendarDate) -> Bool {
            if data.days[day]?.used == true { return false }
            return !positives.contains { day <= $0 && $0.days(to: day) >= -3 }
        }
        var streak = 0
        var day = today
        let first = data.days.keys.min() ?? today
        while day >= first, clean(day) {
            streak += 1
            day = day.adding(days: -1)
        }
        let start = today.adding(days: -(streak - 1))
        let confirmed = data.screens.contains { !$0.positive && $0.date >= start && $0.date <= today }
        return confirmed ? streak : 0
    }

    /// Review every 14 days at PHP, 30 at IOP (and outpatient).
    public static func reviewInterval(at level: LevelOfCare?) -> Int { level == .php ? 14 : 30 }
}

// MARK: - Plans

/// The clinician's review of a derived problem.
public enum ProblemDecision: String, Sendable, Hashable, Codable, CaseIterable {
    case accepted, edited, dismissed
}

/// One problem as it stands in a plan version.
public struct PlanProblem: Sendable, Hashable, Codable {
    public var kind: ProblemKind
    public var decision: ProblemDecision
    /// The clinician's wording when edited; the derived title otherwise.
    public var statement: String
    public var icd10: String?
    public var provisional: Bool
    /// Required when edited or dismissed.
    public var reason: String?
    public var interventions: [Modality]

    public init(
        kind: ProblemKind, decision: ProblemDecision, statement: String, icd10: String?, provisional: Bool,
        reason: String?, interventions: [Modality]
    ) {
        self.kind = kind
        self.decision = decision
        self.statement = statement
        self.icd10 = icd10
        self.provisional = provisional
        self.reason = reason
        self.interventions = interventions
    }
}

/// A goal as it stands in a plan version.
public struct PlanGoal: Sendable, Hashable, Codable {
    public var target: GoalTarget
    public var due: CalendarDate
    public var owner: UserID

    public init(target: GoalTarget, due: CalendarDate, owner: UserID) {
        self.target = target
        self.due = due
        self.owner = owner
    }
}

public enum PlanRules {
    /// Checks a plan before it is signed: every kept problem has at least one intervention, never only adjuncts;
    /// an adjunct is never offered in place of CM and CBT for a stimulant use disorder, nor in place of psychiatric
    /// care where it is indicated (depression of independent or undetermined type with PHQ-9 ≥ 10, anxiety, suicide
    /// risk); edits and dismissals have a reason; goals belong to kept problems, have an owner on the care team and
    /// are due after `today`.
    public static func check(
        problems: [PlanProblem], goals: [PlanGoal], careTeam: Set<UserID>, evidence: PlanEvidence,
        today: CalendarDate
    ) throws(ValidationError) {
        guard problems.contains(where: { $0.decision != .dismissed }) else {
            throw ValidationError(field: "problems", "a plan keeps at least one problem")
        }
        for problem in problems {
            let field = "problems.\(problem.kind.rawValue)"
            if problem.decision != .accepted {
                let reason = problem.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                guard reason.count >= 3 else {
                    throw ValidationError(
                        field: "\(field).reason", "an \(problem.decision.rawValue) problem needs a reason")
                }
            }
            guard problem.decision != .dismissed else { continue }
            guard !problem.interventions.isEmpty else {
                throw ValidationError(field: "\(field).interventions", "choose at least one intervention")
            }
            let core = problem.interventions.filter { !$0.isAdjunct }
            guard !core.isEmpty else {
                throw ValidationError(
                    field: "\(field).interventions",
                    "an adjunct (somatic experiencing, neurofeedback, breathwork/PEMF) is never a problem's only "
                        + "intervention")
            }
            let hasAdjunct = problem.interventions.contains(where: \.isAdjunct)
            if hasAdjunct && problem.kind == .stimulantUseDisorder
                && !(problem.interventions.contains(.contingencyManagement) && problem.interventions.contains(.cbt))
            {
                throw ValidationError(
                    field: "\(field).interventions",
                    "an adjunct is never offered in place of contingency management and CBT")
            }
            if hasAdjunct && psychiatricCareIndicated(for: problem.kind, evidence: evidence)
                && !problem.interventions.contains(.psychiatricCare)
            {
                throw ValidationError(
                    field: "\(field).interventions",
                    "an adjunct is never offered in place of medically indicated care: add psychiatric care")
            }
        }
        let kept = Set(problems.filter { $0.decision != .dismissed }.map(\.kind))
        for goal in goals {
            let field = "goals.\(goal.target.rawValue)"
            guard kept.contains(goal.target.problem) else {
                throw ValidationError(
                    field: field, "belongs to the \(goal.target.problem.rawValue) problem, not in the plan")
            }
            guard careTeam.contains(goal.owner) else {
                throw ValidationError(field: "\(field).owner", "the owner must be on the care team")
            }
            guard goal.due > today else { throw ValidationError(field: "\(field).due", "must be after today") }
        }
    }

    /// Where §7 indicates psychiatric care for a problem.
    public static func psychiatricCareIndicated(for kind: ProblemKind, evidence: PlanEvidence) -> Bool {
        switch kind {
        case .depression:
            (evidence.phq9?.total ?? 0) >= 10 && evidence.depressionType != .substanceInduced
        case .anxiety: (evidence.gad7?.total ?? 0) >= 10
        case .suicideRisk: true
        default: false
        }
    }
}

/// A signed version of a client's plan. Each review signs a new version; none is overwritten.
public struct SignedPlan: Sendable, Hashable {
    public let clientID: ClientID
    public let episodeID: EpisodeID?
    public let version: Int
    public let problems: [PlanProblem]
    public let goals: [PlanGoal]
    public let signedBy: UserID
    public let signedAt: Date
    public let signedOn: CalendarDate
    /// The next review: 14 days after signing at PHP, 30 at IOP.
    public let reviewDue: CalendarDate

    public init(
        clientID: ClientID, episodeID: EpisodeID?, version: Int, problems: [PlanProblem], goals: [PlanGoal],
        signedBy: UserID, signedAt: Date, signedOn: CalendarDate, reviewDue: CalendarDate
    ) {
        self.clientID = clientID
        self.episodeID = episodeID
        self.version = version
        self.problems = problems
        self.goals = goals
        self.signedBy = signedBy
        self.signedAt = signedAt
        self.signedOn = signedOn
        self.reviewDue = reviewDue
    }

    /// The problems the plan works on (dismissed ones are kept in the version, not shown as work).
    public var keptProblems: [PlanProblem] { problems.filter { $0.decision != .dismissed } }
}

/// How a plan's problem reads to the client on the phone: plain words, no codes.
extension ProblemKind {
    public var plainWords: String {
        switch self {
        case .stimulantUseDisorder: "Cutting out cocaine, and staying safe while you do"
        case .depression: "Lifting low mood and getting enjoyment back"
        case .anxiety: "Easing worry and tension"
        case .trauma: "Healing from what happened to you, at your pace"
        case .sleep: "Sleeping better"
        case .suicideRisk: "Staying safe when things feel hopeless"
        }
    }
}

extension GoalProgress {
    public var plainWords: String {
        switch self {
        case .met: "Reached"
        case .onTrack: "On track"
        case .notMet: "Not there yet"
        case .noData: "Not enough check-ins or scores yet"
        }
    }
}

/// A plan to sign, as the API and the chart's builder send it:
/// `{"problems": [{"kind", "decision", "statement"?, "reason"?, "interventions": [ids]}],
///   "goals": [{"target", "due", "owner"}]}`.
public struct PlanRequest: Sendable, Hashable {
    public struct Problem: Sendable, Hashable {
        public let kind: ProblemKind
        public let decision: ProblemDecision
        public let statement: String?
        public let reason: String?
        public let interventions: [Modality]
    }

    public let problems: [Problem]
    public let goals: [PlanGoal]

    public static let maximumTextLength = 500

    public init(json: JSONValue) throws(ValidationError) {
        let reader = try JSONObjectReader(json, allowedKeys: ["problems", "goals"])
        var problems: [Problem] = []
        for (index, value) in try reader.array("problems").enumerated() {
            let item = try JSONObjectReader(
                value, path: "problems[\(index)]",
                allowedKeys: ["kind", "decision", "statement", "reason", "interventions"])
            let kind: ProblemKind = try item.word("kind", among: ProblemKind.allCases)
            guard !problems.contains(where: { $0.kind == kind }) else {
                throw ValidationError(field: item.field("kind"), "\(kind.rawValue) is listed twice")
            }
            let decision: ProblemDecision = try item.word("decision", among: ProblemDecision.allCases)
            var interventions: [Modality] = []
            for (position, entry) in try item.array("interventions").enumerated() {
                guard case .string(let text) = entry, let modality = Modality(rawValue: text) else {
                    throw ValidationError(
                        field: item.field("interventions[\(position)]"),
                        "must be one of " + Modality.allCases.map(\.rawValue).joined(separator: ", "))
                }
                if !interventions.contains(modality) { interventions.append(modality) }
            }
            problems.append(
                Problem(
                    kind: kind, decision: decision, statement: try Self.text(item, "statement"),
                    reason: try Self.text(item, "reason"), interventions: interventions))
        }
        var goals: [PlanGoal] = []
        for (index, value) in try reader.array("goals").enumerated() {
            let item = try JSONObjectReader(value, path: "goals[\(index)]", allowedKeys: ["target", "due", "owner"])
            let target: GoalTarget = try item.word("target", among: GoalTarget.allCases)
            guard !goals.contains(where: { $0.target == target }) else {
                throw ValidationError(field: item.field("target"), "\(target.rawValue) is listed twice")
            }
            guard case .string(let dueText)? = item.object["due"], let due = CalendarDate(iso: dueText) else {
                throw ValidationError(field: item.field("due"), "is required: a date (YYYY-MM-DD)")
            }
            guard case .string(let ownerText)? = item.object["owner"], let owner = UserID(ownerText) else {
                throw ValidationError(field: item.field("owner"), "is required: the id of a care-team member")
            }
            goals.append(PlanGoal(target: target, due: due, owner: owner))
        }
        self.problems = problems
        self.goals = goals
    }

    static func text(_ reader: JSONObjectReader, _ key: String) throws(ValidationError) -> String? {
        switch reader.object[key] {
        case nil: return nil
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= maximumTextLength else {
                throw ValidationError(field: reader.field(key), "must be at most \(maximumTextLength) characters")
            }
            return trimmed.isEmpty ? nil : trimmed
        default: throw ValidationError(field: reader.field(key), "must be text")
        }
    }

    /// The plan's problems: each requested one with the derived codes (or, for one no longer derived, those of
    /// the previous version); an edited problem needs its new statement.
    public func planProblems(derived: [DerivedProblem], previous: [PlanProblem]) throws(ValidationError)
        -> [PlanProblem]
    {
        // The clinician decides on each derived problem (accept, edit or dismiss): none is dropped silently.
        let missing = derived.map(\.kind).filter { kind in !problems.contains { $0.kind == kind } }
        if !missing.isEmpty {
            throw ValidationError(
                field: "problems",
                "accept, edit or dismiss every problem the data suggest; missing: "
                    + missing.map(\.rawValue).joined(separator: ", "))
        }
        var result: [PlanProblem] = []
        for (index, problem) in problems.enumerated() {
            let source = derived.first { $0.kind == problem.kind }
            let before = previous.first { $0.kind == problem.kind }
            if problem.decision == .edited && problem.statement == nil {
                throw ValidationError(field: "problems[\(index)].statement", "an edited problem needs its wording")
            }
            result.append(
                PlanProblem(
                    kind: problem.kind, decision: problem.decision,
                    statement: problem.decision == .edited
                        ? problem.statement ?? problem.kind.title : before?.statement ?? problem.kind.title,
                    icd10: source?.icd10 ?? before?.icd10,
                    provisional: source?.provisional ?? before?.provisional ?? true,
                    reason: problem.reason, interventions: problem.interventions))
        }
        return result
    }
}
