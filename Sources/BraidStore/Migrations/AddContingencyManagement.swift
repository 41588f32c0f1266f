import FluentKit
import SQLKit

/// Contingency management (§10, issue 12): a client's enrollments (each with a copy of the terms it was offered and
/// the seed of its draws), the ledger's lines (one per screen result or missed screening day; a miss replaced by
/// a late result is kept, marked void) and the payouts staff hand over.
struct AddContingencyManagement: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cm_enrollments")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("started_on", .string, .required)
            .field("terms", .string, .required)
            .field("seed", .string, .required)
            .field("ended_on", .string)
            .field("enrolled_by", .uuid)
            .field("ended_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("cm_ledger_lines")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("enrollment_id", .uuid, .required, .references("cm_enrollments", "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("result", .string, .required)
            .field("screen_id", .uuid)
            .field("streak", .int, .required)
            .field("earned_cents", .int, .required)
            .field("draws", .string, .required)
            .field("cap_reached", .bool, .required)
            .field("recorded_at", .datetime, .required)
            .field("voided_at", .datetime)
            .create()
        try await database.schema("cm_payouts")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("enrollment_id", .uuid, .required, .references("cm_enrollments", "id", onDelete: .cascade))
            .field("paid_on", .string, .required)
            .field("amount_cents", .int, .required)
            .field("note", .string)
            .field("paid_by", .uuid, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "cm_enrollments_client").on("cm_enrollments").column("client_id").run()
        try await sql.create(index: "cm_ledger_lines_enrollment").on("cm_ledger_lines").column("enrollment_id")
            .column("date").run()
        try await sql.create(index: "cm_payouts_enrollment").on("cm_payouts").column("enrollment_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cm_payouts").delete()
        try await database.schema("cm_ledger_lines").delete()
        try await database.schema("cm_enrollments").delete()
    }
}
