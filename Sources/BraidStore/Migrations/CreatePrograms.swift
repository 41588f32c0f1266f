import FluentKit

/// Programs (tenants). Every clinical row carries its program id and every query filters by it.
struct CreatePrograms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .id()
            .field("name", .string, .required)
            .field("time_zone", .string, .required)
            .field("crisis_line", .string)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("programs").delete()
    }
}
