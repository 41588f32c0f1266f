import BraidCore
import BraidStore
import Vapor

/// Entering assessments (any instrument of §1, or the ordering interview of §2) and urine screens: the one path
/// the API and the clinician's web forms both take, so validation, scoring, safety alerts and auditing cannot
/// drift apart. Input is the API's JSON body; errors are `APIError`s naming the field.
enum ClinicalEntry {
    /// Instruments a client may submit about themself; the rest are administered by the care team.
    static let selfReport: Set<Instrument.ID> = [.phq9, .phq2, .gad7, .pcl5, .asq, .sds]

    /// Validates, scores and stores one assessment; a risk signal opens an alert in the same transaction.
    static func recordAssessment(
        _ body: JSONValue, for client: ClientProfile, by actor: Actor, on req: Request
    ) async throws -> (assessment: StoredAssessment, alert: SafetyAlert?) {
        let reader = try JSONObjectReader(
            body, allowedKeys: ["instrument", "answers", "date", "prescribedStimulant", "daysSinceLastUse", "input"])
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
            let result: ScoreResult
            do {
                result = try instrument.score(answers, context: context, configuration: req.braid.clinical.scoring)
            } catch {
                throw APIError.from(error)
            }
            content = .instrument(answers: answers, result: result)
        }
        let (assessment, alert) = try await req.repository.recordAssessment(
            content, on: date, for: client, by: actor, requestID: req.requestID, now: req.now)
        if let alert {
            req.logger.notice("safety alert opened", metadata: ["alert": .string(alert.id.description)])
        }
        return (assessment, alert)
    }

    /// Validates and stores one urine drug screen (care team only).
    static func recordScreen(
        _ body: JSONValue, for client: ClientProfile, by actor: Actor, on req: Request
    ) async throws -> StoredScreen {
        guard actor.role != .client else {
            throw APIError(.forbidden, code: "forbidden", "urine screens are recorded by your care team")
        }
        let reader = try JSONObjectReader(body, allowedKeys: ["date", "result"])
        let date = try reader.date("date") ?? req.today
        guard date <= req.today else { throw APIError.validation(field: "date", "\(date) is in the future") }
        let result = try reader.string("result", maximumLength: 20)
        guard result == "positive" || result == "negative" else {
            throw APIError.validation(field: "result", "'\(result)' is not positive or negative")
        }
        return try await req.repository.recordScreen(
            UrineScreen(date: date, positive: result == "positive"), for: client, by: actor,
            requestID: req.requestID, now: req.now)
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
}
