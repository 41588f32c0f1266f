import BraidCore
import FluentKit
import Foundation

final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "role") var role: String
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ account: UserAccount, passwordHash: String, createdAt: Date) {
        id = account.id.uuid
        programID = account.programID.uuid
        role = account.role.rawValue
        email = account.email
        name = account.name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    func toDomain() throws -> UserAccount {
        guard let role = Role(rawValue: role) else { throw StoreError.corrupt("users.role") }
        return UserAccount(
            id: UserID(try requireID()), programID: ProgramID(programID), role: role, email: email, name: name)
    }
}

final class TokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UserID, tokenHash: String, createdAt: Date, expiresAt: Date) {
        id = UUID()
        self.userID = userID.uuid
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
