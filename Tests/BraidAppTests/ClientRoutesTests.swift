import BraidCore
import Foundation
import Testing
import VaporTesting

@testable import BraidApp

@Suite("Client record routes")
struct ClientRoutesTests {
    @Test("the client record names its care team")
    func record() async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(.GET, "api/v1/clients/\(fixture.client1)", token: fixture.token("c1"))
            #expect(response.json["name"] as? String == "k1")
            let team = try #require(response.json["careTeam"] as? [[String: Any]])
            #expect(team.map { $0["name"] as? String } == ["c1"])
            #expect(team.first?["role"] as? String == "clinician")
        }
    }

    @Test("assessments: scored by BraidCore, stored with answers and result, listed in date order")
    func assessments() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/clients/\(fixture.client1)/assessments"
            let phq9 = try await app.call(
                .POST, path, token: fixture.token("c1"),
                body: #"{"instrument": "phq9", "answers": [2,2,2,2,2,2,2,null,0], "date": "2026-06-10"}"#)
            #expect(phq9.status == .created)
            let result = try #require(phq9.json["result"] as? [String: Any])
            #expect(result["total"] as? Int == 16)  // 14 × 9 / 8 = 15.75 → 16
            #expect(result["severity"] as? String == "moderately-severe")
            #expect(result["flags"] as? [String] == ["prorated"])
            #expect((phq9.json["answers"] as? [Any])?.count == 9)
            let sud = try await app.call(
                .POST, path, token: fixture.token("c1"),
                body:
                    #"{"instrument": "stimulant-sud", "answers": [1,1,1,1,0,0,0,0,0,1,1], "prescribedStimulant": true}"#
            )
            #expect((sud.json["result"] as? [String: Any])?["total"] as? Int == 4)
            let list = try await app.call(.GET, path, token: fixture.token("k1"))
            let items = try #require(list.json["assessments"] as? [[String: Any]])
            #expect(items.map { $0["instrument"] as? String } == ["phq9", "stimulant-sud"])
        }
    }

    @Test("a PHQ-9 without daysSinceLastUse takes it from stored check-ins (early-abstinence flag)")
    func earlyAbstinenceFromCheckIns() async throws {
        try await withBraidApp { app, fixture, _ in
            _ = try await app.call(
                .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                body: #"{"mood": 3, "craving": 7, "sleepHours": 5, "used": true, "date": "2026-06-05"}"#)
            let response = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "phq9", "answers": [1,1,1,1,1,1,1,1,0]}"#)
            #expect((response.json["result"] as? [String: Any])?["flags"] as? [String] == ["early-abstinence"])
        }
    }

    @Test("the ordering interview is scored and stored with its sentences")
    func ordering() async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"),
                body: #"{"instrument": "ordering", "input": {"depressionOnsetAge": 14, "cocaineFirstUseAge": 19}}"#)
            #expect(response.status == .created)
            let result = try #require(response.json["result"] as? [String: Any])
            #expect(result["pattern"] as? String == "depression-first")
            #expect(result["depressionType"] as? String == "independent")
            #expect((result["explanations"] as? [String: Any])?["treat-both"] != nil)
            #expect((response.json["answers"] as? [String: Any])?["depressionOnsetAge"] as? Double == 14)
        }
    }

    @Test(
        "invalid assessments name the field and write nothing",
        arguments: [
            (#"{"answers": [1]}"#, "instrument"),
            (#"{"instrument": "bdi", "answers": [1]}"#, "instrument"),
            (#"{"instrument": "phq9"}"#, "answers"),
            (#"{"instrument": "phq9", "answers": [1,1,1]}"#, "answers"),
            (#"{"instrument": "phq9", "answers": [1,1,1,5,1,1,1,1,1]}"#, "phq9.4"),
            (#"{"instrument": "phq9", "answers": [1,1,1,"a",1,1,1,1,1]}"#, "answers[3]"),
            (#"{"instrument": "cssrs", "answers": [0,0,1,0,0,0,null]}"#, "cssrs.q3"),
            (
                #"{"instrument": "gad7", "answers": [0,0,0,0,0,0,0], "prescribedStimulant": true}"#,
                "prescribedStimulant"
            ),
            (#"{"instrument": "ordering"}"#, "input"),
            (#"{"instrument": "ordering", "input": {"depressionOnsetAge": 3}}"#, "input.depressionOnsetAge"),
            (#"{"instrument": "ordering", "input": {}, "answers": []}"#, "answers"),
            (#"{"instrument": "phq9", "answers": [0,0,0,0,0,0,0,0,0], "date": "2026-07-01"}"#, "date"),
            (#"{"instrument": "phq9", "answers": [0,0,0,0,0,0,0,0,0], "score": 3}"#, "score"),
        ])
    func invalidAssessments(body: String, field: String) async throws {
        try await withBraidApp { app, fixture, _ in
            let response = try await app.call(
                .POST, "api/v1/clients/\(fixture.client1)/assessments", token: fixture.token("c1"), body: body)
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorField == field)
            #expect(try await app.repository.assessments(of: fixture.k1).isEmpty)
        }
    }

    @Test("urine screens: recorded by the team, validated, listed")
    func screens() async throws {
        try await withBraidApp { app, fixture, _ in
            let path = "api/v1/clients/\(fixture.client1)/screens"
            let created = try await app.call(
                .POST, path, token: fixture.token("c1"), body: #"{"date": "2026-06-12", "result": "positive"}"#)
            #expect(created.status == .created)
            #expect(created.json["result"] as? String == "positive")
            #expect(
                try await app.call(
                    .POST, path, token: fixture.token("c1"), body: #"{"date": "2026-06-12", "result": "maybe"}"#
                ).errorField == "result")
            #expect(
                try await app.call(.POST, path, token: fixture.token("c1"), body: #"{"result": "negative", "when": 1}"#)
                    .errorField == "when")
            let list = try await app.call(.GET, path, token: fixture.token("k1"))
            #expect((list.json["screens"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2026-06-12"])
        }
    }

    @Test("the analysis is the §5 object computed from stored check-ins, and follows new data")
    func analysis() async throws {
        try await withBraidApp { app, fixture, _ in
            let empty = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/analysis", token: fixture.token("c1"))
            #expect(empty.json["classification"] as? String == "insufficient-data")
            // Thirty days of check-ins: used on days 0, 7, 14, low moods after.
            for offset in 0..<30 {
                let date = CalendarDate(iso: "2026-05-17")!.adding(days: offset)
                let used = offset % 7 == 0 && offset < 21
                let mood = used ? 7 : (offset % 7 <= 2 && offset < 23 ? 2 : 6)
                let response = try await app.call(
                    .POST, "api/v1/me/checkins", token: fixture.token("k1"),
                    body: #"{"mood": \#(mood), "craving": 4, "sleepHours": 7, "used": \#(used), "date": "\#(date)"}"#)
                #expect(response.status == .created)
            }
            let analysis = try await app.call(
                .GET, "api/v1/clients/\(fixture.client1)/analysis", token: fixture.token("k1"))
            #expect(analysis.status == .ok)
            for key in ["days", "use", "model", "classification", "progress", "flags"] {
                #expect(analysis.json[key] != nil, "\(key)")
            }
            #expect((analysis.json["use"] as? [String: Any])?["useDays"] as? Int == 3)
            #expect((analysis.json["days"] as? [String: Any])?["rated"] as? Int == 30)
            #expect(analysis.json["classification"] as? String == "crash-driven")
        }
    }
}
