import BraidCore
import Foundation
import Testing

@testable import BraidStore

/// Runs on SQLite, and on PostgreSQL when `DATABASE_URL` names one (the CI's PostgreSQL pass).
@Suite("Store: invitations, deactivation, settings history, episodes, two programs in one database")
struct AdministrationStoreTests {
    static let now = StoreFixture.now

    @Test("an invitation works once, until it expires; a newer link voids the older; all changes are atomic")
    func invitations() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let invited = UserAccount(
                id: .random(), programID: fixture.program.id, role: .clinician, email: "new@test.example", name: "N")
            try await repository.createUser(invited, passwordHash: "", now: Self.now)
            let expires = Self.now.addingTimeInterval(InvitationRules.lifetime)
            try await repository.createInvitation(
                for: invited, purpose: .welcome, tokenHash: "first", by: nil, now: Self.now, expiresAt: expires)
            #expect(
                try await repository.invitationState(tokenHash: "first", now: Self.now) == .usable(invited.id, .welcome)
            )
            #expect(try await repository.openInvitations(in: fixture.program.id, now: Self.now)[invited.id] == expires)
            #expect(try await !repository.accountsWithPassword(in: fixture.program.id).contains(invited.id))

            // A newer link voids the first.
            try await repository.createInvitation(
                for: invited, purpose: .welcome, tokenHash: "second", by: nil, now: Self.now, expiresAt: expires)
            #expect(try await repository.invitationState(tokenHash: "first", now: Self.now) == .revoked)
            #expect(try await repository.redeemInvitation(tokenHash: "first", passwordHash: "h1", now: Self.now) == nil)

            // Expired one second after its lifetime.
            let late = expires.addingTimeInterval(1)
            #expect(try await repository.invitationState(tokenHash: "second", now: late) == .expired)
            #expect(try await repository.redeemInvitation(tokenHash: "second", passwordHash: "h1", now: late) == nil)
            #expect(try await repository.credentials(email: "new@test.example")?.passwordHash == "")

            // Used once: the password is set and the link is spent.
            let redeemed = try await repository.transaction { store in
                try await store.redeemInvitation(tokenHash: "second", passwordHash: "h2", now: Self.now)
            }
            #expect(redeemed?.id == invited.id)
            #expect(try await repository.credentials(email: "new@test.example")?.passwordHash == "h2")
            #expect(try await repository.invitationState(tokenHash: "second", now: Self.now) == .used)
            #expect(
                try await repository.redeemInvitation(tokenHash: "second", passwordHash: "h3", now: Self.now) == nil)
            #expect(try await repository.credentials(email: "new@test.example")?.passwordHash == "h2")
            #expect(try await repository.invitationState(tokenHash: "never", now: Self.now) == .unknown)
            #expect(try await repository.accountsWithPassword(in: fixture.program.id).contains(invited.id))
        }
    }

    @Test("deactivation ends tokens, sessions and links at once; the records stay; reactivation restores sign-in")
    func deactivation() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let user = fixture.clientActor.userID
            try await repository.createToken(
                hash: "token", for: user, now: Self.now, expiresAt: Self.now.addingTimeInterval(3600))
            let account = try #require(try await repository.user(user))
            try await repository.createInvitation(
                for: account, purpose: .passwordReset, tokenHash: "reset", by: nil, now: Self.now,
                expiresAt: Self.now.addingTimeInterval(3600))
            _ = try await repository.commit([
                fixture.write(
                    .checkIn(
                        date: CalendarDate(iso: "2026-05-28")!,
                        values: CheckInValues(mood: 5, craving: 2, sleepHours: 7, used: false)))
            ])
            #expect(try await repository.actor(tokenHash: "token", now: Self.now) != nil)
            #expect(try await repository.actor(of: user) != nil)

            try await repository.deactivate(user, now: Self.now)
            #expect(try await repository.actor(tokenHash: "token", now: Self.now) == nil)
            #expect(try await repository.actor(of: user) == nil)
            #expect(try await repository.invitationState(tokenHash: "reset", now: Self.now) == .revoked)
            #expect(try await repository.user(user)?.isActive == false)
            #expect(try await repository.checkIns(of: fixture.client.ref).count == 1)

            try await repository.reactivate(user)
            #expect(try await repository.actor(of: user) != nil)
            // Tokens revoked at deactivation stay revoked.
            #expect(try await repository.actor(tokenHash: "token", now: Self.now) == nil)
        }
    }

    @Test("settings history is kept per program, oldest first; thresholds are the last change to each")
    func settingsHistory() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let other = Program(id: .random(), name: "Q", timeZone: "UTC", crisisLine: "555-0142", isDemo: false)
            try await repository.createProgram(other, now: Self.now)
            func change(_ setting: String, _ value: String, _ seconds: TimeInterval) -> SettingChange {
                SettingChange(
                    setting: setting, oldValue: nil, newValue: value, reason: "because", changedBy: nil,
                    changedAt: Self.now.addingTimeInterval(seconds))
            }
            try await repository.recordSettingChanges(
                [change("phq9-flag-at-least", "12", 1), change("phq9-flag-at-least", "14", 2)], in: fixture.program.id)
            try await repository.recordSettingChanges([change("craving-rise", "3", 3)], in: other.id)
            #expect(try await repository.settingChanges(in: fixture.program.id).map(\.newValue) == ["12", "14"])
            #expect(try await repository.thresholds(of: fixture.program.id) == [.phq9FlagAtLeast: 14])
            #expect(try await repository.thresholds(of: other.id) == [.cravingRise: 3])

            let settings = try ProgramSettings(name: "Renamed", timeZone: "America/Chicago", crisisLine: "555-0177")
            try await repository.updateProgram(fixture.program.id, settings: settings)
            let stored = try #require(try await repository.program(fixture.program.id))
            #expect(stored.name == "Renamed" && stored.timeZone == "America/Chicago" && stored.crisisLine == "555-0177")
            #expect(try await repository.program(other.id)?.name == "Q")
        }
    }

    @Test("episodes: admission, discharge, readmission; another program's episodes are never read")
    func episodes() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let client = fixture.client
            let first = Episode(
                id: .random(), clientID: client.id, programID: client.programID,
                admittedOn: CalendarDate(iso: "2026-01-05")!, levelAtAdmission: .php,
                referralSource: .emergencyDepartment)
            try await repository.admit(first, by: fixture.clinician.userID, now: Self.now)
            try await repository.discharge(
                first.id, in: client.programID, on: CalendarDate(iso: "2026-02-20")!, reason: .leftAgainstAdvice,
                by: fixture.clinician.userID)
            // Discharging twice finds no open episode.
            await #expect(throws: StoreError.self) {
                try await repository.discharge(
                    first.id, in: client.programID, on: CalendarDate(iso: "2026-02-21")!, reason: .completed, by: nil)
            }
            let second = Episode(
                id: .random(), clientID: client.id, programID: client.programID,
                admittedOn: CalendarDate(iso: "2026-03-01")!, levelAtAdmission: .iop, referralSource: .selfReferred)
            try await repository.admit(second, by: nil, now: Self.now)
            let stored = try await repository.episodes(of: [client.ref])[client.id] ?? []
            #expect(stored.map(\.admittedOn.description) == ["2026-01-05", "2026-03-01"])
            #expect(stored[0].dischargedOn?.description == "2026-02-20")
            #expect(stored[0].dischargeReason == .leftAgainstAdvice)
            #expect(stored[1].isActive)
            #expect(EpisodeStatus(episodes: stored) == .active(second))

            // Another program, in the same database: its ids do not reach this program's rows.
            let other = Program(id: .random(), name: "Q", timeZone: "UTC", crisisLine: nil, isDemo: false)
            try await repository.createProgram(other, now: Self.now)
            let spoofed = ClientRef(id: client.id, programID: other.id)
            #expect(try await repository.episodes(of: [spoofed]).isEmpty)
            #expect(try await repository.episodes(in: other.id).isEmpty)
            #expect(try await repository.episodes(in: client.programID).count == 2)
            await #expect(throws: StoreError.self) {
                try await repository.discharge(
                    second.id, in: other.id, on: CalendarDate(iso: "2026-03-02")!, reason: .completed, by: nil)
            }
            #expect(try await repository.episodes(of: [client.ref])[client.id]?.last?.isActive == true)
        }
    }

    @Test("a care team is replaced whole")
    func careTeams() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            let second = UserAccount(
                id: .random(), programID: fixture.program.id, role: .clinician, email: "c2@test.example", name: "C2")
            try await repository.createUser(second, passwordHash: "x", now: Self.now)
            try await repository.setCareTeam([second.id], of: fixture.client.ref, now: Self.now)
            #expect(try await repository.client(fixture.client.id, in: fixture.program.id)?.careTeam == [second.id])
            #expect(try await repository.caseload(of: fixture.clinician.userID, in: fixture.program.id).isEmpty)
            try await repository.setCareTeam(
                [second.id, fixture.clinician.userID], of: fixture.client.ref, now: Self.now)
            #expect(
                Set(try await repository.client(fixture.client.id, in: fixture.program.id)?.careTeam ?? [])
                    == [second.id, fixture.clinician.userID])
        }
    }
}
