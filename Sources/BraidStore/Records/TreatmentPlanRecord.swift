import BraidCore
import FluentKit
import Foundation

final class TreatmentPlanRecord: Model, @unchecked Sendable {
    static let schema = "treatment_plans"

    /// The stored JSON of a version (keys fixed here, apart from the domain types).
    struct ContentV1: Codable {
        var problems: [PlanProblem]
        var goals: [PlanGoal]
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @OptionalField(key: "episode_id") var episodeID: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "content") var content: String
    @Field(key: "signed_by") var signedBy: UUID
    @Field(key: "signed_at") var signedAt: Date
    @Field(key: "signed_on") var signedOn: String
    @Field(key: "review_due") var reviewDue: String

    init() {}

    init(_ plan: SignedPlan, programID: ProgramID) throws {
        id = UUID()
        self.programID = programID.uuid
        clientID = plan.clientID.uuid
        episodeID = plan.episodeID?.uuid
        version = plan.version
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        content = NoteSeal.seal(
            String(decoding: try encoder.encode(ContentV1(problems: plan.problems, goals: plan.goals)), as: UTF8.self),
            .treatmentPlan)
        signedBy = plan.signedBy.uuid
        signedAt = plan.signedAt
        signedOn = plan.signedOn.description
        reviewDue = plan.reviewDue.description
    }

    func toDomain() throws -> SignedPlan {
        let text = try NoteSeal.open(content, .treatmentPlan)
        guard let stored = try? JSONDecoder().decode(ContentV1.self, from: Data(text.utf8)),
            let signed = CalendarDate(iso: signedOn), let due = CalendarDate(iso: reviewDue)
        else { throw StoreError.corrupt("treatment_plans") }
        return SignedPlan(
            clientID: ClientID(clientID), episodeID: episodeID.map(EpisodeID.init), version: version,
            problems: stored.problems, goals: stored.goals, signedBy: UserID(signedBy), signedAt: signedAt,
            signedOn: signed, reviewDue: due)
    }
}
