import BraidCore
import Foundation
import SQLKit

// The audit trail (§11): append-only, one hash chain per program (AuditChain). Appends lock their chain's head
// row, inside the transaction of the write they record, so concurrent writers never fork a chain.

extension BraidRepository {
    static let auditTable = "audit_events"
    static let auditHeadTable = "audit_chain_heads"

    public func appendAudit(_ events: AuditEvent...) async throws {
        try await appendAudit(events)
    }

    /// Appends events to their programs' chains: inside the caller's transaction, or in one of their own.
    public func appendAudit(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        guard inTransaction else { return try await transaction { try await $0.appendAudit(events) } }
        var byChain: [String: [AuditEvent]] = [:]
        for event in events { byChain[AuditChain.key(of: event.programID), default: []].append(event) }
        // A fixed order of chains, so two transactions never wait on each other's heads.
        for chain in byChain.keys.sorted() { try await append(byChain[chain]!, to: chain) }
    }

    private func append(_ events: [AuditEvent], to chain: String) async throws {
        let sql = try sql
        let headRow = try await sql.select().columns("seq", "hash").from(Self.auditHeadTable)
            .where("chain", .equal, chain).for(.update).first()
        let head = try headRow.map {
            (try $0.decode(column: "seq", as: Int.self), try $0.decode(column: "hash", as: String.self))
        }
        let links = AuditChain.link(
            events.map { event in (UUID.timeOrdered(at: event.at), AuditChain.roundedToStorage(event)) }, after: head)
        var insert = sql.insert(into: Self.auditTable).columns(AuditRow.columns)
        for link in links {
            let event = link.event
            insert = insert.values(
                SQLBind(link.id), SQLBind(event.programID?.uuid), SQLBind(event.actorID?.uuid),
                SQLBind(event.role?.rawValue), SQLBind(event.action), SQLBind(event.clientID?.uuid),
                SQLBind(event.requestID), SQLBind(event.at), SQLBind(chain), SQLBind(link.sequence),
                SQLBind(link.previousHash), SQLBind(link.hash),
                SQLBind(event.clients.isEmpty ? nil : event.clients.map(\.description).joined(separator: " ")))
        }
        try await insert.run()
        let last = links[links.count - 1]
        if head == nil {
            try await sql.insert(into: Self.auditHeadTable).columns("chain", "seq", "hash")
                .values(SQLBind(chain), SQLBind(last.sequence), SQLBind(last.hash)).run()
        } else {
            try await sql.update(Self.auditHeadTable).set("seq", to: last.sequence).set("hash", to: last.hash)
                .where("chain", .equal, chain).run()
        }
    }

    /// The audit trail, newest first, optionally only the events about one client (for tests and the CLI).
    public func auditEvents(client: ClientID? = nil, limit: Int = 1_000) async throws -> [AuditEvent] {
        var query = try sql.select().columns(AuditRow.columns).from(Self.auditTable)
        if let client { query = Self.concerning(client, query) }
        return try await query.orderBy("at", .descending).orderBy("seq", .descending).limit(limit)
            .all(decoding: AuditRow.self).map { try $0.toDomain().event }
    }

    /// The admin's search: one program's events matching `query`, newest first (by their place in the chain).
    public func auditTrail(of program: ProgramID, matching query: AuditQuery, timeZone: TimeZone) async throws
        -> [StoredAuditEvent]
    {
        var select = try sql.select().columns(AuditRow.columns).from(Self.auditTable)
            .where("chain", .equal, AuditChain.key(of: program))
        if let client = query.client { select = Self.concerning(client, select) }
        if let actor = query.actor { select = select.where("actor_id", .equal, actor.uuid) }
        if let action = query.action {
            select = select.where { group in
                group.where("action", .equal, action).orWhere("action", .like, Self.likePattern(prefix: action + "."))
            }
        }
        let (start, end) = query.interval(in: timeZone)
        if let start { select = select.where("at", .greaterThanOrEqual, start) }
        if let end { select = select.where("at", .lessThan, end) }
        return try await select.orderBy("seq", .descending).limit(query.limit).all(decoding: AuditRow.self)
            .map { try $0.toDomain() }
    }

    /// A chain's last link: how many events it holds and the latest hash (nil before the first event).
    public func auditHead(of program: ProgramID) async throws -> (sequence: Int, hash: String)? {
        guard
            let row = try await sql.select().columns("seq", "hash").from(Self.auditHeadTable)
                .where("chain", .equal, AuditChain.key(of: program)).first()
        else { return nil }
        return (try row.decode(column: "seq", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    /// Events about a client: its own, or a list read that showed it.
    private static func concerning(_ client: ClientID, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.where { group in
            group.where("client_id", .equal, client.uuid)
                .orWhere("clients", .like, "%\(client.description)%")
        }
    }

    /// A LIKE pattern matching text that starts with `prefix` (action names hold no LIKE wildcards but `_`).
    private static func likePattern(prefix: String) -> String {
        prefix.replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// Checks every chain from its first event to its head. Reads in batches, so a long trail is not held in
    /// memory. Returns each chain's length and head hash, and the first break found (chains in name order).
    public func verifyAudit(batchSize: Int = 5_000) async throws -> AuditVerification {
        let sql = try sql
        struct HeadRow: Decodable {
            let chain: String
            let seq: Int
            let hash: String
        }
        let heads = try await sql.select().columns("chain", "seq", "hash").from(Self.auditHeadTable)
            .all(decoding: HeadRow.self)
        // Rows outside every chain (written around the chain) are a break of their own.
        struct Unchained: Decodable {
            let id: UUID
            let at: Date
        }
        if let stray = try await sql.select().columns("id", "at").from(Self.auditTable)
            .where("chain", .is, SQLLiteral.null).orWhere("seq", .is, SQLLiteral.null)
            .orWhere("hash", .is, SQLLiteral.null).orWhere("previous_hash", .is, SQLLiteral.null)
            .orderBy("at").limit(1).first(decoding: Unchained.self)
        {
            let broken = AuditChain.Break(
                chain: "(none)", eventID: stray.id, sequence: nil, at: stray.at, reason: .outOfOrder(expected: 0))
            return AuditVerification(chains: [], firstBreak: broken)
        }
        let stored = try await sql.select().distinct().column("chain").from(Self.auditTable).all()
            .map { try $0.decode(column: "chain", as: String.self) }
        let chains = Set(stored).union(heads.map(\.chain)).sorted()
        var summaries: [AuditVerification.Chain] = []
        for chain in chains {
            var verifier = AuditChain.Verifier(chain: chain)
            var after: (sequence: Int, id: UUID)?
            while true {
                var page = sql.select().columns(AuditRow.columns).from(Self.auditTable).where("chain", .equal, chain)
                if let after {
                    page = page.where { group in
                        group.where("seq", .greaterThan, after.sequence).orWhere { same in
                            same.where("seq", .equal, after.sequence).where("id", .greaterThan, after.id)
                        }
                    }
                }
                let rows = try await page.orderBy("seq").orderBy("id").limit(batchSize).all(decoding: AuditRow.self)
                for row in rows {
                    guard let link = try? row.toDomain() else {
                        let broken = AuditChain.Break(
                            chain: chain, eventID: row.id, sequence: row.seq, at: row.at, reason: .edited)
                        return AuditVerification(chains: summaries, firstBreak: broken)
                    }
                    if let broken = verifier.check(link) {
                        return AuditVerification(chains: summaries, firstBreak: broken)
                    }
                    after = (link.sequence, link.id)
                }
                if rows.count < batchSize { break }
            }
            let head = heads.first { $0.chain == chain }.map { (sequence: $0.seq, hash: $0.hash) }
            if let broken = verifier.finish(head: head) {
                return AuditVerification(chains: summaries, firstBreak: broken)
            }
            summaries.append(.init(chain: chain, events: verifier.count, head: verifier.previous))
        }
        return AuditVerification(chains: summaries, firstBreak: nil)
    }
}

/// What `verifyAudit` found.
public struct AuditVerification: Sendable {
    public struct Chain: Sendable, Hashable {
        public let chain: String
        public let events: Int
        /// The last event's hash: write it down elsewhere, and a later rewrite of the whole chain shows too.
        public let head: String
    }

    public let chains: [Chain]
    public let firstBreak: AuditChain.Break?

    public var isIntact: Bool { firstBreak == nil }
}

/// One stored audit event, as read (columns match CreateAuditEvents and AddAuditChain).
struct AuditRow: Decodable {
    let id: UUID
    let programID: UUID?
    let actorID: UUID?
    let role: String?
    let action: String
    let clientID: UUID?
    let requestID: String?
    let at: Date
    let chain: String?
    let seq: Int?
    let previousHash: String?
    let hash: String?
    let clients: String?

    static let columns = [
        "id", "program_id", "actor_id", "role", "action", "client_id", "request_id", "at", "chain", "seq",
        "previous_hash", "hash", "clients",
    ]

    enum CodingKeys: String, CodingKey {
        case id, programID = "program_id", actorID = "actor_id", role, action, clientID = "client_id"
        case requestID = "request_id", at, chain, seq, previousHash = "previous_hash", hash, clients
    }

    func toDomain() throws -> StoredAuditEvent {
        guard let seq, let previousHash, let hash else { throw StoreError.corrupt("audit_events (not chained)") }
        let listed = try (clients ?? "").split(separator: " ").map { text in
            guard let id = ClientID(String(text)) else { throw StoreError.corrupt("audit_events.clients") }
            return id
        }
        let event = AuditEvent(
            programID: programID.map(ProgramID.init), actorID: actorID.map(UserID.init),
            role: role.flatMap(Role.init(rawValue:)), action: action, clientID: clientID.map(ClientID.init),
            requestID: requestID, at: AuditChain.stored(at), clients: listed)
        return StoredAuditEvent(id: id, event: event, sequence: seq, previousHash: previousHash, hash: hash)
    }
}
