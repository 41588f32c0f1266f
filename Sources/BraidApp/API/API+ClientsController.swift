import BraidCore
import BraidStore
import Vapor

/// A clinician's caseload and the client record routes.
enum ClientsController {
    static func caseload(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let showText = req.query[String.self, at: "show"] ?? CaseloadShow.active.rawValue
        guard let show = CaseloadShow(rawValue: showText) else {
            throw APIError(
                .badRequest, code: "invalid-parameter", "'\(showText.prefix(40))' is not active or discharged",
                field: "show")
        }
        let program = try await req.program(of: actor)
        let configuration = program.clinical.analysis
        let today = program.today(now: req.now)
        let summaries = try await Caseload.query(on: req, for: actor, show: show).map { entry in
            let analysis = entry.insight.analysis
            let flags =
                entry.status.isInCare
                ? analysis.roundedForReport().flags + entry.flags.filter { $0.id == .stepUpRecommended } : []
            return ClientSummaryDTO(
                id: entry.client.id.description, name: entry.client.displayName,
                openAlerts: entry.openAlerts.map(AlertDTO.init),
                flags: flags.map { FlagDTO($0, configuration: configuration) },
                classification: analysis.classification.rawValue,
                latestPHQ9: entry.latestPHQ9.map {
                    PHQ9SummaryDTO(
                        date: $0.score.date.description, total: $0.score.total, severity: $0.severity.rawValue)
                },
                useDaysLast30: analysis.use.useDaysLast30, lastCheckIn: analysis.days.last?.description,
                episodeStatus: entry.status.word, level: entry.level?.rawValue,
                planReviewDue: entry.planReviewDue(today: today))
        }
        return try req.respond(CaseloadDTO(clients: summaries))
    }

    static func client(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        var team: [CareTeamMemberDTO] = []
        for member in client.careTeam {
            if let account = try await req.repository.user(member) {
                team.append(
                    CareTeamMemberDTO(id: account.id.description, name: account.name, role: account.role.rawValue))
            }
        }
        try await req.auditRead("client.read", clients: [client.id])
        return try req.respond(
            ClientDTO(
                id: client.id.description, name: client.displayName, careTeam: team, createdAt: client.createdAt,
                episodes: (try await req.repository.episodes(of: [client.ref])[client.id] ?? []).map(EpisodeDTO.init)))
    }

    static func checkIns(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let from = try req.dateQuery("from")
        let to = try req.dateQuery("to")
        let history = req.query[String.self, at: "history"]
        guard history == nil || history == "true" || history == "false" else {
            throw APIError(.badRequest, code: "invalid-parameter", "must be true or false", field: "history")
        }
        let checkIns = try await req.repository.checkIns(
            of: client.ref, from: from, through: to, includeHistory: history == "true")
        try await req.auditRead("checkins.read", clients: [client.id])
        return try req.respond(CheckInListDTO(checkIns: checkIns.map { CheckInDTO($0) }))
    }

    static func assessments(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let assessments = try await req.repository.assessments(of: client.ref)
        try await req.auditRead("assessments.read", clients: [client.id])
        return try req.respond(AssessmentListDTO(assessments: try assessments.map { try AssessmentDTO($0) }))
    }

    static func createAssessment(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let entry = try await req.clinicalEntry(by: try req.actor, through: .api)
        let committed = try await entry.recordAssessment(try await req.jsonBody(), for: client.ref)
        guard let assessment = committed.assessment else { throw APIError.from(StoreError.corrupt("assessment")) }
        return try req.respond(
            try AssessmentDTO(
                assessment, alert: committed.alert, crisis: committed.alert.map { _ in entry.program.crisisResources }),
            status: .created)
    }

    static func screens(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let screens = try await req.repository.screens(of: client.ref)
        try await req.auditRead("screens.read", clients: [client.id])
        return try req.respond(ScreenListDTO(screens: screens.map(ScreenDTO.init)))
    }

    static func createScreen(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let entry = try await req.clinicalEntry(by: try req.actor, through: .api)
        let committed = try await entry.recordScreen(try await req.jsonBody(), for: client.ref)
        guard let screen = committed.screen else { throw APIError.from(StoreError.corrupt("screen")) }
        var dto = ScreenDTO(screen)
        if !committed.ledgerLines.isEmpty { dto.ledger = committed.ledgerLines.map(ContingencyController.json) }
        dto.ledgerNote = committed.ledgerNote
        return try req.respond(dto, status: .created)
    }

    static func analysis(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let program = try await req.program(of: try req.actor)
        let insight = try await req.application.insights.insight(
            for: client, today: program.today(now: req.now), repository: req.repository,
            configuration: program.clinical)
        try await req.auditRead("analysis.read", clients: [client.id])
        return try req.respond(insight.analysis.roundedForReport())
    }
}
