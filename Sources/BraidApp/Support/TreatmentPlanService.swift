import BraidCore
import BraidStore
import Foundation
import Vapor

/// A client's treatment plan as the chart, the API and the client's own page show it: what the data suggest now,
/// the signed versions, and each goal's progress computed from its data source.
struct TreatmentPlanView: Sendable {
    let evidence: PlanEvidence
    let derived: [DerivedProblem]
    /// Newest first.
    let versions: [SignedPlan]
    let progress: [GoalTarget: GoalProgress]
    let careTeam: [UserAccount]
    let level: LevelOfCare?
    let today: CalendarDate
    let status: EpisodeStatus

    var current: SignedPlan? { versions.first }

    /// A new goal's default due date: its week of treatment counted from the admission (PHQ-9 < 10 by week 8), or
    /// from today when that date has passed or there is no admission.
    func defaultDue(_ target: GoalTarget) -> CalendarDate {
        if case .active(let episode) = status {
            let due = episode.admittedOn.adding(days: target.defaultDueDays)
            if due > today { return due }
        }
        return today.adding(days: target.defaultDueDays)
    }

    /// No plan yet, or the review date has come.
    var reviewDue: Bool { current.map { $0.reviewDue <= today } ?? true }
}

/// The treatment-plan service: derive from stored data, sign a version. Callers have checked the care team.
struct TreatmentPlanService: Sendable {
    let store: BraidRepository
    let actor: Actor
    let today: CalendarDate
    let now: Date
    let requestID: String
    let clinical: ClinicalConfiguration

    /// The evidence for §7 from stored data: the latest result of each instrument, the ordering result, the last
    /// 14 days of sleep and enjoyment, and any safety alert opened in the last 30 days (every suicide-risk signal
    /// opens one, §8).
    func evidence(of client: ClientProfile, assessments: [StoredAssessment], checkIns: [StoredCheckIn])
        async throws -> PlanEvidence
    {
        func latest(_ id: Instrument.ID) -> (answers: [Int?], result: ScoreResult)? {
            assessments.last { $0.content.scoreResult?.instrument == id }.flatMap { assessment in
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
        for assessment in assessments.reversed() {
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
        evidence.suicideRisk = try await store.alerts(of: [client.ref], openOnly: false).contains {
            $0.acknowledgedAt == nil || $0.openedAt >= cutoff
        }
        return evidence
    }

    func view(of client: ClientProfile) async throws -> TreatmentPlanView {
        let assessments = try await store.assessments(of: client.ref)
        let checkIns = try await store.checkIns(of: client.ref, through: today)
        let evidence = try await evidence(of: client, assessments: assessments, checkIns: checkIns)
        let versions = try await store.planVersions(of: client.ref)
        let totals = Dictionary(
            grouping: assessments.compactMap { assessment -> (Instrument.ID, DatedScore)? in
                guard let result = assessment.content.scoreResult, let total = result.total else { return nil }
                return (result.instrument, DatedScore(date: assessment.date, total: total))
            }, by: \.0
        ).mapValues { $0.map(\.1) }
        let data = GoalData(
            totals: totals,
            days: Dictionary(
                checkIns.map { ($0.date, (sleep: Optional($0.values.sleepHours), used: Optional($0.values.used))) },
                uniquingKeysWith: { $1 }),
            screens: try await store.screens(of: client.ref).map(\.screen),
            pcl5Cutoff: clinical.scoring.pcl5ProbablePTSDAt)
        var progress: [GoalTarget: GoalProgress] = [:]
        for goal in versions.last?.goals ?? [] {
            progress[goal.target] = GoalRules.progress(goal.target, data: data, today: today, due: goal.due)
        }
        var team: [UserAccount] = []
        for member in client.careTeam {
            if let account = try await store.user(member), account.isActive { team.append(account) }
        }
        let levelEvidence = try await store.levelEvidence(of: client.ref, through: today)
        return TreatmentPlanView(
            evidence: evidence, derived: PlanDerivation.problems(from: evidence), versions: versions.reversed(),
            progress: progress, careTeam: team, level: levelEvidence.level(on: today)?.level, today: today,
            status: EpisodeStatus(asOf: today, episodes: levelEvidence.episodes))
    }

    /// Signs a new version of the plan, checked by `PlanRules`; its review is due 14 days on at PHP, 30 at IOP.
    func sign(_ request: PlanRequest, for client: ClientProfile) async throws -> TreatmentPlanView {
        let view = try await view(of: client)
        if case .discharged = view.status {
            throw ValidationError(
                field: "problems", "the client is discharged: readmit them to plan a new episode of care")
        }
        let problems = try request.planProblems(
            derived: view.derived, previous: view.current?.problems ?? [])
        try PlanRules.check(
            problems: problems, goals: request.goals, careTeam: Set(view.careTeam.map(\.id)),
            evidence: view.evidence, today: today)
        let episode = try await store.episodes(of: [client.ref])[client.id]?.last(where: \.isActive)
        let plan = SignedPlan(
            clientID: client.id, episodeID: episode?.id, version: (view.versions.first?.version ?? 0) + 1,
            problems: problems, goals: request.goals, signedBy: actor.userID, signedAt: now, signedOn: today,
            reviewDue: today.adding(days: GoalRules.reviewInterval(at: view.level)))
        let audit = AuditEvent(
            programID: client.programID, actorID: actor.userID, role: actor.role, action: "plan.sign",
            clientID: client.id, requestID: requestID, at: now)
        let program = client.programID
        try await store.transaction { store in
            try await store.signPlan(plan, in: program)
            try await store.appendAudit(audit)
        }
        return try await self.view(of: client)
    }
}

extension Request {
    func treatmentPlans(by actor: Actor) async throws -> TreatmentPlanService {
        let program = try await program(of: actor)
        return TreatmentPlanService(
            store: repository, actor: actor, today: program.today(now: now), now: now, requestID: requestID,
            clinical: program.clinical)
    }
}
