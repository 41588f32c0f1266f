import FluentKit
import SQLKit

/// The client's recovery tools (issue 14, §10): thought records, diary cards, activities, support contacts and
/// mutual-help meetings, one row each, the record itself as JSON in `payload` (its shape is BraidCore's). `day` is
/// the date the record is about (a diary card's first day), for ordering and for one card per week.
struct AddRecoveryRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("recovery_records")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("day", .string)
            .field("payload", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .field("updated_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "recovery_records_client").on("recovery_records").column("client_id")
            .column("kind").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_records").delete()
    }
}
