import FluentKit
import SQLKit

/// 42 CFR Part 2 (issue 13 §5): the client's written consents, the accounting of disclosures made under them,
/// and SUD counseling notes, kept in a table of their own, apart from the rest of the record.
struct AddPart2Consents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("consents")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("discloser", .string, .required)
            .field("recipient", .string, .required)
            .field("purpose", .string, .required)
            .field("scope", .string, .required)
            .field("expires_on", .string, .required)
            .field("signature", .string, .required)
            .field("signed_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid)
            .create()
        try await database.schema("disclosures")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("consent_id", .uuid, .required, .references("consents", "id"))
            .field("recipient", .string, .required)
            .field("purpose", .string, .required)
            .field("scope", .string, .required)
            .field("disclosed_at", .datetime, .required)
            .field("disclosed_by", .uuid)
            .field("resources", .int, .required)
            .create()
        try await database.schema("counseling_notes")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("session_date", .string, .required)
            .field("text", .string, .required)
            .field("written_by", .uuid, .required)
            .field("written_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "consents_client").on("consents").column("client_id").run()
        try await sql.create(index: "disclosures_client").on("disclosures").column("client_id").run()
        try await sql.create(index: "counseling_notes_client").on("counseling_notes").column("client_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("counseling_notes").delete()
        try await database.schema("disclosures").delete()
        try await database.schema("consents").delete()
    }
}
