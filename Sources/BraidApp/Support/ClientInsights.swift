import BraidCore
import BraidStore
import Foundation

/// What Braid derives from a client's stored data: the §5 analysis, the latest PHQ-9 and the §6 level-of-care
/// evaluation.
struct ClientInsight: Sendable {
    let analysis: CheckInAnalysis
    let latestPHQ9: DatedScore?
    let level: LevelEvaluation
    /// The latest signed treatment plan.
    let plan: SignedPlan?
}

/// Derived client data, cached per client and keyed on the client's data version, today's date and the
/// program's configuration, so a caseload page recomputes only clients whose data changed (or when the day
/// turns, or a threshold moves).
actor ClientInsights {
    private var cache:
        [ClientID: (version: Int, today: CalendarDate, configuration: ClinicalConfiguration, insight: ClientInsight)] =
            [:]

    func insight(
        for client: ClientProfile, today: CalendarDate, repository: BraidRepository,
        configuration: ClinicalConfiguration
    ) async throws -> ClientInsight {
        if let cached = cache[client.id], cached.version == client.dataVersion, cached.today == today,
            cached.configuration == configuration
        {
            return cached.insight
        }
        let checkIns = try await repository.checkIns(of: client.ref, through: today)
        let assessments = try await repository.assessments(of: client.ref)
        let phq9 = assessments.compactMap { assessment -> DatedScore? in
            guard let result = assessment.content.scoreResult, result.instrument == .phq9, let total = result.total
            else { return nil }
            return DatedScore(date: assessment.date, total: total)
        }
        let screens = try await repository.screens(of: client.ref).map(\.screen)
        let series = CheckInSeries.asOf(today, days: checkIns.map { $0.values.day(on: $0.date) })
        let analysis = CheckInAnalysis.analyze(
            series, phq9: phq9.filter { $0.date <= today }, screens: screens, configuration: configuration)
        let evidence = LevelEvidence(
            episodes: try await repository.episodes(of: [client.ref])[client.id] ?? [],
            decisions: try await repository.levelDecisions(of: client.ref),
            factors: try await repository.levelFactors(of: client.ref), assessments: assessments,
            use: Dictionary(checkIns.map { ($0.date, $0.values.used) }, uniquingKeysWith: { $1 }))
        let insight = ClientInsight(
            analysis: analysis, latestPHQ9: phq9.last, level: evidence.evaluate(today: today),
            plan: try await repository.planVersions(of: client.ref).last)
        cache[client.id] = (client.dataVersion, today, configuration, insight)
        return insight
    }
}
