import ArgumentParser
import BraidCore
import Foundation

/// `braid cm`: contingency-management earnings for a sequence of urine screens (clinical-rules.md §10).
struct CMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cm",
        abstract: "Contingency management: what a sequence of urine screens earns (vouchers or prize draws).",
        discussion: """
            Each result is N (negative), P (positive) or M (missed, which counts as positive). The streak is the \
            number of consecutive negatives ending with a screen; P or M resets it and earns nothing.
              vouchers (Higgins): the k-th consecutive negative earns start + (k − 1) × step, plus the bonus when k \
            is a multiple of --bonus-every; the screen that reaches the yearly --cap earns only the rest.
              prizes (Petry): the k-th consecutive negative earns min(k, --max-draws) draws (the app draws them \
            with its seeded generator and keeps every draw; prize values count toward the same cap there).
            Prints {"schedule", "screens": [{"result", "streak", "earned" and "total" (vouchers) or "draws" and \
            "totalDraws" (prizes)}], "total" or "totalDraws", "capReached"}; money as numbers with two decimals. \
            Bad input exits 2 naming the option or the result's position.
            """
    )

    @Option(help: "vouchers or prizes.") var schedule: String
    @Option(help: "Screen results in order, e.g. N,N,P,M,N.") var results: String
    @Option(help: "Vouchers: the first negative's amount (default 2.50).") var start: String?
    @Option(help: "Vouchers: the increase per consecutive negative (default 1.25).") var step: String?
    @Option(help: "Vouchers: the bonus amount (default 10.00).") var bonus: String?
    @Option(name: .customLong("bonus-every"), help: "Vouchers: the bonus every n-th consecutive negative (default 3).")
    var bonusEvery: String?
    @Option(name: .customLong("max-draws"), help: "Prizes: the most draws one screen earns (default 12).")
    var maxDraws: String?
    @Option(help: "The yearly cap per client in dollars (default 750).") var cap: String?

    func run() throws {
        guard let schedule = ContingencyManagement.Schedule(rawValue: schedule) else {
            throw BadInput(field: "--schedule", "'\(self.schedule.prefix(20))' is not vouchers or prizes")
        }
        let voucherOnly = [("--start", start), ("--step", step), ("--bonus", bonus), ("--bonus-every", bonusEvery)]
        for (name, value) in voucherOnly where value != nil && schedule == .prizes {
            throw BadInput(field: name, "applies only to --schedule vouchers")
        }
        if maxDraws != nil && schedule == .vouchers {
            throw BadInput(field: "--max-draws", "applies only to --schedule prizes")
        }
        var settings = ContingencyManagement.Settings.default
        do {
            if let start { settings.startCents = try ContingencyManagement.parseCents(start, field: "--start") }
            if let step { settings.stepCents = try ContingencyManagement.parseCents(step, field: "--step") }
            if let bonus { settings.bonusCents = try ContingencyManagement.parseCents(bonus, field: "--bonus") }
            if let cap { settings.capCents = try ContingencyManagement.parseCents(cap, field: "--cap") }
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        if let bonusEvery {
            guard let every = Int(bonusEvery), (1...100).contains(every) else {
                throw BadInput(field: "--bonus-every", "'\(bonusEvery.prefix(20))' is not a whole number 1…100")
            }
            settings.bonusEvery = every
        }
        if let maxDraws {
            guard let most = Int(maxDraws), (1...100).contains(most) else {
                throw BadInput(field: "--max-draws", "'\(maxDraws.prefix(20))' is not a whole number 1…100")
            }
            settings.maxDraws = most
        }
        let parsed: [ContingencyManagement.Result]
        do {
            parsed = try ContingencyManagement.parseResults(results)
        } catch {
            throw BadInput(field: error.field, error.message)
        }
        Console.output(Self.json(ContingencyManagement.ledger(parsed, schedule: schedule, settings: settings)))
    }

    /// The contract's JSON, keys sorted, money written with two decimals (which JSONEncoder cannot do).
    static func json(_ ledger: ContingencyManagement.Ledger) -> String {
        let money = ContingencyManagement.money
        let screens = ledger.lines.map { line in
            switch ledger.schedule {
            case .vouchers:
                "{\"earned\":\(money(line.earnedCents)),\"result\":\"\(line.result.rawValue)\","
                    + "\"streak\":\(line.streak),\"total\":\(money(line.runningTotal))}"
            case .prizes:
                "{\"draws\":\(line.draws),\"result\":\"\(line.result.rawValue)\",\"streak\":\(line.streak),"
                    + "\"totalDraws\":\(line.runningTotal)}"
            }
        }
        let total =
            ledger.schedule == .vouchers
            ? "\"total\":\(money(ledger.totalCents))" : "\"totalDraws\":\(ledger.totalDraws)"
        return "{\"capReached\":\(ledger.capReached),\"schedule\":\"\(ledger.schedule.rawValue)\","
            + "\"screens\":[\(screens.joined(separator: ","))],\(total)}"
    }
}
