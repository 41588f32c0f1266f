import BraidCore
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import BraidStore

/// The ledger in the database (§10): a screen's line is written in the screen's own transaction, a refusal
/// leaves nothing, the sweep writes passed screening days once, a late result voids its miss.
@Suite("Contingency management in the store: the ledger in the screen's transaction")
struct ContingencyStoreTests {
    /// 2026-05-25 is a Monday (the fixture's clock reads Thursday 2026-05-28).
    static let monday = CalendarDate(iso: "2026-05-25")!

    static func count(_ table: String, _ database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        struct Row: Decodable { let n: Int }
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Row.self)?.n ?? -1
    }

    static func screen(_ fixture: StoreFixture, day: Int, positive: Bool = false) -> ClinicalWrite {
        fixture.write(
            .screen(UrineScreen(date: monday.adding(days: day), positive: positive)), by: fixture.clinician)
    }

    @Test("each screen adds its earning with the screen; one the ledger cannot take is stored and earns nothing")
    func screenTransaction() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let enrollment = CMEnrollment(
                id: UUID(), clientID: fixture.client.id, startedOn: Self.monday, terms: .default, seed: 9,
                endedOn: nil)
            try await repository.enroll(enrollment, client: fixture.client.ref, by: nil, now: StoreFixture.now)
            // A screen before the enrollment is a screen like any other, outside the ledger.
            let before = try await repository.commit(Self.screen(fixture, day: -3))
            #expect(before.screen != nil && before.ledgerLines.isEmpty)
            let monday = try await repository.commit(Self.screen(fixture, day: 0))
            let wednesday = try await repository.commit(Self.screen(fixture, day: 2))
            #expect(monday.ledgerLines.map(\.earnedCents) == [250])
            #expect(wednesday.ledgerLines.map(\.earnedCents) == [375])
            #expect(wednesday.ledgerLines.first?.screenID == wednesday.screen?.id)
            let screens = try await Self.count("urine_screens", database)
            // Tuesday's result after Wednesday's, and a second one for Wednesday: stored, outside the ledger.
            for day in [1, 2] {
                let late = try await repository.commit(Self.screen(fixture, day: day))
                #expect(late.screen != nil && late.ledgerLines.isEmpty)
                #expect(late.ledgerNote?.contains("2026-05-27") == true)
            }
            #expect(try await Self.count("urine_screens", database) == screens + 2)
            #expect(try await Self.count("cm_ledger_lines", database) == 2)
            // A failure later in the same transaction takes the ledger line with it.
            let bad = fixture.write(.alertAcknowledgement(.random(), note: "x"), by: fixture.clinician)
            await #expect(throws: StoreError.self) {
                _ = try await repository.commit([Self.screen(fixture, day: 4), bad])
            }
            #expect(try await Self.count("cm_ledger_lines", database) == 2)
            #expect(try await Self.count("urine_screens", database) == screens + 2)
        }
    }

    @Test("the sweep writes passed screening days as missed, once; a late result voids its miss")
    func sweepAndLateResult() async throws {
        try await withStore { repository, database in
            let fixture = try await StoreFixture.make(repository)
            let enrollment = CMEnrollment(
                id: UUID(), clientID: fixture.client.id, startedOn: Self.monday, terms: .default, seed: 9,
                endedOn: nil)
            try await repository.enroll(enrollment, client: fixture.client.ref, by: nil, now: StoreFixture.now)
            _ = try await repository.commit(Self.screen(fixture, day: 0))
            _ = try await repository.commit(Self.screen(fixture, day: 2))
            let tuesday = Self.monday.adding(days: 8)
            let program = fixture.program.id
            #expect(try await repository.recordMissedScreens(in: program, today: tuesday, now: StoreFixture.now) == 2)
            #expect(try await repository.recordMissedScreens(in: program, today: tuesday, now: StoreFixture.now) == 0)
            let swept = try #require(try await repository.contingency(of: fixture.client.ref))
            #expect(swept.lines.map(\.result) == [.negative, .negative, .missed, .missed])
            // Friday's result comes back late: the third negative in a row, with the bonus.
            let friday = try await repository.commit(Self.screen(fixture, day: 4))
            #expect(friday.ledgerLines.map(\.earnedCents) == [1_500])
            let after = try #require(try await repository.contingency(of: fixture.client.ref))
            #expect(after.lines.map(\.result) == [.negative, .negative, .negative, .missed])
            #expect(after.lines.reduce(0) { $0 + $1.earnedCents } == 2_125)
            // The replaced miss is kept, void.
            #expect(try await Self.count("cm_ledger_lines", database) == 5)
            let payout = CMPayout(
                id: UUID(), enrollmentID: enrollment.id, paidOn: tuesday, amountCents: 1_000, note: "gift card",
                paidBy: fixture.clinician.userID, recordedAt: StoreFixture.now)
            try await repository.recordPayout(payout, client: fixture.client.ref)
            try await repository.endEnrollment(enrollment.id, client: fixture.client.ref, on: tuesday, by: nil)
            let ended = try #require(try await repository.contingency(of: fixture.client.ref))
            #expect(ended.payouts == [payout] && ended.enrollment.endedOn == tuesday)
            #expect(ended.enrollment.terms == .default && ended.enrollment.seed == 9)
        }
    }

    @Test("prize draws are stored with every slip and read back the same")
    func prizeDraws() async throws {
        try await withStore { repository, _ in
            let fixture = try await StoreFixture.make(repository)
            var terms = ContingencyProgram.default
            terms.schedule = .prizes
            let enrollment = CMEnrollment(
                id: UUID(), clientID: fixture.client.id, startedOn: Self.monday, terms: terms,
                seed: 0xFEED_FACE_CAFE_BEEF, endedOn: nil)
            try await repository.enroll(enrollment, client: fixture.client.ref, by: nil, now: StoreFixture.now)
            var written: [CMLedgerLine] = []
            for day in [0, 2, 4] { written += try await repository.commit(Self.screen(fixture, day: day)).ledgerLines }
            let stored = try #require(try await repository.contingency(of: fixture.client.ref))
            #expect(stored.lines == written)
            #expect(stored.lines.map(\.draws.count) == [1, 2, 3])
            #expect(stored.enrollment.seed == 0xFEED_FACE_CAFE_BEEF)
        }
    }
}
