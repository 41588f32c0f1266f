import BraidCore
import FluentKit
import Foundation

final class LevelFactorsRecord: Model, @unchecked Sendable {
    static let schema = "level_factors"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @OptionalField(key: "psychosis") var psychosis: Bool?
    @OptionalField(key: "severe_agitation") var severeAgitation: Bool?
    @OptionalField(key: "medical_instability") var medicalInstability: Bool?
    @OptionalField(key: "withdrawal_needs_medical_management") var withdrawal: Bool?
    @OptionalField(key: "recovery_environment") var recoveryEnvironment: String?
    @Field(key: "recorded_on") var recordedOn: String
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "recorded_by") var recordedBy: UUID?

    init() {}

    init(_ factors: LevelFactors, client: ClientRef) {
        id = UUID()
        programID = client.programID.uuid
        clientID = client.id.uuid
        psychosis = factors.psychosis
        severeAgitation = factors.severeAgitation
        medicalInstability = factors.medicalInstability
        withdrawal = factors.withdrawalNeedsMedicalManagement
        recoveryEnvironment = factors.recoveryEnvironment?.rawValue
        recordedOn = factors.recordedOn.description
        recordedAt = factors.recordedAt
        recordedBy = factors.recordedBy?.uuid
    }

    func toDomain() throws -> LevelFactors {
        guard let day = CalendarDate(iso: recordedOn) else { throw StoreError.corrupt("level_factors.recorded_on") }
        var environment: LevelInput.RecoveryEnvironment?
        if let recoveryEnvironment {
            guard let parsed = LevelInput.RecoveryEnvironment(rawValue: recoveryEnvironment) else {
                throw StoreError.corrupt("level_factors.recovery_environment")
            }
            environment = parsed
        }
        return LevelFactors(
            psychosis: psychosis, severeAgitation: severeAgitation, medicalInstability: medicalInstability,
            withdrawalNeedsMedicalManagement: withdrawal, recoveryEnvironment: environment, recordedOn: day,
            recordedAt: recordedAt, recordedBy: recordedBy.map(UserID.init))
    }
}

final class LevelDecisionRecord: Model, @unchecked Sendable {
    static let schema = "level_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @OptionalField(key: "episode_id") var episodeID: UUID?
    @Field(key: "recommended_level") var recommendedLevel: String
    /// The rule ids as a JSON array.
    @Field(key: "recommended_rules") var recommendedRules: String
    @OptionalField(key: "step_direction") var stepDirection: String?
    /// §6's input JSON the recommendation was computed from.
    @Field(key: "inputs") var inputs: String
    @Field(key: "decision") var decision: String
    @Field(key: "level") var level: String
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "decided_by") var decidedBy: UUID?
    @Field(key: "decided_at") var decidedAt: Date
    @Field(key: "effective_on") var effectiveOn: String

    init() {}

    init(_ decision: LevelDecision, programID: ProgramID) throws {
        id = decision.id.uuid
        self.programID = programID.uuid
        clientID = decision.clientID.uuid
        episodeID = decision.episodeID?.uuid
        recommendedLevel = decision.recommendation.level.rawValue
        recommendedRules = String(
            decoding: try JSONEncoder().encode(decision.recommendation.rules.map(\.rawValue)), as: UTF8.self)
        stepDirection = decision.recommendation.stepDirection?.rawValue
        inputs = String(decoding: try JSONEncoder().encode(decision.inputs.json), as: UTF8.self)
        self.decision = decision.kind.rawValue
        level = decision.level.rawValue
        reason = decision.reason
        decidedBy = decision.decidedBy?.uuid
        decidedAt = decision.decidedAt
        effectiveOn = decision.effectiveOn.description
    }

    func toDomain() throws -> LevelDecision {
        let rules = try JSONDecoder().decode([String].self, from: Data(recommendedRules.utf8))
            .map { text -> LevelRule in
                guard let rule = LevelRule(rawValue: text) else { throw StoreError.corrupt("level_decisions.rules") }
                return rule
            }
        guard let recommended = LevelOfCare(rawValue: recommendedLevel), let chosen = LevelOfCare(rawValue: level),
            let kind = LevelDecision.Kind(rawValue: decision), let effective = CalendarDate(iso: effectiveOn)
        else { throw StoreError.corrupt("level_decisions") }
        let step = try stepDirection.map { text -> LevelRecommendation.Step in
            guard let step = LevelRecommendation.Step(rawValue: text) else {
                throw StoreError.corrupt("level_decisions.step_direction")
            }
            return step
        }
        let input: LevelInput
        do {
            input = try LevelInput.parse(json: Data(inputs.utf8))
        } catch {
            throw StoreError.corrupt("level_decisions.inputs")
        }
        return LevelDecision(
            id: LevelDecisionID(try requireID()), clientID: ClientID(clientID),
            episodeID: episodeID.map(EpisodeID.init),
            recommendation: LevelRecommendation(level: recommended, rules: rules, stepDirection: step), inputs: input,
            kind: kind, level: chosen, reason: reason, decidedBy: decidedBy.map(UserID.init), decidedAt: decidedAt,
            effectiveOn: effective)
    }
}
