import BraidCore
import FluentKit
import Foundation
import SQLKit

extension BraidRepository {
    /// Current (not superseded) check-ins of a client in a date range, in date order.
    public func checkIns(
        of client: ClientRef, from: CalendarDate? = nil, through: CalendarDate? = nil, includeHistory: Bool = false
    ) async throws -> [StoredCheckIn] {
        var query = try sql.select().columns(CheckInRow.columns).from(CheckInRecord.schema)
            .where("program_id", .equal, SQLBind(client.programID.uuid))
            .where("client_id", .equal, SQLBind(client.id.uuid))
        if !includeHistory { query = query.where(SQLIdentifier("superseded_at"), .is, SQLLiteral.null) }
        if let from { query = query.where("date", .greaterThanOrEqual, SQLBind(from.description)) }
        if let through { query = query.where("date", .lessThanOrEqual, SQLBind(through.description)) }
        return try await query.orderBy("date").orderBy("revision").all(decoding: CheckInRow.self).map {
            try $0.toDomain()
        }
    }

    /// The latest day on or before `date` whose current check-in reports use, or `nil` (one row, read through
    /// the (client, date, superseded_at) index; for the PHQ-9's early-abstinence flag).
    public func lastUseDate(of client: ClientRef, onOrBefore date: CalendarDate) async throws -> CalendarDate? {
        struct Row: Decodable { let date: String }
        let row = try await sql.select().column("date").from(CheckInRecord.schema)
            .where("program_id", .equal, SQLBind(client.programID.uuid))
            .where("client_id", .equal, SQLBind(client.id.uuid))
            .where("date", .lessThanOrEqual, SQLBind(date.description))
            .where(SQLIdentifier("superseded_at"), .is, SQLLiteral.null)
            .where("used", .equal, SQLBind(true))
            .orderBy("date", .descending).limit(1)
            .first(decoding: Row.self)
        return try row.map {
            guard let day = CalendarDate(iso: $0.date) else { throw StoreError.corrupt("check_ins.date") }
            return day
        }
    }
}
