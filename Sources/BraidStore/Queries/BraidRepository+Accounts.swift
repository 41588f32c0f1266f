import BraidCore
import FluentKit
import Foundation

extension BraidRepository {
    // MARK: - Programs

    public func createProgram(_ program: Program, now: Date) async throws {
        try await ProgramRecord(program, createdAt: now).create(on: database)
    }

    public func program(_ id: ProgramID) async throws -> Program? {
        try await ProgramRecord.find(id.uuid, on: database)?.toDomain()
    }

    public func demoProgram() async throws -> Program? {
        try await ProgramRecord.query(on: database).filter(\.$isDemo == true).first()?.toDomain()
    }

    public func programs() async throws -> [Program] {
        try await ProgramRecord.query(on: database).sort(\.$createdAt).all().map { try $0.toDomain() }
    }

    // MARK: - Users

    /// Creates an account; a client account also gets its client record and care team (staff user ids).
    public func createUser(
        _ account: UserAccount, passwordHash: String, clientID: ClientID? = nil, careTeam: [UserID] = [], now: Date
    ) async throws {
        if try await UserRecord.query(on: database).filter(\.$email == account.email).first() != nil {
            throw StoreError.conflict("an account with this email")
        }
        try await UserRecord(account, passwordHash: passwordHash, createdAt: now).create(on: database)
        guard account.role == .client else { return }
        let clientID = clientID ?? .random()
        try await ClientRecord(
            id: clientID, programID: account.programID, userID: account.id, displayName: account.name, createdAt: now
        ).create(on: database)
        for member in careTeam {
            try await CareTeamMemberRecord(
                programID: account.programID, clientID: clientID, userID: member, createdAt: now
            )
            .create(on: database)
        }
    }

    public func user(_ id: UserID) async throws -> UserAccount? {
        try await UserRecord.find(id.uuid, on: database)?.toDomain()
    }

    /// The account and its password hash, for login.
    public func credentials(email: String) async throws -> (account: UserAccount, passwordHash: String)? {
        guard let record = try await UserRecord.query(on: database).filter(\.$email == email).first() else {
            return nil
        }
        return (try record.toDomain(), record.passwordHash)
    }

    public func users(in program: ProgramID? = nil) async throws -> [UserAccount] {
        let query = UserRecord.query(on: database).sort(\.$role).sort(\.$email)
        if let program { query.filter(\.$programID == program.uuid) }
        return try await query.all().map { try $0.toDomain() }
    }

    public func setPasswordHash(_ hash: String, for user: UserID) async throws {
        guard let record = try await UserRecord.find(user.uuid, on: database) else {
            throw StoreError.notFound("account")
        }
        record.passwordHash = hash
        try await record.save(on: database)
    }

    // MARK: - Tokens

    public func createToken(hash: String, for user: UserID, now: Date, expiresAt: Date) async throws {
        try await TokenRecord(userID: user, tokenHash: hash, createdAt: now, expiresAt: expiresAt).create(on: database)
    }

    /// The actor a token stands for, if the token exists, has not expired and was not revoked.
    public func actor(tokenHash: String, now: Date) async throws -> Actor? {
        guard
            let token = try await TokenRecord.query(on: database).filter(\.$tokenHash == tokenHash)
                .filter(\.$revokedAt == nil).filter(\.$expiresAt > now).first(),
            let user = try await UserRecord.find(token.userID, on: database)
        else { return nil }
        let account = try user.toDomain()
        let clientID: ClientID? =
            account.role == .client
            ? try await ClientRecord.query(on: database).filter(\.$userID == user.requireID()).first()
                .map { ClientID(try $0.requireID()) }
            : nil
        return Actor(userID: account.id, role: account.role, programID: account.programID, clientID: clientID)
    }

    /// Revokes one token; `false` when there was no live token with that hash.
    @discardableResult
    public func revokeToken(hash: String, now: Date) async throws -> Bool {
        guard
            let token = try await TokenRecord.query(on: database).filter(\.$tokenHash == hash)
                .filter(\.$revokedAt == nil).first()
        else { return false }
        token.revokedAt = now
        try await token.save(on: database)
        return true
    }

    /// Revokes every token of an account (after a password reset).
    public func revokeTokens(of user: UserID, now: Date) async throws {
        try await TokenRecord.query(on: database).filter(\.$userID == user.uuid).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }
}
