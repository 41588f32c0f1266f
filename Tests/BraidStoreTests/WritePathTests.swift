import BraidCore
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import BraidStore

@Suite("Write path: time-ordered ids and the current-check-in index")
struct WritePathTests {
    @Test("time-ordered ids are RFC 9562 version 7: the time in front, version and variant set, random after")
    func timeOrderedIDs() {
        let at = Date(timeIntervalSince1970: 1_781_000_000.123)
        let id = UUID.timeOrdered(at: at)
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_781_000_000_123)
        #expect(bytes[6] >> 4 == 7)
        #expect(bytes[8] >> 6 == 0b10)
        #expect(UUID.timeOrdered(at: at) != id)
        // Later ids sort after earlier ones, as bytes and as text (how both databases order them).
        let ids = (0..<50).map { UUID.timeOrdered(at: at.addingTimeInterval(Double($0) * 0.002)) }
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
    }

    @Test("check-ins and audit events get time-ordered ids")
    func storedIDs() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let values = CheckInValues(mood: 4, craving: 5, sleepHours: 6.5, used: false)
            let checkIn = try #require(
                try await repository.commit(
                    fixture.write(.checkIn(date: CalendarDate(iso: "2026-06-01")!, values: values))
                )
                .checkIn)
            let bytes = withUnsafeBytes(of: checkIn.id.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 7)
            let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(milliseconds == UInt64(StoreFixture.now.timeIntervalSince1970 * 1000))
        }
    }

    @Test("finding a day's current check-in reads the current-check-in index (SQLite's plan)")
    func currentIndex() async throws {
        try await withStore { _, database in
            guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
            let rows = try await sql.raw(
                """
                EXPLAIN QUERY PLAN UPDATE check_ins SET superseded_at = 1
                WHERE superseded_at IS NULL AND ((client_id = x'00' AND date = '2026-06-01')
                OR (client_id = x'01' AND date = '2026-06-02'))
                """
            ).all()
            let plan = try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
            #expect(plan.contains("check_ins_client_date_current (client_id=? AND date=? AND superseded_at=?)"))
        }
    }
}
