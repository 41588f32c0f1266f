import BraidCore
import Foundation

// MARK: - Assessments: every instrument of clinical-rules.md §1 and the ordering interview of §2

extension APIContract {
    static var assessments: [String: JSONValue] {
        let kinds = Instrument.ID.allCases.map(\.rawValue) + ["ordering"]
        return [
            "AssessmentRequest": JSONSchema.oneOf(
                Instrument.all.map(assessmentRequest) + [
                    JSONSchema.object(
                        [
                            "instrument": JSONSchema.constant(.string("ordering")),
                            "date": dated("The interview's date (default today): not after today."),
                            "input": JSONSchema.ref("OrderingInput"),
                        ], required: ["instrument", "input"])
                ]),
            "Assessment": JSONSchema.object(
                [
                    "id": JSONSchema.uuid, "clientId": JSONSchema.uuid, "instrument": JSONSchema.enumeration(kinds),
                    "date": JSONSchema.date, "recordedAt": JSONSchema.instant,
                    "answers": JSONSchema.anyOf([
                        JSONSchema.array(JSONSchema.nullable(JSONSchema.integer())), JSONSchema.ref("OrderingInput"),
                    ]),
                    "result": JSONSchema.anyOf([JSONSchema.ref("ScoreResult"), JSONSchema.ref("OrderingResult")]),
                    "safetyAlert": JSONSchema.ref("Alert"), "crisisResources": JSONSchema.ref("CrisisResources"),
                ], required: ["id", "clientId", "instrument", "date", "recordedAt", "answers", "result"]),
            "AssessmentList": JSONSchema.object(
                ["assessments": JSONSchema.list("Assessment")], required: ["assessments"]),
            "ScoreResult": JSONSchema.object(
                [
                    "instrument": JSONSchema.enumeration(Instrument.ID.self),
                    "total": JSONSchema.nullable(JSONSchema.integer(atLeast: 0)),
                    "severity": JSONSchema.enumeration(Severity.self),
                    "flags": JSONSchema.array(JSONSchema.enumeration(ScoreFlag.self)),
                    "items": JSONSchema.array(
                        JSONSchema.object(
                            ["id": JSONSchema.string(), "score": JSONSchema.nullable(JSONSchema.integer())],
                            required: ["id", "score"])),
                    "codes": JSONSchema.object(
                        ["loinc": JSONSchema.string(), "icd10cm": JSONSchema.string(), "snomed": JSONSchema.string()]),
                    "subscales": JSONSchema.map(JSONSchema.integer()),
                ], required: ["instrument", "total", "severity", "flags", "items", "codes"]),
            "OrderingInput": orderingInput,
            "OrderingResult": JSONSchema.object(
                [
                    "order": JSONSchema.enumeration(OrderingAssessment.Order.self),
                    "depressionType": JSONSchema.enumeration(OrderingAssessment.DepressionType.self),
                    "pattern": JSONSchema.enumeration(OrderingAssessment.Pattern.self),
                    "provisional": JSONSchema.boolean,
                    "reasons": JSONSchema.array(JSONSchema.enumeration(OrderingAssessment.Reason.self)),
                    "recommendations": JSONSchema.array(
                        JSONSchema.enumeration(OrderingAssessment.Recommendation.self)),
                    "explanations": JSONSchema.map(
                        JSONSchema.object(
                            ["client": JSONSchema.string(), "clinician": JSONSchema.string()],
                            required: ["client", "clinician"])),
                ],
                required: [
                    "order", "depressionType", "pattern", "provisional", "reasons", "recommendations", "explanations",
                ]),
        ]
    }

    /// One instrument's request: its id, its answers position by position, and the extra input it takes.
    static func assessmentRequest(_ instrument: Instrument) -> JSONValue {
        var properties: [String: JSONValue] = [
            "instrument": JSONSchema.constant(.string(instrument.id.rawValue)),
            "answers": answers(instrument),
            "date": dated("The day it was answered (default today): not after today."),
        ]
        if instrument.id == .phq9 {
            // Early abstinence (§1.1); when absent, the stored check-ins give it.
            properties["daysSinceLastUse"] = JSONSchema.integer(0...36_500)
        }
        if instrument.id == .stimulantSUD { properties["prescribedStimulant"] = JSONSchema.boolean }
        return JSONSchema.object(properties, required: ["instrument", "answers"])
    }

    /// The answer list of an instrument, built from its definition: one position per item, in item order, each
    /// one of the item's scores, or null where the instrument allows a blank (proration, skip logic). A question
    /// the skip logic asks only after a yes must be answered when asked, and is 0 or null when not.
    static func answers(_ instrument: Instrument) -> JSONValue {
        func scores(_ item: Item, orNull: Bool) -> JSONValue {
            let values = item.options.map { JSONValue.number(Double($0.score)) } + (orNull ? [.null] : [])
            return .object(["enum": .array(values)])
        }
        let positions = instrument.items.map {
            scores($0, orNull: instrument.allowsMissingAnswers || $0.askedWhen != nil)
        }
        let list = JSONSchema.tuple(positions, minItems: instrument.requiredItemCount)
        var rules: [JSONValue] = []
        for (index, item) in instrument.items.enumerated() {
            guard let condition = item.askedWhen else { continue }
            let triggers = condition.anyYesOf.compactMap { id in instrument.items.firstIndex { $0.id == id } }
            func positions(_ fixed: [Int: JSONValue]) -> JSONValue {
                let count = (fixed.keys.max() ?? 0) + 1
                return .object(["prefixItems": .array((0..<count).map { fixed[$0] ?? JSONSchema.anything })])
            }
            let asked = triggers.map { trigger in
                positions([trigger: JSONSchema.constant(.number(1)), index: scores(item, orNull: false)])
            }
            var notAsked: [Int: JSONValue] = [index: .object(["enum": .array([.number(0), .null])])]
            for trigger in triggers { notAsked[trigger] = .object(["enum": .array([.number(0), .null])]) }
            rules.append(JSONSchema.anyOf(asked + [positions(notAsked)]))
        }
        return rules.isEmpty ? list : JSONSchema.allOf([list] + rules)
    }

    /// The intake interview of §2; an absent key is unknown, null is "never".
    static var orderingInput: JSONValue {
        let age = JSONSchema.number(OrderingInput.ageRange)
        return JSONSchema.object(
            [
                "depressionOnsetAge": JSONSchema.nullable(age),
                "cocaineFirstUseAge": age,
                "cocaineRegularUseAge": JSONSchema.nullable(age),
                "abstinencePeriods": JSONSchema.array(
                    JSONSchema.object(
                        [
                            "weeks": JSONSchema.number(1...Double.infinity),
                            "lowMoodAtStart": JSONSchema.boolean,
                            "lowMoodPersistedWeeks": .object([
                                "type": .string("number"), "minimum": .number(0),
                                "description": .string("0 to the period's weeks"),
                            ]),
                        ], required: ["weeks"])),
                "episodeBeganDuringAbstinence": JSONSchema.boolean,
                "lowsMostlyAfterUse": JSONSchema.boolean,
                "usesToLiftLowMood": JSONSchema.boolean,
            ])
    }
}
