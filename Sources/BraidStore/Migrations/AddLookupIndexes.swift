import FluentKit
import SQLKit

/// Indexes for the per-client and per-member lookups. Fluent's schema builder has no plain indexes; SQLKit's
/// index builder emits the same portable CREATE INDEX on SQLite and PostgreSQL.
struct AddLookupIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("assessments_client_date", "assessments", ["client_id", "date"]),
        ("urine_screens_client_date", "urine_screens", ["client_id", "date"]),
        ("alerts_client_opened", "alerts", ["client_id", "opened_at"]),
        ("audit_events_client_at", "audit_events", ["client_id", "at"]),
        ("care_team_members_user", "care_team_members", ["user_id"]),
        ("api_tokens_user", "api_tokens", ["user_id"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes.reversed() { try await sql.drop(index: index.name).run() }
    }
}
