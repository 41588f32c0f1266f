import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("Client check-ins")
struct CheckInAPITests {
    static let valid = #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false}"#

    @Test("a check-in is stored and returned with 201; today is the default date")
    func create() async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body:
                    #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": true, "enjoyment": 2, "otherSubstances": ["alcohol"], "exerciseMinutes": 20, "medsTaken": true, "note": "synthetic note"}"#
            )
            #expect(response.status == .created)
            let json = response.json
            #expect(json["date"] as? String == "2026-06-15")
            #expect(json["mood"] as? Int == 4 && json["used"] as? Bool == true && json["enjoyment"] as? Int == 2)
            #expect(json["otherSubstances"] as? [String] == ["alcohol"])
            #expect(json["revision"] as? Int == 1)
            #expect(json["safetyAlert"] == nil && json["crisisResources"] == nil)
            let stored = try await app.repository.checkIns(of: fixture.k1)
            #expect(stored.count == 1)
            #expect(stored[0].values.note == "synthetic note")
        }
    }

    @Test("a second check-in for a day supersedes the first, which is kept as history")
    func supersede() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(.POST, "api/v1/me/checkins", token: fixture.token("k1"), body: Self.valid)
            let second = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 7, "craving": 2, "sleepHours": 8, "used": false}"#)
            #expect(second.json["revision"] as? Int == 2)
            let current = try await app.call(.GET, "api/v1/me/checkins", token: fixture.token("k1"))
            let list = try #require(current.json["checkIns"] as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list[0]["mood"] as? Int == 7)
            let history = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/checkins?history=true", token: fixture.token("c1"))
            let all = try #require(history.json["checkIns"] as? [[String: Any]])
            #expect(all.count == 2)
            #expect(all.map { $0["superseded"] as? Bool } == [true, false])
        }
    }

    @Test(
        "invalid check-ins are rejected naming the field, and nothing is written",
        arguments: [
            (#"{"craving": 6, "sleepHours": 6.5, "used": false}"#, "mood"),
            (#"{"mood": 11, "craving": 6, "sleepHours": 6.5, "used": false}"#, "mood"),
            (#"{"mood": 4.5, "craving": 6, "sleepHours": 6.5, "used": false}"#, "mood"),
            (#"{"mood": 4, "craving": -1, "sleepHours": 6.5, "used": false}"#, "craving"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.25, "used": false}"#, "sleepHours"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 25, "used": false}"#, "sleepHours"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": "no"}"#, "used"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5}"#, "used"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "safety": "yes"}"#, "safety"),
            (
                #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "otherSubstances": ["tea"]}"#,
                "otherSubstances[0]"
            ),
            (
                #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "exerciseMinutes": 2000}"#,
                "exerciseMinutes"
            ),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "date": "2026-06-16"}"#, "date"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "date": "2026-05-01"}"#, "date"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "date": "15/06/2026"}"#, "date"),
            (#"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "mod": 3}"#, "mod"),
        ])
    func invalid(body: String, field: String) async throws {
        try await withBraidApp { app, fixture, _ in
            let auditBefore = try await app.repository.auditEvents().count
            let response = try await app.call(.POST, "api/v1/me/checkins", token: fixture.token("k1"), body: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == field)
            #expect(try await app.repository.checkIns(of: fixture.k1, includeHistory: true).isEmpty)
            #expect(try await app.repository.auditEvents().count == auditBefore)
        }
    }

    @Test("simultaneous check-ins for one day all succeed, each a new revision, one current")
    func concurrentSameDay() async throws {
        try await withBraidApp { app, fixture, _ in
            let token = fixture.token("k1")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for mood in 0..<8 {
                    group.addTask {
                        try await app.call(
                            .POST, "api/v1/me/checkins", token: token,
                            body: #"{"mood": \#(mood), "craving": 3, "sleepHours": 7, "used": false}"#
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: .created, count: 8))
            let history = try await app.repository.checkIns(of: fixture.k1, includeHistory: true)
            #expect(history.map(\.revision).sorted() == Array(1...8))
            #expect(history.filter { $0.supersededAt == nil }.count == 1)
        }
    }

    @Test("a day in the last 30 may be back-filled")
    func backfill() async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "date": "2026-05-16"}"#)
            #expect(response.status == .created)
            #expect(response.json["date"] as? String == "2026-05-16")
        }
    }

    @Test("staff have no /me/checkins (404); date filters are validated; a reversed range is empty")
    func staffAndFilters() async throws {
        try await withBraidApp { app, fixture, _ in
            #expect(
                try await app.call(.POST, "api/v1/me/checkins", token: fixture.token("c1"), body: Self.valid).status
                    == .notFound)
            #expect(try await app.call(.GET, "api/v1/me/checkins", token: fixture.token("c1")).status == .notFound)
            let bad = try await app.call(.GET, "api/v1/me/checkins?from=yesterday", token: fixture.token("k1"))
            #expect(bad.status == .badRequest)
            #expect(bad.errorField == "from")
            for date in ["2026-06-13", "2026-06-14", "2026-06-15"] {
                _ = try await app.call(
                    .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                    body: #"{"mood": 4, "craving": 6, "sleepHours": 6.5, "used": false, "date": "\#(date)"}"#)
            }
            // A range that ends before it starts holds no days: an empty list, as the document says.
            let reversed = try await app.call(
                .GET, "api/v1/me/checkins?from=2026-06-15&to=2026-06-13", token: fixture.token("k1"))
            #expect(reversed.status == .ok)
            #expect((reversed.json["checkIns"] as? [Any])?.isEmpty == true)
            let range = try await app.call(
                .GET, "api/v1/me/checkins?from=2026-06-14&to=2026-06-14", token: fixture.token("k1"))
            #expect((range.json["checkIns"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2026-06-14"])
        }
    }

    @Test("a check-in acknowledged with 201 is readable after the app restarts on the same SQLite file")
    func survivesRestart() async throws {
        guard TestDatabase.postgresURL == nil else { return }  // a file-backed SQLite property
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("braid-restart-\(UUID()).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let configuration = BraidConfiguration(mode: .testing, database: .sqliteFile(path: path), bcryptCost: 4)
        var token = ""
        var clientID = ""
        do {
            let app = try await Application.make(.testing)
            try BraidServer.configure(app, with: configuration)
            app.clock = { Fixture.now }
            try await BraidServer.prepareDatabase(app)
            let fixture = try await Fixture.seed(app)
            token = fixture.token("k1")
            clientID = fixture.client1.description
            let created = try await app.call(.POST, "api/v1/me/checkins", token: token, body: Self.valid)
            #expect(created.status == .created)
            try await app.asyncShutdown()
        }
        let app = try await Application.make(.testing)
        try BraidServer.configure(app, with: configuration)
        app.clock = { Fixture.now }
        try await BraidServer.prepareDatabase(app)
        let read = try await app.call(.GET, "api/v1/me/checkins", token: token)
        try await app.asyncShutdown()
        let list = try #require(read.json["checkIns"] as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["clientId"] as? String == clientID)
        #expect(list.first?["mood"] as? Int == 4)
    }
}
