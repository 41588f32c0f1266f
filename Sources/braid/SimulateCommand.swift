import ArgumentParser
import BraidCore
import Foundation

/// `braid simulate`: synthetic check-in CSV from the cycle model (clinical-rules.md §4).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write synthetic check-in CSV for one simulated client.",
        discussion: """
            Weekend 2-day binges for the first two thirds of the days, then abstinence; AR(1) mood noise \
            (φ 0.3, σ 0.7); about 8 % of days unrated. Parameters are drawn from the profile's documented ranges \
            (see SimulationProfile in BraidCore). The same profile, days, seed and start give the same file.
            Synthetic data only: never a real person.
            """
    )

    @Option(help: "crash-driven, persistent, mixed or not-low.")
    var profile: String

    @Option(help: "Number of days, 1–3650.")
    var days: Int

    @Option(help: "Random seed (a whole number ≥ 0).")
    var seed: UInt64

    @Option(help: "First date, YYYY-MM-DD (default 2026-01-05, a Monday).")
    var start: String?

    func run() throws {
        guard let classification = CycleClassification(rawValue: profile),
            let simulationProfile = SimulationProfile.named(classification)
        else {
            throw BadInput(
                field: "--profile", "'\(profile)' is not a profile (allowed: crash-driven, persistent, mixed, not-low)")
        }
        guard (1...3650).contains(days) else { throw BadInput(field: "--days", "\(days) is out of range 1…3650") }
        var startDate = CycleSimulator.defaultStart
        if let start {
            guard let date = CalendarDate(iso: start) else {
                throw BadInput(field: "--start", "\"\(start)\" is not a date (YYYY-MM-DD)")
            }
            startDate = date
        }
        let client = CycleSimulator.simulate(simulationProfile, days: days, seed: seed, start: startDate)
        FileHandle.standardOutput.write(Data(CheckInCSV.write(client.days).utf8))
    }
}
