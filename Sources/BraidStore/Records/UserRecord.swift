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
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    @OptionalField(key: "language") var language: String?

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
            id: UserID(try requireID()), programID: ProgramID(programID), role: role, email: email, name: name,
            deactivatedAt: deactivatedAt)
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

final class InvitationRecord: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

final class SettingChangeRecord: Model, @unchecked Sendable {
    static let schema = "program_setting_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "setting") var setting: String
    @OptionalField(key: "old_value") var oldValue: String?
    @Field(key: "new_value") var newValue: String
    @Field(key: "reason") var reason: String
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @Field(key: "changed_at") var changedAt: Date

    init() {}

    func toDomain() -> SettingChange {
        SettingChange(
            setting: setting, oldValue: oldValue, newValue: newValue, reason: reason,
            changedBy: changedBy.map(UserID.init), changedAt: changedAt)
    }
}

final class EpisodeRecord: Model, @unchecked Sendable {
    static let schema = "episodes"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "admitted_on") var admittedOn: String
    @Field(key: "level_at_admission") var levelAtAdmission: String
    @Field(key: "referral_source") var referralSource: String
    @OptionalField(key: "admitted_by") var admittedBy: UUID?
    @OptionalField(key: "discharged_on") var dischargedOn: String?
    @OptionalField(key: "discharge_reason") var dischargeReason: String?
    @OptionalField(key: "discharged_by") var dischargedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    func toDomain() throws -> Episode {
        guard let admitted = CalendarDate(iso: admittedOn) else { throw StoreError.corrupt("episodes.admitted_on") }
        guard let level = LevelOfCare(rawValue: levelAtAdmission) else {
            throw StoreError.corrupt("episodes.level_at_admission")
        }
        guard let referral = ReferralSource(rawValue: referralSource) else {
            throw StoreError.corrupt("episodes.referral_source")
        }
        var discharged: CalendarDate?
        var reason: DischargeReason?
        if let dischargedOn {
            guard let date = CalendarDate(iso: dischargedOn), let why = dischargeReason.flatMap(DischargeReason.init)
            else { throw StoreError.corrupt("episodes.discharged_on") }
            discharged = date
            reason = why
        }
        return Episode(
            id: EpisodeID(try requireID()), clientID: ClientID(clientID), programID: ProgramID(programID),
            admittedOn: admitted, levelAtAdmission: level, referralSource: referral, dischargedOn: discharged,
            dischargeReason: reason)
    }
}
