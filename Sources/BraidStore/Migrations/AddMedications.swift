import FluentKit
import SQLKit

/// Medications and prescriber coordination (issue 12): each client's list, edited in place (every change is in
/// the audit trail), and the prescriber's notes to the whole care team.
struct AddMedications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("medications")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("dose", .string, .required)
            .field("route", .string, .required)
            .field("frequency", .string, .required)
            .field("prescriber", .string, .required)
            .field("start_date", .string, .required)
            .field("stop_date", .string)
            .field("reason", .string)
            .field("notes", .string)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .create()
        try await database.schema("prescriber_notes")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("written_by", .uuid, .required)
            .field("written_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "medications_client").on("medications").column("client_id").run()
        try await sql.create(index: "prescriber_notes_client").on("prescriber_notes").column("client_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("prescriber_notes").delete()
        try await database.schema("medications").delete()
    }
}
