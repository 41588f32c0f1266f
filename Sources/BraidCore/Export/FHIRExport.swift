import Foundation

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

/// What the FHIR export reads about one client: plain data from the store.
public struct FHIRRecordData: Sendable {
    public let clientID: ClientID
    public let name: String
    public let assessments: [StoredAssessment]
    /// Current check-ins (not superseded).
    public let checkIns: [StoredCheckIn]
    /// The latest signed treatment plan, if any.
    public let plan: SignedPlan?
    /// The latest ordering interview's depression type; a depression Condition is provisional while undetermined.
    public let depressionType: OrderingAssessment.DepressionType?
    /// The Part 2 consents to include as Consent resources (all of them for the care team's export; only the
    /// one that permits it for a disclosure), with the day their status is read on.
    public let consents: [Part2Consent]
    public let today: CalendarDate?

    public init(
        clientID: ClientID, name: String, assessments: [StoredAssessment], checkIns: [StoredCheckIn],
        plan: SignedPlan?, depressionType: OrderingAssessment.DepressionType?, consents: [Part2Consent] = [],
        today: CalendarDate? = nil
    ) {
        self.consents = consents
        self.today = today
        self.clientID = clientID
        self.name = name
        self.assessments = assessments
        self.checkIns = checkIns
        self.plan = plan
        self.depressionType = depressionType
    }
}

/// A client's record as a FHIR R4 Bundle of type `collection` (clinical-rules.md §11, issue 13 §4): Patient,
/// a QuestionnaireResponse per instrument administered, an Observation (category survey) per total derived from
/// it, an Observation per check-in value, a Condition per plan problem, the CarePlan and its Goals, every
/// resource labelled as Part 2 data.
public enum FHIRExport {
    public static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    public static let confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
    public static let loinc = "http://loinc.org"
    public static let snomed = "http://snomed.info/sct"
    public static let icd10cm = "http://hl7.org/fhir/sid/icd-10-cm"
    /// Braid's own code system for check-in values without a LOINC code.
    public static let checkInSystem = "urn:braid:check-in"
    public static let instrumentSystem = "urn:braid:instrument"
    public static let clientSystem = "urn:braid:client"

    /// What a resource holds, for its sensitivity label.
    enum Content {
        case substanceUse, mentalHealth, both, neither
    }

    /// `meta.security`: 42 CFR Part 2, restricted, no redisclosure without consent, and SUD and/or PSY.
    static func security(_ content: Content) -> JSONValue {
        var labels: [JSONValue] = [
            coding(actCode, "42CFRPart2", "42 CFR Part2"), coding(confidentiality, "R", "restricted"),
            coding(actCode, "NORDSCLCD", "no redisclosure without consent directive"),
        ]
        if content == .substanceUse || content == .both {
            labels.append(coding(actCode, "SUD", "substance use disorder information sensitivity"))
        }
        if content == .mentalHealth || content == .both {
            labels.append(coding(actCode, "PSY", "psychiatry disorder information sensitivity"))
        }
        return .array(labels)
    }

    static func coding(_ system: String, _ code: String, _ display: String? = nil) -> JSONValue {
        var value: [String: JSONValue] = ["system": .string(system), "code": .string(code)]
        if let display { value["display"] = .string(display) }
        return .object(value)
    }

    static func concept(_ codings: [JSONValue], text: String? = nil) -> JSONValue {
        var value: [String: JSONValue] = [:]
        if !codings.isEmpty { value["coding"] = .array(codings) }
        if let text { value["text"] = .string(text) }
        return .object(value)
    }

    static func reference(_ id: UUID) -> JSONValue { ["reference": .string("urn:uuid:\(id.uuidString.lowercased())")] }

    static func instant(_ date: Date) -> JSONValue { .string(date.formatted(.iso8601)) }

    /// The canonical URL of an instrument's Questionnaire: the LOINC panel's where one exists, else Braid's.
    public static func questionnaire(_ id: Instrument.ID) -> String {
        Instrument.definition(id).panelLOINC.map { "http://loinc.org/q/\($0)" }
            ?? "urn:braid:questionnaire:\(id.rawValue)"
    }

    static func content(of instrument: Instrument.ID) -> Content {
        instrument == .stimulantSUD ? .substanceUse : .mentalHealth
    }

    /// SNOMED CT for a plan problem (by kind, and for depression and stimulant use by its ICD-10-CM code), and
    /// the ICD-10-CM code where the plan has none. Verify against the current releases before relying on them.
    static func codes(of problem: PlanProblem) -> (icd10: String, snomed: String, display: String) {
        switch problem.kind {
        case .stimulantUseDisorder:
            let code = problem.icd10 ?? "F14.20"
            return (code, code == "F14.10" ? "78267003" : "31956009", "Cocaine use disorder")
        case .depression:
            let code = problem.icd10 ?? "F32.A"
            // Major depressive disorder for an independent depression (F32.x but F32.A), else depressive disorder.
            let independent = code.hasPrefix("F32") && code != "F32.A"
            return (
                code, independent ? "370143000" : "35489007",
                independent ? "Major depressive disorder" : "Depressive disorder"
            )
        case .anxiety: return (problem.icd10 ?? "F41.9", "197480006", "Anxiety disorder")
        case .trauma: return (problem.icd10 ?? "F43.10", "47505003", "Posttraumatic stress disorder")
        case .sleep: return (problem.icd10 ?? "G47.9", "39898005", "Sleep disorder")
        case .suicideRisk: return (problem.icd10 ?? "R45.851", "6471006", "Suicidal thoughts")
        }
    }

    static func content(of kind: ProblemKind) -> Content {
        switch kind {
        case .stimulantUseDisorder: .substanceUse
        case .depression, .anxiety, .trauma, .suicideRisk: .mentalHealth
        case .sleep: .both
        }
    }

    /// The Bundle for `record`, exported at `now`.
    public static func bundle(_ record: FHIRRecordData, now: Date) -> JSONValue {
        var entries: [JSONValue] = []
        func add(_ id: UUID, _ resource: [String: JSONValue], _ content: Content) {
            // FHIR JSON has no empty arrays: a list with nothing in it is left out.
            var resource = resource.filter { $0.value != .array([]) }
            resource["id"] = .string(id.uuidString.lowercased())
            resource["meta"] = ["security": security(content)]
            entries.append([
                "fullUrl": .string("urn:uuid:\(id.uuidString.lowercased())"), "resource": .object(resource),
            ])
        }
        let patientID = record.clientID.uuid
        let patient = reference(patientID)
        add(
            patientID,
            [
                "resourceType": "Patient", "active": true,
                "identifier": [["system": .string(clientSystem), "value": .string(record.clientID.description)]],
                "name": [["text": .string(record.name)]],
            ], .neither)

        for assessment in record.assessments.sorted(by: { ($0.date, $0.recordedAt) < ($1.date, $1.recordedAt) }) {
            guard case .instrument(let answers, let result) = assessment.content else { continue }
            let definition = Instrument.definition(result.instrument)
            let items: [JSONValue] = definition.items.enumerated().compactMap { index, item in
                guard index < answers.count, let answer = answers[index] else { return nil }
                return [
                    "linkId": .string(item.id), "text": .string(item.text),
                    "answer": [["valueInteger": .number(Double(answer))]],
                ]
            }
            let response = assessment.id
            add(
                response,
                [
                    "resourceType": "QuestionnaireResponse", "status": "completed",
                    "questionnaire": .string(questionnaire(result.instrument)), "subject": patient,
                    "authored": instant(assessment.recordedAt), "item": .array(items),
                ], content(of: result.instrument))
            guard let total = result.total else { continue }
            let code =
                definition.totalLOINC.map { coding(loinc, $0, "\(definition.name) total score") }
                ?? coding(instrumentSystem, "\(result.instrument.rawValue)-total", "\(definition.name) total score")
            add(
                UUID(),
                [
                    "resourceType": "Observation", "status": "final",
                    "category": [
                        concept([
                            coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")
                        ])
                    ],
                    "code": concept([code], text: "\(definition.name) total"), "subject": patient,
                    "effectiveDateTime": .string(assessment.date.description),
                    "valueInteger": .number(Double(total)), "derivedFrom": [reference(response)],
                    "interpretation": [concept([], text: result.severity.rawValue)],
                ], content(of: result.instrument))
        }

        let survey = concept([coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")])
        for checkIn in record.checkIns.sorted(by: { $0.date < $1.date }) {
            let values = checkIn.values
            let effective = JSONValue.string(checkIn.date.description)
            let readings: [(JSONValue, String, JSONValue, Content)] = [
                (
                    coding(checkInSystem, "mood", "Mood, 0 (worst) to 10 (best)"), "valueInteger",
                    .number(Double(values.mood)), .mentalHealth
                ),
                (
                    coding(checkInSystem, "craving", "Craving for cocaine, 0 (none) to 10 (strongest)"), "valueInteger",
                    .number(Double(values.craving)), .substanceUse
                ),
                (
                    coding(loinc, "93832-4", "Sleep duration"), "valueQuantity",
                    [
                        "value": .number(values.sleepHours), "unit": "h", "system": "http://unitsofmeasure.org",
                        "code": "h",
                    ], .mentalHealth
                ),
                (
                    coding(checkInSystem, "stimulant-use", "Used cocaine or another stimulant that day"),
                    "valueBoolean",
                    .bool(values.used), .substanceUse
                ),
            ]
            for (code, key, value, content) in readings {
                add(
                    UUID(),
                    [
                        "resourceType": "Observation", "status": "final", "category": [survey],
                        "code": concept([code]), "subject": patient, "effectiveDateTime": effective, key: value,
                    ], content)
            }
        }

        for consent in record.consents.sorted(by: { $0.recordedAt < $1.recordedAt }) {
            add(consent.id, consentResource(consent, patient: patient, today: record.today), .substanceUse)
        }
        guard let plan = record.plan else {
            return bundleValue(entries, now: now)
        }
        var conditions: [ProblemKind: UUID] = [:]
        for problem in plan.keptProblems {
            let id = UUID()
            conditions[problem.kind] = id
            let codes = codes(of: problem)
            let undetermined = record.depressionType == nil || record.depressionType == .undetermined
            let provisional = problem.provisional || (problem.kind == .depression && undetermined)
            add(
                id,
                [
                    "resourceType": "Condition",
                    "clinicalStatus": concept([
                        coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")
                    ]),
                    "verificationStatus": concept([
                        coding(
                            "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                            provisional ? "provisional" : "confirmed", provisional ? "Provisional" : "Confirmed")
                    ]),
                    "category": [
                        concept([
                            coding(
                                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item",
                                "Problem List Item")
                        ])
                    ],
                    "code": concept(
                        [coding(icd10cm, codes.icd10), coding(snomed, codes.snomed, codes.display)],
                        text: problem.kind.title),
                    "subject": patient, "recordedDate": .string(plan.signedOn.description),
                ], content(of: problem.kind))
        }
        var goals: [UUID] = []
        for goal in plan.goals {
            let id = UUID()
            goals.append(id)
            var resource: [String: JSONValue] = [
                "resourceType": "Goal", "lifecycleStatus": "active",
                "description": ["text": .string(goal.target.description)], "subject": patient,
                "target": [["dueDate": .string(goal.due.description)]],
                "startDate": .string(plan.signedOn.description),
            ]
            if let condition = conditions[goal.target.problem] { resource["addresses"] = [reference(condition)] }
            add(id, resource, content(of: goal.target.problem))
        }
        add(
            UUID(),
            [
                "resourceType": "CarePlan", "status": "active", "intent": "plan",
                "title": .string("Integrated treatment plan, version \(plan.version)"), "subject": patient,
                "period": ["start": .string(plan.signedOn.description), "end": .string(plan.reviewDue.description)],
                "created": instant(plan.signedAt),
                "addresses": .array(plan.keptProblems.compactMap { conditions[$0.kind].map(reference) }),
                "goal": .array(goals.map(reference)),
            ], .both)
        return bundleValue(entries, now: now)
    }

    static func bundleValue(_ entries: [JSONValue], now: Date) -> JSONValue {
        [
            "resourceType": "Bundle", "id": .string(UUID().uuidString.lowercased()), "type": "collection",
            "timestamp": instant(now), "meta": ["security": security(.both)], "entry": .array(entries),
        ]
    }

    /// The Bundle as JSON text, keys sorted.
    public static func json(_ bundle: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(bundle), as: UTF8.self)
    }
}
