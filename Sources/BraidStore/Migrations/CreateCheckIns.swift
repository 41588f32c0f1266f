import FluentKit

/// Daily check-ins with history: a later check-in for the same day gets the next revision and the earlier one
/// is marked superseded, never deleted.
struct CreateCheckIns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("check_ins")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            // ISO YYYY-MM-DD in the program's time zone: sorts as text in date order on every database.
            .field("date", .string, .required)
            .field("revision", .int, .required)
            .field("superseded_at", .datetime)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .field("mood", .int, .required)
            .field("craving", .int, .required)
            .field("sleep_half_hours", .int, .required)
            .field("used", .bool, .required)
            .field("enjoyment", .int)
            .field("energy", .int)
            .field("irritability", .int)
            .field("other_substances", .string)
            .field("exercise_minutes", .int)
            .field("meds_taken", .bool)
            .field("safety", .bool)
            .field("note", .string)
            .unique(on: "client_id", "date", "revision")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("check_ins").delete()
    }
}
