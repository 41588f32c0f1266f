import BraidCore
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

@testable import BraidStore

/// A migrated database for one test: in-memory SQLite, or a fresh schema on `DATABASE_URL`'s PostgreSQL.
func withStore(_ body: (BraidRepository, any Database) async throws -> Void) async throws {
    // Notes are sealed at rest; every store test of this process shares one random key.
    NoteSeal.useIfUnset(NoteKeyring.generate())
    let threadPool = NIOThreadPool(numberOfThreads: 1)
    threadPool.start()
    let databases = Databases(threadPool: threadPool, on: MultiThreadedEventLoopGroup.singleton)
    let url = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.hasPrefix("postgres") ? $0 : nil }
    let schema = url.map { _ in "s" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
    let location: DatabaseLocation = url.map { .postgres(url: $0, searchPath: [schema!]) } ?? .sqliteMemory
    try location.configure(databases)
    let logger = Logger(label: "braid.store.test")
    let database = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    let migrations = Migrations()
    migrations.add(BraidMigrations.all)
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: database.eventLoop)
    do {
        if let schema { try await (database as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").run() }
        try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
        try await body(BraidRepository(database), database)
        if let schema { try await (database as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
    } catch {
        if let schema { try? await (database as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        await databases.shutdownAsync()
        try await threadPool.shutdownGracefully()
        throw error
    }
    await databases.shutdownAsync()
    try await threadPool.shutdownGracefully()
}

/// A program with one clinician and one client on its team.
struct StoreFixture {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    let program: Program
    let clinician: Actor
    let client: ClientProfile
    let clientActor: Actor

    static func make(_ repository: BraidRepository) async throws -> StoreFixture {
        let program = Program(id: .random(), name: "P", timeZone: "UTC", crisisLine: nil, isDemo: false)
        try await repository.createProgram(program, now: now)
        let clinician = UserAccount(
            id: .random(), programID: program.id, role: .clinician, email: "c@test.example", name: "C")
        try await repository.createUser(clinician, passwordHash: "x", now: now)
        let user = UserAccount(id: .random(), programID: program.id, role: .client, email: "k@test.example", name: "K")
        let clientID = ClientID.random()
        try await repository.createUser(user, passwordHash: "x", clientID: clientID, careTeam: [clinician.id], now: now)
        let client = try await repository.client(clientID, in: program.id)!
        return StoreFixture(
            program: program,
            clinician: Actor(userID: clinician.id, role: .clinician, programID: program.id, clientID: nil),
            client: client,
            clientActor: Actor(userID: user.id, role: .client, programID: program.id, clientID: clientID))
    }
}

extension StoreFixture {
    /// A write to the fixture client's record (by the client unless another author is given).
    func write(
        _ content: ClinicalWrite.Content, by author: Actor? = nil, through door: WriteDoor = .api,
        requestID: String? = nil, at now: Date = StoreFixture.now
    ) -> ClinicalWrite {
        ClinicalWrite(content, to: client.ref, by: author ?? clientActor, through: door, requestID: requestID, now: now)
    }
}
