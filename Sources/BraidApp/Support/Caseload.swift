import BraidCore
import BraidStore
import Vapor

/// One client on a caseload with what the team needs first.
struct CaseloadEntry: Sendable {
    let client: ClientProfile
    let openAlerts: [SafetyAlert]
    let insight: ClientInsight
    /// The latest PHQ-9 with its severity under the program's configured bands.
    let latestPHQ9: (score: DatedScore, severity: Severity)?
    /// Where the client stands in its episodes of care.
    let status: EpisodeStatus

    /// The caseload flags: the analysis flags and `step-up-recommended` (§6); none once discharged (check-ins are
    /// kept, and a safety answer still opens an alert).
    var flags: [AnalysisFlag] {
        guard status.isInCare else { return [] }
        let level = insight.level
        guard level.stepUpRecommended, level.current != nil else { return insight.analysis.flags }
        return insight.analysis.flags + [
            AnalysisFlag(.stepUpRecommended, ["rulesHolding": Double(level.recommendation.rules.count)])
        ]
    }

    /// A plan review is due: no signed plan yet, or its review date has come (clients in care only).
    func planReviewDue(today: CalendarDate) -> Bool {
        status.isInCare && (insight.plan.map { $0.reviewDue <= today } ?? true)
    }

    /// The current level (nil before admission); none shown once discharged.
    var level: LevelOfCare? { status.isInCare ? insight.level.current?.level : nil }
}

/// The caseload query shared by the API (`GET /api/v1/clients`) and the caseload page.
enum Caseload {
    /// The actor's caseload (`show`: the clients in care, or the discharged ones), most urgent first
    /// (`CaseloadPriority`), then by name. Audits the read.
    static func query(on req: Request, for actor: Actor, show: CaseloadShow = .active) async throws -> [CaseloadEntry] {
        let everyone = try await req.repository.caseload(of: actor.userID, in: actor.programID)
        let open = Dictionary(grouping: try await req.repository.alerts(of: everyone.map(\.ref), openOnly: true)) {
            $0.clientID
        }
        let episodes = try await req.repository.episodes(of: everyone.map(\.ref))
        let statuses = Dictionary(
            uniqueKeysWithValues: everyone.map { ($0.id, EpisodeStatus(episodes: episodes[$0.id] ?? [])) })
        let clients = everyone.filter {
            show.includes(statuses[$0.id] ?? .notAdmitted, openAlerts: open[$0.id]?.count ?? 0)
        }
        let program = try await req.program(of: actor)
        let today = program.today(now: req.now)
        let configuration = program.clinical
        var entries: [CaseloadEntry] = []
        for client in clients {
            let insight = try await req.application.insights.insight(
                for: client, today: today, repository: req.repository, configuration: configuration)
            entries.append(
                CaseloadEntry(
                    client: client, openAlerts: open[client.id] ?? [], insight: insight,
                    latestPHQ9: insight.latestPHQ9.map {
                        ($0, configuration.scoring.phq9Bands.severity(for: $0.total))
                    },
                    status: statuses[client.id] ?? .notAdmitted))
        }
        try await req.auditRead("caseload.read", clients: clients.map(\.id), by: actor)
        // Each entry's priority once (its flags are built on demand), then the sort.
        let ranked = entries.map {
            (entry: $0, priority: CaseloadPriority(openAlerts: $0.openAlerts, flagCount: $0.flags.count))
        }
        return ranked.sorted {
            ($0.priority, $0.entry.client.displayName) < ($1.priority, $1.entry.client.displayName)
        }.map(\.entry)
    }
}
