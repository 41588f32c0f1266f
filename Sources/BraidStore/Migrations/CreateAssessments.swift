import FluentKit

/// Instrument results (answers by item id and the score) and ordering assessments (input and result).
struct CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessments")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("date", .string, .required)
            .field("answers_json", .string, .required)
            .field("result_json", .string, .required)
            .field("total", .int)
            .field("severity", .string)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessments").delete()
    }
}
