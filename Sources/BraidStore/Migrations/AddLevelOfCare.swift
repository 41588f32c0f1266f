import FluentKit
import SQLKit

/// Level of care (issue 11, clinical-rules.md §6): what the clinician records for the rules (kept with dates,
/// never overwritten) and every decision on a recommendation (the recommendation and its inputs as JSON, the
/// decision, the level, who, when, why).
struct AddLevelOfCare: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("level_factors")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("psychosis", .bool)
            .field("severe_agitation", .bool)
            .field("medical_instability", .bool)
            .field("withdrawal_needs_medical_management", .bool)
            .field("recovery_environment", .string)
            .field("recorded_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid)
            .create()
        try await database.schema("level_decisions")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("episode_id", .uuid, .references("episodes", "id", onDelete: .setNull))
            .field("recommended_level", .string, .required)
            .field("recommended_rules", .string, .required)
            .field("step_direction", .string)
            .field("inputs", .string, .required)
            .field("decision", .string, .required)
            .field("level", .string, .required)
            .field("reason", .string)
            .field("decided_by", .uuid)
            .field("decided_at", .datetime, .required)
            .field("effective_on", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "level_factors_client").on("level_factors").column("client_id").run()
        try await sql.create(index: "level_decisions_client").on("level_decisions").column("client_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("level_decisions").delete()
        try await database.schema("level_factors").delete()
    }
}
