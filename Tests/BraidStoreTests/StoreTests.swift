import BraidCore
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import BraidStore

@Suite("Store: schema, constraints and queries")
struct StoreTests {
    static let values = CheckInValues(mood: 4, craving: 5, sleepHours: 6.5, used: false)

    @Test("every migration applies and reverts, on this database")
    func migrationsRoundTrip() async throws {
        try await withStore { _, database in
            #expect(try await BraidRepository.pendingMigrations(on: database).isEmpty)
            for migration in BraidMigrations.all.reversed() { try await migration.revert(on: database).get() }
            for migration in BraidMigrations.all { try await migration.prepare(on: database).get() }
        }
    }

    @Test("a client and its care team are stored and read back; the program scopes the lookup")
    func clients() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            #expect(fixture.client.careTeam == [fixture.clinician.userID])
            #expect(fixture.client.dataVersion == 0)
            #expect(try await repository.client(fixture.client.id, in: .random()) == nil)
            #expect(
                try await repository.caseload(of: fixture.clinician.userID, in: fixture.program.id).map(\.id) == [
                    fixture.client.id
                ])
        }
    }

    @Test("the schema rejects a duplicate email, and the repository reports it as a conflict")
    func uniqueEmail() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let duplicate = UserAccount(
                id: .random(), programID: fixture.program.id, role: .clinician, email: "c@test.example", name: "D")
            await #expect(throws: StoreError.conflict("an account with this email")) {
                try await repository.createUser(duplicate, passwordHash: "x", now: StoreFixture.now)
            }
        }
    }

    @Test("the schema enforces one check-in per client, date and revision, and foreign keys")
    func constraints() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let date = CalendarDate(iso: "2026-06-01")!
            let checkIn = StoredCheckIn(
                id: UUID(), clientID: fixture.client.id, date: date, values: Self.values, revision: 1,
                recordedAt: StoreFixture.now, recordedBy: fixture.clientActor.userID, supersededAt: nil)
            try await CheckInRecord(checkIn, programID: fixture.program.id).create(on: database)
            let sameRevision = StoredCheckIn(
                id: UUID(), clientID: fixture.client.id, date: date, values: Self.values, revision: 1,
                recordedAt: StoreFixture.now, recordedBy: fixture.clientActor.userID, supersededAt: nil)
            await #expect(throws: (any Error).self) {
                try await CheckInRecord(sameRevision, programID: fixture.program.id).create(on: database)
            }
            let orphan = StoredCheckIn(
                id: UUID(), clientID: .random(), date: date, values: Self.values, revision: 1,
                recordedAt: StoreFixture.now, recordedBy: fixture.clientActor.userID, supersededAt: nil)
            await #expect(throws: (any Error).self) {
                try await CheckInRecord(orphan, programID: fixture.program.id).create(on: database)
            }
        }
    }

    @Test("deleting a program cascades to its clients and their records")
    func cascade() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            _ = try await repository.commit(
                fixture.write(.checkIn(date: CalendarDate(iso: "2026-06-01")!, values: Self.values)))
            try await ProgramRecord.query(on: database).filter(\.$id == fixture.program.id.uuid).delete()
            #expect(try await CheckInRecord.query(on: database).count() == 0)
            #expect(try await ClientRecord.query(on: database).count() == 0)
            #expect(try await UserRecord.query(on: database).count() == 0)
            // The audit trail outlives the records it mentions.
            #expect(try await repository.auditEvents().count == 1)
        }
    }

    @Test("safety plans are saved as numbered versions, never overwritten, audited, and unique per version")
    func safetyPlanVersions() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            #expect(try await repository.safetyPlan(of: fixture.client.ref) == nil)
            let first = try SafetyPlan(lines: [.warningSigns: "Not sleeping\n\nPayday", .helpers: "Sam"])
            #expect(first.items(.warningSigns) == ["Not sleeping", "Payday"])
            _ = try await repository.commit(fixture.write(.safetyPlan(first)))
            let second = try SafetyPlan(lines: [.warningSigns: "Not sleeping", .environment: "No cash at home"])
            let saved = try await repository.commit(
                fixture.write(.safetyPlan(second), by: fixture.clinician, requestID: "r2"))
            #expect(saved.safetyPlan?.version == 2)
            #expect(saved.alert == nil)
            #expect(try await repository.safetyPlan(of: fixture.client.ref)?.plan == second)
            let versions = try await repository.safetyPlanVersions(of: fixture.client.ref)
            #expect(versions.map(\.version) == [1, 2] && versions[0].plan == first)
            #expect(versions.map(\.savedBy) == [fixture.clientActor.userID, fixture.clinician.userID])
            let audit = try await repository.auditEvents(client: fixture.client.id).filter {
                $0.action == "safety-plan.save"
            }
            #expect(audit.count == 2)
            // The schema refuses a second row for the same version.
            let duplicate = try PlanVersionRecord<SafetyPlanSection>(
                StoredSafetyPlan(
                    clientID: fixture.client.id, version: 2, plan: second, savedAt: StoreFixture.now,
                    savedBy: fixture.clinician.userID), programID: fixture.program.id)
            await #expect(throws: (any Error).self) { try await duplicate.create(on: database) }
        }
    }

    @Test("a later check-in for the same day supersedes, keeps history and bumps the data version")
    func supersede() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let date = CalendarDate(iso: "2026-06-01")!
            for mood in [3, 6, 8] {
                var values = Self.values
                values.mood = mood
                _ = try await repository.commit(fixture.write(.checkIn(date: date, values: values), requestID: "r"))
            }
            let current = try await repository.checkIns(of: fixture.client.ref)
            #expect(current.map(\.values.mood) == [8])
            #expect(current.first?.revision == 3)
            let history = try await repository.checkIns(of: fixture.client.ref, includeHistory: true)
            #expect(history.map(\.revision) == [1, 2, 3])
            #expect(history.filter { $0.supersededAt != nil }.count == 2)
            #expect(try await repository.client(fixture.client.id, in: fixture.program.id)?.dataVersion == 3)
        }
    }

    @Test("a batch stores check-ins in order: same-day ones supersede each other, alerts and audit per item")
    func batch() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let date = CalendarDate(iso: "2026-06-01")!
            _ = try await repository.commit(fixture.write(.checkIn(date: date, values: Self.values)))
            var safety = Self.values
            safety.safety = true
            let writes = [Self.values, safety, Self.values].enumerated().map { index, values in
                fixture.write(
                    .checkIn(date: index == 2 ? date.adding(days: 1) : date, values: values), requestID: "r\(index)")
            }
            let results = try await repository.commit(writes)
            #expect(results.map { $0.checkIn?.revision } == [2, 3, 1])
            #expect(results.map { $0.alert != nil } == [false, true, false])
            let current = try await repository.checkIns(of: fixture.client.ref)
            #expect(current.map(\.revision) == [3, 1])
            #expect(current.first?.values.safety == true)
            #expect(try await repository.checkIns(of: fixture.client.ref, includeHistory: true).count == 4)
            #expect(try await repository.client(fixture.client.id, in: fixture.program.id)?.dataVersion == 2)
            let audit = try await repository.auditEvents(client: fixture.client.id).filter {
                $0.action == "checkin.create"
            }
            #expect(Set(audit.compactMap(\.requestID)).isSuperset(of: ["r0", "r1", "r2"]))
        }
    }

    @Test("a safety yes opens an alert in the same transaction; a failed write leaves no alert behind")
    func safetyTransaction() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            var safetyValues = Self.values
            safetyValues.safety = true
            let values = safetyValues
            let committed = try await repository.commit(
                fixture.write(.checkIn(date: CalendarDate(iso: "2026-06-01")!, values: values)))
            #expect(committed.alert?.sourceID == committed.checkIn?.id)
            #expect(try await repository.alerts(of: [fixture.client.ref], openOnly: true).count == 1)
            // A transaction that fails after the alert insert must roll the alert back.
            await #expect(throws: (any Error).self) {
                try await repository.transaction { store in
                    _ = try await store.openAlert(
                        SafetyRules.signal(for: values, on: CalendarDate(iso: "2026-06-01")!), sourceID: UUID(),
                        client: fixture.client.ref,
                        now: StoreFixture.now
                    )
                    throw StoreError.conflict("forced failure")
                }
            }
            #expect(try await AlertRecord.query(on: database).count() == 1)
        }
    }

    @Test("tokens: valid until expiry, not after revocation")
    func tokens() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let now = StoreFixture.now
            try await repository.createToken(
                hash: "h1", for: fixture.clinician.userID, now: now, expiresAt: now.addingTimeInterval(60))
            #expect(try await repository.actor(tokenHash: "h1", now: now) == fixture.clinician)
            #expect(try await repository.actor(tokenHash: "h1", now: now.addingTimeInterval(61)) == nil)
            try await repository.createToken(
                hash: "h2", for: fixture.clientActor.userID, now: now, expiresAt: now.addingTimeInterval(60))
            #expect(try await repository.actor(tokenHash: "h2", now: now)?.clientID == fixture.client.id)
            #expect(try await repository.revokeToken(hash: "h2", now: now))
            #expect(try await repository.actor(tokenHash: "h2", now: now) == nil)
            #expect(try await repository.revokeToken(hash: "h2", now: now) == false)
        }
    }

    @Test("open alerts list emergencies first, then the longest waiting")
    func alertOrder() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let urgent = try Instrument.definition(.phq9).score([0, 0, 0, 0, 0, 0, 0, 0, 1])
            let emergency = try Instrument.definition(.asq).score([1, 0, 0, 0, 1])
            for (offset, result) in [(0.0, urgent), (10, emergency), (20, urgent)] {
                _ = try await repository.commit(
                    fixture.write(
                        .assessment(
                            date: CalendarDate(iso: "2026-06-01")!, content: .instrument(answers: [], result: result)),
                        by: fixture.clinician, at: StoreFixture.now.addingTimeInterval(offset)))
            }
            let alerts = try await repository.alerts(of: [fixture.client.ref], openOnly: true)
            #expect(alerts.map(\.severity) == [.emergency, .urgent, .urgent])
            #expect(alerts[1].openedAt < alerts[2].openedAt)
        }
    }
}
