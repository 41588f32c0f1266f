import FluentKit

/// Safety alerts: open until a clinician acknowledges them with a note.
struct CreateAlerts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("alerts")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("source_id", .uuid, .required)
            .field("severity", .string, .required)
            .field("summary", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .uuid, .references("users", "id"))
            .field("acknowledgement_note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("alerts").delete()
    }
}
