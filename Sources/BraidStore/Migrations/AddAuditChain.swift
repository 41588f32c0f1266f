import BraidCore
import FluentKit
import Foundation
import SQLKit

/// Chains the audit trail (issue 15, §11): each event gets its chain (its program), its sequence number, the
/// previous event's hash and its own; `clients` lists the clients a list read showed. Events already stored
/// are chained in the order they happened, so an upgraded database verifies like a new one.
struct AddAuditChain: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (name, type) in [
            ("chain", DatabaseSchema.DataType.string), ("seq", .int64), ("previous_hash", .string), ("hash", .string),
            ("clients", .string),
        ] {
            try await database.schema("audit_events").field(FieldKey(stringLiteral: name), type).update()
        }
        try await database.schema("audit_chain_heads")
            .field("chain", .string, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await chainExisting(sql)
        try await sql.create(index: "audit_events_chain_seq").unique().on("audit_events").column("chain").column("seq")
            .run()
        try await sql.create(index: "audit_events_program_at").on("audit_events").column("program_id").column("at")
            .run()
    }

    /// Chains the events stored before this migration, oldest first (ties by id, which is time-ordered).
    private func chainExisting(_ sql: any SQLDatabase) async throws {
        struct Row: Decodable {
            let id: UUID
            let program_id: UUID?
            let actor_id: UUID?
            let role: String?
            let action: String
            let client_id: UUID?
            let request_id: String?
            let at: Date
        }
        let rows = try await sql.select().columns(
            "id", "program_id", "actor_id", "role", "action", "client_id", "request_id", "at"
        )
        .from("audit_events").orderBy("at").orderBy("id").all(decoding: Row.self)
        var heads: [String: (sequence: Int, hash: String)] = [:]
        for row in rows {
            let event = AuditEvent(
                programID: row.program_id.map(ProgramID.init), actorID: row.actor_id.map(UserID.init),
                role: row.role.flatMap(Role.init(rawValue:)), action: row.action,
                clientID: row.client_id.map(ClientID.init), requestID: row.request_id, at: AuditChain.stored(row.at))
            let chain = AuditChain.key(of: event.programID)
            let link = AuditChain.link([(row.id, event)], after: heads[chain])[0]
            heads[chain] = (link.sequence, link.hash)
            try await sql.update("audit_events")
                .set("chain", to: chain).set("seq", to: link.sequence).set("previous_hash", to: link.previousHash)
                .set("hash", to: link.hash).set("at", to: event.at)
                .where("id", .equal, row.id).run()
        }
        for (chain, head) in heads {
            try await sql.insert(into: "audit_chain_heads").columns("chain", "seq", "hash")
                .values(SQLBind(chain), SQLBind(head.sequence), SQLBind(head.hash)).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "audit_events_program_at").run()
        try await sql.drop(index: "audit_events_chain_seq").run()
        try await database.schema("audit_chain_heads").delete()
        for name in ["clients", "hash", "previous_hash", "seq", "chain"] {
            try await database.schema("audit_events").deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
