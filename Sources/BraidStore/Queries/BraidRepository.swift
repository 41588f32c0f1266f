import BraidCore
import FluentKit
import Foundation
import SQLKit

/// Braid's queries. Every method takes and returns domain values; records never leave this target.
/// Clinical writes, their safety alert and their audit event commit in one transaction.
public struct BraidRepository: Sendable {
    public let database: any Database

    public init(_ database: any Database) {
        self.database = database
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

    /// Runs `body` in one transaction; everything it writes commits together or not at all.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (BraidRepository) async throws -> T)
        async throws -> T
    {
        try await database.transaction { database in try await body(BraidRepository(database)) }
    }
}

extension BraidRepository {
    /// Whether every migration has run (a PostgreSQL database that is behind must be migrated first).
    public static func pendingMigrations(on database: any Database) async throws -> [String] {
        let applied: Set<String>
        do {
            let rows = try await (database as? any SQLDatabase)?.raw("SELECT name FROM _fluent_migrations").all() ?? []
            applied = Set(try rows.map { try $0.decode(column: "name", as: String.self) })
        } catch {
            applied = []
        }
        return BraidMigrations.all.map(\.name).filter { !applied.contains($0) }
    }
}
