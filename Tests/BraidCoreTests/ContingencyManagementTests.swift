import Foundation
import Testing

@testable import BraidCore

/// §10's voucher and prize arithmetic, with the spec's own example and the cap's edge.
@Suite("Contingency management (§10): vouchers, prize draws, the streak, the cap")
struct ContingencyManagementTests {
    typealias CM = ContingencyManagement

    static func results(_ text: String) throws -> [CM.Result] { try CM.parseResults(text) }

    @Test("the first nine consecutive negatives earn the spec's amounts")
    func specExample() throws {
        let ledger = CM.ledger(try Self.results("N,N,N,N,N,N,N,N,N"), schedule: .vouchers)
        #expect(ledger.lines.map(\.earnedCents) == [250, 375, 1_500, 625, 750, 1_875, 1_000, 1_125, 2_250])
        #expect(ledger.totalCents == 9_750 && !ledger.capReached)
        #expect(CM.money(ledger.totalCents) == "97.50" && CM.money(5) == "0.05")
    }

    @Test("a positive or missed screen resets the streak and earns nothing; the escalation restarts")
    func reset() throws {
        let ledger = CM.ledger(try Self.results("N,N,P,N,M,N,N,N"), schedule: .vouchers)
        #expect(ledger.lines.map(\.streak) == [1, 2, 0, 1, 0, 1, 2, 3])
        #expect(ledger.lines.map(\.earnedCents) == [250, 375, 0, 250, 0, 250, 375, 1_500])
    }

    @Test("the screen that reaches the cap earns only the rest; none earns after it")
    func cap() throws {
        var settings = CM.Settings.default
        settings.capCents = 700
        let ledger = CM.ledger(try Self.results("N,N,N,N"), schedule: .vouchers, settings: settings)
        #expect(ledger.lines.map(\.earnedCents) == [250, 375, 75, 0])
        #expect(ledger.totalCents == 700 && ledger.capReached)
        settings.capCents = 625
        let exact = CM.ledger(try Self.results("N,N"), schedule: .vouchers, settings: settings)
        #expect(exact.totalCents == 625 && exact.capReached)
        settings.capCents = 626
        #expect(!CM.ledger(try Self.results("N,N"), schedule: .vouchers, settings: settings).capReached)
    }

    @Test("prize draws: min(k, maxDraws) per consecutive negative")
    func prizes() throws {
        var settings = CM.Settings.default
        settings.maxDraws = 3
        let ledger = CM.ledger(try Self.results("N,N,N,N,P,N"), schedule: .prizes, settings: settings)
        #expect(ledger.lines.map(\.draws) == [1, 2, 3, 3, 0, 1])
        #expect(ledger.totalDraws == 10 && ledger.totalCents == 0)
        #expect(CM.draws(streak: 14, settings: .default) == 12)
    }

    @Test("configurable amounts: start, step, bonus every n-th")
    func settings() throws {
        var settings = CM.Settings.default
        settings.startCents = 100
        settings.stepCents = 50
        settings.bonusCents = 500
        settings.bonusEvery = 2
        #expect((1...4).map { CM.voucherCents(streak: $0, settings: settings) } == [100, 650, 200, 750])
    }

    @Test("bad input names the position or the option")
    func badInput() throws {
        for (text, field) in [("N,X,P", "--results[2]"), ("", "--results"), ("N,,N", "--results[2]")] {
            do {
                _ = try CM.parseResults(text)
                Issue.record("\(text) accepted")
            } catch { #expect(error.field == field) }
        }
        #expect(try CM.parseResults("n, p ,M") == [.negative, .positive, .missed])
        #expect(try CM.parseCents("2.5", field: "--start") == 250)
        #expect(try CM.parseCents("10", field: "--start") == 1_000)
        #expect(try CM.parseCents("0.05", field: "--start") == 5)
        for bad in ["-1", "2.505", "abc", "1e3", ".5", "100001"] {
            #expect(throws: ValidationError.self, "\(bad)") { try CM.parseCents(bad, field: "--start") }
        }
    }
}
