import BraidCore
import BraidStore
import Vapor

/// A clinician's caseload and the client record routes.
enum ClientsController {
    /// Instruments a client may submit about themself; the rest are administered by the care team.
    static let selfReport: Set<Instrument.ID> = [.phq9, .phq2, .gad7, .pcl5, .asq, .sds]

    static func caseload(_ req: Request) async throws -> Response {
        let actor = try req.requireStaff()
        let summaries = try await Caseload.query(on: req, for: actor).map { entry in
            let analysis = entry.insight.analysis
            return ClientSummaryDTO(
                id: entry.client.id.description, name: entry.client.displayName,
                openAlerts: entry.openAlerts.map(AlertDTO.init), flags: analysis.roundedForReport().flags,
                classification: analysis.classification.rawValue,
                latestPHQ9: entry.latestPHQ9.map {
                    PHQ9SummaryDTO(
                        date: $0.score.date.description, total: $0.score.total, severity: $0.severity.rawValue)
                },
                useDaysLast30: analysis.use.useDaysLast30, lastCheckIn: analysis.days.last?.description)
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
            ClientDTO(id: client.id.description, name: client.displayName, careTeam: team, createdAt: client.createdAt))
    }

    static func checkIns(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let from = try req.dateQuery("from")
        let to = try req.dateQuery("to")
        if let from, let to, from > to { throw APIError.validation(field: "from", "\(from) is after to (\(to))") }
        let history = req.query[String.self, at: "history"]
        guard history == nil || history == "true" || history == "false" else {
            throw APIError(.badRequest, code: "invalid-parameter", "must be true or false", field: "history")
        }
        let checkIns = try await req.repository.checkIns(
            of: client.id, from: from, through: to, includeHistory: history == "true")
        try await req.auditRead("checkins.read", clients: [client.id])
        return try req.respond(CheckInListDTO(checkIns: checkIns.map { CheckInDTO($0) }))
    }

    static func assessments(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let assessments = try await req.repository.assessments(of: client.id)
        try await req.auditRead("assessments.read", clients: [client.id])
        return try req.respond(AssessmentListDTO(assessments: try assessments.map { try AssessmentDTO($0) }))
    }

    static func createAssessment(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        let reader = try JSONObjectReader(
            try await req.jsonBody(),
            allowedKeys: ["instrument", "answers", "date", "prescribedStimulant", "daysSinceLastUse", "input"])
        let kind = try reader.string("instrument", maximumLength: 40)
        let date = try reader.date("date") ?? req.today
        guard date <= req.today else { throw APIError.validation(field: "date", "\(date) is in the future") }
        let content: AssessmentContent
        if kind == "ordering" {
            guard actor.role != .client else {
                throw APIError(.forbidden, code: "forbidden", "the ordering interview is done with your care team")
            }
            for key in ["answers", "prescribedStimulant", "daysSinceLastUse"] where reader.object[key] != nil {
                throw APIError.validation(field: key, "is not used by the ordering interview (send input)")
            }
            guard let input = reader.object["input"] else {
                throw APIError.validation(field: "input", "is required for the ordering interview")
            }
            let parsed: OrderingInput
            do {
                parsed = try OrderingInput(json: input)
            } catch {
                throw APIError.validation(field: "input." + error.field, error.message)
            }
            content = .ordering(input: parsed, result: OrderingAssessment(parsed))
        } else {
            guard let id = Instrument.ID(rawValue: kind) else {
                let allowed = (Instrument.ID.allCases.map(\.rawValue) + ["ordering"]).joined(separator: ", ")
                throw APIError.validation(field: "instrument", "'\(kind)' is not an instrument (allowed: \(allowed))")
            }
            if actor.role == .client && !selfReport.contains(id) {
                throw APIError(.forbidden, code: "forbidden", "\(kind) is administered by your care team")
            }
            if reader.object["input"] != nil { throw APIError.validation(field: "input", "is only for ordering") }
            let answers = try Self.answers(reader)
            var context = ScoringContext(prescribedStimulant: try reader.bool("prescribedStimulant") ?? false)
            if let days = try reader.number("daysSinceLastUse", in: 0...36_500).value {
                context.daysSinceLastUse = Int(days)
            } else if id == .phq9 {
                context.daysSinceLastUse = try await Self.daysSinceLastUse(client, before: date, req)
            }
            let instrument = Instrument.definition(id)
            let result = try instrument.score(answers, context: context, configuration: req.braid.clinical.scoring)
            content = .instrument(answers: answers, result: result)
        }
        let (assessment, alert) = try await req.repository.recordAssessment(
            content, on: date, for: client, by: actor, requestID: req.requestID, now: req.now)
        if let alert {
            req.logger.notice("safety alert opened", metadata: ["alert": .string(alert.id.description)])
        }
        return try req.respond(
            try AssessmentDTO(
                assessment, alert: alert,
                crisis: alert == nil ? nil : try await req.crisisResources(for: client.programID)), status: .created)
    }

    /// `answers`: a list of whole numbers, `null` for a missing or unasked item.
    static func answers(_ reader: JSONObjectReader) throws -> [Int?] {
        guard let value = reader.object["answers"] else {
            throw APIError.validation(field: "answers", "is required (a list of numbers in item order, null = missing)")
        }
        guard case .array(let items) = value else {
            throw APIError.validation(field: "answers", "must be a list of numbers in item order (null = missing)")
        }
        return try items.enumerated().map { index, item -> Int? in
            switch item {
            case .null: return nil
            case .number(let number) where number == number.rounded() && abs(number) < 1_000: return Int(number)
            default: throw APIError.validation(field: "answers[\(index)]", "must be a whole number or null")
            }
        }
    }

    /// Days from the last recorded use to the assessment date, from stored check-ins (PHQ-9 early abstinence).
    static func daysSinceLastUse(_ client: ClientProfile, before date: CalendarDate, _ req: Request) async throws
        -> Int?
    {
        let checkIns = try await req.repository.checkIns(of: client.id, through: date)
        return checkIns.last { $0.values.used }.map { $0.date.days(to: date) }
    }

    static func screens(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let screens = try await req.repository.screens(of: client.id)
        try await req.auditRead("screens.read", clients: [client.id])
        return try req.respond(ScreenListDTO(screens: screens.map(ScreenDTO.init)))
    }

    static func createScreen(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let client = try await req.accessibleClient()
        guard actor.role != .client else {
            throw APIError(.forbidden, code: "forbidden", "urine screens are recorded by your care team")
        }
        let reader = try JSONObjectReader(try await req.jsonBody(), allowedKeys: ["date", "result"])
        let date = try reader.date("date") ?? req.today
        guard date <= req.today else { throw APIError.validation(field: "date", "\(date) is in the future") }
        let result = try reader.string("result", maximumLength: 20)
        guard result == "positive" || result == "negative" else {
            throw APIError.validation(field: "result", "'\(result)' is not positive or negative")
        }
        let screen = try await req.repository.recordScreen(
            UrineScreen(date: date, positive: result == "positive"), for: client, by: actor,
            requestID: req.requestID, now: req.now)
        return try req.respond(ScreenDTO(screen), status: .created)
    }

    static func analysis(_ req: Request) async throws -> Response {
        let client = try await req.accessibleClient()
        let insight = try await req.application.insights.insight(
            for: client, today: req.today, repository: req.repository, configuration: req.braid.clinical)
        try await req.auditRead("analysis.read", clients: [client.id])
        return try req.respond(insight.analysis.roundedForReport())
    }
}
