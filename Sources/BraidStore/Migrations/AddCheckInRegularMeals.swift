import FluentKit

/// Lifestyle (issue 14 §5): the check-in's optional "regular meals today" answer.
struct AddCheckInRegularMeals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("check_ins").field("regular_meals", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("check_ins").deleteField("regular_meals").update()
    }
}
