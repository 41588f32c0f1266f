import BraidCore
import Foundation
import SQLKit

extension BraidRepository {
    /// Reseals every sealed column's values with the keyring's current key (plain text from before sealing
    /// included), each table in one transaction. Returns how many values were rewritten. The keyring set in
    /// `NoteSeal` must hold every key the values were sealed with.
    public func resealNotes() async throws -> Int {
        guard let current = NoteSeal.current?.current.id else { throw StoreError.corrupt("keyring (none set)") }
        var resealed = 0
        for column in SealedColumn.allCases {
            resealed += try await transaction { store in
                let sql = try store.sql
                let rows = try await sql.select().column("id").column(column.column).from(column.table)
                    .where(SQLIdentifier(column.column), .isNot, SQLLiteral.null).all()
                var count = 0
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let stored = try row.decode(column: column.column, as: String.self)
                    guard NoteSeal.keyID(of: stored) != current else { continue }
                    let text = try NoteSeal.open(stored, column)
                    try await sql.update(column.table).set(
                        SQLIdentifier(column.column), to: SQLBind(NoteSeal.seal(text, column))
                    )
                    .where("id", .equal, id).run()
                    count += 1
                }
                return count
            }
        }
        return resealed
    }

    /// How many stored values of each key id (and `plain` for unsealed text) the sealed columns hold.
    public func sealedValueCounts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for column in SealedColumn.allCases {
            let rows = try await sql.select().column(column.column).from(column.table)
                .where(SQLIdentifier(column.column), .isNot, SQLLiteral.null).all()
            for row in rows {
                let stored = try row.decode(column: column.column, as: String.self)
                counts[NoteSeal.keyID(of: stored) ?? "plain", default: 0] += 1
            }
        }
        return counts
    }
}
