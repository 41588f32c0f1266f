import BraidCore
import Foundation

// The JSON kept in `assessments.result_json`, spelled out here with its own keys: the stored rows' contract.
// Renaming a BraidCore property changes a mapper below, never the rows already written. Version 1 is what Braid
// has written from the start (rows carry no version number; a later shape adds one and reads this one).

/// An instrument's stored result, version 1.
struct StoredScoreResultV1: Codable, Equatable {
    struct Item: Codable, Equatable {
        let id: String
        let score: Int?
    }

    struct Codes: Codable, Equatable {
        let loinc: String?
        let icd10cm: String?
        let snomed: String?
    }

    let instrument: String
    let total: Int?
    let severity: String
    let flags: [String]
    let items: [Item]
    let codes: Codes
    let subscales: [String: Int]?

    init(_ result: ScoreResult) {
        instrument = result.instrument.rawValue
        total = result.total
        severity = result.severity.rawValue
        flags = result.flags.map(\.rawValue)
        items = result.items.map { Item(id: $0.id, score: $0.score) }
        codes = Codes(loinc: result.codes.loinc, icd10cm: result.codes.icd10cm, snomed: result.codes.snomed)
        subscales = result.subscales
    }

    func toDomain() throws -> ScoreResult {
        guard let id = Instrument.ID(rawValue: instrument) else { throw StoreError.corrupt("result_json.instrument") }
        guard let severity = Severity(rawValue: severity) else { throw StoreError.corrupt("result_json.severity") }
        let flags = try flags.map { flag in
            guard let value = ScoreFlag(rawValue: flag) else { throw StoreError.corrupt("result_json.flags") }
            return value
        }
        return ScoreResult(
            instrument: id, total: total, severity: severity, flags: flags,
            items: items.map { ItemScore(id: $0.id, score: $0.score) },
            codes: ResultCodes(loinc: codes.loinc, icd10cm: codes.icd10cm, snomed: codes.snomed), subscales: subscales)
    }
}

/// The ordering interview's stored result, version 1. Its input is stored in the §2 intake JSON
/// (`OrderingInput.json`), which is itself an explicit, documented shape.
struct StoredOrderingResultV1: Codable, Equatable {
    let order: String
    let depressionType: String
    let pattern: String
    let provisional: Bool
    let reasons: [String]
    let recommendations: [String]

    init(_ result: OrderingAssessment) {
        order = result.order.rawValue
        depressionType = result.depressionType.rawValue
        pattern = result.pattern.rawValue
        provisional = result.provisional
        reasons = result.reasons.map(\.rawValue)
        recommendations = result.recommendations.map(\.rawValue)
    }

    func toDomain() throws -> OrderingAssessment {
        guard let order = OrderingAssessment.Order(rawValue: order),
            let depressionType = OrderingAssessment.DepressionType(rawValue: depressionType),
            let pattern = OrderingAssessment.Pattern(rawValue: pattern)
        else { throw StoreError.corrupt("result_json (ordering)") }
        let reasons = try reasons.map { reason in
            guard let value = OrderingAssessment.Reason(rawValue: reason) else {
                throw StoreError.corrupt("result_json.reasons")
            }
            return value
        }
        let recommendations = try recommendations.map { recommendation in
            guard let value = OrderingAssessment.Recommendation(rawValue: recommendation) else {
                throw StoreError.corrupt("result_json.recommendations")
            }
            return value
        }
        return OrderingAssessment(
            order: order, depressionType: depressionType, pattern: pattern, provisional: provisional,
            reasons: reasons, recommendations: recommendations)
    }
}
