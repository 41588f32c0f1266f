import FluentKit
import SQLKit

/// Running a program (issue 10): account deactivation, one-time invitation links, the history of program
/// settings (each change with its reason; the current thresholds are the last change to each), and episodes of
/// care (admission to discharge).
struct AddProgramAdministration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("deactivated_at", .datetime).update()
        try await database.schema("invitations")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("purpose", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("program_setting_changes")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("setting", .string, .required)
            .field("old_value", .string)
            .field("new_value", .string, .required)
            .field("reason", .string, .required)
            .field("changed_by", .uuid)
            .field("changed_at", .datetime, .required)
            .create()
        try await database.schema("episodes")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("admitted_on", .string, .required)
            .field("level_at_admission", .string, .required)
            .field("referral_source", .string, .required)
            .field("admitted_by", .uuid)
            .field("discharged_on", .string)
            .field("discharge_reason", .string)
            .field("discharged_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "invitations_user").on("invitations").column("user_id").run()
        try await sql.create(index: "program_setting_changes_program").on("program_setting_changes")
            .column("program_id").column("changed_at").run()
        try await sql.create(index: "episodes_client").on("episodes").column("client_id").column("admitted_on").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("episodes").delete()
        try await database.schema("program_setting_changes").delete()
        try await database.schema("invitations").delete()
        try await database.schema("users").deleteField("deactivated_at").update()
    }
}
