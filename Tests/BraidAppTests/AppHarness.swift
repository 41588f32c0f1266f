import BraidCore
import BraidStore
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting

@testable import BraidApp

/// A settable clock for tests (token expiry, "today").
final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    init(_ date: Date) {
        current = NIOLockedValueBox(date)
    }

    var now: Date { current.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Limits how many apps run at once (each holds database connections; PostgreSQL has a connection cap).
actor AppSlots {
    static let shared = AppSlots(limit: 4)
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        free = limit
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Where tests keep their data: in-memory SQLite, or a fresh schema on the PostgreSQL of `DATABASE_URL`.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.hasPrefix("postgres") ? $0 : nil }
    }

    static func location() -> (location: DatabaseLocation, schema: String?) {
        guard let url = postgresURL else { return (.sqliteMemory, nil) }
        let schema = "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return (.postgres(url: url, searchPath: [schema]), schema)
    }
}

/// Accounts and tokens every API test starts with. Program P: admin, clinicians C1 and C2, client K1 (team C1)
/// and client K2 (team C2). Program Q: clinician C3 and client K3 (team C3).
struct Fixture: Sendable {
    static let now = ISO8601DateFormatter().date(from: "2026-06-15T12:00:00Z")!
    static let crisisLine = "555-0199 (test program line)"

    let program: ProgramID
    let otherProgram: ProgramID
    let admin: UserID
    let clinician1: UserID
    let clinician2: UserID
    let client1: ClientID
    let client2: ClientID
    let client3: ClientID
    let tokens: [String: String]

    func token(_ name: String) -> String { tokens[name]! }

    /// The clients with their programs, for store reads (every read carries the tenant key).
    var k1: ClientRef { ClientRef(id: client1, programID: program) }
    var k2: ClientRef { ClientRef(id: client2, programID: program) }
    var k3: ClientRef { ClientRef(id: client3, programID: otherProgram) }

    static func seed(_ app: Application) async throws -> Fixture {
        let repository = app.repository
        let now = app.clock()
        let p = Program(id: .random(), name: "Test program", timeZone: "UTC", crisisLine: crisisLine, isDemo: false)
        let q = Program(id: .random(), name: "Other program", timeZone: "UTC", crisisLine: nil, isDemo: false)
        try await repository.createProgram(p, now: now)
        try await repository.createProgram(q, now: now)
        let hash = try Passwords.hash("correct horse battery", cost: 4)
        func staff(_ name: String, _ role: Role, _ program: Program) async throws -> UserID {
            let account = UserAccount(
                id: .random(), programID: program.id, role: role, email: "\(name)@test.example", name: name)
            try await repository.createUser(account, passwordHash: hash, now: now)
            return account.id
        }
        func client(_ name: String, _ program: Program, team: [UserID]) async throws -> (UserID, ClientID) {
            let account = UserAccount(
                id: .random(), programID: program.id, role: .client, email: "\(name)@test.example", name: name)
            let id = ClientID.random()
            try await repository.createUser(account, passwordHash: hash, clientID: id, careTeam: team, now: now)
            return (account.id, id)
        }
        let admin = try await staff("admin", .admin, p)
        let c1 = try await staff("c1", .clinician, p)
        let c2 = try await staff("c2", .clinician, p)
        let c3 = try await staff("c3", .clinician, q)
        let (k1User, k1) = try await client("k1", p, team: [c1])
        let (k2User, k2) = try await client("k2", p, team: [c2])
        let (k3User, k3) = try await client("k3", q, team: [c3])
        var tokens: [String: String] = [:]
        for (name, user) in [
            ("admin", admin), ("c1", c1), ("c2", c2), ("c3", c3), ("k1", k1User), ("k2", k2User), ("k3", k3User),
        ] {
            let token = Tokens.make()
            try await repository.createToken(
                hash: Tokens.hash(token), for: user, now: now, expiresAt: now.addingTimeInterval(3600))
            tokens[name] = token
        }
        return Fixture(
            program: p.id, otherProgram: q.id, admin: admin, clinician1: c1, clinician2: c2, client1: k1, client2: k2,
            client3: k3,
            tokens: tokens)
    }
}

/// Runs `body` against a fresh, migrated, seeded app.
func withBraidApp(_ body: (Application, Fixture, TestClock) async throws -> Void) async throws {
    await AppSlots.shared.acquire()
    let app = try await Application.make(.testing)
    let (location, schema) = TestDatabase.location()
    let clock = TestClock(Fixture.now)
    do {
        try BraidServer.configure(
            app, with: BraidConfiguration(mode: .testing, database: location, crisisLine: nil, bcryptCost: 4))
        app.clock = { clock.now }
        app.logger.logLevel = .warning
        if let schema { try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(ident: schema)").run() }
        try await app.autoMigrate()
        let fixture = try await Fixture.seed(app)
        try await body(app, fixture, clock)
        if let schema { try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
    } catch {
        if let schema { try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        try? await app.asyncShutdown()
        await AppSlots.shared.release()
        throw error
    }
    try await app.asyncShutdown()
    await AppSlots.shared.release()
}

/// A response with its body parsed as JSON.
struct APIResponse {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let text: String

    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]) ?? [:] }
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var errorField: String? { error["field"] as? String }
}

extension Application {
    /// Sends a request through the app (in memory), with a bearer token and a raw JSON body.
    func call(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil) async throws
        -> APIResponse
    {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if body != nil { headers.contentType = .json }
        let response = try await testing().sendRequest(
            method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return APIResponse(status: response.status, headers: response.headers, text: response.body.string)
    }
}
