import FluentKit
import SQLKit

/// Notifications that reach a person (issue 12): every alert notification, escalation and client reminder with its
/// delivery record, and each client's reminder choices.
struct AddNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("alert_id", .uuid, .references("alerts", "id", onDelete: .cascade))
            .field("urgency", .string)
            .field("step", .int)
            .field("reminder", .string)
            .field("client_id", .uuid, .references("clients", "id", onDelete: .cascade))
            .field("day", .string)
            .field("recipient", .string, .required)
            .field("channel", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("link", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .create()
        try await database.schema("reminder_preferences")
            .field("client_id", .uuid, .identifier(auto: false), .references("clients", "id", onDelete: .cascade))
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("kinds", .string, .required)
            .field("time", .int, .required)
            .field("quiet_start", .int, .required)
            .field("quiet_end", .int, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "notifications_due").on("notifications").column("status")
            .column("next_attempt_at").run()
        try await sql.create(index: "notifications_alert").on("notifications").column("alert_id").run()
        try await sql.create(index: "notifications_client_day").on("notifications").column("client_id")
            .column("day").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reminder_preferences").delete()
        try await database.schema("notifications").delete()
    }
}
