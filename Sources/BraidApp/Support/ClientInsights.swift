import BraidCore
import BraidStore
import Foundation

/// What Braid derives from a client's stored data: the §5 analysis and the latest PHQ-9.
struct ClientInsight: Sendable {
    let analysis: CheckInAnalysis
    let latestPHQ9: DatedScore?
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
        let phq9 = try await repository.phq9Totals(of: client.ref)
        let screens = try await repository.screens(of: client.ref).map(\.screen)
        let series = CheckInSeries.asOf(today, days: checkIns.map { $0.values.day(on: $0.date) })
        let analysis = CheckInAnalysis.analyze(
            series, phq9: phq9.filter { $0.date <= today }, screens: screens, configuration: configuration)
        let insight = ClientInsight(analysis: analysis, latestPHQ9: phq9.last)
        cache[client.id] = (client.dataVersion, today, configuration, insight)
        return insight
    }
}
