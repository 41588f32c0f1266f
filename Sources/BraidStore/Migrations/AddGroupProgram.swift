import FluentKit
import SQLKit

/// The group program (issue 14 §7): groups with their schedule and facilitator, members, attendance per session
/// and member (one row each, replaced when a session is recorded again), homework and who marked it done.
struct AddGroupProgram: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("therapy_groups")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("modality", .string, .required)
            .field("weekdays", .string, .required)
            .field("start_time", .string, .required)
            .field("duration_minutes", .int, .required)
            .field("facilitator_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid, .required)
            .create()
        try await database.schema("group_members")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("group_id", .uuid, .required, .references("therapy_groups", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .unique(on: "group_id", "client_id")
            .create()
        try await database.schema("group_attendance")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("group_id", .uuid, .required, .references("therapy_groups", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("status", .string, .required)
            .field("note", .string)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .unique(on: "group_id", "client_id", "date")
            .create()
        try await database.schema("homework")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("group_id", .uuid, .required, .references("therapy_groups", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("details", .string)
            .field("assigned_on", .string, .required)
            .field("due_on", .string)
            .field("assigned_by", .uuid, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("homework_done")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("homework_id", .uuid, .required, .references("homework", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("done_at", .datetime, .required)
            .unique(on: "homework_id", "client_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "therapy_groups_program").on("therapy_groups").column("program_id").run()
        try await sql.create(index: "group_members_client").on("group_members").column("client_id").run()
        try await sql.create(index: "group_attendance_client").on("group_attendance").column("client_id").run()
        try await sql.create(index: "homework_group").on("homework").column("group_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["homework_done", "homework", "group_attendance", "group_members", "therapy_groups"] {
            try await database.schema(table).delete()
        }
    }
}
