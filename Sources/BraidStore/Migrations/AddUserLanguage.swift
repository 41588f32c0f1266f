import FluentKit

/// The language a client chose for their pages (issue 14 §8): `en` or `es`; none means English.
struct AddUserLanguage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("language", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("language").update()
    }
}
