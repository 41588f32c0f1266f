import BraidCore
import FluentKit
import Foundation
import SQLKit

/// Braid's queries. Every method takes and returns domain values; records never leave this target.
/// Clinical writes, their safety alert and their audit event commit in one transaction.
public struct BraidRepository: Sendable {
    public let database: any Database
    /// Whether `database` is a transaction this repository's `transaction` opened (nested calls join it).
    let inTransaction: Bool

    public init(_ database: any Database) {
        self.init(database, inTransaction: false)
    }

    init(_ database: any Database, inTransaction: Bool) {
        self.database = database
        self.inTransaction = inTransaction
    }

    var sql: any SQLDatabase {
        get throws {
            guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database (not SQL)") }
            return sql
        }
    }

    /// A cheap real query, for health checks.
    public func ping() async throws {
        _ = try await ProgramRecord.query(on: database).count()
    }

    /// Whether the database is SQLite (write transactions then need `BEGIN IMMEDIATE`).
    var isSQLite: Bool { (database as? any SQLDatabase)?.dialect.name == "sqlite" }

    /// Runs `body` in one transaction; everything it writes commits together or not at all. Inside a
    /// transaction, it runs `body` in that one.
    ///
    /// SQLite: Fluent's deferred `BEGIN` lets two connections both read and then both try to write, and in WAL
    /// mode the loser fails at once (SQLITE_BUSY_SNAPSHOT, not retried by the busy handler). So writes take the
    /// write lock up front (`BEGIN IMMEDIATE`), one at a time in this process (so waiting writers sleep instead
    /// of spinning in the busy handler). PostgreSQL: a unique violation from two concurrent writers of the same
    /// row (a check-in revision) is retried.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (BraidRepository) async throws -> T)
        async throws -> T
    {
        if inTransaction { return try await body(self) }
        if isSQLite {
            return try await SQLiteWriteGate.shared.serialize {
                try await database.withConnection { connection in
                    let sql = connection as! any SQLDatabase
                    try await sql.raw("BEGIN IMMEDIATE").run()
                    do {
                        let result = try await body(BraidRepository(connection, inTransaction: true))
                        try await sql.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await sql.raw("ROLLBACK").run()
                        throw error
                    }
                }
            }
        }
        var attempt = 1
        while true {
            do {
                return try await database.transaction { database in
                    try await body(BraidRepository(database, inTransaction: true))
                }
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 3 {
                attempt += 1
            }
        }
    }
}

/// Serializes SQLite write transactions within the process: one writer at a time, the others waiting without
/// holding a connection or spinning.
actor SQLiteWriteGate {
    static let shared = SQLiteWriteGate()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func serialize<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}

extension BraidRepository {
    /// Whether every migration has run (a PostgreSQL database that is behind must be migrated first).
    public static func pendingMigrations(on database: any Database, expected: [any Migration] = BraidMigrations.all)
        async throws -> [String]
    {
        let applied: Set<String>
        do {
            let rows = try await (database as? any SQLDatabase)?.raw("SELECT name FROM _fluent_migrations").all() ?? []
            applied = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        } catch {
            applied = []
        }
        return expected.map(\.name).filter { !applied.contains($0) }
    }
}
