import Foundation

// A plan's problems, goals and signed versions (§7), the checks before signing, and the request that signs one.

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
