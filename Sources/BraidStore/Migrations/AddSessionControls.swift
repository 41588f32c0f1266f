import FluentKit

/// Session hardening (issue 15): when a token was last used (idle sign-out) and when an account last signed
/// out everywhere (web sessions begun before then end).
struct AddSessionControls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("last_used_at", .datetime).update()
        try await database.schema("users").field("signed_out_everywhere_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("signed_out_everywhere_at").update()
        try await database.schema("api_tokens").deleteField("last_used_at").update()
    }
}
