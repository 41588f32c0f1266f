import BraidCore
import FluentKit
import Foundation

final class ClientRecord: Model, @unchecked Sendable {
    static let schema = "clients"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "display_name") var displayName: String
    @Field(key: "data_version") var dataVersion: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: ClientID, programID: ProgramID, userID: UserID, displayName: String, createdAt: Date) {
        self.id = id.uuid
        self.programID = programID.uuid
        self.userID = userID.uuid
        self.displayName = displayName
        dataVersion = 0
        self.createdAt = createdAt
    }

    func toDomain(careTeam: [UserID]) throws -> ClientProfile {
        ClientProfile(
            id: ClientID(try requireID()), programID: ProgramID(programID), userID: UserID(userID),
            displayName: displayName, careTeam: careTeam, dataVersion: dataVersion, createdAt: createdAt)
    }
}

final class CareTeamMemberRecord: Model, @unchecked Sendable {
    static let schema = "care_team_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(programID: ProgramID, clientID: ClientID, userID: UserID, createdAt: Date) {
        id = UUID()
        self.programID = programID.uuid
        self.clientID = clientID.uuid
        self.userID = userID.uuid
        self.createdAt = createdAt
    }
}
