import FluentKit

/// Urine drug screens (cocaine: benzoylecgonine).
struct CreateScreens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("urine_screens")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("positive", .bool, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("urine_screens").delete()
    }
}
