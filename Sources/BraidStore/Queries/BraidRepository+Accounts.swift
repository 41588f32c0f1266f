import BraidCore
import FluentKit
import Foundation
import SQLKit

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

    /// The actor a token stands for, if the token exists, has not expired and was not revoked (one query).
    public func actor(tokenHash: String, now: Date) async throws -> Actor? {
        try await session(tokenHash: tokenHash, now: now)?.actor
    }

    /// The actor of a live token and when the token expires. With `idleTimeout`, a token unused for longer is
    /// no longer live; a use is recorded (at most once a minute) so the idle clock restarts.
    public func session(tokenHash: String, now: Date, idleTimeout: TimeInterval? = nil) async throws
        -> (actor: Actor, expiresAt: Date)?
    {
        let rows = try await sql.select()
            .column(SQLColumn("id", table: "users"), as: "user_id")
            .column(SQLColumn("role", table: "users"))
            .column(SQLColumn("program_id", table: "users"))
            .column(SQLColumn("id", table: "clients"), as: "client_id")
            .column(SQLColumn("expires_at", table: "api_tokens"))
            .column(SQLColumn("created_at", table: "api_tokens"))
            .column(SQLColumn("last_used_at", table: "api_tokens"))
            .from("api_tokens")
            .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "api_tokens"))
            .join(
                "clients", method: SQLJoinMethod.left, on: SQLColumn("user_id", table: "clients"), .equal,
                SQLColumn("id", table: "users")
            )
            .where(SQLColumn("token_hash", table: "api_tokens"), .equal, SQLBind(tokenHash))
            .where(SQLColumn("revoked_at", table: "api_tokens"), .is, SQLLiteral.null)
            .where(SQLColumn("deactivated_at", table: "users"), .is, SQLLiteral.null)
            .where(SQLColumn("expires_at", table: "api_tokens"), .greaterThan, SQLBind(now))
            .limit(1)
            .all(decoding: ActorRow.self)
        guard let row = rows.first else { return nil }
        guard let role = Role(rawValue: row.role) else { throw StoreError.corrupt("users.role") }
        if let idleTimeout {
            let lastUse = row.lastUsedAt ?? row.createdAt
            guard now.timeIntervalSince(lastUse) <= idleTimeout else { return nil }
            if now.timeIntervalSince(lastUse) > 60 {
                try await transaction { store in
                    try await store.sql.update("api_tokens").set("last_used_at", to: now)
                        .where("token_hash", .equal, tokenHash).run()
                }
            }
        }
        let actor = Actor(
            userID: UserID(row.userID), role: role, programID: ProgramID(row.programID),
            clientID: role == .client ? row.clientID.map(ClientID.init) : nil)
        return (actor, row.expiresAt)
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

    /// Signs an account out everywhere: every token is revoked and web sessions begun before `now` end.
    public func signOutEverywhere(_ user: UserID, now: Date) async throws {
        try await transaction { store in
            try await store.revokeTokens(of: user, now: now)
            try await store.sql.update("users").set("signed_out_everywhere_at", to: now)
                .where("id", .equal, user.uuid).run()
        }
    }

    /// When the account last signed out everywhere (web sessions begun before then are over), if ever.
    public func signedOutEverywhereAt(_ user: UserID) async throws -> Date? {
        try await sql.select().column("signed_out_everywhere_at").from("users").where("id", .equal, user.uuid)
            .first().flatMap {
                try $0.decodeNil(column: "signed_out_everywhere_at")
                    ? nil : try $0.decode(column: "signed_out_everywhere_at", as: Date.self)
            }
    }

    /// Revokes every token of an account (after a password reset).
    public func revokeTokens(of user: UserID, now: Date) async throws {
        try await TokenRecord.query(on: database).filter(\.$userID == user.uuid).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }
}

extension BraidRepository {
    /// The actor for a signed-in account (web sessions), or `nil` when the account no longer exists or was
    /// deactivated (its sessions end at once).
    public func actor(of user: UserID) async throws -> Actor? {
        guard let account = try await self.user(user), account.isActive else { return nil }
        let clientID: ClientID? =
            account.role == .client
            ? try await sql.select().column("id").from(ClientRecord.schema).where("user_id", .equal, SQLBind(user.uuid))
                .first().map { ClientID(try $0.decode(column: "id", as: UUID.self)) }
            : nil
        return Actor(userID: account.id, role: account.role, programID: account.programID, clientID: clientID)
    }
}
