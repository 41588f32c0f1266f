import BraidCore
import FluentKit
import Foundation

final class ProgramRecord: Model, @unchecked Sendable {
    static let schema = "programs"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "time_zone") var timeZone: String
    @OptionalField(key: "crisis_line") var crisisLine: String?
    @Field(key: "is_demo") var isDemo: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ program: Program, createdAt: Date) {
        id = program.id.uuid
        name = program.name
        timeZone = program.timeZone
        crisisLine = program.crisisLine
        isDemo = program.isDemo
        self.createdAt = createdAt
    }

    func toDomain() throws -> Program {
        Program(id: ProgramID(try requireID()), name: name, timeZone: timeZone, crisisLine: crisisLine, isDemo: isDemo)
    }
}
