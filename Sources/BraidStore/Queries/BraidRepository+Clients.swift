import BraidCore
import FluentKit
import Foundation
import SQLKit

extension BraidRepository {
    /// A client record in a program, with its care team; `nil` when absent or in another program.
    public func client(_ id: ClientID, in program: ProgramID) async throws -> ClientProfile? {
        guard
            let row = try await sql.select().columns(ClientRow.columns).from(ClientRecord.schema)
                .where("id", .equal, SQLBind(id.uuid)).where("program_id", .equal, SQLBind(program.uuid))
                .all(decoding: ClientRow.self).first
        else { return nil }
        return row.toDomain(careTeam: try await careTeams(of: [id])[id] ?? [])
    }

    /// Clients whose care team includes `member`, in its program, by name.
    public func caseload(of member: UserID, in program: ProgramID) async throws -> [ClientProfile] {
        let membership = SQLSubquery.select { subquery in
            subquery.column("client_id").from(CareTeamMemberRecord.schema).where(
                "user_id", .equal, SQLBind(member.uuid))
        }
        let rows = try await sql.select().columns(ClientRow.columns).from(ClientRecord.schema)
            .where("program_id", .equal, SQLBind(program.uuid))
            .where(SQLIdentifier("id"), .in, membership)
            .orderBy("display_name")
            .all(decoding: ClientRow.self)
        let teams = try await careTeams(of: rows.map { ClientID($0.id) })
        return rows.map { $0.toDomain(careTeam: teams[ClientID($0.id)] ?? []) }
    }

    /// Every client of a program (for account administration: no clinical content).
    public func clients(in program: ProgramID) async throws -> [ClientProfile] {
        let records = try await ClientRecord.query(on: database).filter(\.$programID == program.uuid)
            .sort(\.$displayName).all()
        let teams = try await careTeams(of: try records.map { ClientID(try $0.requireID()) })
        return try records.map { try $0.toDomain(careTeam: teams[ClientID(try $0.requireID())] ?? []) }
    }

    /// Care teams of several clients in one query, members in the order they joined.
    func careTeams(of clients: [ClientID]) async throws -> [ClientID: [UserID]] {
        guard !clients.isEmpty else { return [:] }
        let rows = try await sql.select().columns("client_id", "user_id").from(CareTeamMemberRecord.schema)
            .where(SQLIdentifier("client_id"), .in, SQLBind.group(clients.map(\.uuid)))
            .orderBy("created_at")
            .all(decoding: CareTeamRow.self)
        return Dictionary(grouping: rows) { ClientID($0.clientID) }.mapValues { $0.map { UserID($0.userID) } }
    }

    /// Adds a staff member to a client's care team (idempotent).
    public func assign(_ member: UserID, to client: ClientID, in program: ProgramID, now: Date) async throws {
        let existing = try await CareTeamMemberRecord.query(on: database).filter(\.$clientID == client.uuid)
            .filter(\.$userID == member.uuid).first()
        guard existing == nil else { return }
        try await CareTeamMemberRecord(programID: program, clientID: client, userID: member, createdAt: now)
            .create(on: database)
    }
}
