import BraidCore
import FluentKit
import Foundation
import SQLKit

// Running a program (issue 10): its settings and their history, invitations, deactivation, care teams and
// episodes of care. None of these reads clinical content.

extension BraidRepository {
    // MARK: - Program settings

    /// Saves a program's name, zone and crisis line (the caller records the changes with their reasons).
    public func updateProgram(_ id: ProgramID, settings: ProgramSettings) async throws {
        guard let record = try await ProgramRecord.find(id.uuid, on: database) else {
            throw StoreError.notFound("program")
        }
        record.name = settings.name
        record.timeZone = settings.timeZone
        record.crisisLine = settings.crisisLine
        try await record.save(on: database)
    }

    /// Appends changes to a program's settings history.
    public func recordSettingChanges(_ changes: [SettingChange], in program: ProgramID) async throws {
        for change in changes {
            let record = SettingChangeRecord()
            record.id = UUID()
            record.programID = program.uuid
            record.setting = change.setting
            record.oldValue = change.oldValue
            record.newValue = change.newValue
            record.reason = change.reason
            record.changedBy = change.changedBy?.uuid
            record.changedAt = change.changedAt
            try await record.create(on: database)
        }
    }

    /// A program's settings history, oldest first.
    public func settingChanges(in program: ProgramID) async throws -> [SettingChange] {
        try await SettingChangeRecord.query(on: database).filter(\.$programID == program.uuid)
            .sort(\.$changedAt).sort(\.$id).all().map { $0.toDomain() }
    }

    /// The thresholds a program has chosen (the last change to each); the rest keep their defaults.
    public func thresholds(of program: ProgramID) async throws -> [ClinicalThreshold: Double] {
        SettingChange.thresholds(from: try await settingChanges(in: program))
    }

    // MARK: - Invitations

    /// Stores a new one-time link for `user` (only its hash) and voids the account's earlier unused links.
    public func createInvitation(
        for user: UserAccount, purpose: InvitationPurpose, tokenHash: String, by creator: UserID?, now: Date,
        expiresAt: Date
    ) async throws {
        try await revokeInvitations(of: user.id, now: now)
        let record = InvitationRecord()
        record.id = UUID()
        record.programID = user.programID.uuid
        record.userID = user.id.uuid
        record.tokenHash = tokenHash
        record.purpose = purpose.rawValue
        record.createdBy = creator?.uuid
        record.createdAt = now
        record.expiresAt = expiresAt
        try await record.create(on: database)
    }

    func revokeInvitations(of user: UserID, now: Date) async throws {
        try await InvitationRecord.query(on: database).filter(\.$userID == user.uuid).filter(\.$usedAt == nil)
            .filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
    }

    /// What a link is now: usable (for whom, for what), used, expired, revoked or unknown.
    public func invitationState(tokenHash: String, now: Date) async throws -> InvitationState {
        guard let record = try await InvitationRecord.query(on: database).filter(\.$tokenHash == tokenHash).first()
        else { return .unknown }
        if record.usedAt != nil { return .used }
        if record.revokedAt != nil { return .revoked }
        if record.expiresAt <= now { return .expired }
        guard let purpose = InvitationPurpose(rawValue: record.purpose) else {
            throw StoreError.corrupt("invitations.purpose")
        }
        guard let account = try await user(UserID(record.userID)), account.isActive else { return .revoked }
        return .usable(account.id, purpose)
    }

    /// Uses a link once: marks it used, sets the password and ends the account's tokens, or returns `nil` when
    /// the link is not usable (already used, expired, voided, unknown, or its account deactivated). Run it in a
    /// transaction; the conditional update makes two simultaneous uses end with one winner.
    public func redeemInvitation(tokenHash: String, passwordHash: String, now: Date) async throws -> UserAccount? {
        let rows = try await sql.update(InvitationRecord.schema)
            .set("used_at", to: SQLBind(now))
            .where("token_hash", .equal, SQLBind(tokenHash))
            .where("used_at", .is, SQLLiteral.null)
            .where("revoked_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, SQLBind(now))
            .returning("user_id")
            .all()
        guard let row = rows.first else { return nil }
        let id = UserID(try row.decode(column: "user_id", as: UUID.self))
        guard let account = try await user(id), account.isActive else { return nil }
        try await setPasswordHash(passwordHash, for: id)
        try await revokeTokens(of: id, now: now)
        return account
    }

    /// The accounts of a program that have set a password (the rest still have only an invitation).
    public func accountsWithPassword(in program: ProgramID) async throws -> Set<UserID> {
        let rows = try await sql.select().column("id").from(UserRecord.schema)
            .where("program_id", .equal, SQLBind(program.uuid)).where("password_hash", .notEqual, SQLBind(""))
            .all()
        return Set(try rows.map { UserID(try $0.decode(column: "id", as: UUID.self)) })
    }

    /// When each account's live link expires, for the admin's account list.
    public func openInvitations(in program: ProgramID, now: Date) async throws -> [UserID: Date] {
        let records = try await InvitationRecord.query(on: database).filter(\.$programID == program.uuid)
            .filter(\.$usedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > now).all()
        return Dictionary(records.map { (UserID($0.userID), $0.expiresAt) }, uniquingKeysWith: max)
    }

    // MARK: - Deactivation

    /// Deactivates an account: sign-in is refused, its tokens and links end now, and its records stay.
    public func deactivate(_ user: UserID, now: Date) async throws {
        guard let record = try await UserRecord.find(user.uuid, on: database) else {
            throw StoreError.notFound("account")
        }
        record.deactivatedAt = now
        try await record.save(on: database)
        try await revokeTokens(of: user, now: now)
        try await revokeInvitations(of: user, now: now)
    }

    /// Lets a deactivated account sign in again with its old password (or a new invitation).
    public func reactivate(_ user: UserID) async throws {
        guard let record = try await UserRecord.find(user.uuid, on: database) else {
            throw StoreError.notFound("account")
        }
        record.deactivatedAt = nil
        try await record.save(on: database)
    }

    // MARK: - Care teams

    /// Replaces a client's care team with `members` (kept in the order they first joined).
    public func setCareTeam(_ members: [UserID], of client: ClientRef, now: Date) async throws {
        try await CareTeamMemberRecord.query(on: database).filter(\.$clientID == client.id.uuid)
            .filter(\.$userID !~ members.map(\.uuid)).delete()
        for member in members { try await assign(member, to: client.id, in: client.programID, now: now) }
    }

    // MARK: - Episodes of care

    /// Episodes of several clients, oldest first per client (one query).
    public func episodes(of clients: [ClientRef]) async throws -> [ClientID: [Episode]] {
        guard !clients.isEmpty else { return [:] }
        var result: [ClientID: [Episode]] = [:]
        for (program, refs) in Dictionary(grouping: clients, by: \.programID) {
            let records = try await EpisodeRecord.query(on: database).filter(\.$programID == program.uuid)
                .filter(\.$clientID ~~ refs.map(\.id.uuid)).sort(\.$admittedOn).sort(\.$createdAt).all()
            for record in records { result[ClientID(record.clientID), default: []].append(try record.toDomain()) }
        }
        return result
    }

    /// Every episode of a program (aggregate reports), oldest first.
    public func episodes(in program: ProgramID) async throws -> [Episode] {
        try await EpisodeRecord.query(on: database).filter(\.$programID == program.uuid).sort(\.$admittedOn)
            .sort(\.$createdAt).all().map { try $0.toDomain() }
    }

    /// Opens an episode (the caller checked `EpisodeRules.checkAdmission`).
    public func admit(_ episode: Episode, by author: UserID?, now: Date) async throws {
        let record = EpisodeRecord()
        record.id = episode.id.uuid
        record.programID = episode.programID.uuid
        record.clientID = episode.clientID.uuid
        record.admittedOn = episode.admittedOn.description
        record.levelAtAdmission = episode.levelAtAdmission.rawValue
        record.referralSource = episode.referralSource.rawValue
        record.admittedBy = author?.uuid
        record.createdAt = now
        try await record.create(on: database)
        try await bumpDataVersion(of: ClientRef(id: episode.clientID, programID: episode.programID))
    }

    /// Closes an open episode (the caller checked `EpisodeRules.checkDischarge`).
    public func discharge(
        _ episode: EpisodeID, in program: ProgramID, on date: CalendarDate, reason: DischargeReason, by author: UserID?
    ) async throws {
        guard
            let record = try await EpisodeRecord.query(on: database).filter(\.$id == episode.uuid)
                .filter(\.$programID == program.uuid).filter(\.$dischargedOn == nil).first()
        else { throw StoreError.notFound("open episode") }
        record.dischargedOn = date.description
        record.dischargeReason = reason.rawValue
        record.dischargedBy = author?.uuid
        try await record.save(on: database)
        try await bumpDataVersion(of: ClientRef(id: ClientID(record.clientID), programID: program))
    }
}
