import FluentKit

/// Append-only audit trail: who did what to whose record, when, under which request. Never clinical content.
/// No foreign keys: the trail must outlive the rows it mentions.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("program_id", .uuid)
            .field("actor_id", .uuid)
            .field("role", .string)
            .field("action", .string, .required)
            .field("client_id", .uuid)
            .field("request_id", .string)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
