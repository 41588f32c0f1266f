import FluentKit
import SQLKit

/// Finding a day's current check-in (`superseded_at IS NULL`) reads one index entry however many revisions the
/// day has; the unique (client, date, revision) index alone made every new check-in visit each earlier revision.
struct AddCurrentCheckInIndex: AsyncMigration {
    static let indexName = "check_ins_client_date_current"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: Self.indexName).on("check_ins").column("client_id").column("date")
            .column("superseded_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.indexName).run()
    }
}
