import BraidCore
import BraidStore
import Foundation
import Logging

/// Every clinical entry a person makes through the app (check-ins, assessments of any instrument of §1 or the
/// ordering interview of §2, urine screens, safety and relapse-prevention plans, alert acknowledgements): the one path the API and the
/// web forms both take, so validation, scoring, safety alerts and auditing cannot drift apart. It takes plain values (store, actor, program, now), never a request, so the CLI and tests use it
/// as they are. Input is the API's JSON body; errors are `APIError`s naming the field. The rules (who may enter
/// what, which dates) are BraidCore's; the write and its effects go through `BraidRepository.commit`.
struct ClinicalEntry: Sendable {
    let store: BraidRepository
    let actor: Actor
    let program: ProgramContext
    let door: WriteDoor
    let requestID: String?
    let now: Date
    /// Where an opened alert is noted (its id only: the log never carries what was answered).
    let logger: Logger

    var today: CalendarDate { program.today(now: now) }

    /// Validates, scores and stores one assessment; a risk signal opens an alert in the same transaction.
    func recordAssessment(_ body: JSONValue, for client: ClientRef) async throws -> CommittedWrite {
        let reader = try JSONObjectReader(
            body, allowedKeys: ["instrument", "answers", "date", "prescribedStimulant", "daysSinceLastUse", "input"])
        let kind = try reader.word("instrument", allowed: Instrument.ID.allCases.map(\.rawValue) + ["ordering"])
        let content: AssessmentContent
        let date: CalendarDate
        if kind == "ordering" {
            try permit(.orderingInterview)
            date = try entryDate(reader)
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
            guard let id = Instrument.ID(rawValue: kind) else { throw APIError.from(StoreError.corrupt("instrument")) }
            try permit(.instrument(id))
            date = try entryDate(reader)
            if reader.object["input"] != nil { throw APIError.validation(field: "input", "is only for ordering") }
            // Each extra input belongs to one instrument; sent with another it is a mistake, whatever its value.
            if id != .stimulantSUD && reader.object["prescribedStimulant"] != nil {
                throw APIError.validation(field: "prescribedStimulant", "is only for stimulant-sud")
            }
            if id != .phq9 && reader.object["daysSinceLastUse"] != nil {
                throw APIError.validation(field: "daysSinceLastUse", "is only for phq9")
            }
            let answers = try Self.answers(reader)
            var context = ScoringContext(prescribedStimulant: try reader.bool("prescribedStimulant") ?? false)
            if let days = try reader.number("daysSinceLastUse", in: 0...36_500).value {
                guard days == days.rounded() else {
                    throw APIError.validation(field: "daysSinceLastUse", "must be a whole number of days")
                }
                context.daysSinceLastUse = Int(days)
            } else if id == .phq9 {
                // Early abstinence (§1.1): from the last reported use on or before the assessment's date.
                context.daysSinceLastUse = try await store.lastUseDate(of: client, onOrBefore: date)?.days(to: date)
            }
            let result: ScoreResult
            do {
                result = try Instrument.definition(id).score(
                    answers, context: context, configuration: program.clinical.scoring)
            } catch {
                throw APIError.from(error)
            }
            content = .instrument(answers: answers, result: result)
        }
        return noted(try await store.commit(write(.assessment(date: date, content: content), to: client)))
    }

    /// Validates and stores one urine drug screen (care team only).
    func recordScreen(_ body: JSONValue, for client: ClientRef) async throws -> CommittedWrite {
        try permit(.urineScreen)
        let reader = try JSONObjectReader(body, allowedKeys: ["date", "result"])
        let date = try entryDate(reader)
        let result = try reader.word("result", allowed: ["positive", "negative"])
        return noted(
            try await store.commit(write(.screen(UrineScreen(date: date, positive: result == "positive")), to: client)))
    }

    /// Saves a new version of the client's safety plan or relapse-prevention plan.
    func savePlan<Section: KeptPlanSection>(_ plan: SectionedPlan<Section>, for client: ClientRef) async throws
        -> CommittedWrite
    {
        try permit(Section.entryKind)
        return noted(try await store.commit(write(Section.content(plan), to: client)))
    }

    /// Acknowledges an open alert of a client the actor may see, with a note of what was done (§8). Anything the
    /// actor may not see is "not found"; an alert already acknowledged is a conflict.
    func acknowledge(_ alertID: AlertID, note text: String) async throws -> CommittedWrite {
        guard let alert = try await store.alert(alertID, in: actor.programID),
            let client = try await store.client(alert.clientID, in: actor.programID),
            AccessPolicy.mayAccessClinicalRecord(
                of: client.id, in: client.programID, careTeam: Set(client.careTeam), actor: actor)
        else { throw APIError.notFound("alert") }
        try permit(.alertAcknowledgement)
        let note: String
        do {
            note = try SafetyRules.acknowledgementNote(text)
        } catch {
            throw APIError.validation(error)
        }
        return try await store.commit(write(.alertAcknowledgement(alertID, note: note), to: client.ref))
    }

    /// Validates a check-in's date and commits it through group commit (`CheckInWriter`, which also goes through
    /// `BraidRepository.commit`). The batch runs on `repository`, the application's, since a batch outlives the
    /// request that started it.
    func recordCheckIn(
        _ submission: CheckInSubmission, for client: ClientRef, through writer: CheckInWriter,
        on repository: BraidRepository
    ) async throws -> CommittedWrite {
        noted(try await writer.record(try checkIn(submission, for: client), repository: repository))
    }

    /// A check-in as a write, its date checked.
    private func checkIn(_ submission: CheckInSubmission, for client: ClientRef) throws -> ClinicalWrite {
        try permit(.checkIn)
        let date = submission.date ?? today
        do {
            try EntryDatePolicy.check(date, today: today, author: actor, door: door)
        } catch {
            throw APIError.validation(error)
        }
        return write(.checkIn(date: date, values: submission.values), to: client)
    }

    /// Notes an opened alert in the log, by id.
    func noted(_ committed: CommittedWrite) -> CommittedWrite {
        if let alert = committed.alert {
            logger.notice("safety alert opened", metadata: ["alert": .string(alert.id.description)])
        }
        return committed
    }

    func write(_ content: ClinicalWrite.Content, to client: ClientRef) -> ClinicalWrite {
        ClinicalWrite(content, to: client, by: actor, through: door, requestID: requestID, now: now)
    }

    private func permit(_ kind: ClinicalEntryKind) throws {
        if let refusal = AccessPolicy.refusal(of: kind, by: actor) {
            throw APIError(.forbidden, code: "forbidden", refusal)
        }
    }

    /// The body's `date` (default today), checked by `EntryDatePolicy`.
    private func entryDate(_ reader: JSONObjectReader) throws -> CalendarDate {
        let date = try reader.date("date") ?? today
        do {
            try EntryDatePolicy.check(date, today: today, author: actor, door: door)
        } catch {
            throw APIError.validation(error)
        }
        return date
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
}
