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

@Suite("Stored JSON shapes: assessments keep their rows' keys whatever BraidCore calls its properties")
struct StoredShapeTests {
    @Test("a PHQ-9 result is stored with the version 1 keys, and a row written before this shape reads back")
    func scoreResult() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let answers: [Int?] = [1, 1, 2, 2, 1, 1, 1, 0, 1]
            let result = try Instrument.definition(.phq9).score(answers)
            let date = CalendarDate(iso: "2026-06-01")!
            _ = try await repository.commit(
                fixture.write(.assessment(date: date, content: .instrument(answers: answers, result: result))))
            let sql = database as! any SQLDatabase
            struct Row: Decodable {
                let result_json: String
                let answers_json: String
            }
            let row = try #require(
                try await sql.raw("SELECT result_json, answers_json FROM assessments").first(decoding: Row.self))
            #expect(row.answers_json == "[1,1,2,2,1,1,1,0,1]")
            #expect(
                row.result_json
                    == #"{"codes":{"loinc":"44261-6"},"flags":["suicide-risk"],"instrument":"phq9","items":"#
                    + #"[{"id":"phq9.1","score":1},{"id":"phq9.2","score":1},{"id":"phq9.3","score":2},"#
                    + #"{"id":"phq9.4","score":2},{"id":"phq9.5","score":1},{"id":"phq9.6","score":1},"#
                    + #"{"id":"phq9.7","score":1},{"id":"phq9.8","score":0},{"id":"phq9.9","score":1}],"#
                    + #""severity":"moderate","total":10}"#)
            let stored = try #require(try await repository.assessments(of: fixture.client.ref).first)
            #expect(stored.content.scoreResult == result)
            // Written by the first releases (explicit nulls, a C-SSRS without a total): still reads.
            let old =
                #"{"codes":{"loinc":"93374-7"},"flags":["suicide-risk"],"instrument":"cssrs","items":"#
                + #"[{"id":"cssrs.q1","score":1},{"id":"cssrs.q2","score":0},{"id":"cssrs.q3","score":null}],"#
                + #""severity":"low","total":null}"#
            let decoded = try JSONDecoder().decode(StoredScoreResultV1.self, from: Data(old.utf8)).toDomain()
            #expect(decoded.instrument == .cssrs && decoded.total == nil && decoded.severity == .low)
            #expect(decoded.items.map(\.score) == [1, 0, nil])
            #expect(throws: StoreError.self) {
                try JSONDecoder().decode(
                    StoredScoreResultV1.self,
                    from: Data(old.replacingOccurrences(of: "cssrs\",\"items", with: "x\",\"items").utf8)
                ).toDomain()
            }
        }
    }

    @Test("the ordering interview keeps its intake JSON and its version 1 result")
    func ordering() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let input = try OrderingInput(
                json: JSONValue.parse(Data(#"{"depressionOnsetAge": 15, "cocaineFirstUseAge": 19}"#.utf8)))
            let result = OrderingAssessment(input)
            _ = try await repository.commit(
                fixture.write(
                    .assessment(
                        date: CalendarDate(iso: "2026-06-01")!, content: .ordering(input: input, result: result)),
                    by: fixture.clinician))
            let sql = database as! any SQLDatabase
            struct Row: Decodable {
                let result_json: String
                let answers_json: String
            }
            let row = try #require(
                try await sql.raw("SELECT result_json, answers_json FROM assessments").first(decoding: Row.self))
            #expect(row.answers_json == #"{"cocaineFirstUseAge":19,"depressionOnsetAge":15}"#)
            #expect(row.result_json.hasPrefix(#"{"depressionType":"independent","order":"depression-first","#))
            let stored = try #require(try await repository.assessments(of: fixture.client.ref).first)
            guard case .ordering(let readInput, let readResult) = stored.content else {
                Issue.record("not an ordering interview")
                return
            }
            #expect(readInput == input && readResult == result)
        }
    }
}
