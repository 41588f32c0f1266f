import BraidCore
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import BraidStore

@Suite("audit hash chain (§11): append-only, tamper-evident, one chain per program")
struct AuditChainTests {
    static func event(
        _ action: String, program: ProgramID?, client: ClientID? = nil, clients: [ClientID] = [], minute: Int = 0
    ) -> AuditEvent {
        AuditEvent(
            programID: program, actorID: .random(), role: .clinician, action: action, clientID: client,
            requestID: "r\(minute)", at: StoreFixture.now.addingTimeInterval(Double(minute) * 60 + 0.000_4),
            clients: clients)
    }

    /// Five events in program p, two in q, one with no program.
    static func seed(_ repository: BraidRepository) async throws -> (p: ProgramID, q: ProgramID, client: ClientID) {
        let (p, q, client) = (ProgramID.random(), ProgramID.random(), ClientID.random())
        try await repository.appendAudit(event("auth.login", program: p, minute: 0))
        try await repository.appendAudit(
            event("chart.read", program: p, client: client, minute: 1), event("auth.login", program: q, minute: 1))
        try await repository.appendAudit(event("caseload.read", program: p, clients: [client, .random()], minute: 2))
        try await repository.appendAudit(event("auth.login-failed", program: nil, minute: 3))
        try await repository.appendAudit(event("checkin.create", program: p, client: client, minute: 4))
        try await repository.appendAudit(event("alert.acknowledge", program: p, client: client, minute: 5))
        try await repository.appendAudit(event("chart.read", program: q, client: .random(), minute: 6))
        return (p, q, client)
    }

    static func chain(_ program: ProgramID, _ database: any Database) async throws -> [StoredAuditEvent] {
        try await (database as! any SQLDatabase).select().columns(AuditRow.columns).from("audit_events")
            .where("chain", .equal, program.description).orderBy("seq").all(decoding: AuditRow.self)
            .map { try $0.toDomain() }
    }

    @Test("an untouched trail verifies: sequences 1…n, each event's previous hash is the one before's")
    func intact() async throws {
        try await withStore { repository, database in
            let (p, q, _) = try await Self.seed(repository)
            let result = try await repository.verifyAudit(batchSize: 2)
            #expect(result.isIntact)
            let counts = Dictionary(uniqueKeysWithValues: result.chains.map { ($0.chain, $0.events) })
            #expect(counts == [p.description: 5, q.description: 2, AuditChain.systemChain: 1])
            let events = try await Self.chain(p, database)
            #expect(events.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(events[0].previousHash == AuditChain.genesis)
            for (earlier, later) in zip(events, events.dropFirst()) { #expect(later.previousHash == earlier.hash) }
            #expect(Set(events.map(\.hash)).count == 5 && events.allSatisfy { $0.hash.count == 64 })
            #expect(result.chains.first { $0.chain == p.description }?.head == events[4].hash)
            // The list read is one event that names both clients.
            #expect(events[2].event.clients.count == 2 && events[2].event.clientID == nil)
        }
    }

    @Test("the hash covers every field: changing any one gives another hash")
    func canonicalCoversEveryField() {
        let base = Self.event("chart.read", program: .random(), client: .random(), minute: 1)
        let id = UUID()
        let original = AuditChain.canonical(id: id, sequence: 3, event: base)
        let variants: [AuditEvent] = [
            AuditEvent(
                programID: .random(), actorID: base.actorID, role: base.role, action: base.action,
                clientID: base.clientID, requestID: base.requestID, at: base.at),
            AuditEvent(
                programID: base.programID, actorID: .random(), role: base.role, action: base.action,
                clientID: base.clientID, requestID: base.requestID, at: base.at),
            AuditEvent(
                programID: base.programID, actorID: base.actorID, role: .admin, action: base.action,
                clientID: base.clientID, requestID: base.requestID, at: base.at),
            AuditEvent(
                programID: base.programID, actorID: base.actorID, role: base.role, action: "chart.reads",
                clientID: base.clientID, requestID: base.requestID, at: base.at),
            AuditEvent(
                programID: base.programID, actorID: base.actorID, role: base.role, action: base.action, clientID: nil,
                requestID: base.requestID, at: base.at),
            AuditEvent(
                programID: base.programID, actorID: base.actorID, role: base.role, action: base.action,
                clientID: base.clientID, requestID: "other", at: base.at),
            AuditEvent(
                programID: base.programID, actorID: base.actorID, role: base.role, action: base.action,
                clientID: base.clientID, requestID: base.requestID, at: base.at.addingTimeInterval(0.001)),
            AuditEvent(
                programID: base.programID, actorID: base.actorID, role: base.role, action: base.action,
                clientID: base.clientID, requestID: base.requestID, at: base.at, clients: [.random()]),
        ]
        for variant in variants { #expect(AuditChain.canonical(id: id, sequence: 3, event: variant) != original) }
        #expect(AuditChain.canonical(id: id, sequence: 4, event: base) != original)
        #expect(AuditChain.canonical(id: UUID(), sequence: 3, event: base) != original)
        // Length prefixes: moving text between fields changes the content.
        let a = AuditEvent(
            programID: nil, actorID: nil, role: nil, action: "a", clientID: nil, requestID: "bc", at: base.at)
        let b = AuditEvent(
            programID: nil, actorID: nil, role: nil, action: "ab", clientID: nil, requestID: "c", at: base.at)
        #expect(
            AuditChain.canonical(id: id, sequence: 1, event: a) != AuditChain.canonical(id: id, sequence: 1, event: b))
    }

    @Test("an edited row is named: its content no longer matches its hash")
    func edited() async throws {
        try await withStore { repository, database in
            let (p, _, _) = try await Self.seed(repository)
            let target = try await Self.chain(p, database)[2]
            try await (database as! any SQLDatabase).update("audit_events").set("action", to: "caseload.reads")
                .where("id", .equal, target.id).run()
            let broken = try #require(try await repository.verifyAudit().firstBreak)
            #expect(broken.eventID == target.id && broken.sequence == 3 && broken.reason == .edited)
            #expect(broken.description.contains(target.id.uuidString.lowercased()))
            #expect(broken.description.contains("was changed"))
        }
    }

    @Test("an edited row whose hash was recomputed still breaks the next event's link")
    func editedAndRehashed() async throws {
        try await withStore { repository, database in
            let (p, _, _) = try await Self.seed(repository)
            let events = try await Self.chain(p, database)
            let target = events[1]
            let forged = AuditEvent(
                programID: p, actorID: target.event.actorID, role: target.event.role, action: "auth.login",
                clientID: nil, requestID: target.event.requestID, at: target.event.at)
            let hash = AuditChain.hash(
                previous: target.previousHash,
                canonical: AuditChain.canonical(id: target.id, sequence: 2, event: forged))
            try await (database as! any SQLDatabase).update("audit_events").set("action", to: "auth.login")
                .set("client_id", to: SQLLiteral.null).set("hash", to: hash).where("id", .equal, target.id).run()
            let broken = try #require(try await repository.verifyAudit().firstBreak)
            #expect(broken.eventID == events[2].id && broken.reason == .doesNotFollow)
        }
    }

    @Test("a deleted row is found: the next event follows a gap; a deleted last row, by the head")
    func deleted() async throws {
        try await withStore { repository, database in
            let (p, q, _) = try await Self.seed(repository)
            let events = try await Self.chain(p, database)
            let sql = database as! any SQLDatabase
            try await sql.delete(from: "audit_events").where("id", .equal, events[1].id).run()
            let broken = try #require(try await repository.verifyAudit().firstBreak)
            #expect(broken.eventID == events[2].id && broken.reason == .missingBefore(expected: 2))
            #expect(broken.description.contains("missing"))

            let last = try await Self.chain(q, database).last!
            try await sql.delete(from: "audit_events").where("id", .equal, last.id).run()
            // Chains are checked in name order; restore p's gap by checking q alone through its own break.
            let qBreak = try await Self.verifyOnly(q, repository, database)
            #expect(qBreak?.reason == .head(recordedSequence: 2, lastSequence: 1))
        }
    }

    /// The first break of one chain (drops the other chains' rows and heads first).
    static func verifyOnly(_ program: ProgramID, _ repository: BraidRepository, _ database: any Database) async throws
        -> AuditChain.Break?
    {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "audit_events").where("chain", .notEqual, program.description).run()
        try await sql.delete(from: "audit_chain_heads").where("chain", .notEqual, program.description).run()
        return try await repository.verifyAudit().firstBreak
    }

    @Test("a row inserted out of order, or around the chain, is found")
    func inserted() async throws {
        try await withStore { repository, database in
            let (p, _, _) = try await Self.seed(repository)
            let sql = database as! any SQLDatabase
            let events = try await Self.chain(p, database)
            // A forged event appended after #5 with a made-up previous hash (its own hash is consistent).
            let forged = Self.event("chart.read", program: p, client: .random(), minute: 9)
            let id = UUID()
            let wrongPrevious = events[2].hash
            let hash = AuditChain.hash(
                previous: wrongPrevious, canonical: AuditChain.canonical(id: id, sequence: 6, event: forged))
            try await Self.insert(
                sql, id: id, event: forged, chain: p.description, sequence: 6, previous: wrongPrevious, hash: hash)
            let broken = try #require(try await repository.verifyAudit().firstBreak)
            #expect(broken.eventID == id && broken.reason == .doesNotFollow)

            // A row written around the chain (no chain fields at all).
            try await sql.delete(from: "audit_events").where("id", .equal, id).run()
            #expect(try await repository.verifyAudit().isIntact)
            try await sql.insert(into: "audit_events").columns("id", "action", "at")
                .values(SQLBind(UUID()), SQLBind("chart.read"), SQLBind(StoreFixture.now)).run()
            let stray = try #require(try await repository.verifyAudit().firstBreak)
            #expect(stray.chain == "(none)")
        }
    }

    static func insert(
        _ sql: any SQLDatabase, id: UUID, event: AuditEvent, chain: String, sequence: Int, previous: String,
        hash: String
    ) async throws {
        try await sql.insert(into: "audit_events").columns(AuditRow.columns)
            .values(
                SQLBind(id), SQLBind(event.programID?.uuid), SQLBind(event.actorID?.uuid),
                SQLBind(event.role?.rawValue),
                SQLBind(event.action), SQLBind(event.clientID?.uuid), SQLBind(event.requestID),
                SQLBind(AuditChain.stored(event.at)), SQLBind(chain), SQLBind(sequence), SQLBind(previous),
                SQLBind(hash), SQLBind(String?.none)
            ).run()
    }

    @Test("concurrent writers never fork a chain: 40 simultaneous appends give #1…#40")
    func concurrent() async throws {
        try await withStore { repository, database in
            let program = ProgramID.random()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for minute in 0..<40 {
                    group.addTask {
                        try await repository.appendAudit(Self.event("chart.read", program: program, minute: minute))
                    }
                }
                try await group.waitForAll()
            }
            let events = try await Self.chain(program, database)
            #expect(events.map(\.sequence) == Array(1...40))
            #expect(try await repository.verifyAudit().isIntact)
        }
    }

    @Test("events written inside a failed transaction leave no link behind")
    func rolledBack() async throws {
        try await withStore { repository, database in
            let program = ProgramID.random()
            try await repository.appendAudit(Self.event("auth.login", program: program))
            struct Failure: Error {}
            await #expect(throws: Failure.self) {
                try await repository.transaction { store in
                    try await store.appendAudit(Self.event("chart.read", program: program, minute: 1))
                    throw Failure()
                }
            }
            try await repository.appendAudit(Self.event("auth.logout", program: program, minute: 2))
            let events = try await Self.chain(program, database)
            #expect(events.map(\.event.action) == ["auth.login", "auth.logout"])
            #expect(try await repository.verifyAudit().isIntact)
        }
    }

    @Test("upgrading a database chains the events it already holds, oldest first")
    func migrationChainsExistingEvents() async throws {
        try await withStore { repository, database in
            let (p, _, _) = try await Self.seed(repository)
            let before = try await Self.chain(p, database).map(\.id)
            try await AddAuditChain().revert(on: database)
            try await AddAuditChain().prepare(on: database)
            let after = try await Self.chain(p, database)
            #expect(after.map(\.id) == before)
            #expect(after.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(try await repository.verifyAudit().isIntact)
            // New events continue the chain.
            try await repository.appendAudit(Self.event("chart.read", program: p, minute: 8))
            #expect(try await Self.chain(p, database).last?.sequence == 6)
            #expect(try await repository.verifyAudit().isIntact)
        }
    }

    @Test("the admin search: one program, by client (own or listed), actor, action prefix, days and limit")
    func search() async throws {
        try await withStore { repository, database in
            let (p, _, client) = try await Self.seed(repository)
            let utc = TimeZone(identifier: "UTC")!
            let all = try await repository.auditTrail(of: p, matching: AuditQuery(), timeZone: utc)
            #expect(all.map(\.sequence) == [5, 4, 3, 2, 1])
            let aboutClient = try await repository.auditTrail(
                of: p, matching: AuditQuery(client: client), timeZone: utc)
            #expect(
                aboutClient.map(\.event.action) == [
                    "alert.acknowledge", "checkin.create", "caseload.read", "chart.read",
                ])
            let auth = try await repository.auditTrail(of: p, matching: AuditQuery(action: "auth"), timeZone: utc)
            #expect(auth.map(\.event.action) == ["auth.login"])
            let exact = try await repository.auditTrail(
                of: p, matching: AuditQuery(action: "chart.read"), timeZone: utc)
            #expect(exact.count == 1)
            let none = try await repository.auditTrail(of: p, matching: AuditQuery(action: "chart.rea"), timeZone: utc)
            #expect(none.isEmpty)
            let actor = all[1].event.actorID!
            #expect(
                try await repository.auditTrail(of: p, matching: AuditQuery(actor: actor), timeZone: utc).map(\.id) == [
                    all[1].id
                ])
            let today = CalendarDate(date: StoreFixture.now, timeZone: utc)
            #expect(
                try await repository.auditTrail(of: p, matching: AuditQuery(from: today, to: today), timeZone: utc)
                    .count == 5)
            #expect(
                try await repository.auditTrail(of: p, matching: AuditQuery(from: today.adding(days: 1)), timeZone: utc)
                    .isEmpty)
            #expect(
                try await repository.auditTrail(of: p, matching: AuditQuery(to: today.adding(days: -1)), timeZone: utc)
                    .isEmpty)
            #expect(
                try await repository.auditTrail(of: p, matching: AuditQuery(limit: 2), timeZone: utc).map(\.sequence)
                    == [5, 4])
            // The reference filter agrees with the SQL one.
            for query in [AuditQuery(client: client), AuditQuery(action: "auth"), AuditQuery(actor: actor)] {
                let filtered = all.filter { query.matches($0.event, timeZone: utc) }.map(\.id)
                #expect(try await repository.auditTrail(of: p, matching: query, timeZone: utc).map(\.id) == filtered)
            }
        }
    }
}
