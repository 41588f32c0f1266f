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

    /// The evidence for §7 from stored data (`PlanEvidence.from`, in BraidCore).
    func evidence(of client: ClientProfile, assessments: [StoredAssessment], checkIns: [StoredCheckIn])
        async throws -> PlanEvidence
    {
        PlanEvidence.from(
            assessments: assessments, checkIns: checkIns,
            alerts: try await store.alerts(of: [client.ref], openOnly: false), today: today, now: now)
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
        var data = GoalData(
            totals: totals,
            days: Dictionary(
                checkIns.map { ($0.date, (sleep: Optional($0.values.sleepHours), used: Optional($0.values.used))) },
                uniquingKeysWith: { $1 }),
            screens: try await store.screens(of: client.ref).map(\.screen),
            pcl5Cutoff: clinical.scoring.pcl5ProbablePTSDAt)
        data.activities = try await store.recoveryItems(.activity, of: client.ref).compactMap(\.item.activity).map {
            ($0.date, $0.done)
        }
        data.diaryDays = Set(
            try await store.recoveryItems(.diaryCard, of: client.ref).compactMap(\.item.diaryCard).flatMap {
                $0.days.map(\.date)
            })
        data.attendance = try await store.attendance(of: client.ref).map { ($0.date, $0.entry.status) }
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
