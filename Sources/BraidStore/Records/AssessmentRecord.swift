import BraidCore
import FluentKit
import Foundation

final class AssessmentRecord: Model, @unchecked Sendable {
    static let schema = "assessments"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "date") var date: String
    @Field(key: "answers_json") var answersJSON: String
    @Field(key: "result_json") var resultJSON: String
    @OptionalField(key: "total") var total: Int?
    @OptionalField(key: "severity") var severity: String?
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID

    init() {}

    init(_ assessment: StoredAssessment, programID: ProgramID) throws {
        id = assessment.id
        self.programID = programID.uuid
        clientID = assessment.clientID.uuid
        kind = assessment.content.kind
        date = assessment.date.description
        recordedAt = assessment.recordedAt
        recordedBy = assessment.recordedBy.uuid
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        switch assessment.content {
        case .instrument(let answers, let result):
            answersJSON = String(decoding: try encoder.encode(answers), as: UTF8.self)
            resultJSON = String(decoding: try encoder.encode(StoredScoreResultV1(result)), as: UTF8.self)
            total = result.total
            severity = result.severity.rawValue
        case .ordering(let input, let result):
            answersJSON = String(decoding: try encoder.encode(input.json), as: UTF8.self)
            resultJSON = String(decoding: try encoder.encode(StoredOrderingResultV1(result)), as: UTF8.self)
            total = nil
            severity = result.depressionType.rawValue
        }
    }

    func toDomain() throws -> StoredAssessment {
        guard let day = CalendarDate(iso: date) else { throw StoreError.corrupt("assessments.date") }
        let decoder = JSONDecoder()
        let content: AssessmentContent
        if kind == "ordering" {
            content = .ordering(
                input: try OrderingInput(json: decoder.decode(JSONValue.self, from: Data(answersJSON.utf8))),
                result: try decoder.decode(StoredOrderingResultV1.self, from: Data(resultJSON.utf8)).toDomain())
        } else {
            content = .instrument(
                answers: try decoder.decode([Int?].self, from: Data(answersJSON.utf8)),
                result: try decoder.decode(StoredScoreResultV1.self, from: Data(resultJSON.utf8)).toDomain())
        }
        return StoredAssessment(
            id: try requireID(), clientID: ClientID(clientID), date: day, content: content, recordedAt: recordedAt,
            recordedBy: UserID(recordedBy))
    }
}

final class ScreenRecord: Model, @unchecked Sendable {
    static let schema = "urine_screens"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "date") var date: String
    @Field(key: "positive") var positive: Bool
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by") var recordedBy: UUID

    init() {}

    init(_ screen: StoredScreen, programID: ProgramID) {
        id = screen.id
        self.programID = programID.uuid
        clientID = screen.clientID.uuid
        date = screen.screen.date.description
        positive = screen.screen.positive
        recordedAt = screen.recordedAt
        recordedBy = screen.recordedBy.uuid
    }

    func toDomain() throws -> StoredScreen {
        guard let day = CalendarDate(iso: date) else { throw StoreError.corrupt("urine_screens.date") }
        return StoredScreen(
            id: try requireID(), clientID: ClientID(clientID), screen: UrineScreen(date: day, positive: positive),
            recordedAt: recordedAt, recordedBy: UserID(recordedBy))
    }
}
